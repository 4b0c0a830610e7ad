package main

import (
	"context"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/searcher"
)

func acquirer(st *index.Store) answer.Acquire { return searcher.Acquirer(st) }

// warmPassages bounds the passages analysed ahead of questions: every one
// of a few hundred articles, none of thousands (each takes some 20 µs, and
// far fewer are ever found by a question).
const warmPassages = 50_000

// warmUp readies engine for its first questions in the background: the
// lexicon, and the analysis (and words' vectors) of every passage of a
// small index, which ranking otherwise works out the first time a
// question finds each one. The
// channel is closed when it is done, or has stopped because ctx was.
func warmUp(ctx context.Context, st *index.Store, engine *answer.Engine) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if engine.Warm() != nil {
			return
		}
		snap, release, err := st.Acquire()
		if err != nil {
			return
		}
		defer release()
		if snap.NumPassages() > warmPassages {
			return
		}
		s := searcher.For(snap)
		for _, a := range snap.Meta().Articles {
			for seq := 0; ctx.Err() == nil; seq++ {
				p, ok := snap.Passage(a.ID, seq)
				if !ok {
					break
				}
				answer.PreparePassage(s, p.Text)
			}
		}
	}()
	return done
}

// warmUpUntilDone runs warmUp and returns the function that stops it and
// waits, for a caller to defer.
func warmUpUntilDone(ctx context.Context, st *index.Store, engine *answer.Engine) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := warmUp(ctx, st, engine)
	return func() { cancel(); <-done }
}
