// Package devset reads storybot's own dev set of readers' questions
// (cmd/bot/testdata/devset.jsonl), for the quality tests and the fitting
// tool alike.
package devset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Question is one line of the dev set: a reader's question, the exact
// article phrases any of which make a quote a correct answer, and the
// articles that hold such a phrase.
type Question struct {
	Q          string   `json:"q"`
	Kind       string   `json:"kind"`
	Answerable bool     `json:"answerable"`
	Accept     []string `json:"accept"`
	Articles   []string `json:"articles"`
}

// Correct reports whether a quote answers q.
func (q Question) Correct(quote string) bool {
	for _, a := range q.Accept {
		if strings.Contains(quote, a) {
			return true
		}
	}
	return false
}

// Load reads a dev set file; blank lines are skipped.
func Load(path string) ([]Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Question
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q Question
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}
