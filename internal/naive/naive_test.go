package naive

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestBuildAndAsk: the baseline indexes each sentence of an article's
// body, front matter left out, and finds them by a plain match query.
func TestBuildAndAsk(t *testing.T) {
	seeds := t.TempDir()
	article := "---\ntitle: Soldiers\n---\nAbout 600 soldiers died. Kim gave medals!\n"
	if err := os.WriteFile(filepath.Join(seeds, "a.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(seeds, "notes.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "idx")
	n, err := Build(seeds, path)
	if err != nil || n != 2 {
		t.Fatalf("Build = %d, %v; want 2 sentences", n, err)
	}
	idx, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	res, err := Ask(idx, "how many soldiers died")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Fields["text"] != "About 600 soldiers died." {
		t.Errorf("first hit %v, want the sentence about the dead", res.Hits)
	}
}
