package main

import (
	"context"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

// searcher lets the answer engine use one pinned index generation.
type searcher struct{ snap *index.Snapshot }

func acquirer(st *index.Store) answer.Acquire {
	return func() (answer.Searcher, func(), error) {
		snap, release, err := st.Acquire()
		if err != nil {
			return nil, nil, err
		}
		return searcher{snap}, release, nil
	}
}

// Analyze is remembered per generation: ranking analyses every passage a
// question finds, and the same passages keep being found.
func (s searcher) Analyze(text string) []answer.Token {
	return s.snap.Remember(text, func() any {
		toks := s.snap.Analyze(text)
		out := make([]answer.Token, len(toks))
		for i, t := range toks {
			out[i] = answer.Token{Term: t.Term, Start: t.Start, End: t.End}
		}
		return out
	}).([]answer.Token)
}

func (s searcher) DocFreq(term string) int { return s.snap.DocFreq(term) }

func (s searcher) NumPassages() int { return s.snap.NumPassages() }

func (s searcher) Similar(word string, maxEdits int) []string {
	return s.snap.Similar(word, maxEdits)
}

func (s searcher) Search(ctx context.Context, terms []answer.Weighted, limit int) ([]answer.Passage, error) {
	wt := make([]index.WeightedTerm, len(terms))
	for i, t := range terms {
		wt[i] = index.WeightedTerm{Term: t.Term, Weight: t.Weight}
	}
	hits, err := s.snap.Search(ctx, wt, limit)
	if err != nil {
		return nil, err
	}
	out := make([]answer.Passage, len(hits))
	for i, h := range hits {
		out[i] = passage(h)
	}
	return out, nil
}

func (s searcher) Passage(articleID string, seq int) (answer.Passage, bool) {
	h, ok := s.snap.Passage(articleID, seq)
	return passage(h), ok
}

func (s searcher) Source(articleID string) (answer.Source, bool) {
	a, ok := s.snap.Article(articleID)
	return source(a), ok
}

func passage(h index.Hit) answer.Passage {
	return answer.Passage{ArticleID: h.ArticleID, Seq: h.Seq, Para: h.Para, Text: h.Text, Gap: h.Gap, Caption: h.Caption, Score: h.Score}
}

func source(a index.Article) answer.Source {
	return answer.Source{File: a.File, Outlet: a.Outlet, Title: a.Title, Author: a.Author, Date: a.Date, URL: a.URL}
}

// warmPassages bounds the passages analysed ahead of questions: every one
// of a few hundred articles, none of thousands (each takes some 20 µs, and
// far fewer are ever found by a question).
const warmPassages = 50_000

// warmUp readies engine for its first questions in the background: the
// lexicon, and the analysis of every passage of a small index, which
// ranking otherwise does the first time a question finds each one. The
// channel is closed when it is done, or has stopped because ctx was.
func warmUp(ctx context.Context, st *index.Store, engine *answer.Engine) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if engine.Warm() != nil {
			return
		}
		snap, release, err := st.Acquire()
		if err != nil {
			return
		}
		defer release()
		if snap.NumPassages() > warmPassages {
			return
		}
		s := searcher{snap}
		for _, a := range snap.Meta().Articles {
			for seq := 0; ctx.Err() == nil; seq++ {
				p, ok := snap.Passage(a.ID, seq)
				if !ok {
					break
				}
				s.Analyze(p.Text)
			}
		}
	}()
	return done
}

// warmUpUntilDone runs warmUp and returns the function that stops it and
// waits, for a caller to defer.
func warmUpUntilDone(ctx context.Context, st *index.Store, engine *answer.Engine) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := warmUp(ctx, st, engine)
	return func() { cancel(); <-done }
}
