package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/storybot/storybot/answer"
)

// dump writes what the model was fitted on, for trying other kinds of
// model on the same features (docs/nonlinear.py): rank.tsv has a row for
// each candidate of each answerable question, with whether it answers it;
// abstain.tsv a row for each question m answers, with the abstention
// features of its best quote and whether that quote answers it.
func dump(dir string, ts []traced, m answer.Model) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err := writeTSV(filepath.Join(dir, "rank.tsv"), append([]string{"set", "question", "candidate", "right"}, answer.RankFeatures()...), func(row func(...any)) {
		for qi, t := range ts {
			if t.trace == nil || !t.item.answerable {
				continue
			}
			for ci, c := range t.trace.Candidates {
				row(append([]any{t.item.set, qi, ci, t.item.correct(c.Quote, c.Source.File)}, floats(c.Features)...)...)
			}
		}
	})
	if err != nil {
		return err
	}
	return writeTSV(filepath.Join(dir, "abstain.tsv"), append([]string{"set", "question", "answerable", "right"}, answer.AbstainFeatures()...), func(row func(...any)) {
		for qi, t := range ts {
			if t.trace == nil {
				continue
			}
			picked, _, f, err := m.Choose(t.trace)
			if err != nil || len(picked) == 0 {
				continue
			}
			c := t.trace.Candidates[picked[0]]
			row(append([]any{t.item.set, qi, t.item.answerable, t.item.answerable && t.item.correct(c.Quote, c.Source.File)}, floats(f)...)...)
		}
	})
}

func floats(xs []float64) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// writeTSV writes a header and the rows each calls row with.
func writeTSV(path string, header []string, each func(row func(...any))) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	each(func(vals ...any) {
		for i, v := range vals {
			if i > 0 {
				w.WriteByte('\t')
			}
			fmt.Fprint(w, v)
		}
		w.WriteByte('\n')
	})
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
