package index

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add(true, []byte("---\ntitle: T\noutlet: \"O: x\"\n---\n"+prose))
	f.Add(false, []byte("Title\nBy Jane Doe and John Roe\n\n"+prose))
	f.Add(true, []byte("---\ntitle: no closing line\n"+prose))
	f.Add(false, []byte("\ufeffTitle\r\n\r\nPHOTO CAPTION: Soldiers line up. KCNA via REUTERS\r\nMr. Kim said “no… never.” He left at 7 p.m. on Aug. 22.\r\n"))
	f.Fuzz(func(t *testing.T, markdown bool, data []byte) {
		name := "a.txt"
		if markdown {
			name = "a.md"
		}
		a, err := Parse(name, data)
		if err != nil {
			return
		}
		if !strings.Contains(string(data), a.Body) {
			t.Fatalf("body %q is not part of the input", a.Body)
		}
		if a.Title == "" {
			t.Fatal("parsed without a title")
		}
		ps := Split(a)
		if len(ps) == 0 {
			t.Fatal("Parse accepted an article Split finds no passage in")
		}
		checkPassages(t, a.Body, ps)
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("Mr. Kim met the troops on Aug. 22. U.S. officials said 15,000 went.")
	f.Add("“The forces… proved the power,” he said. It was 7 p.m.\n\nA photo.Credit...KCNA")
	f.Add("Caption: a b c d.\n(Photo by X) Soldiers stand in a row here.\n")
	f.Add("\xff\xfe invalid. Bytes here are not text. \x00 Still going on.")
	f.Fuzz(func(t *testing.T, body string) {
		checkPassages(t, body, Split(Article{ID: "a.md", Body: body}))
	})
}
