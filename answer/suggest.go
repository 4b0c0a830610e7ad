package answer

import (
	"context"
	_ "embed"
	"sort"
	"strings"
	"unicode"
)

//go:embed suggestions.txt
var suggestionsFile string

// starters are the questions autocomplete may offer, in file order.
var starters = func() []string {
	var out []string
	for _, line := range strings.Split(suggestionsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

// Suggest offers up to n starter questions that match what the user has
// typed so far (those sharing most words with it first) and that the
// articles answer. With nothing typed it offers the first ones.
func (e *Engine) Suggest(ctx context.Context, typed string, n int) []string {
	words := strings.FieldsFunc(strings.ToLower(typed), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	type cand struct {
		q     string
		score int
		order int
	}
	var cands []cand
	for i, q := range starters {
		if s := matchScore(strings.ToLower(q), words); s > 0 || len(words) == 0 {
			cands = append(cands, cand{q, s, i})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var out []string
	for _, c := range cands {
		if len(out) >= n || ctx.Err() != nil {
			break
		}
		if res, err := e.Ask(ctx, c.q); err == nil && res.Answered {
			out = append(out, c.q)
		}
	}
	return out
}

// matchScore counts the typed words found in q; the last may be cut
// short, as the user is still typing it.
func matchScore(q string, typed []string) int {
	qwords := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	score := 0
	for i, t := range typed {
		found := false
		for _, w := range qwords {
			if w == t || (i == len(typed)-1 && strings.HasPrefix(w, t)) {
				found = true
				break
			}
		}
		if found {
			score++
		}
	}
	return score
}
