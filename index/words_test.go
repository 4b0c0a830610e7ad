package index

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLetterWords(t *testing.T) {
	var got []string
	letterWords("Kim's troops—600 of them—fought in Kursk; «Pyongyang» ÉLITE", func(w string) { got = append(got, w) })
	want := []string{"kim", "s", "troops", "of", "them", "fought", "in", "kursk", "pyongyang", "élite"}
	if !slices.Equal(got, want) {
		t.Errorf("letterWords = %q, want %q", got, want)
	}
}

// vocabularyOf builds the vocabulary of one article with body.
func vocabularyOf(t *testing.T, body string) *vocabulary {
	t.Helper()
	a, ps, err := parse("a.txt", []byte("Title\n\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeVocabulary(dir, []loaded{{a, ps}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, wordsFile))
	if err != nil {
		t.Fatal(err)
	}
	v, err := loadVocabulary(b)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVocabularySimilar(t *testing.T) {
	v := vocabularyOf(t, "The soldiers were honoured at a ceremony in Pyongyang. Soldiers' families wept.")
	tests := []struct {
		word  string
		edits int
		want  []string
	}{
		{"soldiers", 0, []string{"soldiers"}},
		{"Soldiers", 0, []string{"soldiers"}},
		{"soliders", 0, nil},
		{"soliders", 2, []string{"soldiers"}},
		{"ceremny", 1, []string{"ceremony"}},
		{"honored", 1, []string{"honoured"}},
		{"pyongyng", 1, []string{"pyongyang"}},
		{"oldiers", 1, nil}, // the first letter is kept
		{"wep", 1, []string{"wept"}},
		{"wepr", 2, []string{"wept", "were"}},
		{"", 1, nil},
		{"soldiers", 3, nil},
	}
	for _, tc := range tests {
		if got := v.similar(tc.word, tc.edits); !slices.Equal(got, tc.want) {
			t.Errorf("similar(%q, %d) = %q, want %q", tc.word, tc.edits, got, tc.want)
		}
	}
}

func TestVocabularySimilarIsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 26 {
		for j := range 26 {
			fmt.Fprintf(&b, "b%c%c ", 'a'+i, 'a'+j)
		}
	}
	b.WriteString("end.")
	v := vocabularyOf(t, b.String())
	if got := v.similar("bzz", 2); len(got) != maxSimilar {
		t.Errorf("similar returned %d words, want at most %d", len(got), maxSimilar)
	}
}
