// Package naive is the naive baseline of the speed issue: what a
// first-time Bleve user writes to answer questions from a folder of
// articles. Bleve's default mapping with nothing tuned, one document per
// sentence cut by a regular expression, a plain match query for the
// question, and the top five hits with their stored text. The scale
// benchmarks (cmd/bot) and the outside peer (docs/naivepeer.go) measure
// storybot against it.
package naive

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// sentenceRE cuts text at sentence punctuation and line ends.
var sentenceRE = regexp.MustCompile(`[^.!?\n]+[.!?]*`)

// doc is one sentence as the baseline indexes it.
type doc struct {
	Text    string `json:"text"`
	Article string `json:"article"`
}

// batchSize is how many documents go to Bleve at once.
const batchSize = 1000

// Build indexes the articles in seeds into a new index at path and
// returns how many sentences it indexed.
func Build(seeds, path string) (int, error) {
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
		for _, s := range sentenceRE.FindAllString(Body(string(data)), -1) {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if err := batch.Index(fmt.Sprintf("%s-%d", e.Name(), n), doc{Text: s, Article: e.Name()}); err != nil {
				idx.Close()
				return 0, err
			}
			n++
			if batch.Size() >= batchSize {
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

// Body drops a leading front-matter block.
func Body(text string) string {
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
			return body
		}
	}
	return text
}

// Ask answers a question with the five best-matching sentences.
func Ask(idx bleve.Index, question string) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequest(bleve.NewMatchQuery(question))
	req.Size = 5
	req.Fields = []string{"*"}
	return idx.Search(req)
}
