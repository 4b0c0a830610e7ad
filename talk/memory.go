package talk

import (
	"container/list"
	"sync"
	"time"
)

// Defaults for a Memory: a follow-up takes its subject from a question at
// most ten minutes old; a hundred thousand conversations take a few MB.
const (
	DefaultTTL        = 10 * time.Minute
	DefaultMaxEntries = 100_000
)

// Memory remembers each conversation's last question, for follow-ups. It
// holds at most max conversations, forgetting the least recently used
// first, and a question older than ttl is forgotten. It is safe for
// concurrent use. Nothing is written to disk.
type Memory struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	order *list.List // of *remembered, most recent first
	byKey map[string]*list.Element
}

type remembered struct {
	key, question string
	at            time.Time
}

// NewMemory returns a Memory; values ≤ 0 take the defaults.
func NewMemory(max int, ttl time.Duration) *Memory {
	if max <= 0 {
		max = DefaultMaxEntries
	}
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Memory{ttl: ttl, max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// Key names a conversation: one user in one channel.
func Key(user, channel string) string { return user + "\x00" + channel }

// Last returns the conversation's last question, unless it is older than
// the ttl at now.
func (m *Memory) Last(key string, now time.Time) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.byKey[key]
	if !ok {
		return "", false
	}
	r := e.Value.(*remembered)
	if now.Sub(r.at) > m.ttl {
		m.order.Remove(e)
		delete(m.byKey, key)
		return "", false
	}
	return r.question, true
}

// Remember records question as the conversation's last, at now.
func (m *Memory) Remember(key, question string, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byKey[key]; ok {
		r := e.Value.(*remembered)
		r.question, r.at = question, now
		m.order.MoveToFront(e)
	} else {
		m.byKey[key] = m.order.PushFront(&remembered{key: key, question: question, at: now})
	}
	// Drop what has expired, and the least recent past the bound.
	for e := m.order.Back(); e != nil; e = m.order.Back() {
		r := e.Value.(*remembered)
		if m.order.Len() <= m.max && now.Sub(r.at) <= m.ttl {
			break
		}
		m.order.Remove(e)
		delete(m.byKey, r.key)
	}
}

// Len is the number of conversations held.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// Resolve is what a front end does with a question: it rewrites q when it
// is a follow-up of the conversation's last question (within the ttl), and
// remembers the question it resolved to. rewritten says whether the
// question asked differs from q, so the reader can be shown it.
func (m *Memory) Resolve(key, q string, now time.Time) (ask string, rewritten bool) {
	ask = q
	if prev, ok := m.Last(key, now); ok {
		if r, ok := FollowUp(prev, q); ok {
			ask, rewritten = r, true
		}
	}
	m.Remember(key, ask, now)
	return ask, rewritten
}
