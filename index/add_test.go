package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// listing is a directory's file names and sizes.
func listing(t testing.TB, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d\n", e.Name(), info.Size())
	}
	return b.String()
}

var addedName = regexp.MustCompile(`^\d{8}-\d{6}-[a-z0-9-]+\.(md|txt)$`)

func TestAddArticle(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, first := openStore(t, seeds, dir, Options{})
	outside := listing(t, filepath.Dir(seeds))

	// Every name is hostile or odd; only its extension may count.
	tests := []struct {
		name, word string
	}{
		{"../../etc/passwd.txt", "aardvark"},
		{"/abs/path.md", "bandicoot"},
		{`..\x.md`, "capybara"},
		{"a/b.txt", "dugong"},
		{"CAPS.TXT", "echidna"},
	}
	passages := first.Passages
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := fmt.Sprintf("The %s story\n\nBy Jane Doe\n\nA %s was seen near the border on Monday. Nobody in Seoul could explain it.\n", tc.word, tc.word)
			rep, err := st.AddArticle(context.Background(), tc.name, []byte(body))
			if err != nil {
				t.Fatalf("AddArticle: %v", err)
			}
			if !addedName.MatchString(rep.Added) || filepath.Base(rep.Added) != rep.Added {
				t.Errorf("saved as %q, want a generated plain name", rep.Added)
			}
			if strings.Contains(rep.Added, "passwd") || strings.Contains(rep.Added, "path") || strings.Contains(rep.Added, "CAPS") {
				t.Errorf("saved as %q, which comes from the given name", rep.Added)
			}
			saved, err := os.ReadFile(filepath.Join(seeds, rep.Added))
			if err != nil || !bytes.Equal(saved, []byte(body)) {
				t.Errorf("saved file: %q, %v", saved, err)
			}
			if !rep.Built || rep.Passages != passages+2 {
				t.Errorf("report %+v, want a build of %d passages", rep, passages+2)
			}
			passages = rep.Passages
			mustFindTop(t, st, tc.word+" seen", fmt.Sprintf("A %s was seen near the border on Monday.", tc.word))
			snap, release, err := st.Acquire()
			if err != nil {
				t.Fatal(err)
			}
			a, ok := snap.Article(rep.Added)
			release()
			if !ok || a.Title != "The "+tc.word+" story" || a.Author != "Jane Doe" || a.File != filepath.Join(seeds, rep.Added) {
				t.Errorf("indexed article %+v, %v", a, ok)
			}
		})
	}
	if got := listing(t, filepath.Dir(seeds)); got != outside {
		t.Errorf("the directory above the seeds changed:\n%s\nwas\n%s", got, outside)
	}
	for _, p := range []string{"/abs/path.md", "/etc/passwd.txt", filepath.Join(filepath.Dir(seeds), "x.md")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s exists", p)
		}
	}
}

// Two different articles with the same title, added in the same second,
// are both kept.
func TestAddArticleSameTitle(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	var names []string
	for _, word := range []string{"first", "second", "third"} {
		body := fmt.Sprintf("Breaking news\n\nThe %s report came in on Monday from the border. It was brief.\n", word)
		rep, err := st.AddArticle(context.Background(), "a.txt", []byte(body))
		if err != nil {
			t.Fatalf("AddArticle %s: %v", word, err)
		}
		names = append(names, rep.Added)
	}
	slices.Sort(names)
	if len(slices.Compact(names)) != 3 {
		t.Errorf("saved as %v, want three names", names)
	}
	mustFindTop(t, st, "third report", "The third report came in on Monday from the border.")
}

func TestAddArticleRejects(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, first := openStore(t, seeds, dir, Options{})
	gen := readCurrentFile(t, dir)
	before := listing(t, seeds)

	tests := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"binary", "a.txt", append([]byte(prose), 0, 1, 2), ErrBinary},
		{"empty", "a.md", nil, ErrEmpty},
		{"white space", "a.md", []byte("\n \n"), ErrEmpty},
		{"invalid UTF-8", "a.txt", []byte("Title\n\nCaf\xe9 owners said the troops came home. They cheered.\n"), ErrEncoding},
		{"no sentences", "a.txt", []byte("Title\nRead Entire Article\nComments\n"), ErrNoText},
		{"wrong extension", "a.exe", []byte(prose), ErrFileType},
		{"no extension", "article", []byte(prose), ErrFileType},
		{"double extension", "a.txt.sh", []byte(prose), ErrFileType},
		{"too large", "a.txt", bytes.Repeat([]byte("Title\n\n"+prose), MaxArticleBytes/len(prose)+1), ErrTooLarge},
		{"duplicate of a seed", "copy.md", readSeed(t, "001-nyt-north-korea-honors-soldiers.md"), ErrDuplicate},
		{"duplicate under another extension", "copy.txt", readSeed(t, "004-abc-kim-pays-tribute.md"), ErrDuplicate},
		{"front matter never closed", "a.md", []byte("---\ntitle: Forged\noutlet: Reuters\n\n" + prose), ErrUnclosedFrontMatter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := st.AddArticle(context.Background(), tc.file, tc.data)
			if !errors.Is(err, tc.want) || !Invalid(err) {
				t.Errorf("AddArticle: %+v, %v; want %v, an invalid article", rep, err, tc.want)
			}
			if rep.Added != "" || rep.Built {
				t.Errorf("report %+v for a rejected article", rep)
			}
			if got := listing(t, seeds); got != before {
				t.Errorf("seeds changed:\n%s\nwas\n%s", got, before)
			}
			if got := readCurrentFile(t, dir); got != gen {
				t.Errorf("the index was rebuilt: CURRENT %s, was %s", got, gen)
			}
		})
	}
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if snap.NumPassages() != first.Passages {
		t.Errorf("%d passages, was %d", snap.NumPassages(), first.Passages)
	}
}

