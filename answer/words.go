package answer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"
)

// words.txt.gz lists English words spelled right (SCOWL's American English
// list; words.NOTICE is its licence), written by `go run ./internal/wordlist`.
//
//go:embed words.txt.gz
var wordsGz []byte

var (
	wordsOnce sync.Once
	wordList  []string // sorted
)

// knownWord reports whether w (lower case) is an English word spelled
// right, so not to be read as a misspelling of a word the articles use
// ("weather" is not "whether", "tall" is not "toll").
func knownWord(w string) bool {
	wordsOnce.Do(func() {
		z, err := gzip.NewReader(bytes.NewReader(wordsGz))
		if err != nil {
			panic("answer: words.txt.gz: " + err.Error()) // a build defect
		}
		b, err := io.ReadAll(z)
		if err != nil {
			panic("answer: words.txt.gz: " + err.Error())
		}
		wordList = strings.Split(strings.TrimSpace(string(b)), "\n")
	})
	i := sort.SearchStrings(wordList, w)
	return i < len(wordList) && wordList[i] == w
}
