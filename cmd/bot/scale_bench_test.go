package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/synth"
)

// BenchmarkScale measures storybot and the naive Bleve baseline
// (naive_test.go) over three corpora: the five bundled seeds, and 1,000
// and 10,000 articles (the seeds plus synthetic articles from
// internal/synth, so the dev set's questions keep their answers). For each
// system and size:
//
//	build  index the corpus from scratch, in a child process so that its
//	       peak RSS can be read (it includes the test binary's own 20 MB or
//	       so); reports build-s, passages/s, index-MB and peak-RSS-MB
//	ask    answer a fixed question mix over the built index; ns/op, p50, p99
//	cold   open the built index and answer one question, as `bot ask` does
//	       (the files are in the page cache: this is a process's cold start,
//	       not the disk's)
//
// One op of ask is a pass over the whole question mix; one op of cold is
// ten starts. Each index is built once per run and reused by ask and cold.
// Run all of it (a few minutes: the naive 10k build takes the longest) with
//
//	go test ./cmd/bot -run '^$' -bench Scale -benchtime 1x -timeout 1h
//
// or pick sizes and steps, e.g. -bench 'Scale/.*/seeds' for a quick run,
// or -bench 'Scale/.*/1k/ask' -benchtime 10x for ten passes. Use
// -benchtime, not -count, for more samples: every count builds again.
func BenchmarkScale(b *testing.B) {
	root, err := os.MkdirTemp("", "storybot-scale-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(root)
	run := &scaleRun{root: root, corpora: map[string]string{}, built: map[string]string{}}
	for _, sys := range scaleSystems {
		b.Run(sys.name, func(b *testing.B) {
			for _, size := range scaleSizes {
				b.Run(size.name, func(b *testing.B) {
					b.Run("build", func(b *testing.B) { run.benchBuild(b, sys, size) })
					b.Run("ask", func(b *testing.B) { run.benchAsk(b, sys, size) })
					b.Run("cold", func(b *testing.B) { run.benchCold(b, sys, size) })
				})
			}
		})
	}
}

// synthSeed names the synthetic corpus; synthQuestions is how many of its
// questions join the dev set's in the question mix of a large corpus.
const (
	synthSeed      = 1
	synthQuestions = 300
)

type scaleSize struct {
	name     string
	articles int // 0: the bundled seeds alone
}

var scaleSizes = []scaleSize{{"seeds", 0}, {"1k", 1000}, {"10k", 10000}}

// scaleSystem is one way of answering questions from articles.
type scaleSystem struct {
	name string
	// build indexes the articles in corpus into dir, which does not exist
	// yet, and returns how many passages it indexed. It runs in the child.
	build func(ctx context.Context, corpus, dir string) (int, error)
	// open opens the index built in dir, ready to answer questions.
	// open opens the index built in dir, ready to answer questions; warm
	// readies it as a long-running bot does at start.
	open func(b *testing.B, corpus, dir string, warm bool) (ask func(question string) error, close func())
}

var scaleSystems = []scaleSystem{
	{name: "storybot", build: storybotBuild, open: storybotOpen},
	{name: "naive", build: func(_ context.Context, corpus, dir string) (int, error) { return naiveBuild(corpus, dir) }, open: naiveOpen},
}

func storybotBuild(ctx context.Context, corpus, dir string) (int, error) {
	st, rep, err := index.Open(ctx, corpus, dir, index.Options{Rebuild: true})
	if err != nil {
		return 0, err
	}
	return rep.Passages, st.Close()
}

func storybotOpen(b *testing.B, corpus, dir string, warm bool) (func(string) error, func()) {
	ctx := context.Background()
	st, rep, err := index.Open(ctx, corpus, dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if rep.Built {
		b.Fatal("opening a built index rebuilt it")
	}
	engine := answer.New(acquirer(st))
	if warm {
		<-warmUp(ctx, st, engine) // as the bot does at start, here to the end
	}
	ask := func(q string) error {
		_, err := engine.Ask(ctx, q)
		return err
	}
	return ask, func() { st.Close() }
}

func naiveOpen(b *testing.B, _, dir string, _ bool) (func(string) error, func()) {
	idx, err := bleve.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	ask := func(q string) error {
		_, err := naiveAsk(idx, q)
		return err
	}
	return ask, func() { idx.Close() }
}

// scaleRun holds what one run of BenchmarkScale has generated and built.
type scaleRun struct {
	root    string
	corpora map[string]string // size → articles directory
	built   map[string]string // system/size → index directory
	dirs    int
}

// corpus returns the articles directory of a size, writing it on first use.
func (r *scaleRun) corpus(b *testing.B, size scaleSize) string {
	if size.articles == 0 {
		return seedsDir
	}
	if dir, ok := r.corpora[size.name]; ok {
		return dir
	}
	dir := filepath.Join(r.root, "corpus-"+size.name)
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.md"))
	if err != nil {
		b.Fatal(err)
	}
	if err := synth.WriteDir(dir, size.articles-len(seeds), synthSeed); err != nil {
		b.Fatal(err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	r.corpora[size.name] = dir
	return dir
}

// newDir names a fresh directory for an index.
func (r *scaleRun) newDir(sys scaleSystem, size scaleSize) string {
	r.dirs++
	return filepath.Join(r.root, fmt.Sprintf("index-%s-%s-%d", sys.name, size.name, r.dirs))
}

// index returns the directory of a built index, building it if this run
// has not yet.
func (r *scaleRun) index(b *testing.B, sys scaleSystem, size scaleSize) string {
	key := sys.name + "/" + size.name
	if dir, ok := r.built[key]; ok {
		return dir
	}
	b.StopTimer()
	defer b.StartTimer()
	dir := r.newDir(sys, size)
	buildInChild(b, sys, r.corpus(b, size), dir)
	r.built[key] = dir
	return dir
}

func (r *scaleRun) benchBuild(b *testing.B, sys scaleSystem, size scaleSize) {
	corpus := r.corpus(b, size)
	var (
		dir           string
		seconds, peak float64
		passages      int
	)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if dir != "" {
			b.StopTimer()
			os.RemoveAll(dir)
			b.StartTimer()
		}
		dir = r.newDir(sys, size)
		res, rss := buildInChild(b, sys, corpus, dir)
		seconds += res.Seconds
		passages = res.Passages
		peak = max(peak, rss)
	}
	b.StopTimer()
	seconds /= float64(b.N)
	b.ReportMetric(seconds, "build-s")
	b.ReportMetric(float64(passages)/seconds, "passages/s")
	b.ReportMetric(float64(diskBytes(b, dir))/(1<<20), "index-MB")
	if peak > 0 {
		b.ReportMetric(peak, "peak-RSS-MB")
	}
	key := sys.name + "/" + size.name
	if _, ok := r.built[key]; ok {
		os.RemoveAll(dir)
	} else {
		r.built[key] = dir
	}
}

// benchAsk answers the whole question mix once per op, so that -benchtime
// 1x is one pass in which no question repeats (nothing remembered from an
// earlier asking), and more passes measure a warmed-up index.
func (r *scaleRun) benchAsk(b *testing.B, sys scaleSystem, size scaleSize) {
	corpus := r.corpus(b, size)
	ask, closeIndex := sys.open(b, corpus, r.index(b, sys, size), true)
	defer closeIndex()
	questions := scaleQuestions(b, size)
	lat := make([]time.Duration, 0, b.N*len(questions))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range questions {
			start := time.Now()
			if err := ask(q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(len(lat)), "µs/question")
	reportPercentiles(b, lat)
}

// coldStarts is how many times one op of cold opens the index and answers
// its first question.
const coldStarts = 10

func (r *scaleRun) benchCold(b *testing.B, sys scaleSystem, size scaleSize) {
	corpus := r.corpus(b, size)
	dir := r.index(b, sys, size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for range coldStarts {
			ask, closeIndex := sys.open(b, corpus, dir, false)
			if err := ask("how many soldiers died"); err != nil {
				b.Fatal(err)
			}
			closeIndex()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*coldStarts), "ms/start")
}

// scaleQuestions is the question mix for a size: the dev set's, and for
// the synthetic corpora synthetic questions too, in a fixed shuffled
// order so that a short run still sees both.
func scaleQuestions(b *testing.B, size scaleSize) []string {
	var qs []string
	for _, q := range loadDevSet(b) {
		qs = append(qs, q.Q)
	}
	if size.articles > 0 {
		qs = append(qs, synth.Questions(synthSeed, synthQuestions)...)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

func diskBytes(b *testing.B, dir string) int64 {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return total
}

// The child process: BenchmarkScale runs this test binary again with
// -test.run=^TestBenchChild$ and a job in scaleChildEnv; the child builds
// one index and prints its result on a line starting with
// scaleChildPrefix.
const (
	scaleChildEnv    = "STORYBOT_SCALE_CHILD"
	scaleChildPrefix = "scale-child-result: "
)

type scaleChildJob struct {
	System, Corpus, Dir string
}

type scaleChildResult struct {
	Passages int
	Seconds  float64
	PeakRSS  float64 // MB; 0 where the OS does not say
}

// TestBenchChild is the child process of BenchmarkScale's builds; run
// otherwise, it skips.
func TestBenchChild(t *testing.T) {
	spec := os.Getenv(scaleChildEnv)
	if spec == "" {
		t.Skip("builds an index for BenchmarkScale when run as its child process")
	}
	var job scaleChildJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		t.Fatalf("%s: %v", scaleChildEnv, err)
	}
	for _, sys := range scaleSystems {
		if sys.name != job.System {
			continue
		}
		start := time.Now()
		n, err := sys.build(context.Background(), job.Corpus, job.Dir)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(scaleChildResult{Passages: n, Seconds: time.Since(start).Seconds(), PeakRSS: peakRSSMB()})
		fmt.Printf("%s%s\n", scaleChildPrefix, out)
		return
	}
	t.Fatalf("no system %q", job.System)
}

// buildInChild builds an index in a child process and returns what it
// reported and its peak RSS in MB (0 where the OS does not say).
func buildInChild(b *testing.B, sys scaleSystem, corpus, dir string) (scaleChildResult, float64) {
	job, err := json.Marshal(scaleChildJob{System: sys.name, Corpus: corpus, Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBenchChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), scaleChildEnv+"="+string(job))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		b.Fatalf("build %s in a child process: %v\n%s", sys.name, err, out.String())
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if js, ok := strings.CutPrefix(line, scaleChildPrefix); ok {
			var res scaleChildResult
			if err := json.Unmarshal([]byte(js), &res); err != nil {
				b.Fatal(err)
			}
			return res, res.PeakRSS
		}
	}
	b.Fatalf("build %s: the child process printed no result:\n%s", sys.name, out.String())
	return scaleChildResult{}, 0
}
