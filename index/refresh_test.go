package index

import (
	"sync"

	"context"
	"errors"
	"github.com/storybot/storybot/internal/synth"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

const (
	zebraArticle = "Zebra sightings\n\nA herd of zebras crossed the border near Kursk on Monday. Nobody knows why.\n"
	zebraQuery   = "zebras crossed"
	zebraText    = "A herd of zebras crossed the border near Kursk on Monday."
)

// currentGen is the generation a store is serving.
func currentGen(t testing.TB, st *Store) string {
	t.Helper()
	h := st.cur.Load()
	if h == nil {
		t.Fatal("store has no generation")
	}
	return h.gen
}

func TestRefreshOwnIndexDirs(t *testing.T) {
	// Two processes (shards) with one seeds directory and an index each.
	ctx := context.Background()
	seeds := copySeeds(t)
	a, _ := openStore(t, seeds, t.TempDir(), Options{})
	b, _ := openStore(t, seeds, t.TempDir(), Options{})

	if changed, err := b.Refresh(ctx); err != nil || changed {
		t.Fatalf("Refresh with nothing new = %v, %v; want false, nil", changed, err)
	}
	if _, err := a.AddArticle(ctx, "zebras.txt", []byte(zebraArticle)); err != nil {
		t.Fatal(err)
	}
	changed, err := b.Refresh(ctx)
	if err != nil || !changed {
		t.Fatalf("Refresh after an article was added = %v, %v; want true, nil", changed, err)
	}
	mustFindTop(t, b, zebraQuery, zebraText)
}

func TestRefreshSharedIndexDir(t *testing.T) {
	// Two processes sharing both directories: the second takes the
	// generation the first built instead of building its own.
	ctx := context.Background()
	seeds, dir := copySeeds(t), t.TempDir()
	a, _ := openStore(t, seeds, dir, Options{})
	b, _ := openStore(t, seeds, dir, Options{})
	if currentGen(t, a) != currentGen(t, b) {
		t.Fatal("the second store built its own generation of the same seeds")
	}

	if _, err := a.AddArticle(ctx, "zebras.txt", []byte(zebraArticle)); err != nil {
		t.Fatal(err)
	}
	gens := generations(t, dir)
	if changed, err := b.Refresh(ctx); err != nil || !changed {
		t.Fatalf("Refresh after an article was added = %v, %v; want true, nil", changed, err)
	}
	if got := generations(t, dir); !slices.Equal(got, gens) {
		t.Errorf("Refresh built a generation: %v, was %v", got, gens)
	}
	if currentGen(t, b) != currentGen(t, a) {
		t.Errorf("serving %s, the other process %s", currentGen(t, b), currentGen(t, a))
	}
	mustFindTop(t, b, zebraQuery, zebraText)

	// /reindex with no new article: the same seeds, a new generation,
	// which the other process follows.
	if _, err := a.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if changed, err := b.Refresh(ctx); err != nil || !changed {
		t.Fatalf("Refresh after a rebuild elsewhere = %v, %v; want true, nil", changed, err)
	}
	if currentGen(t, b) != currentGen(t, a) {
		t.Errorf("serving %s, the other process %s", currentGen(t, b), currentGen(t, a))
	}
}

func TestRefreshKeepsServingOnFailure(t *testing.T) {
	ctx := context.Background()
	seeds := copySeeds(t)
	st, _ := openStore(t, seeds, t.TempDir(), Options{})
	before := currentGen(t, st)
	// Every article unreadable: the build fails and nothing changes.
	for _, name := range seedNames(t, seeds) {
		writeFile(t, filepath.Join(seeds, name), "")
	}
	if changed, err := st.Refresh(ctx); err == nil || changed {
		t.Fatalf("Refresh with no usable article = %v, %v; want false and an error", changed, err)
	}
	if currentGen(t, st) != before {
		t.Error("the generation in use changed after a failed refresh")
	}
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)
}

func TestWatch(t *testing.T) {
	seeds := copySeeds(t)
	a, _ := openStore(t, seeds, t.TempDir(), Options{})
	b, _ := openStore(t, seeds, t.TempDir(), Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		b.Watch(ctx, 10*time.Millisecond)
		close(done)
	}()
	before := currentGen(t, b)
	if _, err := a.AddArticle(ctx, "zebras.txt", []byte(zebraArticle)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); currentGen(t, b) == before; {
		if time.Now().After(deadline) {
			t.Fatal("the watching store did not pick up the new article")
		}
		time.Sleep(5 * time.Millisecond)
	}
	mustFindTop(t, b, zebraQuery, zebraText)
	cancel()
	<-done
}

// seedNames lists the files of a seeds directory.
func seedNames(t testing.TB, seeds string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(seeds, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range matches {
		out = append(out, filepath.Base(m))
	}
	return out
}

func TestRefreshAfterClose(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	writeFile(t, filepath.Join(seeds, "zebras.txt"), zebraArticle)
	if changed, err := st.Refresh(context.Background()); !errors.Is(err, ErrClosed) || changed {
		t.Errorf("Refresh after Close = %v, %v; want false, ErrClosed", changed, err)
	}
	// A rebuild that ends after Close leaves nothing open.
	if _, err := st.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Acquire(); !errors.Is(err, ErrClosed) {
		t.Errorf("Acquire after a rebuild of a closed store: %v, want ErrClosed", err)
	}
}

// A build of several batches, handed to Bleve by several goroutines,
// reports progress in order up to the total and indexes every passage.
func TestBuildInBatches(t *testing.T) {
	seeds := t.TempDir()
	if err := synth.WriteDir(seeds, 150, 1); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		calls [][2]int
	)
	progress := func(done, total int) {
		mu.Lock()
		calls = append(calls, [2]int{done, total})
		mu.Unlock()
	}
	st, rep := openStore(t, seeds, t.TempDir(), Options{Progress: progress})
	if rep.Passages <= 2*batchSize {
		t.Fatalf("%d passages: too few for three batches", rep.Passages)
	}
	if len(calls) < 3 {
		t.Fatalf("progress called %d times, want once a batch", len(calls))
	}
	for i, c := range calls {
		if c[1] != rep.Articles || (i > 0 && c[0] <= calls[i-1][0]) {
			t.Fatalf("progress calls %v: want rising counts of %d articles", calls, rep.Articles)
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("last progress %v, want all articles done", last)
	}
	// Every passage is found by its own words, the last batch's included.
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	last := snap.Meta().Articles[len(snap.Meta().Articles)-1]
	for seq := 0; ; seq++ {
		p, ok := snap.Passage(last.ID, seq)
		if !ok {
			break
		}
		var terms []WeightedTerm
		for _, tok := range snap.Analyze(p.Text) {
			terms = append(terms, WeightedTerm{Term: tok.Term, Weight: 1})
		}
		hits, err := snap.Search(context.Background(), terms, rep.Passages)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(hits, func(h Hit) bool { return h.ArticleID == last.ID && h.Seq == seq }) {
			t.Errorf("passage %d of %s is not found by its own words: %q", seq, last.ID, p.Text)
		}
	}
}
