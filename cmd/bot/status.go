package main

import (
	"sync/atomic"
	"time"

	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/metrics"
)

// status is what the running bot tells its operator: the metrics, and
// whether it is ready (the index open and Discord connected). The bot
// reports to it as its bot.Observer, the index through index.Options.
type status struct {
	*metrics.Metrics
	store     atomic.Pointer[index.Store]
	connected atomic.Bool
}

func newStatus() *status {
	s := &status{Metrics: metrics.New()}
	s.WatchIndex(s.indexStats)
	return s
}

// Connected records whether Discord is connected (the gateway session
// up, or the HTTP endpoint serving), for readiness and the metrics.
func (s *status) Connected(up bool) {
	s.connected.Store(up)
	s.Metrics.Connected(up)
}

// indexOpened records the store the bot answers from; nil when closed.
func (s *status) indexOpened(st *index.Store) { s.store.Store(st) }

// built is told of every index build.
func (s *status) built(rep index.Report, err error) { s.IndexBuilt(rep.Took, err) }

// ready reports whether the bot can answer, and if not, why.
func (s *status) ready() (bool, string) {
	if !s.indexOpen() {
		return false, "the index is not open"
	}
	if !s.connected.Load() {
		return false, "not connected to Discord"
	}
	return true, "ready"
}

func (s *status) indexOpen() bool {
	_, _, _, ok := s.indexStats()
	return ok
}

func (s *status) indexStats() (articles, passages int, built time.Time, ok bool) {
	st := s.store.Load()
	if st == nil {
		return 0, 0, time.Time{}, false
	}
	snap, release, err := st.Acquire()
	if err != nil {
		return 0, 0, time.Time{}, false
	}
	defer release()
	m := snap.Meta()
	return len(m.Articles), m.Passages, m.Built, true
}
