package index

import (
	"container/list"
	"context"
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// postingList is one term's postings in a generation, read from Bleve once
// and kept in memory for the scorer (scorer.go). Each posting carries the
// term's BM25 score in that passage before the query's weight, computed
// exactly as Bleve computes it, so that a search needs no arithmetic but a
// multiplication and a sum per posting.
type postingList struct {
	docs   []uint32  // passage numbers, ascending
	scores []float64 // the term's score in each of docs, before the query weight
	max    float64   // the largest of scores: the term's score upper bound
	idf    float64   // Bleve's BM25 idf of the term
}

// size is roughly what the list holds on the heap, for the cache's bound.
func (p *postingList) size(term string) int64 {
	return int64(len(p.docs))*4 + int64(len(p.scores))*8 + int64(len(term)) + 128
}

// DefaultPostingsCacheBytes bounds the postings a generation keeps decoded
// when Options.PostingsCacheBytes is zero. The whole of a 10,000-article
// story corpus fits in about half of it.
const DefaultPostingsCacheBytes = 96 << 20

// postingsCache decodes the postings of a generation's terms on first use
// and keeps the most recently used within a byte bound. What it holds
// changes only how fast a search is, never its result: a list that does not
// fit is decoded again when next needed.
type postingsCache struct {
	idx   bleve.Index
	stats *search.BM25Stats
	limit int64

	mu    sync.Mutex
	used  int64
	terms map[string]*list.Element // of *cachedList
	lru   list.List                // most recently used first

	// decodeMu serialises decoding, which fills passageOf.
	decodeMu sync.Mutex
	// passageOf maps Bleve's internal document numbers to passage numbers
	// plus one (zero: not looked up yet). It comes from the generation's
	// passage map when it has one (docmap.go), and is otherwise filled as
	// postings are decoded.
	passageOf []uint32
	// score and found put a list in passage order as it is decoded: a
	// posting's score goes to its passage's place, and found marks it.
	score []float64
	found []uint64
	// checked is set once the passage map has been checked against Bleve.
	checked bool
}

type cachedList struct {
	term string
	list *postingList
	size int64
}

// newPostingsCache serves the postings of idx; docMap is the generation's
// passage map, if it has one.
func newPostingsCache(idx bleve.Index, stats *search.BM25Stats, docMap []uint32, limit int64) *postingsCache {
	if limit <= 0 {
		limit = DefaultPostingsCacheBytes
	}
	return &postingsCache{idx: idx, stats: stats, limit: limit, terms: map[string]*list.Element{}, passageOf: docMap}
}

// get returns the postings of term, decoding them if they are not cached.
func (c *postingsCache) get(ctx context.Context, term string) (*postingList, error) {
	c.mu.Lock()
	if e, ok := c.terms[term]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cachedList).list, nil
	}
	c.mu.Unlock()

	c.decodeMu.Lock()
	// Another search may have decoded it meanwhile.
	c.mu.Lock()
	if e, ok := c.terms[term]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		c.decodeMu.Unlock()
		return e.Value.(*cachedList).list, nil
	}
	c.mu.Unlock()
	p, err := c.decode(ctx, term)
	c.decodeMu.Unlock()
	if err != nil {
		return nil, err
	}

	size := p.size(term)
	if size > c.limit {
		return p, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.terms[term]; ok {
		return e.Value.(*cachedList).list, nil
	}
	for c.used+size > c.limit {
		last := c.lru.Back()
		old := last.Value.(*cachedList)
		c.lru.Remove(last)
		delete(c.terms, old.term)
		c.used -= old.size
	}
	c.terms[term] = c.lru.PushFront(&cachedList{term: term, list: p, size: size})
	c.used += size
	return p, nil
}

// bm25Params are the corpus statistics Bleve's BM25 scores with, derived
// from the generation's fixed statistics the way Bleve derives them.
func bm25Params(stats *search.BM25Stats) (docTotal uint64, avgDocLength float64) {
	docTotal = uint64(stats.DocCount)
	card := stats.FieldCardinality[fieldText]
	if docTotal == 0 && card == 0 {
		return 0, 0
	}
	return docTotal, math.Ceil(float64(card) / float64(docTotal))
}