// When the rebuild after an add fails, the added file is taken out again.
func TestAddArticleRebuildFails(t *testing.T) {
	if rerunAsNonRoot(t) {
		return
	}
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	before := listing(t, seeds)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if canWrite(dir) {
		t.Skip("chmod does not stop this user writing (root?)")
	}
	_, err := st.AddArticle(context.Background(), "a.txt", []byte("Title\n\n"+prose))
	if err == nil {
		t.Fatal("AddArticle succeeded with a read-only index directory")
	}
	if Invalid(err) {
		t.Errorf("a failed rebuild is blamed on the article: %v", err)
	}
	if got := listing(t, seeds); got != before {
		t.Errorf("seeds changed:\n%s\nwas\n%s", got, before)
	}
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)
}

// A failure to save is the server's, not the file's: Invalid says so.
func TestAddArticleSaveFails(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	if err := os.RemoveAll(seeds); err != nil {
		t.Fatal(err)
	}
	_, err := st.AddArticle(context.Background(), "a.txt", []byte("Title\n\n"+prose))
	if err == nil || Invalid(err) {
		t.Errorf("AddArticle with the seeds gone: %v, want an error that is not the article's", err)
	}
}

// The same article sent several times at once is saved once: the others
// are duplicates of that file, never of a temporary one.
func TestAddArticleConcurrentDuplicates(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	before, _ := os.ReadDir(seeds)
	body := []byte("The okapi story\n\nAn okapi was seen near the border on Monday. Nobody in Seoul could explain it.\n")
	const n = 6
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		saved []string
		dups  []error
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := st.AddArticle(context.Background(), "okapi.txt", body)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				saved = append(saved, rep.Added)
			case errors.Is(err, ErrDuplicate):
				dups = append(dups, err)
			default:
				t.Errorf("AddArticle: %v", err)
			}
		}()
	}
	wg.Wait()
	if len(saved) != 1 || len(dups) != n-1 {
		t.Fatalf("saved %v and %d duplicates, want one saved and %d duplicates", saved, len(dups), n-1)
	}
	for _, err := range dups {
		if !strings.Contains(err.Error(), "("+saved[0]+")") {
			t.Errorf("%v: want a duplicate of %s", err, saved[0])
		}
	}
	after, _ := os.ReadDir(seeds)
	if len(after) != len(before)+1 {
		t.Errorf("%d files in the seeds, want %d", len(after), len(before)+1)
	}
}

// Hidden files (a temporary file left by a crash, an operator's copy in
// progress) are not articles: an upload with the same content is added.
func TestAddArticleIgnoresHiddenFiles(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	body := []byte("The tapir story\n\nA tapir was seen near the border on Monday. Nobody in Seoul could explain it.\n")
	for _, name := range []string{".20260101-000000-the-tapir-story.txt.tmp-4242", ".copying.txt"} {
		if err := os.WriteFile(filepath.Join(seeds, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := st.AddArticle(context.Background(), "tapir.txt", body)
	if err != nil || rep.Added == "" {
		t.Fatalf("AddArticle: %+v, %v; want it added", rep, err)
	}
}

// An added article is readable by everyone, like the bundled ones, so a
// process running as another user on a shared seeds directory reads it.
func TestAddArticleReadableByAll(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	rep, err := st.AddArticle(context.Background(), "numbat.md", []byte("The numbat story\n\nA numbat was seen near the border on Monday. Nobody in Seoul could explain it.\n"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(seeds, rep.Added))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o644 {
		t.Errorf("saved with mode %v, want -rw-r--r--", info.Mode())
	}
}

// Temporary files left in the seeds by an interrupted save are removed
// when the store opens; other hidden files are the operator's and stay.
func TestOpenSweepsStaleTempFiles(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	stale := []string{".20260101-000000-a.md.tmp-123456", ".20260101-000000-b-2.txt.tmp-9"}
	kept := []string{".operator-copy.md", ".notes.md.tmp", "z.md.tmp-1"}
	for _, name := range append(slices.Clone(stale), kept...) {
		if err := os.WriteFile(filepath.Join(seeds, name), []byte("Half\n\nA half-written article. It stops"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	openStore(t, seeds, dir, Options{})
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(seeds, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %v, want it removed", name, err)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(seeds, name)); err != nil {
			t.Errorf("%s: %v, want it kept", name, err)
		}
	}
}
