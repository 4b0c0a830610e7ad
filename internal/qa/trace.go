package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/searcher"
)

// traced is a question with what the engine saw of it.
type traced struct {
	item  *item
	trace *answer.Trace // nil when the question could not be asked
	err   error
}

// traceAll indexes each corpus in a temporary folder, as the bot does, and
// traces its questions. Corpora are spread over jobs workers; the result
// keeps the input order.
func traceAll(ctx context.Context, corpora []corpus, jobs int) ([]traced, error) {
	results := make([][]traced, len(corpora))
	errs := make([]error, len(corpora))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = traceCorpus(ctx, &corpora[i])
			}
		}()
	}
	for i := range corpora {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []traced
	for i, r := range results {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", corpora[i].name, errs[i])
		}
		out = append(out, r...)
	}
	return out, nil
}

func traceCorpus(ctx context.Context, c *corpus) ([]traced, error) {
	tmp, err := os.MkdirTemp("", "storybot-qa-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	seeds := c.dir
	if seeds == "" {
		seeds = filepath.Join(tmp, "seeds")
		if err := os.Mkdir(seeds, 0o755); err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(c.files) {
			if err := os.WriteFile(filepath.Join(seeds, name), []byte(c.files[name]), 0o644); err != nil {
				return nil, err
			}
		}
	}
	out := make([]traced, len(c.items))
	for i := range c.items {
		out[i].item = &c.items[i]
	}
	st, _, err := index.Open(ctx, seeds, filepath.Join(tmp, "index"), index.Options{})
	if err != nil {
		// An article the bot refuses to index answers nothing; the outside
		// check counts its questions as declined.
		for i := range out {
			out[i].err = err
		}
		return out, nil
	}
	defer st.Close()
	engine := answer.New(searcher.Acquirer(st))
	for i := range out {
		out[i].trace, out[i].err = engine.Trace(ctx, c.items[i].q)
		if out[i].err != nil && !isInputError(out[i].err) {
			return nil, out[i].err
		}
	}
	return out, nil
}

func isInputError(err error) bool {
	return errors.Is(err, answer.ErrNoWords) || errors.Is(err, answer.ErrEmptyQuestion) || errors.Is(err, answer.ErrLongQuestion)
}
