package index

import (
	"context"
	"math"
	"math/bits"
	"sort"
	"sync"
)

// The scorer finds the best passages for a weighted disjunction of terms
// itself, over postings decoded from Bleve once per generation
// (postings.go), instead of asking Bleve to walk every posting of every
// term. It gives the scores Bleve gives the same query with the same fixed
// statistics:
//
//	idf(t)       = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
//	norm         = 1 / √(Σ (w(t)·idf(t))²)             over every clause
//	s(t, p)      = idf(t)·√tf·k1 / (√tf + k1·(1 − b + b·len(p)/avglen))
//	score(p)     = Σ s(t, p)·w(t)·idf(t)·norm · matched/clauses
//
// where w(t) is the clause's weight (Bleve's boost) and len(p) comes from the
// single-precision norm Bleve stores. Clauses are scored separately even
// when a term repeats, and a term absent from the index still counts in the
// norm and among the clauses, as in Bleve.
//
// MaxScore pruning (Turtle and Flood) skips what cannot win: clauses are
// ordered by their score upper bound, and the clauses whose bounds together
// cannot lift a passage to the current k-th best score are "non-essential":
// passages are drawn only from the postings of the others, and a
// non-essential clause's postings are looked into only while the passage
// could still reach the k-th score. Nothing is skipped that could come within
// rounding of the k-th score, so the group of equal scores at the cut is
// found whole, as with Bleve, up to maxWiden times the limit: passages come
// in ascending order, so once that many are kept a passage must beat the
// last of them, which a tie with it, having the higher number, does not.

// scoreClause is one clause of a query being scored.
type scoreClause struct {
	docs   []uint32
	codes  []uint16
	values []float64
	weight float64 // Bleve's query weight: boost·idf·norm
	bound  float64 // the most the clause adds to a passage's sum
	pos    int
	// fixed is what each of values adds to a sum, weighted, in the
	// fixed-point unit of maxScore.
	fixed []int64
}

// scoreTerms returns the passages best matching terms, as searchTerms does
// with Bleve: best first, ties by passage number, the group of equal scores
// at the cut whole as far as maxWiden times the limit.
func scoreTerms(ctx context.Context, c *postingsCache, terms []WeightedTerm, limit int) ([]scored, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	for _, t := range terms {
		if !(t.Weight > 0) || math.IsInf(t.Weight, 0) {
			// The bounds assume every clause adds a positive score; a
			// query that is not like that is left to Bleve.
			return searchTerms(ctx, c.idx, c.stats, terms, limit)
		}
	}
	clauses := make([]scoreClause, len(terms))
	idf := make([]float64, len(terms))
	sumSq := 0.0
	for i, t := range terms {
		p, err := c.get(ctx, t.Term)
		if err != nil {
			return nil, err
		}
		if p.varied {
			return searchTerms(ctx, c.idx, c.stats, terms, limit)
		}
		clauses[i] = scoreClause{docs: p.docs, codes: p.codes, values: p.values, bound: p.max}
		idf[i] = p.idf
		w := t.Weight * p.idf
		sumSq += w * w
	}
	norm := 1 / math.Sqrt(sumSq)
	for i, t := range terms {
		cl := &clauses[i]
		cl.weight = t.Weight * idf[i] * norm
		cl.bound *= cl.weight
	}
	// Least promising clauses first: the first become non-essential.
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].bound < clauses[j].bound })

	top := newTopK(limit, limit*maxWiden)
	if err := maxScore(ctx, clauses, top); err != nil {
		return nil, err
	}
	return keepGroup(top.result(), limit), nil
}

// window is how many passage numbers the scorer takes at a time: the
// essential clauses' postings in a window are summed term by term into an
// array, and the passages found are then checked against the
// non-essential clauses one by one, in passage order.
const window = 4096

// windowSums is where a window's essential clauses are summed. Every
// entry is back to zero when a window is done.
type windowSums struct {
	acc   [window]int64
	count [window]int32
	seen  [window / 64]uint64
}

var windows = sync.Pool{New: func() any { return new(windowSums) }}

