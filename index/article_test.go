package index

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const prose = "North Korean troops returned from Kursk this week. Kim Jong Un met them in Pyongyang.\n"

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             Article
	}{
		{
			name: "all fields",
			file: "a.md",
			data: "---\ntitle: Kim honours troops\noutlet: Reuters\nauthor: Joyce Lee and Ju-min Park\ndate: 2025-08-22\nurl: https://example.com/a?b=c\n---\n" + prose,
			want: Article{Title: "Kim honours troops", Outlet: "Reuters", Author: "Joyce Lee and Ju-min Park", Date: "2025-08-22", URL: "https://example.com/a?b=c", Body: prose},
		},
		{
			name: "quoted values keep their colons",
			file: "a.md",
			data: "---\ntitle: \"Kim: the troops are heroes\"\noutlet: 'The Kyiv Independent'\n---\n" + prose,
			want: Article{Title: "Kim: the troops are heroes", Outlet: "The Kyiv Independent", Body: prose},
		},
		{
			name: "keys in any case, empty values stay unknown",
			file: "a.md",
			data: "---\nTitle: Kim honours troops\nOUTLET:\nauthor:\nnot a field\n---\n" + prose,
			want: Article{Title: "Kim honours troops", Body: prose},
		},
		{
			name: "CRLF and a byte order mark",
			file: "a.md",
			data: "\ufeff---\r\ntitle: Kim honours troops\r\noutlet: ABC\r\n---\r\n" + strings.ReplaceAll(prose, "\n", "\r\n"),
			want: Article{Title: "Kim honours troops", Outlet: "ABC", Body: strings.ReplaceAll(prose, "\n", "\r\n")},
		},
		{
			name: "empty title falls back to the first line",
			file: "a.md",
			data: "---\ntitle:\noutlet: ABC\n---\nKim honours troops\n" + prose,
			want: Article{Title: "Kim honours troops", Outlet: "ABC", Body: "Kim honours troops\n" + prose, Headline: "Kim honours troops"},
		},
		{
			name: "plain text: first non-empty line is the title, byline the author",
			file: "story.txt",
			data: "\n\n  Kim honours troops who fought for Russia  \nBy Joyce Lee and Ju-min Park\n\n" + prose,
			want: Article{Title: "Kim honours troops who fought for Russia", Author: "Joyce Lee and Ju-min Park", Body: "\n\n  Kim honours troops who fought for Russia  \nBy Joyce Lee and Ju-min Park\n\n" + prose,
				Headline: "Kim honours troops who fought for Russia", Byline: "By Joyce Lee and Ju-min Park"},
		},
		{
			name: "plain text: page furniture above the headline is not the title; the date line gives the date",
			file: "story.txt",
			data: " date 2025-08-22 Become a member\nKim honours troops\n\n2 min read\nShare\n" + prose,
			want: Article{Title: "Kim honours troops", Date: "2025-08-22", Body: " date 2025-08-22 Become a member\nKim honours troops\n\n2 min read\nShare\n" + prose,
				Headline: "Kim honours troops", Dateline: "2025-08-22"},
		},
		{
			name: "plain text: a posting time and a share button above the headline",
			file: "story.txt",
			data: "Share\n2 hours ago 2\n\nNorth Korea Honors Its Soldiers\n" + prose,
			want: Article{Title: "North Korea Honors Its Soldiers", Body: "Share\n2 hours ago 2\n\nNorth Korea Honors Its Soldiers\n" + prose,
				Headline: "North Korea Honors Its Soldiers"},
		},
		{
			name: "plain text: a headline with a date in it is the title; a dated sentence is no date line",
			file: "story.txt",
			data: "Kim honours soldiers ahead of Aug. 22, 2025 ceremony\nThe war began on Feb. 24, 2022.\n" + prose,
			want: Article{Title: "Kim honours soldiers ahead of Aug. 22, 2025 ceremony", Body: "Kim honours soldiers ahead of Aug. 22, 2025 ceremony\nThe war began on Feb. 24, 2022.\n" + prose,
				Headline: "Kim honours soldiers ahead of Aug. 22, 2025 ceremony"},
		},
		{
			name: "plain text: an update stamp gives the date",
			file: "story.txt",
			data: "Museum opens\nUpdated 9:14 AM GMT+9, September 3, 2025\n" + prose,
			want: Article{Title: "Museum opens", Date: "2025-09-03", Body: "Museum opens\nUpdated 9:14 AM GMT+9, September 3, 2025\n" + prose,
				Headline: "Museum opens", Dateline: "September 3, 2025"},
		},
		{
			name: "plain text: a title of one word is a title",
			file: "story.txt",
			data: "Warsaw\n\n" + prose,
			want: Article{Title: "Warsaw", Body: "Warsaw\n\n" + prose, Headline: "Warsaw"},
		},
		{
			name: "plain text: lower-case byline",
			file: "story.TXT",
			data: "Kim honours troops\nby Olena Goncharova\n" + prose,
			want: Article{Title: "Kim honours troops", Author: "Olena Goncharova", Body: "Kim honours troops\nby Olena Goncharova\n" + prose,
				Headline: "Kim honours troops", Byline: "by Olena Goncharova"},
		},
		{
			name: "front matter author wins over a byline, which is then not quoted as the author's",
			file: "a.md",
			data: "---\ntitle: T\nauthor: Choe Sang-Hun\n---\nBy Someone Else\n" + prose,
			want: Article{Title: "T", Author: "Choe Sang-Hun", Body: "By Someone Else\n" + prose},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(filepath.Join("seeds", tc.file), []byte(tc.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tc.want.ID = tc.file
			tc.want.File = filepath.Join("seeds", tc.file)
			if got != tc.want {
				t.Errorf("Parse:\n got %+v\nwant %+v", got, tc.want)
			}
			if !strings.Contains(tc.data, got.Body) {
				t.Errorf("body is not a part of the file")
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"empty", "a.md", nil, ErrEmpty},
		{"white space only", "a.txt", []byte(" \n\t\r\n  \n"), ErrEmpty},
		{"binary", "a.md", append([]byte(prose), 0, 1, 2, 3), ErrBinary},
		{"UTF-16", "a.txt", []byte("\xff\xfeK\x00i\x00m\x00"), ErrBinary},
		{"invalid UTF-8", "a.md", append([]byte(prose), 0xff, 0xfe, 'x'), ErrEncoding},
		{"too large", "a.md", bytes.Repeat([]byte(prose), MaxArticleBytes/len(prose)+1), ErrTooLarge},
		{"wrong extension", "a.exe", []byte(prose), ErrFileType},
		{"no extension", "README", []byte(prose), ErrFileType},
		{"front matter only", "a.md", []byte("---\ntitle: T\n---\n"), ErrNoText},
		{"only furniture", "a.txt", []byte("Kim honours troops\nBy Joyce Lee\n2 min read\nRead Entire Article\nComments\n"), ErrNoText},
		{"sentences too short", "a.txt", []byte("Title\nYes.\nNo.\n"), ErrNoText},
		{"front matter never closed", "a.md", []byte("---\ntitle: Forged\noutlet: Reuters\n\n" + prose), ErrUnclosedFrontMatter},
		{"front matter never closed, CRLF", "a.MD", []byte("---\r\ntitle: Forged\r\n\r\n" + prose), ErrUnclosedFrontMatter},
		{"front matter never closed, text", "a.txt", []byte("---\noutlet: Reuters\nauthor: Somebody\n" + prose), ErrUnclosedFrontMatter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.file, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse = %+v, %v; want %v", a, err, tc.want)
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b-good.md", []byte("---\ntitle: Good B\noutlet: Reuters\n---\n"+prose))
	write("a-good.txt", []byte("Good A\nBy Jane Doe\n\n"+prose))
	write("empty.md", nil)
	write("blank.txt", []byte("  \n\n \t\n"))
	write("binary.md", append([]byte(prose), 0, 0, 0))
	write("latin1.txt", []byte("Caf\xe9 owners in Seoul said the troops returned home. They were cheered.\n"))
	write("huge.md", bytes.Repeat([]byte(prose), 5<<20/len(prose)+1))
	write("furniture.txt", []byte("Headline\nBy Jane Doe\nRead Entire Article\nComments\nBecome a member\n"))
	write("notes.pdf", []byte(prose))
	write("README", []byte(prose))
	write(".hidden.md", []byte("---\ntitle: Hidden\n---\n"+prose))
	// An operator's file with a broken header: read as text, with a warning.
	write("c-open.md", []byte("---\n\nKim greets the troops\noutlet: Reuters\n\n"+prose))
	if err := os.Mkdir(filepath.Join(dir, "sub.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub.md", "inner.md"), []byte("---\ntitle: Inner\n---\n"+prose), 0o644); err != nil {
		t.Fatal(err)
	}

	articles, skipped, err := loadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range articles {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, " "), "a-good.txt b-good.md c-open.md"; got != want {
		t.Errorf("loaded %q, want %q", got, want)
	}
	for _, a := range articles {
		if (a.warning != "") != (a.ID == "c-open.md") {
			t.Errorf("%s loaded with warning %q", a.ID, a.warning)
		}
	}
	if len(articles) == 3 {
		if c := articles[2]; c.Title != "Kim greets the troops" || c.Outlet != "" || !strings.HasPrefix(c.Body, "---\n") || !strings.Contains(c.warning, "never closed") {
			t.Errorf("c-open.md loaded as %+v, warning %q: want plain text, titled by its first line of text", c.Article, c.warning)
		}
		if a := articles[0]; a.Title != "Good A" || a.Author != "Jane Doe" || a.File != filepath.Join(dir, "a-good.txt") {
			t.Errorf("a-good.txt loaded as %+v", a)
		}
		if b := articles[1]; b.Title != "Good B" || b.Outlet != "Reuters" || b.Body != prose {
			t.Errorf("b-good.md loaded as %+v", b)
		}
	}

	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[filepath.Base(s.File)] = s.Reason
		if filepath.Dir(s.File) != dir {
			t.Errorf("skipped file %q is not named by its path in %s", s.File, dir)
		}
	}
	wantSkipped := map[string]error{
		"empty.md":      ErrEmpty,
		"blank.txt":     ErrEmpty,
		"binary.md":     ErrBinary,
		"latin1.txt":    ErrEncoding,
		"huge.md":       ErrTooLarge,
		"furniture.txt": ErrNoText,
	}
	for name, want := range wantSkipped {
		t.Run(name, func(t *testing.T) {
			got, ok := reasons[name]
			if !ok {
				t.Fatalf("%s not reported as skipped (skipped: %v)", name, skipped)
			}
			if got != want.Error() {
				t.Errorf("%s skipped because %q, want %q", name, got, want.Error())
			}
		})
	}
	if len(skipped) != len(wantSkipped) {
		t.Errorf("skipped %v, want exactly %d files (other names are not articles and are ignored)", skipped, len(wantSkipped))
	}
}

func TestLoadDirMissing(t *testing.T) {
	_, _, err := loadDir(filepath.Join(t.TempDir(), "nope"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("loadDir of a missing directory: %v, want ErrNotExist", err)
	}
}

func TestLoadDirSymlinkToDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Skip("cannot make a symlink:", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte("---\ntitle: Good\n---\n"+prose), 0o644); err != nil {
		t.Fatal(err)
	}
	// Reading /dev/zero would never end; the loader must refuse it.
	articles, skipped, err := loadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 1 || len(skipped) != 1 || filepath.Base(skipped[0].File) != "zero.md" {
		t.Errorf("loaded %d, skipped %v; want good.md loaded and zero.md skipped", len(articles), skipped)
	}
}

// The operator learns of a seed read as plain text from the log.
func TestOpenWarnsOfUnclosedFrontMatter(t *testing.T) {
	seeds := copySeeds(t)
	if err := os.WriteFile(filepath.Join(seeds, "zz-open.md"), []byte("---\ntitle: Open\n\n"+prose), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	st, _ := openStore(t, seeds, t.TempDir(), Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	for _, a := range snap.Meta().Articles {
		if a.ID == "zz-open.md" && a.Title != "title: Open" {
			t.Errorf("zz-open.md titled %q, want its first line of text", a.Title)
		}
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "zz-open.md") || !strings.Contains(logs.String(), "never closed") {
		t.Errorf("no warning naming the file:\n%s", logs.String())
	}
}

// TestMetaLines: the headline, byline and date line are cut verbatim
// from the seeds' own text, and left empty where the text has none.
func TestMetaLines(t *testing.T) {
	want := map[string][3]string{
		"000-reuters-kim-decorates-soldiers.md":     {"Kim Jong Un decorates North Korean soldiers who fought Ukraine", "By Joyce Lee and Ju-min Park", ""},
		"001-nyt-north-korea-honors-soldiers.md":    {"North Korea Honors Its Soldiers Who Fought in Ukraine", "Choe Sang-Hun", "Aug. 22, 2025, 7:12 a.m. ET"},
		"002-kyiv-independent-kim-awards-troops.md": {"Kim Jong Un reportedly awards troops who fought for Russia", "by Olena Goncharova", "2025-08-22"},
		"004-abc-kim-pays-tribute.md":               {"Kim Jong-un pays tribute to North Korean soldiers who fought in the Ukraine war.", "", ""},
	}
	for name, w := range want {
		b, err := os.ReadFile(filepath.Join(seedsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := parse(name, b, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := [3]string{a.Headline, a.Byline, a.Dateline}; got != w {
			t.Errorf("%s: headline, byline, date line %q, want %q", name, got, w)
		}
		for _, l := range []string{a.Headline, a.Byline, a.Dateline} {
			if !strings.Contains(a.Body, l) {
				t.Errorf("%s: %q is not in the body", name, l)
			}
		}
	}
	a, _, err := parse("x.txt", []byte("A title\n\nBy Monday, the troops had left.\nBy nobody in particular, a line that goes on and on and on for far too long to be a byline at all.\nPublished 3 March 2024\nText of the story goes here.\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if a.Byline != "" || a.Dateline != "3 March 2024" || a.Headline != "A title" {
		t.Errorf("plain text: headline %q byline %q date line %q", a.Headline, a.Byline, a.Dateline)
	}
}

// TestCreditsLine: a wire story's closing credit line is kept, verbatim,
// for "who edited it", on one line or on several; a story without one, or
// a sentence of the story that starts like one, gives none.
func TestCreditsLine(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(seedsDir, "000-reuters-kim-decorates-soldiers.md"))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := parse("000-reuters-kim-decorates-soldiers.md", b, false)
	if err != nil {
		t.Fatal(err)
	}
	const want = "(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)"
	if a.Credits != want || !strings.Contains(a.Body, a.Credits) {
		t.Errorf("Reuters credits %q, want %q, verbatim from the body", a.Credits, want)
	}
	for name, tc := range map[string]struct{ text, want string }{
		"none":     {"A title\n\nThe troops came home on Friday.\n", ""},
		"sentence": {"A title\n\nThe troops came home.\n\nReporting by state media said they were heroes.\n", ""},
		"long":     {"A title\n\nThe troops came home.\n\n(Reporting by state media, " + strings.Repeat("and more, ", 50) + ")\n", ""},
		"then a sentence": {
			"A title\n\nThe troops came home.\n\n(Reporting by Ann Lee; Editing by Bo Li)\n\nCompiled by hand, the list of the dead ran to 600 names, officials said.\n",
			"(Reporting by Ann Lee; Editing by Bo Li)",
		},
		"two lines": {
			"A title\n\nThe troops came home.\n\nReporting by Ann Lee in Seoul\nEditing by Bo Li\n",
			"Reporting by Ann Lee in Seoul\nEditing by Bo Li",
		},
	} {
		a, _, err := parse("x.txt", []byte(tc.text), false)
		if err != nil {
			t.Fatal(err)
		}
		if a.Credits != tc.want || !strings.Contains(a.Body, a.Credits) {
			t.Errorf("%s: credits %q, want %q, verbatim", name, a.Credits, tc.want)
		}
	}
}

// loadDir reads every article in dir with its passages, in name order, as
// a build reads them (articlePaths, readInOrder): a file that is not a
// valid article is reported as skipped; only an unreadable directory is
// an error.
func loadDir(dir string) ([]loaded, []Skipped, error) {
	paths, err := articlePaths(dir)
	if err != nil {
		return nil, nil, err
	}
	var (
		articles []loaded
		skipped  []Skipped
	)
	err = readInOrder(context.Background(), paths, func(path string, l loaded, err error) error {
		if err != nil {
			skipped = append(skipped, Skipped{File: path, Reason: err.Error()})
		} else {
			articles = append(articles, l)
		}
		return nil
	})
	return articles, skipped, err
}

func TestISODate(t *testing.T) {
	tests := map[string]string{
		"2025-08-22":                  "2025-08-22",
		"Aug. 22, 2025":               "2025-08-22",
		"Aug. 22, 2025, 7:12 a.m. ET": "2025-08-22",
		"August 22, 2025":             "2025-08-22",
		"Sept. 3, 2025":               "2025-09-03",
		"22 August 2025":              "2025-08-22",
		"3 Sep 2025":                  "2025-09-03",
		"":                            "",
		"June 31, 2025":               "",
		"2025-13-01":                  "",
		"Aug. 2025":                   "",
	}
	for in, want := range tests {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}
