package answer

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// wordnet.txt holds, from Princeton WordNet 3.0 (wordnet.NOTICE is its
// licence), sorted, the synonyms of each word's most common sense
// ("ceremony ceremonial observance"), the irregular forms of words with
// their base ("=fought fight"), and the English words whose most common
// sense is a kind of a noun (">flower … chrysanthemum …").
// `go run ./internal/wordnet` writes it.
//
//go:embed wordnet.txt
var wordnetTxt string

type wordNet struct {
	lines []string            // sorted: the "=form base" lines first
	forms map[string][]string // base → irregular forms
}

// wordnet loads the table once: its lines, looked up by binary search,
// and the irregular forms by base.
var wordnet = sync.OnceValue(func() *wordNet {
	wn := &wordNet{lines: strings.Split(strings.TrimSpace(wordnetTxt), "\n"), forms: map[string][]string{}}
	for _, line := range wn.lines {
		if !strings.HasPrefix(line, "=") {
			break
		}
		if form, base, ok := strings.Cut(line[1:], " "); ok {
			wn.forms[base] = append(wn.forms[base], form)
		}
	}
	return wn
})

// find returns the rest of the line that starts with key and a space.
func (wn *wordNet) find(key string) (string, bool) {
	key += " "
	i := sort.SearchStrings(wn.lines, key)
	if i < len(wn.lines) && strings.HasPrefix(wn.lines[i], key) {
		return wn.lines[i][len(key):], true
	}
	return "", false
}

// synonyms lists the synonyms of a lemma's most common sense.
func (wn *wordNet) synonyms(lemma string) []string {
	rest, _ := wn.find(lemma)
	return strings.Fields(rest)
}

// narrower lists the words whose most common sense is a kind of lemma
// ("flower" → chrysanthemum, "award" → medal).
func (wn *wordNet) narrower(lemma string) []string {
	rest, _ := wn.find(">" + lemma)
	return strings.Fields(rest)
}

// base is word's lemma: its base when it is an irregular form ("fought"
// → "fight"), else the word itself when the table knows it, else the
// first form without a regular ending that the table knows ("flowers"
// → "flower", "bullies" → "bully"), else word.
func (wn *wordNet) base(word string) string {
	if b := wn.lemma(word); b != word {
		return b
	}
	known := func(w string) bool {
		_, syn := wn.find(w)
		_, nar := wn.find(">" + w)
		return syn || nar
	}
	if known(word) {
		return word
	}
	for _, e := range regularEndings {
		if b, ok := strings.CutSuffix(word, e.suffix); ok && len(b) >= 2 {
			if w := b + e.base; known(w) {
				return w
			}
		}
	}
	return word
}

// regularEndings undo English's regular inflections, as WordNet's morphy
// does: the first whose base the table knows wins.
var regularEndings = []struct{ suffix, base string }{
	{"ies", "y"}, {"ches", "ch"}, {"shes", "sh"}, {"sses", "ss"}, {"xes", "x"}, {"zes", "z"}, {"men", "man"},
	{"s", ""}, {"es", "e"}, {"ied", "y"}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
}

// lemma is word's base form when it is an irregular form ("fought" →
// "fight"), else word.
func (wn *wordNet) lemma(word string) string {
	if b, ok := wn.find("=" + word); ok {
		return b
	}
	return word
}
