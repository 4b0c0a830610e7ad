package index

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A serving process's heap is mostly what its generation keeps for as
// long as it serves (the articles' metadata, the postings cache, the
// answer engine's caches: 21 MB at 10,000 story articles), and answering
// makes garbage at a steady pace. The collector's default pacing
// (GOGC=100) lets that garbage grow to as much as is live: at 10k, half
// of what the query process held was its own memory, and half of that
// garbage. So, unless the process was started with pacing of its own
// (operatorPaced), while no build runs the collector also paces by a soft
// memory limit: the runtime's own memory apart from the heap (stacks, its
// metadata), what was live after the last collection and half as much
// again, and servingSlack. The limit is set anew after every collection,
// so it follows the heap as caches fill or a generation is replaced, and
// always stands well above what is live: the collector runs about twice
// as often as by default, never back to back.
const servingSlack = 8 << 20

// paceServing begins pacing the collector for serving, once a process.
func paceServing() {
	pacing.Lock()
	defer pacing.Unlock()
	if operatorPaced || pacing.serving {
		return
	}
	pacing.serving = true
	if pacing.builds == 0 {
		setServingLimit()
	}
	afterCollection()
}

// afterCollection sets the serving limit after the next collection, and
// again after each one after it.
func afterCollection() {
	runtime.AddCleanup(new(collected), func(struct{}) {
		pacing.Lock()
		if pacing.builds == 0 {
			setServingLimit()
		}
		pacing.Unlock()
		afterCollection()
	}, struct{}{})
}

// collected is what afterCollection lets the collector find unreachable:
// 16 bytes, so that it is not one of the tiny objects the allocator packs
// together, which are collected only with their neighbours.
type collected struct{ _ [16]byte }

// setServingLimit sets the soft memory limit from the heap live after the
// last collection. pacing must be held, and no build running.
func setServingLimit() {
	m := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(m)
	var v [6]int64
	for i, s := range m {
		if s.Value.Kind() != metrics.KindUint64 {
			return
		}
		v[i] = int64(s.Value.Uint64())
	}
	live, other := v[0], v[1]-v[2]-v[3]-v[4]-v[5]
	debug.SetMemoryLimit(other + live + live/2 + servingSlack)
}
