package answer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
)

// wordnet.txt.gz holds, from Princeton WordNet 3.0 (wordnet.NOTICE is its
// licence), the synonyms of each word's most common senses ("ceremony
// ceremonial observance") and the irregular forms of words ("=fought
// fight"). `go run ./internal/wordnet` writes it.
//
//go:embed wordnet.txt.gz
var wordnetGz []byte

type wordNet struct {
	synonyms map[string][]string // lemma → synonyms
	base     map[string]string   // irregular form → base
	forms    map[string][]string // base → irregular forms
}

var (
	wordnetOnce sync.Once
	wordnetData *wordNet
)

// wordnet loads the table once.
func wordnet() *wordNet {
	wordnetOnce.Do(func() {
		z, err := gzip.NewReader(bytes.NewReader(wordnetGz))
		if err != nil {
			panic("answer: wordnet.txt.gz: " + err.Error()) // a build defect
		}
		b, err := io.ReadAll(z)
		if err != nil {
			panic("answer: wordnet.txt.gz: " + err.Error())
		}
		wn := &wordNet{synonyms: map[string][]string{}, base: map[string]string{}, forms: map[string][]string{}}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			switch {
			case len(f) < 2:
			case strings.HasPrefix(f[0], "="):
				form := f[0][1:]
				wn.base[form] = f[1]
				wn.forms[f[1]] = append(wn.forms[f[1]], form)
			default:
				wn.synonyms[f[0]] = f[1:]
			}
		}
		wordnetData = wn
	})
	return wordnetData
}

// lemma is word's base form when it is an irregular form ("fought" →
// "fight"), else word.
func (wn *wordNet) lemma(word string) string {
	if b, ok := wn.base[word]; ok {
		return b
	}
	return word
}
