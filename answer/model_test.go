package answer

import (
	"context"
	"strings"
	"testing"
)

// The shipped model names exactly the features the engine computes, and a
// model that does not is refused rather than read with zeros.
func TestModelCompiles(t *testing.T) {
	m := DefaultModel()
	if _, err := compile(m); err != nil {
		t.Fatalf("shipped model: %v", err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("threshold %v, want a probability strictly between 0 and 1", m.Threshold)
	}
	missing := DefaultModel()
	delete(missing.Rank, "cover")
	if _, err := compile(missing); err == nil || !strings.Contains(err.Error(), "cover") {
		t.Errorf("a model without the cover weight: %v, want an error naming it", err)
	}
	extra := DefaultModel()
	extra.Abstain["no_such_feature"] = 1
	if _, err := compile(extra); err == nil {
		t.Errorf("a model with an unknown feature compiled")
	}
}

// Choose over a Trace picks what Ask answers with, in the same order.
func TestTraceChooseMatchesAsk(t *testing.T) {
	f := newFake(storyArticles()...)
	e := New(f.acquire(nil))
	for _, q := range []string{"how many soldiers died?", "where was the ceremony", "who hugged the children"} {
		res, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := e.Trace(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		picked, conf, feats, err := DefaultModel().Choose(tr)
		if err != nil {
			t.Fatal(err)
		}
		if len(feats) != len(AbstainFeatures()) {
			t.Errorf("%q: %d abstention features, want %d", q, len(feats), len(AbstainFeatures()))
		}
		if res.Answered != (len(picked) > 0 && conf >= DefaultModel().Threshold) {
			t.Errorf("%q: Ask answered %v, Choose gives confidence %v", q, res.Answered, conf)
		}
		for i, a := range res.Answers {
			if got := tr.Candidates[picked[i]].Quote; got != a.Quote {
				t.Errorf("%q: answer %d is %q, Choose picked %q", q, i, a.Quote, got)
			}
		}
	}
}

// Equal scores are broken by article and position, never by the order the
// index returned the candidates in.
func TestChooseBreaksTiesByPosition(t *testing.T) {
	w := defaultWeights
	q := &question{}
	mk := func(article string, seq int, text string) scored {
		p := Passage{ArticleID: article, Seq: seq, Text: text}
		c := scored{first: p, last: p, quote: text}
		c.f[fCover] = 1
		return c
	}
	a := []scored{mk("b", 3, "Troops came home."), mk("a", 7, "Soldiers died in Kursk."), mk("a", 2, "Medals were given out.")}
	b := []scored{a[2], a[0], a[1]}
	var got [2][]string
	for k, cands := range [][]scored{a, b} {
		for _, i := range choose(&w, q, cands).picked {
			got[k] = append(got[k], cands[i].quote)
		}
	}
	// a's first passage, then b's (a's second is lowered for coming from
	// an article already shown), then a's second.
	want := []string{"Medals were given out.", "Troops came home.", "Soldiers died in Kursk."}
	for k := range got {
		if strings.Join(got[k], "|") != strings.Join(want, "|") {
			t.Errorf("order %d: picked %q, want %q", k, got[k], want)
		}
	}
}
