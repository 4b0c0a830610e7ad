//go:build ignore

// The naive Bleve peer of cmd/bot/naive_test.go as a program, so that it
// can be measured from outside the way bot is (BENCHMARKS.md, "A build
// that streams"):
//
//	go build -o /tmp/naive docs/naivepeer.go
//	SEEDS_DIR=... INDEX_DIR=... /tmp/naive index
//	SEEDS_DIR=... INDEX_DIR=... python3 docs/pipetime.py /tmp/naive 3
//
// "index" builds SEEDS_DIR into INDEX_DIR; "ask --json" answers each line
// of stdin with a line of JSON (the five hits), with internal/naive, the
// baseline the in-process benchmarks use.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/blevesearch/bleve/v2"

	"github.com/storybot/storybot/internal/naive"
)

func main() {
	seeds, dir := os.Getenv("SEEDS_DIR"), os.Getenv("INDEX_DIR")
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: naive index | naive ask --json")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "index":
		n, err := naive.Build(seeds, dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("indexed", n, "sentences")
	case "ask":
		idx, err := bleve.Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sc := bufio.NewScanner(os.Stdin)
		out := bufio.NewWriter(os.Stdout)
		for sc.Scan() {
			res, err := naive.Ask(idx, sc.Text())
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			b, _ := json.Marshal(res.Hits)
			out.Write(append(b, '\n'))
			out.Flush()
		}
	}
}
