package answer

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/storysynth"
)

// BenchmarkMetaQuestions asks the questions about the articles of
// testdata/meta_phrasings.txt over the corpus `storysynth -seeds seeds
// -seed 1` writes (the seeds and synthetic articles drawn from them), of
// 10,000 and 100,000 articles, as the index describes them. One op is a
// pass over the questions; p50 and p99 are of one question.
//
//	go test ./answer -run '^$' -bench MetaQuestions -benchtime 20x
func BenchmarkMetaQuestions(b *testing.B) {
	qs := metaBenchQuestions(b)
	for _, n := range []struct {
		name string
		n    int
	}{{"10k", 10_000}, {"100k", 100_000}} {
		b.Run(n.name, func(b *testing.B) {
			s := metaCorpus(b, n.n)
			e := New(func() (Searcher, func(), error) { return s, func() {}, nil })
			for _, q := range qs { // as after the first question of a generation
				if _, _, err := e.askAboutArticles(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, 0, b.N*len(qs))
			b.ResetTimer()
			for range b.N {
				for _, q := range qs {
					start := time.Now()
					if _, _, err := e.askAboutArticles(context.Background(), q); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1e3, "p50-ms")
			b.ReportMetric(float64(lat[(len(lat)-1)*99/100].Microseconds())/1e3, "p99-ms")
		})
	}
}

// metaBenchQuestions are the questions of testdata/meta_phrasings.txt
// that are about the articles, and a few more that read other lines.
func metaBenchQuestions(b *testing.B) []string {
	f, err := os.Open("testdata/meta_phrasings.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	qs := []string{"who is heejin kim", "what city was the reuters story filed from", "which article is the newest"}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.SplitN(sc.Text(), "|", 4)
		if len(cols) == 4 && strings.TrimSpace(cols[0]) == "meta" {
			qs = append(qs, strings.TrimSpace(cols[3]))
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return qs
}

// corpusSearcher serves a corpus's articles as the index adapter does
// (Articles a fresh copy on every call) and their first passages; it
// holds no other passages, so it answers only questions about the
// articles. Its terms are the lower-case words of the passages it holds,
// for the questions that name an article by words no article holds
// ("what does the bbc report say…").
type corpusSearcher struct {
	Searcher
	meta    []ArticleMeta
	lead    map[string][]Passage
	outlets []string
	authors []string
	kept    map[any]any
	df      map[string]int
	// postings are the passages holding each term (see Search).
	postings map[string][]Passage
}

func (s *corpusSearcher) Analyze(text string) []Token {
	var out []Token
	for _, w := range strings.FieldsFunc(strings.ToLower(text), notWordRune) {
		out = append(out, Token{Term: w})
	}
	return out
}

func (s *corpusSearcher) DocFreq(term string) int { return s.df[term] }

// Search finds the passages it holds that hold one of the terms, in
// article order (the articles named by what they report ask for them),
// from its postings, as the index keeps them.
func (s *corpusSearcher) Search(_ context.Context, terms []Weighted, limit int) ([]Passage, error) {
	var out []Passage
	for _, w := range terms {
		out = append(out, s.postings[w.Term]...)
	}
	return out[:min(len(out), limit)], nil
}
func (s *corpusSearcher) Similar(string, int) []string { return nil }

func (s *corpusSearcher) Articles() []ArticleMeta { return slices.Clone(s.meta) }
func (s *corpusSearcher) Outlets() []string       { return s.outlets }
func (s *corpusSearcher) Authors() []string       { return s.authors }

func (s *corpusSearcher) Passage(id string, seq int) (Passage, bool) {
	ps := s.lead[id]
	if seq >= len(ps) {
		return Passage{}, false
	}
	return ps[seq], true
}

// Remember is not safe for concurrent use: the benchmark asks one
// question at a time.
func (s *corpusSearcher) Remember(key any, create func() any) any {
	if v, ok := s.kept[key]; ok {
		return v
	}
	v := create()
	s.kept[key] = v
	return v
}

// metaCorpora are the corpora made so far, by size: making one takes a
// while (index.Parse reads every line), so it is made once per run.
var metaCorpora = map[int]*corpusSearcher{}

// metaCorpus is the seeds and n-5 synthetic articles, as storysynth's
// WriteCorpus writes them (seed 1), parsed as the index parses them, with
// the passages the index cuts from their first paragraphs.
func metaCorpus(b *testing.B, n int) *corpusSearcher {
	b.Helper()
	if s, ok := metaCorpora[n]; ok {
		return s
	}
	seeds, err := filepath.Glob("../seeds/*.md")
	if err != nil || len(seeds) == 0 {
		b.Fatalf("seeds: %v (%d files)", err, len(seeds))
	}
	gen, err := storysynth.Load("../seeds")
	if err != nil {
		b.Fatal(err)
	}
	files := make([]string, n)
	datas := make([][]byte, n)
	for i, file := range seeds {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		files[i], datas[i] = filepath.Join("corpus", filepath.Base(file)), data
	}
	for i := range n - len(seeds) {
		name, data := gen.Article(1, i)
		files[len(seeds)+i], datas[len(seeds)+i] = filepath.Join("corpus", name), data
	}
	// Parsing is most of the time: on every CPU.
	parsed := make([]index.Article, n)
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n && errs[w] == nil; i += workers {
				parsed[i], errs[w] = index.Parse(files[i], datas[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
	s := &corpusSearcher{lead: map[string][]Passage{}, kept: map[any]any{}, df: map[string]int{}, postings: map[string][]Passage{}}
	for _, a := range parsed {
		src := Source{File: a.File, Outlet: a.Outlet, Title: a.Title, Author: a.Author, Date: a.Date, URL: a.URL}
		s.meta = append(s.meta, ArticleMeta{ID: a.ID, Source: src, Headline: a.Headline, Byline: a.Byline, Dateline: a.Dateline, Credits: a.Credits})
		// Its first paragraphs hold its first sentence.
		if lines := strings.SplitAfterN(a.Body, "\n", 5); len(lines) == 5 {
			a.Body = strings.Join(lines[:4], "")
		}
		for _, p := range index.Split(a) {
			passage := Passage{ArticleID: a.ID, Seq: p.Seq, Para: p.Para, Text: p.Text(a.Body), Caption: p.Caption}
			s.lead[a.ID] = append(s.lead[a.ID], passage)
			seen := map[string]bool{}
			for _, t := range s.Analyze(passage.Text) {
				s.df[t.Term]++
				if !seen[t.Term] {
					seen[t.Term] = true
					s.postings[t.Term] = append(s.postings[t.Term], passage)
				}
			}
			if !p.Caption {
				break
			}
		}
		if !slices.Contains(s.outlets, a.Outlet) && a.Outlet != "" {
			s.outlets = append(s.outlets, a.Outlet)
		}
		if !slices.Contains(s.authors, a.Author) && a.Author != "" {
			s.authors = append(s.authors, a.Author)
		}
	}
	slices.Sort(s.outlets)
	slices.Sort(s.authors)
	metaCorpora[n] = s
	return s
}
