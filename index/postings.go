package index

import (
	"container/list"
	"context"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// postingList is one term's postings in a generation, read from Bleve once
// and kept in memory for the scorer (scorer.go). Each posting carries the
// term's BM25 score in that passage before the query's weight, computed
// exactly as Bleve computes it.
//
// A term's score in a passage depends only on its frequency there and the
// passage's length, so a list has few distinct scores, however long it is
// (at most 242 for any term of the dev set's searches over 100,000 story
// articles): each posting holds the number of its score in values, 2
// bytes instead of 8, so that twice as many postings fit in the cache's
// bound, and a search weights each distinct score once, leaving a sum per
// posting.
type postingList struct {
	docs   []uint32  // passage numbers, ascending
	codes  []uint16  // the term's score in each of docs is values[code]
	values []float64 // the distinct scores, before the query weight
	max    float64   // the largest of values: the term's score upper bound
	idf    float64   // Bleve's BM25 idf of the term
	// varied is set, and docs, codes and values are empty, when the term
	// has more distinct scores than codes can number: searches with it
	// are left to Bleve.
	varied bool
}

// maxDistinctScores is how many distinct scores a list's codes can
// number; a variable so that tests can make lists too varied.
var maxDistinctScores = 1 << 16

// size is roughly what the list holds on the heap, for the cache's bound.
func (p *postingList) size(term string) int64 {
	return int64(len(p.docs))*4 + int64(len(p.codes))*2 + int64(len(p.values))*8 + int64(len(term)) + 128
}

// DefaultPostingsCacheBytes bounds the postings a generation keeps decoded
// when Options.PostingsCacheBytes is zero. The whole of a 10,000-article
// story corpus fits in about half of it.
const DefaultPostingsCacheBytes = 96 << 20

// postingsCache reads the postings of a generation's terms on first use,
// from its postings file (postfile.go) or, lacking that, by decoding them
// from Bleve, and keeps the most recently used within a byte bound. What it holds
// changes only how fast a search is, never its result: a list that does not
// fit is decoded again when next needed.
//
// Searches needing different terms that are not cached decode them at the
// same time, and never wait for each other or keep a search whose terms are
// cached waiting; searches needing a term being decoded wait for that one
// decoding rather than start their own.
type postingsCache struct {
	idx   bleve.Index
	stats *search.BM25Stats
	limit int64
	// file, if set, holds every term's list as decode would make it
	// (postfile.go): a miss copies the list from it instead of decoding.
	file *postingsLists

	mu       sync.Mutex
	used     int64
	terms    map[string]*list.Element // of *cachedList
	lru      list.List                // most recently used first
	decoding map[string]*decoding     // terms being decoded now
	slots    chan struct{}            // one a decoding running, up to maxSpare
	made     int                      // buffers kept or in use, never more than maxSpare
	// spare holds the buffers of decodings that have finished, for the
	// next ones; at most maxSpare are kept.
	spare []*decodeBuffers

	// docMap maps Bleve's internal document numbers to passage numbers
	// plus one (zero: no document); it is the generation's passage map
	// (docmap.go), kept only if Bleve agrees with it about a sample of
	// documents (checkDocMap, once). It is never written.
	docMap  []uint32
	mapOnce sync.Once
	// asked holds the passage numbers, plus one, of the documents the
	// map does not give (all of them in a generation without a map), as
	// Bleve is asked for them.
	askedMu sync.RWMutex
	asked   []uint32
}

type cachedList struct {
	term string
	list *postingList
	size int64
}

// decoding is a term's postings being decoded; done is closed when list
// or err is set.
type decoding struct {
	done chan struct{}
	list *postingList
	err  error
}

// decodeBuffers put a list in passage order as it is decoded: a posting's
// score goes to its passage's place, and found marks it. Every entry of
// found is zero between decodings.
type decodeBuffers struct {
	score []float64
	found []uint64
	// lists, when set, has each list made over the docs and codes of the
	// one before: for a caller done with each list before the next (the
	// postings file's writer), whose lists then make no garbage.
	lists bool
	docs  []uint32
	codes []uint16
}

// maxSpare is how many decodings' buffers a cache keeps between them:
// decoding is all CPU, so more than one a core seldom run at once, and the
// buffers take 8 bytes and a bit a passage.
var maxSpare = runtime.GOMAXPROCS(0)

// newPostingsCache serves the postings of idx; docMap is the generation's
// passage map, if it has one.
func newPostingsCache(idx bleve.Index, stats *search.BM25Stats, docMap []uint32, limit int64) *postingsCache {
	if limit <= 0 {
		limit = DefaultPostingsCacheBytes
	}
	return &postingsCache{idx: idx, stats: stats, limit: limit, terms: map[string]*list.Element{},
		decoding: map[string]*decoding{}, slots: make(chan struct{}, maxSpare), docMap: docMap}
}

// get returns the postings of term, reading or decoding them if they are
// not cached.
func (c *postingsCache) get(ctx context.Context, term string) (*postingList, error) {
	c.mu.Lock()
	if e, ok := c.terms[term]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cachedList).list, nil
	}
	if c.file != nil {
		// A copy takes a few milliseconds at most: searches missing the
		// same term at once each make their own rather than wait.
		c.mu.Unlock()
		if p, err := c.file.list(term, absentIDF(c.stats)); err == nil {
			c.mu.Lock()
			c.keep(term, p)
			c.mu.Unlock()
			return p, nil
		}
		// A list that makes no sense is decoded from Bleve instead.
		c.mu.Lock()
	}
	if d, ok := c.decoding[term]; ok {
		c.mu.Unlock()
		select {
		case <-d.done:
			return d.list, d.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	d := &decoding{done: make(chan struct{})}
	c.decoding[term] = d
	c.mu.Unlock()

	// At most maxSpare decodings run at once, so no more than that many
	// buffers (8 bytes and a bit a passage) ever exist, however many
	// searches miss at the same time.
	c.slots <- struct{}{}
	c.mu.Lock()
	buf := c.takeBuffers()
	c.mu.Unlock()

	defer func() {
		if d.list == nil && d.err == nil {
			// decode panicked; the searches waiting for it fail too.
			d.err = fmt.Errorf("postings of %q: decoding failed", term)
			buf = nil // its found may not be clear
		}
		c.mu.Lock()
		delete(c.decoding, term)
		if d.err == nil {
			c.keep(term, d.list)
		}
		if buf != nil && len(c.spare) < maxSpare {
			c.spare = append(c.spare, buf)
		}
		c.mu.Unlock()
		<-c.slots
		close(d.done)
	}()
	// Others waiting for the list may outlive this search.
	d.list, d.err = c.decode(context.WithoutCancel(ctx), term, buf)
	return d.list, d.err
}

// takeBuffers returns spare buffers, or new ones. c.mu must be held.
func (c *postingsCache) takeBuffers() *decodeBuffers {
	if n := len(c.spare); n > 0 {
		buf := c.spare[n-1]
		c.spare = c.spare[:n-1]
		return buf
	}
	c.made++
	return &decodeBuffers{}
}

// letGoOfSpares lets go of the buffers kept for decodings to come: once
// the cache holds a generation's common terms, decodings are rare, and a
// buffer (8 bytes a passage: 1.9 MB at 10,000 story articles) kept for
// them doubles in what the process holds as the collector paces its heap
// by what is live. The text's cooling calls it.
func (c *postingsCache) letGoOfSpares() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.made -= len(c.spare)
	c.spare = nil
}

