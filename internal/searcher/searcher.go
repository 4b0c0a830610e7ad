// Package searcher lets the answer engine read the full-text index: it
// adapts one pinned index generation (index.Snapshot) to answer.Searcher.
// The bot and the evaluation tools share it, so both rank from the same
// analysis.
package searcher

import (
	"context"
	"sort"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

// searcher lets the answer engine use one pinned index generation.
type searcher struct{ snap *index.Snapshot }

// For adapts one pinned generation.
func For(snap *index.Snapshot) answer.Searcher { return searcher{snap} }

// Acquirer pins the store's current generation for each question.
func Acquirer(st *index.Store) answer.Acquire {
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
	return s.snap.Analysis(text, answerTokens).([]answer.Token)
}

// answerTokens converts the index's tokens to the answer engine's.
func answerTokens(toks []index.Token) any {
	out := make([]answer.Token, len(toks))
	for i, t := range toks {
		out[i] = answer.Token{Term: t.Term, Start: t.Start, End: t.End}
	}
	return out
}

func (s searcher) Remember(key any, create func() any) any {
	return s.snap.Remember(key, create)
}

func (s searcher) DocFreq(term string) int { return s.snap.DocFreq(term) }

func (s searcher) NumPassages() int { return s.snap.NumPassages() }

func (s searcher) AvgPassageLen() float64 { return s.snap.AvgPassageLen() }

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

func (s searcher) Articles() []answer.ArticleMeta {
	arts := s.snap.Meta().Articles
	out := make([]answer.ArticleMeta, len(arts))
	for i, a := range arts {
		out[i] = answer.ArticleMeta{ID: a.ID, Source: Source(a), Headline: a.Headline, Byline: a.Byline, Dateline: a.Dateline, Credits: a.Credits}
	}
	return out
}

// rememberKey names what the adapter keeps per generation (see
// index.Snapshot.Remember).
type rememberKey int

const (
	outletsKey rememberKey = iota
	authorsKey
)

// Outlets is remembered per generation: every question asks for it.
func (s searcher) Outlets() []string {
	return s.distinct(outletsKey, func(a index.Article) string { return a.Outlet })
}

// Authors is remembered per generation, as Outlets is.
func (s searcher) Authors() []string {
	return s.distinct(authorsKey, func(a index.Article) string { return a.Author })
}

// distinct lists the values of field over the articles, each once,
// sorted, remembered under key.
func (s searcher) distinct(key rememberKey, field func(index.Article) string) []string {
	return s.snap.Remember(key, func() any {
		seen := map[string]bool{}
		var out []string
		for _, a := range s.snap.Meta().Articles {
			if v := field(a); v != "" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
		sort.Strings(out)
		return out
	}).([]string)
}

func (s searcher) Source(articleID string) (answer.Source, bool) {
	a, ok := s.snap.Article(articleID)
	return Source(a), ok
}

func passage(h index.Hit) answer.Passage {
	return answer.Passage{ArticleID: h.ArticleID, Seq: h.Seq, Para: h.Para, Text: h.Text, Gap: h.Gap, Caption: h.Caption, Score: h.Score}
}

// Source cites an article as the answer engine does.
func Source(a index.Article) answer.Source {
	return answer.Source{File: a.File, Outlet: a.Outlet, Title: a.Title, Author: a.Author, Date: a.Date, URL: a.URL}
}
