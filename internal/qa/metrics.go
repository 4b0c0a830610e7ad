package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storybot/storybot/answer"
)

// reply is what a system showed for one question.
type reply struct {
	answered bool
	quotes   []string
	files    []string
}

// system turns a traced question into a reply.
type system func(t traced) reply

// engineSystem answers as the engine does with model m.
func engineSystem(m answer.Model) system {
	return func(t traced) reply {
		if t.trace == nil {
			return reply{}
		}
		if t.trace.AboutArticles {
			r := reply{answered: len(t.trace.About) > 0}
			for _, a := range t.trace.About {
				r.quotes = append(r.quotes, a.Quote)
				r.files = append(r.files, a.Source.File)
			}
			return r
		}
		picked, conf, _, err := m.Choose(t.trace)
		if err != nil {
			panic(err) // the model was compiled before
		}
		r := reply{answered: len(picked) > 0 && conf >= m.Threshold}
		if !r.answered {
			return r
		}
		for _, i := range picked {
			c := t.trace.Candidates[i]
			r.quotes = append(r.quotes, c.Quote)
			r.files = append(r.files, c.Source.File)
		}
		return r
	}
}

// bm25System is the plain baseline: the full-text search's own order of
// single passages, never declining.
func bm25System(t traced) reply {
	if t.trace == nil || len(t.trace.Candidates) == 0 {
		return reply{}
	}
	cs := t.trace.Candidates
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	const bm25 = 0 // answer's first feature
	sort.SliceStable(order, func(a, b int) bool { return cs[order[a]].Features[bm25] > cs[order[b]].Features[bm25] })
	r := reply{answered: true}
	for _, i := range order[:min(answer.MaxAnswers, len(order))] {
		r.quotes = append(r.quotes, cs[i].Passage)
		r.files = append(r.files, cs[i].Source.File)
	}
	return r
}

// scores are one system's figures over one set.
type scores struct {
	answerable, unanswerable int
	hit1, hit3, rr, ap       float64
	declinedAns, declinedUna int
	sourcesWanted, sourcesOK int
}

func (s *scores) add(t traced, r reply) {
	it := t.item
	if !it.answerable {
		s.unanswerable++
		if !r.answered {
			s.declinedUna++
		}
		return
	}
	s.answerable++
	if !r.answered {
		s.declinedAns++
		return
	}
	if it.cands != nil {
		s.addSelection(it, r)
		return
	}
	rank := 0
	shown := map[string]bool{}
	for i, q := range r.quotes {
		ok := it.correct(q, r.files[i])
		if it.set == "squad" {
			ok = it.holdsGold(q) // "answer in the quote", as the outside check reports
		}
		if ok && rank == 0 {
			rank = i + 1
		}
		if ok {
			shown[filepath.Base(r.files[i])] = true
		}
	}
	s.credit(rank)
	if len(it.articles) > 1 {
		s.sourcesWanted += len(it.articles)
		for _, a := range it.articles {
			if shown[a] {
				s.sourcesOK++
			}
		}
	}
}

func (s *scores) credit(rank int) {
	if rank == 1 {
		s.hit1++
	}
	if rank >= 1 && rank <= 3 {
		s.hit3++
	}
	if rank > 0 {
		s.rr += 1 / float64(rank)
	}
}

