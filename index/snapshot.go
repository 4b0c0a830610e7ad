package index

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// ErrClosed is returned by Acquire after Close.
var ErrClosed = errors.New("index is closed")

// Snapshot is one complete generation of the index, pinned for as long as
// a question needs it: a rebuild that finishes meanwhile does not close it.
type Snapshot struct{ h *handle }

// Acquire pins the current generation. Call release when done with it.
func (s *Store) Acquire() (*Snapshot, func(), error) {
	for {
		h := s.cur.Load()
		if h == nil {
			return nil, nil, ErrClosed
		}
		if h.acquire() {
			var once sync.Once
			return &Snapshot{h: h}, func() { once.Do(h.release) }, nil
		}
		// h was retired between Load and acquire; the store has a newer one.
	}
}

// Meta describes the generation.
func (s *Snapshot) Meta() *Meta { return s.h.meta }

// Article returns an indexed article's metadata (its Body is empty).
func (s *Snapshot) Article(id string) (Article, bool) {
	i, ok := s.h.articles[id]
	if !ok {
		return Article{}, false
	}
	return s.h.meta.Articles[i], true
}

// Analyze runs the English analysis the index uses on text: lower-cased,
// stop words removed, stemmed.
func (s *Snapshot) Analyze(text string) []Token { return analyze(s.h.english, text) }

// Analysis returns what convert makes of text's analysis (see Analyze),
// remembered per generation within a bound (memoLimit texts): for
// readers that analyse the same passages question after question.
// convert must depend only on the tokens, and every caller must convert
// alike: any caller may get another's result.
func (s *Snapshot) Analysis(text string, convert func([]Token) any) any {
	return s.h.analyses.get(text, func() any { return convert(s.Analyze(text)) })
}

// Remember returns the value the generation keeps under key, made by
// create the first time it is asked for: every later call, whoever makes
// it, gets that same value for as long as the generation lives. It is for
// the few values that readers build once per generation and then share,
// such as a cache of their own (which must bound itself) or a summary of
// the articles, not for one value per passage or word: nothing bounds
// how many keys are kept. create may run more than once when readers ask
// at the same time, but only one result is kept and returned to all.
//
// key must be comparable; as with context.Context's values, each package
// should use keys of its own unexported type, so that no two packages'
// keys can be equal.
func (s *Snapshot) Remember(key any, create func() any) any {
	if v, ok := s.h.kept.Load(key); ok {
		return v
	}
	v, _ := s.h.kept.LoadOrStore(key, create())
	return v
}

// DocFreq counts the passages holding an analysed term.
func (s *Snapshot) DocFreq(term string) int {
	return s.h.docFreqs.get(term, func() int { return docFreq(s.h.idx, term) })
}

// NumPassages is how many passages the generation holds.
func (s *Snapshot) NumPassages() int { return s.h.meta.Passages }

// Similar lists words of the articles within maxEdits edits of word.
func (s *Snapshot) Similar(word string, maxEdits int) []string {
	key := strconv.Itoa(maxEdits) + ":" + word
	return s.h.similar.get(key, func() []string { return s.h.vocab.similar(word, maxEdits) })
}

// Search finds the passages best matching the weighted analysed terms:
// the limit best by BM25 score, then passage number, and any more that tie
// with the last of them (as far as maxWiden times the limit).
func (s *Snapshot) Search(ctx context.Context, terms []WeightedTerm, limit int) ([]Hit, error) {
	var found []scored
	var err error
	if s.h.postings != nil {
		found, err = scoreTerms(ctx, s.h.postings, terms, limit)
	} else {
		found, err = searchTerms(ctx, s.h.idx, s.h.bm25, terms, limit)
	}
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(found))
	for _, f := range found {
		h, ok := s.h.table.hit(f.n)
		if !ok {
			return nil, fmt.Errorf("search: passage %d is not in the table", f.n)
		}
		h.Score = f.score
		hits = append(hits, h)
	}
	return hits, nil
}

// AvgPassageLen is the mean length of a passage, in bytes.
func (s *Snapshot) AvgPassageLen() float64 { return s.h.table.avgLen }

// Passage returns an article's passage by its sequence number.
func (s *Snapshot) Passage(articleID string, seq int) (Hit, bool) {
	a, ok := s.h.articles[articleID]
	if !ok {
		return Hit{}, false
	}
	n, ok := s.h.table.index(a, seq)
	if !ok {
		return Hit{}, false
	}
	return s.h.table.hit(n)
}

// memo caches answers about one generation, which never changes once
// built: questions keep asking for the same common words.
type memo[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

// memoLimit bounds a memo; past it, answers are computed every time.
const memoLimit = 100_000

// get returns the answer remembered for key, or remembers and returns
// what compute returns. Callers that compute the same key at the same
// time all get the one remembered first, while there is room.
func (c *memo[V]) get(key string, compute func() V) V {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[key]; ok {
		return old
	}
	if c.m == nil {
		c.m = map[string]V{}
	}
	if len(c.m) < memoLimit {
		c.m[key] = v
	}
	return v
}
