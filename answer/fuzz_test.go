package answer

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzAsk asks anything of an engine over the fake index. Whatever the
// input, Ask does not panic and either refuses it with an input error or
// answers with at most MaxAnswers quotes cut from the articles. The seed
// corpus is in testdata/fuzz/FuzzAsk.
func FuzzAsk(f *testing.F) {
	idx := newFake(storyArticles()...)
	e := New(idx.acquire(nil))
	f.Fuzz(func(t *testing.T, q string) {
		res, err := e.Ask(context.Background(), q)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuestion) && !errors.Is(err, ErrLongQuestion) && !errors.Is(err, ErrNoWords) {
				t.Fatalf("Ask(%q): unexpected error %v", q, err)
			}
			if res.Answered || len(res.Answers) != 0 {
				t.Fatalf("Ask(%q): error %v with answers %+v", q, err, res.Answers)
			}
			return
		}
		if !utf8.ValidString(res.Question) || utf8.RuneCountInString(res.Question) > MaxQuestionRunes {
			t.Errorf("Ask(%q): Question %q is not a clean question", q, res.Question)
		}
		checkResult(t, idx, res, err)
	})
}
