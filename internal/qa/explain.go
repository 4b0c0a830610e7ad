package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/searcher"
)

// explain shows how the model ranks one question's candidates over the
// story's seeds: the best few by ranking score, each with its features
// and what they add, and the confidence the engine gives.
func explain(ctx context.Context, o options, question, tmp string, stdout io.Writer) error {
	m, err := o.loadModel()
	if err != nil {
		return err
	}
	st, _, err := index.Open(ctx, filepath.Join(o.repo, "seeds"), filepath.Join(tmp, "index"), index.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	tr, err := answer.New(searcher.Acquirer(st)).Trace(ctx, question)
	if err != nil {
		return err
	}
	picked, conf, abstain, err := m.Choose(tr)
	if err != nil {
		return err
	}
	names := answer.RankFeatures()
	type row struct {
		i     int
		score float64
	}
	rows := make([]row, len(tr.Candidates))
	for i, c := range tr.Candidates {
		for d, f := range c.Features {
			rows[i].score += m.Rank[names[d]] * f
		}
		rows[i].i = i
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].score > rows[b].score })
	fmt.Fprintf(stdout, "%q: confidence %.3f (threshold %.3f), picked %v\n", tr.Question, conf, m.Threshold, picked)
	for k, an := range answer.AbstainFeatures() {
		fmt.Fprintf(stdout, "  %s=%.3g (%+.3f)", an, abstain[k], m.Abstain[an]*abstain[k])
	}
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, "  query:")
	for _, t := range tr.Terms {
		fmt.Fprintf(stdout, " %s^%.2f", t.Term, t.Weight)
	}
	fmt.Fprintln(stdout)
	for _, r := range rows[:min(len(rows), o.top)] {
		c := tr.Candidates[r.i]
		fmt.Fprintf(stdout, "\n#%d %.3f %s: %s\n ", r.i, r.score, c.Source.File, c.Quote)
		var parts []string
		for d, f := range c.Features {
			if f != 0 {
				parts = append(parts, fmt.Sprintf("%s=%.2f(%+.2f)", names[d], f, m.Rank[names[d]]*f))
			}
		}
		fmt.Fprintln(stdout, strings.Join(parts, " "))
	}
	return nil
}
