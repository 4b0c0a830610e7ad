package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userLimiter gives each user a token bucket, so one busy user cannot
// starve the others or run the bot into Discord's own rate limits.
// The map is bounded: users idle long enough for their bucket to refill
// are forgotten (they lose nothing), and when the map is still full the
// longest-idle user is dropped.
type userLimiter struct {
	every time.Duration
	burst int
	max   int
	now   func() time.Time

	mu    sync.Mutex
	users map[string]*userBucket
}

type userBucket struct {
	lim      *rate.Limiter
	seen     time.Time // last request
	notified time.Time // last "slow down" notice, so we do not nag
}

func newUserLimiter(every time.Duration, burst, max int) *userLimiter {
	return &userLimiter{
		every: every, burst: burst, max: max,
		now:   time.Now,
		users: make(map[string]*userBucket),
	}
}

// Allow reports whether user may make a request now. When not, notify says
// whether to tell them (once per refill interval, so a flood of requests
// does not get a flood of notices).
func (l *userLimiter) Allow(user string) (ok, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.users[user]
	if b == nil {
		if len(l.users) >= l.max {
			l.evict(now)
		}
		b = &userBucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.users[user] = b
	}
	b.seen = now
	if b.lim.AllowN(now, 1) {
		return true, false
	}
	if now.Sub(b.notified) >= l.every {
		b.notified = now
		return false, true
	}
	return false, false
}

// evict makes room for one more user. Called with l.mu held.
func (l *userLimiter) evict(now time.Time) {
	full := l.every * time.Duration(l.burst) // time for any bucket to refill
	var oldest string
	var oldestSeen time.Time
	for id, b := range l.users {
		if now.Sub(b.seen) >= full {
			delete(l.users, id)
			continue
		}
		if oldest == "" || b.seen.Before(oldestSeen) {
			oldest, oldestSeen = id, b.seen
		}
	}
	if len(l.users) >= l.max && oldest != "" {
		delete(l.users, oldest)
	}
}

// Len is the number of users tracked.
func (l *userLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
