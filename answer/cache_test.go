package answer

import (
	"strconv"
	"sync"
	"testing"
)

// TestBoundedCache: a value is made once and then remembered; a full
// cache is emptied rather than grown; the stored key is the cache's own.
func TestBoundedCache(t *testing.T) {
	made := 0
	var owned []string
	c := newBoundedCache[string, int](3, func(k string) string { owned = append(owned, k); return k })
	get := func(k string) int {
		return c.get(k, func() int { made++; n, _ := strconv.Atoi(k); return n })
	}
	for _, k := range []string{"1", "2", "1", "3", "2"} {
		if got, want := get(k), int(k[0]-'0'); got != want {
			t.Errorf("get(%q) = %d, want %d", k, got, want)
		}
	}
	if made != 3 || len(owned) != 3 {
		t.Errorf("made %d values and owned %d keys for 3 keys, want 3 and 3", made, len(owned))
	}
	get("4")
	if len(c.m) != 1 {
		t.Errorf("a full cache holds %d after one more key, want 1 (emptied, then the new key)", len(c.m))
	}

	// Concurrent callers see one value a key.
	cc := newBoundedCache[int, int](100, nil)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				if got := cc.get(i%50, func() int { return (i % 50) * 2 }); got != (i%50)*2 {
					t.Errorf("goroutine %d: get(%d) = %d", g, i%50, got)
				}
			}
		})
	}
	wg.Wait()
}