// maxScore scores every passage of the clauses that could make the top k.
//
// Scores are summed in fixed point, so that a sum does not depend on the
// order its terms are added in: passages with the same text score exactly
// the same whichever clauses were essential when they were met, and their
// order is then decided by passage number alone.
func maxScore(ctx context.Context, cls []scoreClause, top *topK) error {
	n := len(cls)
	// prefix[i] bounds the sum of clauses 0…i.
	prefix := make([]float64, n)
	sum := 0.0
	for i := range cls {
		sum += cls[i].bound
		prefix[i] = sum
	}
	// One unit of the fixed-point sums: as fine as the largest possible
	// sum allows.
	unit := math.Ldexp(1, math.Ilogb(max(sum, 1))-60)
	for i := range cls {
		cl := &cls[i]
		cl.fixed = make([]int64, len(cl.values))
		for k, v := range cl.values {
			cl.fixed[k] = int64(v * cl.weight / unit)
		}
	}
	total := float64(n)
	// bound is the most a passage matching count clauses whose bounds sum
	// to s can score, with a margin for rounding.
	bound := func(s float64, count int) float64 {
		return (s + float64(count)*unit) * (float64(count) / total) * (1 + 1e-12)
	}
	// Clauses before first are non-essential.
	first := 0
	advanceFirst := func() {
		for first < n && bound(prefix[first], first+1) < top.floor {
			first++
		}
	}
	w := windows.Get().(*windowSums)
	defer windows.Put(w)
	acc, count, seen := &w.acc, &w.count, &w.seen
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if first == n {
			return nil
		}
		lo := uint32(math.MaxUint32)
		for i := first; i < n; i++ {
			cl := &cls[i]
			if cl.pos < len(cl.docs) && cl.docs[cl.pos] < lo {
				lo = cl.docs[cl.pos]
			}
		}
		if lo == math.MaxUint32 {
			return nil
		}
		hi := uint64(lo) + window
		essential := first
		for i := essential; i < n; i++ {
			cl := &cls[i]
			for cl.pos < len(cl.docs) && uint64(cl.docs[cl.pos]) < hi {
				d := cl.docs[cl.pos] - lo
				acc[d] += cl.fixed[cl.codes[cl.pos]]
				count[d]++
				seen[d>>6] |= 1 << (d & 63)
				cl.pos++
			}
		}
		for k := range seen {
			for bitsLeft := seen[k]; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
				d := k*64 + bits.TrailingZeros64(bitsLeft)
				doc := lo + uint32(d)
				fixed, matched := acc[d], int(count[d])
				acc[d], count[d] = 0, 0
				skip := false
				for i := essential - 1; i >= 0; i-- {
					if bound(float64(fixed)*unit+prefix[i], matched+i+1) < top.floor {
						skip = true
						break
					}
					cl := &cls[i]
					cl.pos = seek(cl.docs, cl.pos, doc)
					if cl.pos < len(cl.docs) && cl.docs[cl.pos] == doc {
						fixed += cl.fixed[cl.codes[cl.pos]]
						matched++
						cl.pos++
					}
				}
				if !skip && top.offer(doc, float64(fixed)*unit*(float64(matched)/total)) {
					advanceFirst()
				}
			}
			seen[k] = 0
		}
	}
}

// seek returns the first position at or after pos where docs holds doc or
// a later passage, galloping ahead and then searching by halves.
func seek(docs []uint32, pos int, doc uint32) int {
	if pos >= len(docs) || docs[pos] >= doc {
		return pos
	}
	lo, step := pos, 1
	hi := pos + step
	for hi < len(docs) && docs[hi] < doc {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(docs))
	// docs[lo] < doc; the answer is in (lo, hi].
	return lo + 1 + sort.Search(hi-lo-1, func(k int) bool { return docs[lo+1+k] >= doc })
}

// topK keeps the wide best passages offered, by score and then passage
// number, and tracks the score a passage must reach to still matter.
// Passages are offered in ascending passage number, so a passage that only
// ties with the wide-th best comes after it and cannot displace it.
type topK struct {
	best heapOf // the k best: the k-th score decides the group at the cut
	wide heapOf // the wide best: all that may be returned
	// floor is the score a passage must reach to be kept: within rounding
	// of the k-th score (sameScore), and above the wide-th score once wide
	// passages are kept. -Inf until k passages with a positive score have
	// been seen.
	floor float64
}

func newTopK(k, wide int) *topK {
	return &topK{best: heapOf{max: k}, wide: heapOf{max: wide}, floor: math.Inf(-1)}
}

// worse reports whether a ranks below b.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.n > b.n
}

// offer considers a passage and reports whether the floor rose.
func (t *topK) offer(doc uint32, score float64) bool {
	if score < t.floor {
		return false
	}
	s := scored{n: int(doc), score: score}
	t.best.offer(s)
	t.wide.offer(s)
	if !t.best.full() || t.best.root().score <= 0 {
		return false
	}
	theta := t.best.root().score
	floor := theta - 1e-9*theta
	floor -= math.Abs(floor) * 1e-12
	if t.wide.full() {
		// Only a higher score than the wide-th best gets in now.
		floor = max(floor, math.Nextafter(t.wide.root().score, math.Inf(1)))
	}
	if floor <= t.floor {
		return false
	}
	t.floor = floor
	return true
}

// result returns the passages that may be returned, best first, ties by
// passage number.
func (t *topK) result() []scored {
	out := t.wide.items
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	return out
}

// heapOf keeps the max best passages offered, the worst at the root.
type heapOf struct {
	max   int
	items []scored
}

func (h *heapOf) full() bool   { return len(h.items) >= h.max }
func (h *heapOf) root() scored { return h.items[0] }
func (h *heapOf) offer(s scored) {
	if !h.full() {
		h.items = append(h.items, s)
		h.up(len(h.items) - 1)
		return
	}
	if !worse(h.items[0], s) {
		return
	}
	h.items[0] = s
	h.down(0)
}

func (h *heapOf) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !worse(h.items[i], h.items[p]) {
			return
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *heapOf) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h.items) {
			return
		}
		m := l
		if r := l + 1; r < len(h.items) && worse(h.items[r], h.items[l]) {
			m = r
		}
		if !worse(h.items[m], h.items[i]) {
			return
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}
