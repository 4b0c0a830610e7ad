package storysynth

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storybot/storybot/index"
)

var seedsDir = filepath.Join("..", "..", "seeds")

// TestArticlesRecombineTheSeeds checks that articles are deterministic, parse
// as seed files and are made of the seeds' sentences.
func TestArticlesRecombineTheSeeds(t *testing.T) {
	src, err := Load(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string]bool{}
	for _, s := range src.sentences {
		seeds[s] = true
	}
	for i := range 30 {
		name, data := src.Article(5, i)
		name2, data2 := src.Article(5, i)
		if name != name2 || !bytes.Equal(data, data2) {
			t.Fatalf("article %d differs between two calls with the same seed", i)
		}
		if _, other := src.Article(6, i); bytes.Equal(data, other) {
			t.Errorf("article %d is the same for seeds 5 and 6", i)
		}
		a, err := index.Parse(name, data)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if a.Outlet == "" || a.Title == "" {
			t.Errorf("article %d has no outlet or title: %+v", i, a)
		}
		found := 0
		for s := range seeds {
			if strings.Contains(a.Body, s) {
				found++
			}
		}
		if found < 15 {
			t.Errorf("article %d holds %d of the seeds' sentences, want about thirty", i, found)
		}
	}
}

// TestSentences checks the splitter: abbreviations and initials do not end
// a sentence, a closing quote stays with its sentence, short ones are left
// out.
func TestSentences(t *testing.T) {
	got := sentences(`Mr. Kim spoke on Friday. "They are heroes of the nation." Did he cry? Yes, said Vladimir V. Putin, at length.`)
	want := []string{"Mr. Kim spoke on Friday.", `"They are heroes of the nation."`, "Yes, said Vladimir V. Putin, at length."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}