// keep caches term's postings, evicting the least recently used lists to
// stay within the bound; a list larger than the bound is not kept. c.mu
// must be held.
func (c *postingsCache) keep(term string, p *postingList) {
	size := p.size(term)
	if size > c.limit {
		return
	}
	if _, ok := c.terms[term]; ok {
		return
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

// decode reads term's postings from Bleve, using buf to put them in
// passage order.
func (c *postingsCache) decode(ctx context.Context, term string, buf *decodeBuffers) (*postingList, error) {
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
	c.mapOnce.Do(func() { c.checkDocMap(r) })

	docTotal, avg := bm25Params(c.stats)
	p := &postingList{idf: bm25IDF(docTotal, tfr.Count())}
	passages := int(c.stats.DocCount)
	if buf.score == nil {
		buf.score = make([]float64, passages)
		buf.found = make([]uint64, (passages+63)/64)
	}
	score, found := buf.score, buf.found
	total := 0
	fail := func(err error) (*postingList, error) {
		clear(found)
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
		if found[n>>6]&(1<<(n&63)) == 0 {
			total++
		}
		score[n] = bm25TermScore(p.idf, avg, tfd.Freq, tfd.Norm)
		found[n>>6] |= 1 << (n & 63)
	}
	if buf.lists {
		p.docs, p.codes = slices.Grow(buf.docs[:0], total), slices.Grow(buf.codes[:0], total)
		defer func() { buf.docs, buf.codes = p.docs[:0], p.codes[:0] }()
	} else {
		p.docs = make([]uint32, 0, total)
		p.codes = make([]uint16, 0, total)
	}
	code := map[float64]uint16{}
	for w, left := range found {
		for ; left != 0; left &= left - 1 {
			n := w*64 + bits.TrailingZeros64(left)
			v := score[n]
			k, ok := code[v]
			if !ok && !p.varied {
				if len(p.values) == maxDistinctScores {
					p.varied = true
				} else {
					k = uint16(len(p.values))
					code[v] = k
					p.values = append(p.values, v)
					p.max = max(p.max, v)
				}
			}
			p.docs = append(p.docs, uint32(n))
			p.codes = append(p.codes, k)
		}
		found[w] = 0
	}
	if p.varied {
		return &postingList{idf: p.idf, varied: true}, nil
	}
	p.values = slices.Clip(p.values)
	return p, nil
}

// passage returns the passage number of Bleve's internal document id.
func (c *postingsCache) passage(r bindex.IndexReader, id bindex.IndexInternalID) (uint32, error) {
	num := id.Value()
	if num < uint64(len(c.docMap)) && c.docMap[num] != 0 {
		return c.docMap[num] - 1, nil
	}
	c.askedMu.RLock()
	if num < uint64(len(c.asked)) && c.asked[num] != 0 {
		n := c.asked[num] - 1
		c.askedMu.RUnlock()
		return n, nil
	}
	c.askedMu.RUnlock()
	n, err := externalPassage(r, id)
	if err != nil {
		return 0, err
	}
	if num >= math.MaxInt32 {
		return 0, fmt.Errorf("document number %d out of range", num)
	}
	c.askedMu.Lock()
	defer c.askedMu.Unlock()
	if num >= uint64(len(c.asked)) {
		grown := make([]uint32, max(num+1, 2*uint64(len(c.asked))))
		copy(grown, c.asked)
		c.asked = grown
	}
	c.asked[num] = n + 1
	return n, nil
}

// checkDocMap keeps the generation's passage map only if Bleve agrees with
// it about a sample of documents. It runs once, before any decoding reads
// the map.
func (c *postingsCache) checkDocMap(r bindex.IndexReader) {
	m := c.docMap
	for k := 0; k < 16 && len(m) > 0; k++ {
		num := uint64(k * (len(m) - 1) / 15)
		if m[num] == 0 {
			continue
		}
		n, err := externalPassage(r, bindex.NewIndexInternalID(nil, num))
		if err != nil || n+1 != m[num] {
			c.docMap = nil
			return
		}
	}
}
