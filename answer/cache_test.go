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

	// Concurrent callers of one key all get the value remembered first,
	// though each may make its own.
	cc := newBoundedCache[int, *int](100, nil)
	var wg sync.WaitGroup
	got := make([]*int, 8)
	for g := range got {
		wg.Go(func() {
			for i := range 200 {
				v := cc.get(0, func() *int { n := i; return &n })
				if got[g] == nil {
					got[g] = v
				} else if v != got[g] {
					t.Errorf("goroutine %d: get(0) gave two values", g)
				}
			}
		})
	}
	wg.Wait()
	for g := range got {
		if got[g] != got[0] {
			t.Errorf("goroutines 0 and %d got different values for one key", g)
		}
	}
}
