package index

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"
)

// stallingIndex is a Bleve index whose readers stop, when asked for the
// postings of one term, until release is closed; entered gets a value each
// time one stops.
type stallingIndex struct {
	openIndex
	term    string
	entered chan struct{}
	release chan struct{}
	reads   *atomic.Int32 // readers of term's postings
}

func (s stallingIndex) Advanced() (bindex.Index, error) {
	adv, err := s.openIndex.Advanced()
	return stallingAdvanced{Index: adv, s: s}, err
}

type stallingAdvanced struct {
	bindex.Index
	s stallingIndex
}

func (a stallingAdvanced) Reader() (bindex.IndexReader, error) {
	r, err := a.Index.Reader()
	return stallingReader{IndexReader: r, s: a.s}, err
}

type stallingReader struct {
	bindex.IndexReader
	s stallingIndex
}

func (r stallingReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	if string(term) == r.s.term {
		r.s.reads.Add(1)
		r.s.entered <- struct{}{}
		<-r.s.release
	}
	return r.IndexReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
}

// within fails the test if f has not returned after a long while: f is
// expected not to wait for anything.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s waits for the decoding of another term", what)
	}
}

// TestPostingsDecodeApart checks that while one term's postings are being
// decoded, searches for other terms, cached or not, go on; that searches
// needing the same term wait for that one decoding and share its result;
// and that one giving up while it waits gets its context's error.
func TestPostingsDecodeApart(t *testing.T) {
	// Room for the stalled decoding and the others, whatever the cores.
	defer func(n int) { maxSpare = n }(maxSpare)
	maxSpare = max(maxSpare, 4)
	snap := pinned(t, seedsDir)
	h := snap.h
	term := func(word string) string { return snap.Analyze(word)[0].Term }
	slow, cached, other := term("soldiers"), term("photos"), term("chrysanthemums")
	var reads atomic.Int32
	idx := stallingIndex{openIndex: h.idx, term: slow, entered: make(chan struct{}, 2),
		release: make(chan struct{}), reads: &reads}
	c := newPostingsCache(idx, h.bm25, h.docMap, 0)
	ctx := context.Background()
	want := map[string]*postingList{}
	for _, term := range []string{slow, cached, other} {
		p, err := newPostingsCache(h.idx, h.bm25, h.docMap, 0).get(ctx, term)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.docs) == 0 {
			t.Fatalf("the seeds have no passage with %q", term)
		}
		want[term] = p
	}
	if _, err := c.get(ctx, cached); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	got := make([]*postingList, 2)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := c.get(ctx, slow)
			if err != nil {
				t.Error(err)
			}
			got[i] = p
		}()
	}
	<-idx.entered // one decoding of slow has started and stalls

	within(t, "a cached term", func() {
		if p, err := c.get(ctx, cached); err != nil || !samePostings(p, want[cached]) {
			t.Errorf("cached %q: %v", cached, err)
		}
	})
	within(t, "a term not cached", func() {
		if p, err := c.get(ctx, other); err != nil || !samePostings(p, want[other]) {
			t.Errorf("decoded %q: %v", other, err)
		}
	})
	gone, cancel := context.WithCancel(ctx)
	cancel()
	within(t, "a search that gave up", func() {
		if _, err := c.get(gone, slow); !errors.Is(err, context.Canceled) {
			t.Errorf("a search that gave up waiting for %q: %v, want context.Canceled", slow, err)
		}
	})

	close(idx.release)
	wg.Wait()
	if n := reads.Load(); n != 1 {
		t.Errorf("%q was decoded %d times at once, want once", slow, n)
	}
	if got[0] != got[1] || !samePostings(got[0], want[slow]) {
		t.Errorf("the searches waiting for %q were given different lists", slow)
	}
	if c.used == 0 || c.used > c.limit || c.lru.Len() != 3 || len(c.decoding) != 0 {
		t.Errorf("cache holds %d bytes in %d lists, %d decodings left", c.used, c.lru.Len(), len(c.decoding))
	}
}

func samePostings(a, b *postingList) bool {
	if a == nil || b == nil || len(a.docs) != len(b.docs) || a.max != b.max || a.idf != b.idf {
		return false
	}
	for i := range a.docs {
		if a.docs[i] != b.docs[i] || a.values[a.codes[i]] != b.values[b.codes[i]] {
			return false
		}
	}
	return true
}

// TestPostingsDecodingsBounded checks that no more decodings run at once
// than the cache has slots for, so their buffers stay bounded however many
// searches miss together: with one slot, held by a stalled decoding, a
// search for another term waits for it and then reuses its buffers.
func TestPostingsDecodingsBounded(t *testing.T) {
	defer func(n int) { maxSpare = n }(maxSpare)
	maxSpare = 1
	snap := pinned(t, seedsDir)
	h := snap.h
	slow, other := snap.Analyze("soldiers")[0].Term, snap.Analyze("photos")[0].Term
	var reads atomic.Int32
	idx := stallingIndex{openIndex: h.idx, term: slow, entered: make(chan struct{}, 1),
		release: make(chan struct{}), reads: &reads}
	c := newPostingsCache(idx, h.bm25, h.docMap, 0)
	ctx := context.Background()
	var wg sync.WaitGroup
	for _, term := range []string{slow, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.get(ctx, term); err != nil {
				t.Error(err)
			}
		}()
		if term == slow {
			<-idx.entered // slow holds the one slot, and stalls
		}
	}
	// other is asked for, and waits for the slot.
	for {
		c.mu.Lock()
		_, asked := c.decoding[other]
		made := c.made
		c.mu.Unlock()
		if made > 1 {
			t.Fatalf("%d decodings' buffers made while one slot was taken", made)
		}
		if asked {
			break
		}
		runtime.Gosched()
	}
	close(idx.release)
	wg.Wait()
	if c.made != 1 {
		t.Errorf("%d decodings' buffers made, want 1: one decoding at a time", c.made)
	}
	if n := len(c.slots); n != 0 {
		t.Errorf("%d slots still taken", n)
	}
}

// TestPostingsLetGoOfSpares: the buffers kept for decodings to come are
// let go when asked, and a later decoding makes new ones and decodes the
// same postings.
func TestPostingsLetGoOfSpares(t *testing.T) {
	snap := pinned(t, seedsDir)
	h := snap.h
	c := newPostingsCache(h.idx, h.bm25, h.docMap, 0)
	ctx := context.Background()
	first, second := snap.Analyze("soldiers")[0].Term, snap.Analyze("photos")[0].Term
	if _, err := c.get(ctx, first); err != nil {
		t.Fatal(err)
	}
	if len(c.spare) != 1 || c.made != 1 {
		t.Fatalf("after a decoding: %d spare buffers, %d made; want 1 and 1", len(c.spare), c.made)
	}
	c.letGoOfSpares()
	if len(c.spare) != 0 || c.made != 0 {
		t.Fatalf("after letting go: %d spare buffers, %d made; want none", len(c.spare), c.made)
	}
	got, err := c.get(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	want, err := newPostingsCache(h.idx, h.bm25, h.docMap, 0).get(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.docs, want.docs) || !slices.Equal(got.codes, want.codes) || !slices.Equal(got.values, want.values) {
		t.Errorf("postings of %q decoded with new buffers differ", second)
	}
	if len(c.spare) != 1 || c.made != 1 {
		t.Errorf("after another decoding: %d spare buffers, %d made; want 1 and 1", len(c.spare), c.made)
	}
}
