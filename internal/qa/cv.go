package main

import (
	"context"
	"fmt"
	"io"
)

// crossValidate estimates how the fitted model does on story questions it
// never saw: the story questions are cut into folds, and each fold is
// scored by a model fitted without it (on the other folds and SQuAD).
// This is the honest figure for choosing fitting settings, since the
// shipped model is fitted on every story question.
func crossValidate(ctx context.Context, o options, stdout io.Writer) error {
	ts, err := o.trace(ctx, fitCorpora)
	if err != nil {
		return err
	}
	// The threshold is chosen as fit chooses it: on the story and SQuAD
	// questions fitted on, and the WikiQA and TrecQA dev files.
	var dev []traced
	if o.maxDecline == 0 {
		if dev, err = o.dev("wikiqa", "trecqa").trace(ctx, evalCorpora); err != nil {
			return err
		}
	}
	k := max(2, o.folds)
	held := map[string]*scores{}
	n := 0
	for f := range k {
		var train, test []traced
		for _, t := range ts {
			if t.item.set != "story" {
				train = append(train, t)
				continue
			}
			if n%k == f {
				test = append(test, t)
			} else {
				train = append(train, t)
			}
			n++
		}
		n = 0
		m := fitModel(train, o.fitConfig(), nil)
		if o.maxDecline == 0 {
			var th []traced
			for _, t := range train {
				if t.item.set == "story" || t.item.set == "squad" {
					th = append(th, t)
				}
			}
			m.Threshold = floor3(devThreshold(append(th, dev...), m, devCaps))
		} else {
			m.Threshold = fitThreshold(train, m, o.maxDecline)
		}
		for set, s := range score(test, engineSystem(m)) {
			if held[set] == nil {
				held[set] = &scores{}
			}
			held[set].merge(s)
		}
	}
	table(stdout, fmt.Sprintf("Story questions, each scored by a model fitted without it (%d folds)", k),
		[]string{"storybot"}, []map[string]*scores{held})
	return nil
}

func (s *scores) merge(o *scores) {
	s.answerable += o.answerable
	s.unanswerable += o.unanswerable
	s.hit1 += o.hit1
	s.hit3 += o.hit3
	s.rr += o.rr
	s.ap += o.ap
	s.declinedAns += o.declinedAns
	s.declinedUna += o.declinedUna
	s.sourcesWanted += o.sourcesWanted
	s.sourcesOK += o.sourcesOK
}
