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
	a, ps, err := parse("a.txt", []byte("Title\n\n"+body), true)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeVocabulary(dir, []loaded{{Article: a, passages: ps}}); err != nil {
		t.Fatal(err)
	}
	v, err := readVocabularyFile(dir)
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

func TestVocabularyDamaged(t *testing.T) {
	for name, data := range map[string]string{
		"cut short":    "alpha\nbeta",
		"out of order": "beta\nalpha\n",
		"repeated":     "alpha\nalpha\n",
		"empty line":   "alpha\n\nbeta\n",
	} {
		if _, err := loadVocabulary([]byte(data)); err == nil {
			t.Errorf("%s: loadVocabulary accepted %q", name, data)
		}
	}
	if v, err := loadVocabulary(nil); err != nil || v.similar("a", 1) != nil {
		t.Errorf("empty vocabulary: %v, %v", v, err)
	}
}

func TestEditsWithin(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  bool
	}{
		{"kitten", "sitting", 3, true},
		{"kitten", "sitting", 2, false},
		{"élite", "elite", 1, true}, // one letter, two bytes
		{"soldiers", "soliders", 2, true},
		{"soldiers", "soliders", 1, false},
		{"", "ab", 2, true},
		{"abc", "abc", 0, true},
	} {
		if got := editsWithin([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("editsWithin(%q, %q, %d) = %v, want %v", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

// readVocabularyFile loads the vocabulary written to dir.
func readVocabularyFile(dir string) (*vocabulary, error) {
	b, err := os.ReadFile(filepath.Join(dir, wordsFile))
	if err != nil {
		return nil, err
	}
	return loadVocabulary(b)
}
