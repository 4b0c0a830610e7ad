package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// The vocabulary is every word of a generation's passages as written,
// lower-cased and sorted, so that a misspelt question word can be matched
// against real words. It is kept beside the Bleve index rather than as a
// second indexed field: no postings are needed, only the words. Comparing
// a word with each word of the same initial letter is quicker than
// building a Levenshtein automaton for it, even at ten thousand articles
// (about fifteen thousand words; see BENCHMARKS.md).
const wordsFile = "words"

// maxSimilar bounds how many similar words a lookup returns.
const maxSimilar = 20

// maxWordRunes bounds the words compared for spelling: longer ones are
// not words anyone misspells.
const maxWordRunes = 40

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

// writeVocabulary writes the vocabulary of articles' passages to genDir,
// one word a line.
func writeVocabulary(genDir string, articles []loaded) error {
	seen := map[string]struct{}{}
	for _, a := range articles {
		for _, p := range a.passages {
			letterWords(p.Text(a.Body), func(w string) { seen[w] = struct{}{} })
		}
	}
	return writeWords(genDir, seen)
}

// writeWords writes the words of seen to genDir's vocabulary, sorted, one
// a line.
func writeWords(genDir string, seen map[string]struct{}) error {
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return writeFileSync(filepath.Join(genDir, wordsFile), []byte(b.String()))
}

// vocabulary is a generation's words, sorted, with where the words of
// each initial byte begin.
type vocabulary struct {
	words []string
	from  [257]int32 // words[from[b]:from[b+1]] start with byte b
}

// loadVocabulary reads a vocabulary written by writeVocabulary. It keeps
// b, which must not be changed afterwards.
func loadVocabulary(b []byte) (*vocabulary, error) {
	text := unsafe.String(unsafe.SliceData(b), len(b))
	if text != "" && !strings.HasSuffix(text, "\n") {
		return nil, errors.New("vocabulary: the last line is cut short")
	}
	v := &vocabulary{words: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}
	if text == "" {
		v.words = nil
	}
	for i, w := range v.words {
		if w == "" || (i > 0 && w <= v.words[i-1]) {
			return nil, fmt.Errorf("vocabulary: line %d is out of order", i+1)
		}
	}
	next := 0
	for c := range 256 {
		v.from[c] = int32(next)
		for next < len(v.words) && int(v.words[next][0]) == c {
			next++
		}
	}
	v.from[256] = int32(len(v.words))
	return v, nil
}

// similar lists up to maxSimilar words within maxEdits edits of word
// (counted in letters) that start with the same byte: misspellings
// rarely change the first letter, and keeping it makes the lookup far
// cheaper. With no edits it is word itself, if an article uses it.
func (v *vocabulary) similar(word string, maxEdits int) []string {
	word = strings.ToLower(word)
	if word == "" || maxEdits < 0 || maxEdits > 2 {
		return nil
	}
	var buf, cbuf [maxWordRunes]rune
	target := runesOf(word, buf[:0])
	if target == nil {
		return nil
	}
	var out []string
	for _, w := range v.words[v.from[word[0]]:v.from[int(word[0])+1]] {
		if d := len(w) - len(word); d > maxEdits*utf8.UTFMax || -d > maxEdits*utf8.UTFMax {
			continue
		}
		if c := runesOf(w, cbuf[:0]); c == nil || !editsWithin(target, c, maxEdits) {
			continue
		}
		out = append(out, w)
		if len(out) == maxSimilar {
			break
		}
	}
	return out
}

// runesOf decodes s into buf, or returns nil if it has more runes than
// buf holds.
func runesOf(s string, buf []rune) []rune {
	for _, r := range s {
		if len(buf) == cap(buf) {
			return nil
		}
		buf = append(buf, r)
	}
	return buf
}

// editsWithin reports whether a and b are at most limit insertions,
// deletions and substitutions apart, giving up on a row as soon as every
// way through it is already over the limit.
func editsWithin(a, b []rune, limit int) bool {
	if d := len(a) - len(b); d > limit || -d > limit {
		return false
	}
	var prevBuf, curBuf [maxWordRunes + 1]int
	prev, cur := prevBuf[:len(b)+1], curBuf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
			best = min(best, cur[j])
		}
		if best > limit {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= limit
}
