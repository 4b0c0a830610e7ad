package answer

import "sync"

// boundedCache remembers values by key, up to limit of them: when full it
// is emptied, to be refilled by what is asked for now. It is safe for
// concurrent use.
type boundedCache[K comparable, V any] struct {
	mu    sync.RWMutex
	m     map[K]V
	limit int
	// own, if set, makes the key stored from the key asked with (a copy
	// of a string that may be part of a larger one).
	own func(K) K
}

func newBoundedCache[K comparable, V any](limit int, own func(K) K) *boundedCache[K, V] {
	return &boundedCache[K, V]{m: map[K]V{}, limit: limit, own: own}
}

// get returns the value remembered for key, or makes it, remembers it and
// returns it. Two callers that miss at once both make it, and both get
// the one remembered first, as the index's memo and Remember do.
func (c *boundedCache[K, V]) get(key K, make func() V) V {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = make()
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[key]; ok {
		return old
	}
	if len(c.m) >= c.limit {
		clear(c.m)
	}
	if c.own != nil {
		key = c.own(key)
	}
	c.m[key] = v
	return v
}
