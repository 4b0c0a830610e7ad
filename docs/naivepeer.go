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
// of stdin with a line of JSON (the five hits). naiveBuild, naiveBody and
// naiveAsk are copied from cmd/bot/naive_test.go unchanged.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

func main() {
	seeds, dir := os.Getenv("SEEDS_DIR"), os.Getenv("INDEX_DIR")
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: naive index | naive ask --json")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "index":
		n, err := naiveBuild(seeds, dir)
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
			res, err := naiveAsk(idx, sc.Text())
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

// naiveSentenceRE cuts text at sentence punctuation and line ends.
var naiveSentenceRE = regexp.MustCompile(`[^.!?\n]+[.!?]*`)

// naiveDoc is one sentence as the baseline indexes it.
type naiveDoc struct {
	Text    string `json:"text"`
	Article string `json:"article"`
}

// naiveBatchSize is how many documents go to Bleve at once.
const naiveBatchSize = 1000

// naiveBuild indexes the articles in seeds into a new index at path and
// returns how many sentences it indexed.
func naiveBuild(seeds, path string) (int, error) {
	entries, err := os.ReadDir(seeds)
	if err != nil {
		return 0, err
	}
	idx, err := bleve.New(path, bleve.NewIndexMapping())
	if err != nil {
		return 0, err
	}
	batch := idx.NewBatch()
	n := 0
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); e.IsDir() || ext != ".md" && ext != ".txt" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(seeds, e.Name()))
		if err != nil {
			idx.Close()
			return 0, err
		}
		for _, s := range naiveSentenceRE.FindAllString(naiveBody(string(data)), -1) {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if err := batch.Index(fmt.Sprintf("%s-%d", e.Name(), n), naiveDoc{Text: s, Article: e.Name()}); err != nil {
				idx.Close()
				return 0, err
			}
			n++
			if batch.Size() >= naiveBatchSize {
				if err := idx.Batch(batch); err != nil {
					idx.Close()
					return 0, err
				}
				batch.Reset()
			}
		}
	}
	if err := idx.Batch(batch); err != nil {
		idx.Close()
		return 0, err
	}
	return n, idx.Close()
}

// naiveBody drops a leading front-matter block.
func naiveBody(text string) string {
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
			return body
		}
	}
	return text
}

// naiveAsk answers a question with the five best-matching sentences.
func naiveAsk(idx bleve.Index, question string) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequest(bleve.NewMatchQuery(question))
	req.Size = 5
	req.Fields = []string{"*"}
	return idx.Search(req)
}
