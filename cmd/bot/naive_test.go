package main

import (
	"github.com/blevesearch/bleve/v2"

	"github.com/storybot/storybot/internal/naive"
)

// The scale benchmarks measure storybot against the naive baseline of the
// speed issue (internal/naive).

func naiveBuild(seeds, path string) (int, error) { return naive.Build(seeds, path) }

func naiveAsk(idx bleve.Index, question string) (*bleve.SearchResult, error) {
	return naive.Ask(idx, question)
}
