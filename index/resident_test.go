package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storybot/storybot/internal/storysynth"
)

// TestResidentTextReadsTheSame reads every passage of a corpus, and
// searches it, through a store whose text may keep one window resident
// and through one without a bound, over the same index, in rounds: the
// hits must be the same, byte for byte, whether a quote was read through
// the mapping or from the file, and across the coolings that let pages
// go (of the text, and of Bleve's segments).
func TestResidentTextReadsTheSame(t *testing.T) {
	seeds := filepath.Join(t.TempDir(), "story")
	if err := storysynth.WriteCorpus(seeds, seedsDir, 60, 1); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	free, _ := openStore(t, seeds, dir, Options{ResidentTextBytes: -1})
	bound, _ := openStore(t, seeds, dir, Options{ResidentTextBytes: faultWindow})
	a, releaseA, err := free.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer releaseA()
	b, releaseB, err := bound.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer releaseB()
	if a.h.table.textPages != nil {
		t.Fatal("a store without a bound reads through a residentText")
	}
	r := b.h.table.textPages
	if !dropsPages {
		if r != nil {
			t.Fatal("pages are bounded where they cannot be let go")
		}
		t.Skip("pages are let go only on Linux")
	}
	if r == nil {
		t.Fatalf("no bound on a text of %d bytes", len(b.h.textMap))
	}
	var cooled int
	bleveCool := r.onCool
	r.onCool = func() { cooled++; bleveCool() }

	queries := []string{"soldiers chrysanthemums", "president said", "the ministry of defence", "minister"}
	n := a.NumPassages()
	for round := range 3 {
		// Each round reads the first passages more often than the rest,
		// so that some windows are admitted and others are not.
		for i := range n {
			times := 1
			if i < n/8 {
				times = 4
			}
			for k := range times {
				ha, oka := a.h.table.hit(i)
				hb, okb := b.h.table.hit(i)
				if !oka || !okb || ha != hb {
					t.Fatalf("round %d, passage %d (read %d): %+v (%v), bounded %+v (%v)", round, i, k, ha, oka, hb, okb)
				}
			}
		}
		for _, q := range queries {
			var terms []WeightedTerm
			for _, tok := range a.Analyze(q) {
				terms = append(terms, WeightedTerm{Term: tok.Term, Weight: 1})
			}
			ha, erra := a.Search(context.Background(), terms, 20)
			hb, errb := b.Search(context.Background(), terms, 20)
			if erra != nil || errb != nil || len(ha) != len(hb) {
				t.Fatalf("round %d, %q: %d hits (%v), bounded %d (%v)", round, q, len(ha), erra, len(hb), errb)
			}
			for i := range ha {
				if ha[i] != hb[i] {
					t.Fatalf("round %d, %q, hit %d: %+v, bounded %+v", round, q, i, ha[i], hb[i])
				}
			}
		}
	}
	reads, preads := r.reads.Load(), r.preads.Load()
	t.Logf("%d passages; %d reads, %d preads, %d coolings", n, reads, preads, r.coolings.Load())
	if preads == 0 || preads == reads {
		t.Errorf("%d of %d reads were preads: want some, not all", preads, reads)
	}
	if r.coolings.Load() == 0 || cooled != int(r.coolings.Load()) {
		t.Errorf("%d coolings, the hook called %d times: want some, each calling it", r.coolings.Load(), cooled)
	}
	if c := r.count.Load(); c < 0 || c > r.budget {
		t.Errorf("%d windows admitted, budget %d", c, r.budget)
	}
}

// TestResidentTextBudget checks when a text is bounded, and to how many
// windows.
func TestResidentTextBudget(t *testing.T) {
	f, err := os.Open("resident.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data := make([]byte, 10*faultWindow)
	for _, c := range []struct {
		budget  int64
		file    *os.File
		windows int64 // 0: unbounded
	}{
		{0, f, 0}, {-1, f, 0}, {10 * faultWindow, f, 0}, {20 * faultWindow, f, 0}, {faultWindow, nil, 0},
		{1, f, 1}, {faultWindow, f, 1}, {3*faultWindow + 1, f, 3}, {10*faultWindow - 1, f, 9},
	} {
		r := newResidentText(data, c.file, c.budget)
		switch {
		case c.windows == 0 && r != nil:
			t.Errorf("budget %d (file %v): bounded to %d windows", c.budget, c.file != nil, r.budget)
		case c.windows != 0 && (r == nil || r.budget != c.windows):
			t.Errorf("budget %d: %+v, want %d windows", c.budget, r, c.windows)
		}
	}
}
