package main

import (
	"math"
	"sort"

	"github.com/storybot/storybot/answer"
)

// example is one question's candidates for fitting the ranker: their
// features, which of them answer it, and how much the question counts.
type example struct {
	x      [][]float64
	y      []bool
	weight float64
}

// rankExamples keeps the answerable questions that have both a right and
// a wrong candidate: the others teach a ranker nothing.
func rankExamples(ts []traced, setWeight map[string]float64) []example {
	var out []example
	for _, t := range ts {
		if t.trace == nil || !t.item.answerable {
			continue
		}
		ex := example{weight: setWeight[t.item.set]}
		pos, neg := 0, 0
		for _, c := range t.trace.Candidates {
			ok := t.item.correct(c.Quote, c.Source.File)
			ex.x = append(ex.x, c.Features)
			ex.y = append(ex.y, ok)
			if ok {
				pos++
			} else {
				neg++
			}
		}
		if pos > 0 && neg > 0 && ex.weight > 0 {
			out = append(out, ex)
		}
	}
	return out
}

// fitRanker fits linear weights by listwise softmax: it maximises, over
// the questions, the probability a softmax of the scores gives to the
// candidates that answer, with an L2 penalty. Full-batch Adam from zero,
// so the result is the same on every run.
func fitRanker(exs []example, dims int, l2 float64, drop map[int]bool) []float64 {
	w := make([]float64, dims)
	grad := func(w []float64) []float64 {
		g := make([]float64, dims)
		total := 0.0
		for _, ex := range exs {
			s := make([]float64, len(ex.x))
			hi := math.Inf(-1)
			for i, x := range ex.x {
				s[i] = dotMasked(w, x, drop)
				hi = math.Max(hi, s[i])
			}
			var z, zpos float64
			for i := range s {
				e := math.Exp(s[i] - hi)
				z += e
				if ex.y[i] {
					zpos += e
				}
			}
			for i, x := range ex.x {
				e := math.Exp(s[i] - hi)
				coef := e / z
				if ex.y[i] {
					coef -= e / zpos
				}
				for d := range g {
					if !drop[d] {
						g[d] += ex.weight * coef * x[d]
					}
				}
			}
			total += ex.weight
		}
		for d := range g {
			g[d] = g[d]/total + l2*w[d]
		}
		return g
	}
	adam(w, grad, 3000, 0.05)
	return w
}

// fitLogistic fits a logistic regression with an L2 penalty (not on the
// last, bias, feature), full-batch Adam from zero.
func fitLogistic(x [][]float64, y []bool, wt []float64, l2 float64) []float64 {
	dims := len(x[0])
	w := make([]float64, dims)
	grad := func(w []float64) []float64 {
		g := make([]float64, dims)
		total := 0.0
		for i, xi := range x {
			p := 1 / (1 + math.Exp(-dotMasked(w, xi, nil)))
			t := 0.0
			if y[i] {
				t = 1
			}
			for d := range g {
				g[d] += wt[i] * (p - t) * xi[d]
			}
			total += wt[i]
		}
		for d := range g {
			g[d] /= total
			if d < dims-1 {
				g[d] += l2 * w[d]
			}
		}
		return g
	}
	adam(w, grad, 4000, 0.05)
	return w
}

func dotMasked(w, x []float64, drop map[int]bool) float64 {
	s := 0.0
	for d := range w {
		if !drop[d] {
			s += w[d] * x[d]
		}
	}
	return s
}

// adam minimises by full-batch Adam with the usual moment decay rates.
func adam(w []float64, grad func([]float64) []float64, steps int, rate float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	m := make([]float64, len(w))
	v := make([]float64, len(w))
	for t := 1; t <= steps; t++ {
		g := grad(w)
		c1, c2 := 1-math.Pow(b1, float64(t)), 1-math.Pow(b2, float64(t))
		for d := range w {
			m[d] = b1*m[d] + (1-b1)*g[d]
			v[d] = b2*v[d] + (1-b2)*g[d]*g[d]
			w[d] -= rate * (m[d] / c1) / (math.Sqrt(v[d]/c2) + eps)
		}
	}
}

// abstainData is, for each question the ranker answers, the abstention
// features of its best quote and whether that quote answers it.
func abstainData(ts []traced, m answer.Model, setWeight map[string]float64) (x [][]float64, y []bool, wt []float64) {
	for _, t := range ts {
		if t.trace == nil || setWeight[t.item.set] == 0 {
			continue
		}
		picked, _, f, err := m.Choose(t.trace)
		if err != nil {
			panic(err)
		}
		if len(picked) == 0 {
			continue
		}
		c := t.trace.Candidates[picked[0]]
		x = append(x, f)
		y = append(y, t.item.answerable && t.item.correct(c.Quote, c.Source.File))
		wt = append(wt, setWeight[t.item.set])
	}
	return x, y, wt
}

// chooseThreshold is the highest confidence threshold that declines at
// most maxDecline (weighted) of the answerable questions: declining is for
// questions the articles do not answer, and a reader who asked an
// answerable one should almost always get an answer.
func chooseThreshold(conf []float64, right []bool, wt []float64, maxDecline float64) float64 {
	type cw struct{ c, w float64 }
	var pts []cw
	total := 0.0
	for i, c := range conf {
		if right[i] {
			pts = append(pts, cw{c, wt[i]})
			total += wt[i]
		}
	}
	if len(pts) == 0 {
		return 0.5
	}
	sort.Slice(pts, func(a, b int) bool { return pts[a].c < pts[b].c })
	declined := 0.0
	for i, p := range pts {
		if declined+p.w > maxDecline*total {
			if i == 0 {
				return p.c
			}
			return (pts[i-1].c + p.c) / 2
		}
		declined += p.w
	}
	return pts[len(pts)-1].c
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// floor3 rounds a threshold down, so that the question it was chosen at
// is still answered.
func floor3(x float64) float64 { return math.Floor(x*1000) / 1000 }

// devCaps are the shares of each dev set's answerable questions that the
// shipped threshold may decline: a reader who asks something the articles
// answer should almost always get the answer, and a story reader most of
// all (2 in 81).
var devCaps = map[string]float64{"story": 0.025, "squad": 0.10, "wikiqa": 0.05, "trecqa": 0.05}

// devThreshold is the highest confidence threshold at which no set
// declines more than its cap of its answerable questions. Questions the
// engine cannot answer at all count as declined at every threshold.
func devThreshold(ts []traced, m answer.Model, caps map[string]float64) float64 {
	type point struct {
		set    string
		conf   float64
		always bool
	}
	var pts []point
	n := map[string]int{}
	for _, t := range ts {
		if !t.item.answerable || caps[t.item.set] == 0 {
			continue
		}
		n[t.item.set]++
		p := point{set: t.item.set, always: true}
		if t.trace != nil && !t.trace.AboutArticles {
			if picked, c, _, _ := m.Choose(t.trace); len(picked) > 0 {
				p.conf, p.always = c, false
			}
		} else if t.trace != nil {
			n[t.item.set]-- // answered from the articles' own headers
			continue
		}
		pts = append(pts, p)
	}
	ths := []float64{0}
	for _, p := range pts {
		if !p.always {
			ths = append(ths, p.conf)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ths)))
	for _, th := range ths {
		declined := map[string]int{}
		for _, p := range pts {
			if p.always || p.conf < th {
				declined[p.set]++
			}
		}
		ok := true
		for set, d := range declined {
			if float64(d) > caps[set]*float64(n[set]) {
				ok = false
			}
		}
		if ok {
			return th
		}
	}
	return 0
}
