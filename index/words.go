package index

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/vellum"
	lev "github.com/blevesearch/vellum/levenshtein"
)

// The vocabulary is every word of a generation's passages as written,
// lower-cased, in a finite-state transducer (the structure Bleve keeps its
// term dictionaries in), so that a misspelt question word can be matched
// against real words with a Levenshtein automaton. It is built beside the
// Bleve index rather than as a second indexed field: no postings are
// needed, only the words.
const wordsFile = "words"

// maxSimilar bounds how many similar words a lookup returns.
const maxSimilar = 20

// letterWords splits text into lower-cased runs of letters: "Kim's" is
// "kim" and "s", as the question's words are looked up.
func letterWords(text string, visit func(word string)) {
	start := -1
	for i, r := range text {
		switch letter := unicode.IsLetter(r); {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			visit(strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		visit(strings.ToLower(text[start:]))
	}
}

// writeVocabulary writes the vocabulary of articles' passages to genDir.
func writeVocabulary(genDir string, articles []loaded) error {
	seen := map[string]struct{}{}
	for _, a := range articles {
		for _, p := range a.passages {
			letterWords(p.Text(a.Body), func(w string) { seen[w] = struct{}{} })
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return err
	}
	for _, w := range words {
		if err := b.Insert([]byte(w), 0); err != nil {
			return fmt.Errorf("vocabulary: %w", err)
		}
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	return writeFileSync(filepath.Join(genDir, wordsFile), buf.Bytes())
}

// vocabulary is a generation's words, loaded.
type vocabulary struct{ fst *vellum.FST }

// loadVocabulary reads a vocabulary written by writeVocabulary.
func loadVocabulary(b []byte) (v *vocabulary, err error) {
	// The checksums have passed, but a damaged file must fail, not crash.
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("vocabulary: %v", r)
		}
	}()
	fst, err := vellum.Load(b)
	if err != nil {
		return nil, fmt.Errorf("vocabulary: %w", err)
	}
	return &vocabulary{fst}, nil
}

// levBuilders make Levenshtein automata for one and two edits. Making a
// builder takes milliseconds, so each is made once, when first needed.
var levBuilders = sync.OnceValues(func() ([2]*lev.LevenshteinAutomatonBuilder, error) {
	var out [2]*lev.LevenshteinAutomatonBuilder
	for i := range out {
		b, err := lev.NewLevenshteinAutomatonBuilder(uint8(i+1), true)
		if err != nil {
			return out, err
		}
		out[i] = b
	}
	return out, nil
})

// similar lists up to maxSimilar words within maxEdits (1 or 2) edits of
// word that start with the same letter: misspellings rarely change the
// first letter, and keeping it makes the lookup far cheaper.
func (v *vocabulary) similar(word string, maxEdits int) []string {
	word = strings.ToLower(word)
	if word == "" || maxEdits < 0 || maxEdits > 2 {
		return nil
	}
	if maxEdits == 0 {
		if ok, _ := v.fst.Contains([]byte(word)); ok {
			return []string{word}
		}
		return nil
	}
	builders, err := levBuilders()
	if err != nil {
		return nil
	}
	dfa, err := builders[maxEdits-1].BuildDfa(word, uint8(maxEdits))
	if err != nil {
		return nil
	}
	first := []byte(word[:1])
	it, err := v.fst.Search(dfa, first, prefixEnd(first))
	var out []string
	for err == nil && len(out) < maxSimilar {
		key, _ := it.Current()
		out = append(out, string(key))
		err = it.Next()
	}
	if err != nil && !errors.Is(err, vellum.ErrIteratorDone) {
		return nil
	}
	return out
}

// prefixEnd is the first key after every key starting with prefix (nil
// when there is none).
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
