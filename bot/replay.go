package bot

import (
	"strconv"
	"sync"
	"time"
)

// maxClockSkew is how far a request's X-Signature-Timestamp may be from
// now. Discord signs each request as it sends it; an older one is a
// replay, whatever its signature.
const maxClockSkew = 5 * time.Minute

// maxSeenIDs bounds the replay set: a few MB at most, and more interactions
// than one replica gets in the 10 minutes an ID must be kept.
const maxSeenIDs = 100_000

// fresh reports whether the signed timestamp (Unix seconds) is an integer
// within maxClockSkew of now.
func fresh(timestamp string, now time.Time) bool {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	d := now.Unix() - ts
	limit := int64(maxClockSkew / time.Second)
	return d <= limit && d >= -limit
}

// seenIDs remembers the interaction IDs acted on recently, so that a
// correctly signed request sent again is not acted on twice. An ID only
// needs remembering while its timestamp is fresh: past that, the request
// is refused anyway. The set is bounded; when full, the oldest ID goes
// first. Only requests with a valid signature are added, so filling it
// takes Discord's own traffic, not an attacker's.
type seenIDs struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	at    map[string]time.Time
	order []string // insertion order, oldest first; at most max long
}

func newSeenIDs(ttl time.Duration, max int) *seenIDs {
	return &seenIDs{ttl: ttl, max: max, at: make(map[string]time.Time)}
}

// first records id and reports whether it was new.
func (s *seenIDs) first(id string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 && now.Sub(s.at[s.order[0]]) >= s.ttl {
		s.drop()
	}
	if _, ok := s.at[id]; ok {
		return false
	}
	for len(s.order) >= s.max {
		s.drop()
	}
	s.at[id] = now
	s.order = append(s.order, id)
	return true
}

// drop forgets the oldest ID.
func (s *seenIDs) drop() {
	delete(s.at, s.order[0])
	s.order = s.order[1:]
}
