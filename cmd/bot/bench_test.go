package main

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

// BenchmarkAsk answers the dev set's questions in turn over the bundled
// seeds, reporting latency percentiles besides ns/op.
func BenchmarkAsk(b *testing.B) {
	_, engine := seedEngine(b)
	var questions []string
	for _, q := range loadDevSet(b) {
		questions = append(questions, q.Q)
	}
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := engine.Ask(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// BenchmarkBuild rebuilds the index of the bundled seeds.
func BenchmarkBuild(b *testing.B) {
	seeds := filepath.Join("..", "..", "seeds")
	dir := b.TempDir()
	st, _, err := index.Open(context.Background(), seeds, dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	passages := 0
	for i := 0; i < b.N; i++ {
		rep, err := st.Rebuild(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		passages += rep.Passages
	}
	b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
}

// BenchmarkColdStart opens an existing index and answers one question, as
// `bot ask` does on every run.
func BenchmarkColdStart(b *testing.B) {
	seeds := filepath.Join("..", "..", "seeds")
	dir := b.TempDir()
	st, _, err := index.Open(context.Background(), seeds, dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, rep, err := index.Open(context.Background(), seeds, dir, index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Built {
			b.Fatal("cold start rebuilt a matching index")
		}
		if _, err := answer.New(acquirer(st)).Ask(context.Background(), "how many soldiers died"); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}
