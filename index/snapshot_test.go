package index

import (
	"strconv"
	"sync"
	"testing"
)

type (
	oneKey   string
	otherKey string
)

// Readers of a generation share what it remembers: one value a key, made
// once however many ask at once, kept however full the analyses are, and
// never another package's under an equal-looking key.
func TestRemember(t *testing.T) {
	snap := pinned(t, seedsDir)
	type cache struct{ n int }

	var wg sync.WaitGroup
	got := make([]*cache, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = snap.Remember(oneKey("words"), func() any { return &cache{} }).(*cache)
		}()
	}
	wg.Wait()
	for i, c := range got {
		if c != got[0] {
			t.Fatalf("caller %d got a cache of its own", i)
		}
	}

	other := snap.Remember(otherKey("words"), func() any { return &cache{n: 1} }).(*cache)
	if other == got[0] || other.n != 1 {
		t.Error("two key types with the same text share a value")
	}

	// Analyses fill up to their bound; what is remembered stays.
	for i := range memoLimit {
		text := strconv.Itoa(i)
		snap.Analysis(text, func([]Token) any { return text })
	}
	if v := snap.Analysis("words", func([]Token) any { return "new" }); v != "new" {
		t.Errorf("a text's analysis converted to %v", v)
	}
	again := snap.Remember(oneKey("words"), func() any { return &cache{n: 2} }).(*cache)
	if again != got[0] {
		t.Error("a remembered value was made again once the analyses were full")
	}
}
