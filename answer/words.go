package answer

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// words.txt lists English words spelled right, sorted, one a line (SCOWL's
// American English list; words.NOTICE is its licence), written by
// `go run ./internal/wordlist`.
//
//go:embed words.txt
var wordsTxt string

var wordList = sync.OnceValue(func() []string { return strings.Split(strings.TrimSpace(wordsTxt), "\n") })

// knownWord reports whether w (lower case) is an English word spelled
// right, so not to be read as a misspelling of a word the articles use
// ("weather" is not "whether", "tall" is not "toll").
func knownWord(w string) bool {
	list := wordList()
	i := sort.SearchStrings(list, w)
	return i < len(list) && list[i] == w
}