// bm25IDF is Bleve's BM25 inverse document frequency.
func bm25IDF(docTotal, docTerm uint64) float64 {
	return math.Log(1 + (float64(docTotal)-float64(docTerm)+0.5)/(float64(docTerm)+0.5))
}

// bm25TermScore is Bleve's BM25 score of a term in one passage, before the
// query weight: freq is the term's frequency there, norm the passage's
// field-length norm as Bleve stores it (1/√length, in single precision).
func bm25TermScore(idf, avgDocLength float64, freq uint64, norm float64) float64 {
	tf := math.Sqrt(float64(freq))
	fieldLength := 1 / (norm * norm)
	return idf * (tf * search.BM25_k1) /
		(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/avgDocLength)))
}

// decode reads term's postings from Bleve. decodeMu must be held.
func (c *postingsCache) decode(ctx context.Context, term string) (*postingList, error) {
	adv, err := c.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("postings of %q: %w", term, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("postings of %q: %w", term, err)
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, true, true, false)
	if err != nil {
		return nil, fmt.Errorf("postings of %q: %w", term, err)
	}
	defer tfr.Close()
	c.checkDocMap(r)

	docTotal, avg := bm25Params(c.stats)
	p := &postingList{idf: bm25IDF(docTotal, tfr.Count())}
	passages := int(c.stats.DocCount)
	if c.score == nil {
		c.score = make([]float64, passages)
		c.found = make([]uint64, (passages+63)/64)
	}
	total := 0
	fail := func(err error) (*postingList, error) {
		clear(c.found)
		return nil, fmt.Errorf("postings of %q: %w", term, err)
	}
	var d bindex.TermFieldDoc
	for {
		tfd, err := tfr.Next(d.Reset())
		if err != nil {
			return fail(err)
		}
		if tfd == nil {
			break
		}
		n, err := c.passage(r, tfd.ID)
		if err != nil {
			return fail(err)
		}
		if int(n) >= passages {
			return fail(fmt.Errorf("passage %d of %d", n, passages))
		}
		if c.found[n>>6]&(1<<(n&63)) == 0 {
			total++
		}
		c.score[n] = bm25TermScore(p.idf, avg, tfd.Freq, tfd.Norm)
		c.found[n>>6] |= 1 << (n & 63)
	}
	p.docs = make([]uint32, 0, total)
	p.scores = make([]float64, 0, total)
	for w, left := range c.found {
		for ; left != 0; left &= left - 1 {
			n := w*64 + bits.TrailingZeros64(left)
			p.docs = append(p.docs, uint32(n))
			p.scores = append(p.scores, c.score[n])
			p.max = max(p.max, c.score[n])
		}
		c.found[w] = 0
	}
	return p, nil
}

// passage returns the passage number of Bleve's internal document id.
func (c *postingsCache) passage(r bindex.IndexReader, id bindex.IndexInternalID) (uint32, error) {
	num := id.Value()
	if num < uint64(len(c.passageOf)) && c.passageOf[num] != 0 {
		return c.passageOf[num] - 1, nil
	}
	n, err := externalPassage(r, id)
	if err != nil {
		return 0, err
	}
	if num >= uint64(len(c.passageOf)) {
		if num >= math.MaxInt32 {
			return 0, fmt.Errorf("document number %d out of range", num)
		}
		grown := make([]uint32, max(num+1, 2*uint64(len(c.passageOf))))
		copy(grown, c.passageOf)
		c.passageOf = grown
	}
	c.passageOf[num] = n + 1
	return n, nil
}

// checkDocMap keeps the generation's passage map only if Bleve agrees with
// it about a sample of documents; decodeMu must be held.
func (c *postingsCache) checkDocMap(r bindex.IndexReader) {
	if c.checked {
		return
	}
	c.checked = true
	m := c.passageOf
	for k := 0; k < 16 && len(m) > 0; k++ {
		num := uint64(k * (len(m) - 1) / 15)
		if m[num] == 0 {
			continue
		}
		n, err := externalPassage(r, bindex.NewIndexInternalID(nil, num))
		if err != nil || n+1 != m[num] {
			c.passageOf = nil
			return
		}
	}
}