// addSelection scores a WikiQA or TrecQA reply as the outside check does:
// quotes map to candidate sentences, a quote of two sentences takes two
// slots, a quote that maps to nothing new still takes one, and the list
// is cut at five.
func (s *scores) addSelection(it *item, r reply) {
	var ranked []int
	for _, q := range r.quotes {
		var fresh []int
		for _, i := range it.mapQuote(q) {
			if !contains(ranked, i) {
				fresh = append(fresh, i)
			}
		}
		if len(fresh) == 0 {
			fresh = []int{-1}
		}
		ranked = append(ranked, fresh...)
	}
	ranked = ranked[:min(len(ranked), answer.MaxAnswers)]
	npos, hits, psum, rank := 0, 0, 0.0, 0
	for _, l := range it.labels {
		if l {
			npos++
		}
	}
	for k, i := range ranked {
		if i >= 0 && it.labels[i] {
			hits++
			psum += float64(hits) / float64(k+1)
			if rank == 0 {
				rank = k + 1
			}
		}
	}
	s.credit(rank)
	if npos > 0 {
		s.ap += psum / float64(npos)
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// holdsGold reports whether a quote holds a gold answer text.
func (it *item) holdsGold(quote string) bool {
	fq := fold(quote)
	for _, g := range it.golds {
		if strings.Contains(fq, g) {
			return true
		}
	}
	return false
}

// score runs a system over traced questions, per set.
func score(ts []traced, sys system) map[string]*scores {
	out := map[string]*scores{}
	for _, t := range ts {
		s := out[t.item.set]
		if s == nil {
			s = &scores{}
			out[t.item.set] = s
		}
		s.add(t, sys(t))
	}
	return out
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", a/b)
}

// table prints the figures of several systems side by side.
func table(w io.Writer, title string, names []string, runs []map[string]*scores) {
	fmt.Fprintf(w, "\n%s\n\n", title)
	fmt.Fprintln(w, "| set | system | answerable | hit@1 | hit@3 | MRR | MAP | declined answerable | declined unanswerable | sources shown |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	var sets []string
	for set := range runs[0] {
		sets = append(sets, set)
	}
	sort.Strings(sets)
	for _, set := range sets {
		for i, run := range runs {
			s := run[set]
			n := float64(s.answerable)
			mapCol := "–"
			if set == "wikiqa" || set == "trecqa" {
				mapCol = ratio(s.ap, n)
			}
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %d (%s) | %d of %d (%s) | %s |\n",
				set, names[i], s.answerable, ratio(s.hit1, n), ratio(s.hit3, n), ratio(s.rr, n), mapCol,
				s.declinedAns, ratio(float64(s.declinedAns), n),
				s.declinedUna, s.unanswerable, ratio(float64(s.declinedUna), float64(s.unanswerable)),
				ratio(float64(s.sourcesOK), float64(s.sourcesWanted)))
		}
	}
}

// sweep shows, for a range of thresholds, the share of each set's
// answerable and unanswerable questions that m would decline.
func sweep(w io.Writer, ts []traced, m answer.Model) {
	type conf struct {
		c          float64
		answerable bool
	}
	per := map[string][]conf{}
	for _, t := range ts {
		c := 0.0
		if t.trace != nil {
			if picked, cf, _, _ := m.Choose(t.trace); len(picked) > 0 {
				c = cf
			}
		}
		per[t.item.set] = append(per[t.item.set], conf{c, t.item.answerable})
	}
	sets := sortedKeys(per)
	fmt.Fprintf(w, "\nDeclined at each threshold (answerable / unanswerable)\n\n| threshold |")
	for _, s := range sets {
		fmt.Fprintf(w, " %s |", s)
	}
	fmt.Fprintln(w)
	for th := 0.0; th < 0.9; th += 0.05 {
		fmt.Fprintf(w, "| %.2f |", th)
		for _, s := range sets {
			var na, da, nu, du float64
			for _, c := range per[s] {
				declined := c.c < th || c.c == 0
				if c.answerable {
					na++
					if declined {
						da++
					}
				} else {
					nu++
					if declined {
						du++
					}
				}
			}
			fmt.Fprintf(w, " %s / %s |", ratio(da, na), ratio(du, nu))
		}
		fmt.Fprintln(w)
	}
}

// listMisses prints the questions of one set that m gets wrong: declined
// when answerable, answered when not, or a wrong first quote; with all,
// every question, with its confidence and whether the first quote is right.
func listMisses(w io.Writer, ts []traced, m answer.Model, set string, all bool) {
	sys := engineSystem(m)
	fmt.Fprintf(w, "\nMisses in %s\n\n", set)
	for _, t := range ts {
		if t.item.set != set {
			continue
		}
		r := sys(t)
		conf := 0.0
		if t.trace != nil {
			_, conf, _, _ = m.Choose(t.trace)
		}
		if all {
			right := r.answered && t.item.answerable && t.item.correct(r.quotes[0], r.files[0])
			fmt.Fprintf(w, "- %.3f answerable=%v right=%v %q\n", conf, t.item.answerable, right, t.item.q)
			continue
		}
		switch {
		case t.item.answerable && !r.answered:
			fmt.Fprintf(w, "- declined (%.3f): %q\n", conf, t.item.q)
		case !t.item.answerable && r.answered:
			fmt.Fprintf(w, "- answered (%.3f): %q → %q\n", conf, t.item.q, r.quotes[0])
		case t.item.answerable && !t.item.correct(r.quotes[0], r.files[0]):
			fmt.Fprintf(w, "- wrong first quote (%.3f): %q → %q\n", conf, t.item.q, r.quotes[0])
		}
	}
}
