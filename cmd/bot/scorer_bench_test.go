package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/storysynth"
)

// BenchmarkScorers compares the two scorers (index.ScorerPruned and
// index.ScorerBleve) over a story-heavy corpus: the bundled seeds plus
// articles that recombine their sentences (internal/storysynth), so that
// the dev set's question words are common, as in a real archive of one
// story. For each size the index is built once; the searches the answer
// engine makes for each dev-set question are recorded, and then, for each
// scorer, in a store opened afresh (nothing cached):
//
//	search  the recorded searches of each question, through
//	        index.Snapshot.Search; first-p50/p99 are the first pass (the
//	        pruned scorer decodes postings as it meets them), p50/p99 the
//	        passes after it (-benchtime passes, counting the first); also
//	        the postings each question's searches hold, p50 and p99
//	ask     whole answers, once per question per pass, after search
//
// Latencies are per question. Run it with
//
//	go test ./cmd/bot -run '^$' -bench Scorers -benchtime 20x -timeout 30m
//
// or -bench 'Scorers/1k' for the small corpus alone. Larger corpora take
// minutes to write and index, so they are measured from outside the
// benchmark's run: with SCORERS_CORPUS set to a corpus written by
// `go run ./cmd/storysynth` and SCORERS_INDEX to its index directory
// (built when missing, kept after), the benchmark measures that corpus,
// as Scorers/given, instead of 1k and 10k.
func BenchmarkScorers(b *testing.B) {
	root, err := os.MkdirTemp("", "storybot-scorers-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(root)
	var questions []string
	for _, q := range loadDevSet(b) {
		questions = append(questions, q.Q)
	}
	ctx := context.Background()
	type size struct {
		name     string
		articles int
	}
	sizes := []size{{"1k", 1000}, {"10k", 10000}}
	given, givenIndex := os.Getenv("SCORERS_CORPUS"), os.Getenv("SCORERS_INDEX")
	if given != "" {
		if givenIndex == "" {
			b.Fatal("SCORERS_CORPUS is set but SCORERS_INDEX is not")
		}
		sizes = []size{{"given", 0}}
	}
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			corpus := filepath.Join(root, "corpus-"+size.name)
			dir := filepath.Join(root, "index-"+size.name)
			if given != "" {
				corpus, dir = given, givenIndex
			} else if err := storysynth.WriteCorpus(corpus, seedsDir, size.articles, 1); err != nil {
				b.Fatal(err)
			}
			st, rep, err := index.Open(ctx, corpus, dir, index.Options{Scorer: index.ScorerBleve})
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%d articles, %d passages, built in %v", rep.Articles, rep.Passages, rep.Took.Round(time.Millisecond))
			calls := recordSearches(b, st, questions)
			postings := postingsPerQuestion(b, st, calls)
			st.Close()
			for _, scorer := range []index.Scorer{index.ScorerPruned, index.ScorerBleve} {
				b.Run(string(scorer), func(b *testing.B) {
					st, _, err := index.Open(ctx, corpus, dir, index.Options{Scorer: scorer})
					if err != nil {
						b.Fatal(err)
					}
					defer st.Close()
					b.Run("search", func(b *testing.B) {
						var lat, first []time.Duration
						for i := 0; i < b.N; i++ {
							pass := searchPass(b, st, calls)
							if i == 0 {
								first = append(first, pass...)
							}
							lat = append(lat, pass...)
						}
						b.StopTimer()
						reportPercentiles(b, lat)
						sort.Slice(first, func(i, j int) bool { return first[i] < first[j] })
						b.ReportMetric(float64(first[len(first)/2].Microseconds()), "first-p50-µs")
						b.ReportMetric(float64(first[len(first)*99/100].Microseconds()), "first-p99-µs")
						b.ReportMetric(float64(postings[len(postings)/2]), "postings-p50")
						b.ReportMetric(float64(postings[len(postings)*99/100]), "postings-p99")
					})
					b.Run("ask", func(b *testing.B) {
						engine := answer.New(acquirer(st))
						lat := make([]time.Duration, 0, b.N*len(questions))
						for i := 0; i < b.N; i++ {
							for _, q := range questions {
								start := time.Now()
								if _, err := engine.Ask(ctx, q); err != nil {
									b.Fatal(err)
								}
								lat = append(lat, time.Since(start))
							}
						}
						b.StopTimer()
						reportPercentiles(b, lat)
					})
				})
			}
		})
	}
}

// searchCall is one search the answer engine made.
type searchCall struct {
	terms []index.WeightedTerm
	limit int
}

// recordingSearcher passes searches on and writes them down.
type recordingSearcher struct {
	answer.Searcher
	mu    *sync.Mutex
	calls *[]searchCall
}

func (r recordingSearcher) Search(ctx context.Context, terms []answer.Weighted, limit int) ([]answer.Passage, error) {
	c := searchCall{limit: limit}
	for _, t := range terms {
		c.terms = append(c.terms, index.WeightedTerm{Term: t.Term, Weight: t.Weight})
	}
	r.mu.Lock()
	*r.calls = append(*r.calls, c)
	r.mu.Unlock()
	return r.Searcher.Search(ctx, terms, limit)
}

// recordSearches answers each question and returns the searches made for
// each.
func recordSearches(b *testing.B, st *index.Store, questions []string) [][]searchCall {
	var mu sync.Mutex
	var cur []searchCall
	base := acquirer(st)
	engine := answer.New(func() (answer.Searcher, func(), error) {
		s, release, err := base()
		if err != nil {
			return nil, nil, err
		}
		return recordingSearcher{Searcher: s, mu: &mu, calls: &cur}, release, nil
	})
	out := make([][]searchCall, len(questions))
	for i, q := range questions {
		cur = nil
		if _, err := engine.Ask(context.Background(), q); err != nil {
			b.Fatal(err)
		}
		out[i] = cur
	}
	return out
}

// postingsPerQuestion counts the postings of every clause of each
// question's searches, sorted.
func postingsPerQuestion(b *testing.B, st *index.Store, calls [][]searchCall) []int {
	snap, release, err := st.Acquire()
	if err != nil {
		b.Fatal(err)
	}
	defer release()
	out := make([]int, len(calls))
	for i, cs := range calls {
		for _, c := range cs {
			for _, t := range c.terms {
				out[i] += snap.DocFreq(t.Term)
			}
		}
	}
	sort.Ints(out)
	return out
}

// searchPass runs each question's searches and returns how long each
// question's took.
func searchPass(b *testing.B, st *index.Store, calls [][]searchCall) []time.Duration {
	ctx := context.Background()
	out := make([]time.Duration, len(calls))
	for i, cs := range calls {
		start := time.Now()
		snap, release, err := st.Acquire()
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			if _, err := snap.Search(ctx, c.terms, c.limit); err != nil {
				b.Fatal(err)
			}
		}
		release()
		out[i] = time.Since(start)
	}
	return out
}
