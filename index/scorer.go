package index

import (
	"context"
	"math"
	"sort"
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
// found whole, as with Bleve.

// scoreClause is one clause of a query being scored.
type scoreClause struct {
	docs   []uint32
	scores []float64
	weight float64 // Bleve's query weight: boost·idf·norm
	bound  float64 // the most the clause adds to a passage's sum
	pos    int
}

// scoreTerms returns the passages best matching terms, as searchTerms does
// with Bleve: best first, ties by passage number, the group of equal scores
// at the cut whole as far as maxWiden times the limit.
func scoreTerms(ctx context.Context, c *postingsCache, terms []WeightedTerm, limit int) ([]scored, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	clauses := make([]scoreClause, len(terms))
	idf := make([]float64, len(terms))
	sumSq := 0.0
	for i, t := range terms {
		p, err := c.get(ctx, t.Term)
		if err != nil {
			return nil, err
		}
		clauses[i] = scoreClause{docs: p.docs, scores: p.scores, bound: p.max}
		idf[i] = p.idf
		w := t.Weight * p.idf
		sumSq += w * w
	}
	norm := 1 / math.Sqrt(sumSq)
	for i, t := range terms {
		cl := &clauses[i]
		cl.weight = t.Weight * idf[i] * norm
		if cl.weight > 0 {
			cl.bound *= cl.weight
		} else {
			cl.bound = 0
		}
	}
	// Least promising clauses first; the order is fixed for the query, so
	// that equal passages sum their scores in the same order and score
	// exactly the same.
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].bound < clauses[j].bound })

	top := newTopK(limit, limit*maxWiden)
	if err := maxScore(ctx, clauses, top); err != nil {
		return nil, err
	}
	return keepGroup(top.result(), limit), nil
}

// maxScore scores every passage of the clauses that could make the top k.
func maxScore(ctx context.Context, cls []scoreClause, top *topK) error {
	n := len(cls)
	// prefix[i] bounds the sum of clauses 0…i.
	prefix := make([]float64, n)
	sum := 0.0
	for i := range cls {
		sum += cls[i].bound
		prefix[i] = sum
	}
	contrib := make([]float64, n)
	matched := make([]bool, n)
	total := float64(n)
	// bound is the most a passage matching count clauses whose bounds sum to
	// s can score; with a margin for the rounding of sums taken in another
	// order.
	bound := func(s float64, count int) float64 {
		return s * (float64(count) / total) * (1 + 1e-12)
	}
	// Clauses before first are non-essential.
	first := 0
	advanceFirst := func() {
		for first < n && bound(prefix[first], first+1) < top.floor {
			first++
		}
	}
	for steps := 0; ; steps++ {
		if steps&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if first == n {
			return nil
		}
		doc := uint32(math.MaxUint32)
		for i := first; i < n; i++ {
			cl := &cls[i]
			if cl.pos < len(cl.docs) && cl.docs[cl.pos] < doc {
				doc = cl.docs[cl.pos]
			}
		}
		if doc == math.MaxUint32 {
			return nil
		}
		partial, count := 0.0, 0
		for i := first; i < n; i++ {
			cl := &cls[i]
			if cl.pos < len(cl.docs) && cl.docs[cl.pos] == doc {
				contrib[i] = cl.scores[cl.pos] * cl.weight
				matched[i] = true
				partial += contrib[i]
				count++
				cl.pos++
			}
		}
		skip := false
		for i := first - 1; i >= 0; i-- {
			if bound(partial+prefix[i], count+i+1) < top.floor {
				skip = true
				break
			}
			cl := &cls[i]
			cl.pos = seek(cl.docs, cl.pos, doc)
			if cl.pos < len(cl.docs) && cl.docs[cl.pos] == doc {
				contrib[i] = cl.scores[cl.pos] * cl.weight
				matched[i] = true
				partial += contrib[i]
				count++
				cl.pos++
			}
		}
		if !skip {
			s := 0.0
			for i := range matched {
				if matched[i] {
					s += contrib[i]
				}
			}
			if top.offer(doc, s*(float64(count)/total)) {
				advanceFirst()
			}
		}
		clear(matched)
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

// topK keeps the k best passages offered, by score and then passage number,
// and the passages close enough to the k-th score to tie with it once
// rounding is allowed for (sameScore), as far as they could be returned.
type topK struct {
	k, wide int
	heap    []scored // the k best, the worst at the root
	near    []scored // others that may tie with the k-th
	// floor is the lowest score that can still be returned; -Inf until k
	// passages with a positive score have been seen.
	floor float64
}

func newTopK(k, wide int) *topK {
	return &topK{k: k, wide: wide, heap: make([]scored, 0, k), floor: math.Inf(-1)}
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
	s := scored{n: int(doc), score: score}
	if len(t.heap) < t.k {
		t.heap = append(t.heap, s)
		t.up(len(t.heap) - 1)
		if len(t.heap) == t.k {
			return t.raise()
		}
		return false
	}
	if score < t.floor {
		return false
	}
	if !worse(t.heap[0], s) {
		t.keepNear(s)
		return false
	}
	out := t.heap[0]
	t.heap[0] = s
	t.down(0)
	raised := t.raise()
	if out.score >= t.floor {
		t.keepNear(out)
	}
	return raised
}

// raise sets the floor from the k-th score: a score within rounding of it
// (sameScore) may still be returned.
func (t *topK) raise() bool {
	theta := t.heap[0].score
	if theta <= 0 {
		return false
	}
	floor := theta - 1e-9*theta
	floor -= math.Abs(floor) * 1e-12
	if floor <= t.floor {
		return false
	}
	t.floor = floor
	return true
}

func (t *topK) keepNear(s scored) {
	t.near = append(t.near, s)
	if len(t.near) > 2*t.wide+64 {
		kept := t.near[:0]
		for _, x := range t.near {
			if x.score >= t.floor {
				kept = append(kept, x)
			}
		}
		t.near = kept
	}
}

// result returns the passages that may be returned, best first, ties by
// passage number, at most wide of them.
func (t *topK) result() []scored {
	out := make([]scored, 0, len(t.heap)+len(t.near))
	out = append(out, t.heap...)
	for _, x := range t.near {
		if x.score >= t.floor {
			out = append(out, x)
		}
	}
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	if len(out) > t.wide {
		out = out[:t.wide]
	}
	return out
}

func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !worse(t.heap[i], t.heap[p]) {
			return
		}
		t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
		i = p
	}
}

func (t *topK) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(t.heap) {
			return
		}
		m := l
		if r := l + 1; r < len(t.heap) && worse(t.heap[r], t.heap[l]) {
			m = r
		}
		if !worse(t.heap[m], t.heap[i]) {
			return
		}
		t.heap[i], t.heap[m] = t.heap[m], t.heap[i]
		i = m
	}
}
