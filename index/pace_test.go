package index

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestServingPacingFollowsTheHeap: once a store serves, the collector's
// soft memory limit stands half as much again above what is live, and
// follows the live heap up and down.
func TestServingPacingFollowsTheHeap(t *testing.T) {
	if operatorPaced {
		t.Skip("the process was started with pacing of its own")
	}
	pinned(t, seedsDir) // serving a generation begins the pacing
	// limitAfterCollections collects until the limit says ok, or a while.
	limitAfterCollections := func(ok func(int64) bool) int64 {
		var limit int64
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			runtime.GC()
			if limit = debug.SetMemoryLimit(-1); ok(limit) {
				break
			}
		}
		return limit
	}
	const held = 64 << 20
	hold := make([]byte, held)
	if limit := limitAfterCollections(func(l int64) bool { return l >= held*3/2 }); limit < held*3/2 {
		t.Errorf("with %d MB more live, the limit is %d MB: want at least %d", held>>20, limit>>20, held*3/2>>20)
	}
	runtime.KeepAlive(hold)
	hold = nil
	if limit := limitAfterCollections(func(l int64) bool { return l < held }); limit >= held {
		t.Errorf("with the %d MB let go, the limit is %d MB: want it under %d", held>>20, limit>>20, held>>20)
	}
}
