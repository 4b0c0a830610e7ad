package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

// addedArticle is sent to the index midway: it shares the seeds' words,
// so the new generation counts them differently, and it alone answers
// addedQuestion.
const (
	addedArticle = `Thousands attend a ceremony for North Korean soldiers

About 3,000 guests attended the ceremony for the soldiers in Pyongyang, state media said.

The soldiers' families were given seats at the front.
`
	addedQuestion = "how many guests attended the ceremony"
	addedQuote    = "About 3,000 guests attended the ceremony"
)

// What a generation remembers between questions (passages' words, the
// concepts of question words, analyses) must not change any answer: one
// engine asks the same questions cold, warm, in reverse order and after a
// new generation, and each answer must equal that of a fresh engine over
// a newly opened store, which has remembered nothing but what that one
// pass asked.
func TestSameAnswersWhateverIsRemembered(t *testing.T) {
	ctx := context.Background()
	seeds, dir := copySeeds(t), t.TempDir()
	st, _, err := index.Open(ctx, seeds, dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	engine := answer.New(acquirer(st))

	questions := []string{addedQuestion}
	for _, q := range loadDevSet(t) {
		questions = append(questions, q.Q)
	}
	if testing.Short() {
		questions = questions[:60]
	}
	reversed := slices.Clone(questions)
	slices.Reverse(reversed)

	// fresh answers questions, in order, from a store of its own over the
	// same index: a generation nothing has been asked of.
	fresh := func(t *testing.T, questions []string) map[string]string {
		t.Helper()
		st, _, err := index.Open(ctx, seeds, dir, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return answers(ctx, answer.New(acquirer(st)), questions)
	}
	addArticle := func(t *testing.T) {
		if _, err := st.AddArticle(ctx, "added.txt", []byte(addedArticle)); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name      string
		before    func(t *testing.T) // changes the index first, if set
		questions []string
		// cites says whether addedQuestion's answer quotes the added
		// article by then.
		cites bool
	}{
		{name: "cold", questions: questions},
		{name: "warm", questions: questions},
		{name: "reversed", questions: reversed},
		{name: "new generation", before: addArticle, questions: questions, cites: true},
		{name: "new generation, reversed", questions: reversed, cites: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before(t)
			}
			got := answers(ctx, engine, tc.questions)
			want := fresh(t, tc.questions)
			for _, q := range tc.questions {
				if got[q] != want[q] {
					t.Errorf("%q is answered\n%s\nwhere a fresh engine answers\n%s", q, got[q], want[q])
				}
			}
			if cites := strings.Contains(got[addedQuestion], addedQuote); cites != tc.cites {
				t.Errorf("%q quotes the added article: %v, want %v:\n%s", addedQuestion, cites, tc.cites, got[addedQuestion])
			}
		})
	}
}

// answers asks engine each question in turn, and returns each answer as
// JSON with its error.
func answers(ctx context.Context, engine *answer.Engine, questions []string) map[string]string {
	out := make(map[string]string, len(questions))
	for _, q := range questions {
		res, err := engine.Ask(ctx, q)
		b, _ := json.Marshal(res)
		out[q] = fmt.Sprintf("%s %v", b, err)
	}
	return out
}
