package index

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/storybot/storybot/internal/storysynth"
	"github.com/storybot/storybot/internal/synth"
)

// TestScorersAgree checks that the pruned scorer returns what Bleve's own
// search returns — the same passages in the same order, with the same
// scores to within rounding — for many queries over three corpora: the
// bundled seeds, generated news articles, and a story-heavy corpus full of
// repeated sentences (so of ties). It checks too that the result does not
// depend on what the postings cache holds.
func TestScorersAgree(t *testing.T) {
	articles := 120
	if testing.Short() {
		articles = 40
	}
	corpora := []struct {
		name    string
		seeds   func(t *testing.T) string
		queries int
	}{
		{"seeds", func(*testing.T) string { return seedsDir }, 400},
		{"synth", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "synth")
			if err := synth.WriteDir(dir, articles, 3); err != nil {
				t.Fatal(err)
			}
			return dir
		}, 400},
		{"story", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "story")
			if err := storysynth.WriteCorpus(dir, seedsDir, articles, 3); err != nil {
				t.Fatal(err)
			}
			return dir
		}, 400},
		// Enough passages for several of the scorer's windows, so that
		// cursors, sums and the floor carry from one window to the next:
		// the other corpora fit in one. Fewer queries: each costs more.
		{"story, many windows", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "story")
			if err := storysynth.WriteCorpus(dir, seedsDir, 500, 4); err != nil {
				t.Fatal(err)
			}
			return dir
		}, 100},
	}
	for _, tc := range corpora {
		t.Run(tc.name, func(t *testing.T) {
			snap := pinned(t, tc.seeds(t))
			h := snap.h
			if h.postings == nil {
				t.Fatal("the pruned scorer is not the default")
			}
			if len(h.docMap) != h.meta.Passages {
				t.Fatalf("passage map of %d entries for %d passages", len(h.docMap), h.meta.Passages)
			}
			// A cache too small to hold any list decodes every list anew,
			// asking Bleve for passage numbers; one given a wrong passage
			// map must notice and do the same.
			uncached := newPostingsCache(h.idx, h.bm25, nil, 1)
			wrong := make([]uint32, len(h.docMap))
			for i := range wrong {
				wrong[i] = h.docMap[(i+1)%len(wrong)]
			}
			misled := newPostingsCache(h.idx, h.bm25, wrong, 0)
			// One that holds a few lists at a time evicts all the time.
			small := newPostingsCache(h.idx, h.bm25, h.docMap, 16<<10)
			ctx := context.Background()
			queries := scorerQueries(snap, tc.queries)
			wants := make([][]scored, len(queries))
			ties := 0
			for i, q := range queries {
				want, err := searchTerms(ctx, h.idx, h.bm25, q.terms, q.limit)
				if err != nil {
					t.Fatal(err)
				}
				wants[i] = want
				for _, c := range []struct {
					name  string
					cache *postingsCache
				}{{"cached", h.postings}, {"uncached", uncached}, {"wrong map", misled}, {"small", small}} {
					got, err := scoreTerms(ctx, c.cache, q.terms, q.limit)
					if err != nil {
						t.Fatal(err)
					}
					if msg := compareScored(want, got, q.limit); msg != "" {
						t.Fatalf("query %d %+v limit %d (%s): %s\nbleve:  %v\npruned: %v", i, q.terms, q.limit, c.name, msg, want, got)
					}
				}
				if len(want) > q.limit {
					ties++
				}
			}
			// Searches at once, sharing caches that start empty: one that
			// keeps evicting, and one asking Bleve for passage numbers.
			shared := []*postingsCache{newPostingsCache(h.idx, h.bm25, h.docMap, 16<<10), newPostingsCache(h.idx, h.bm25, nil, 0)}
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := g; i < len(queries); i += 4 {
						q := queries[i]
						for _, c := range shared {
							got, err := scoreTerms(ctx, c, q.terms, q.limit)
							if err != nil {
								t.Error(err)
								return
							}
							if msg := compareScored(wants[i], got, q.limit); msg != "" {
								t.Errorf("query %d at once with others: %s", i, msg)
								return
							}
						}
					}
				}()
			}
			wg.Wait()
			if tc.name == "story" && ties == 0 {
				t.Error("no query of the story corpus had a tie at the cut")
			}
			if windows := (h.meta.Passages + window - 1) / window; tc.name == "story, many windows" && windows < 3 {
				t.Errorf("%d passages fill only %d windows", h.meta.Passages, windows)
			}
			for _, c := range []*postingsCache{h.postings, small} {
				if c.used == 0 || c.used > c.limit || c.lru.Len() != len(c.terms) {
					t.Errorf("postings cache holds %d bytes in %d lists (%d in its map), bound %d", c.used, c.lru.Len(), len(c.terms), c.limit)
				}
			}
			if small.lru.Len() >= len(h.postings.terms) {
				t.Errorf("the small cache holds %d lists, as many as the large one (%d)", small.lru.Len(), len(h.postings.terms))
			}
		})
	}
}

// compareScored reports how got differs from want, or "" when it does not.
// When Bleve's result was cut at its widest, which of a group of equal
// scores at the end it kept is arbitrary, so only their scores must match.
func compareScored(want, got []scored, limit int) string {
	if len(want) != len(got) {
		return "lengths differ"
	}
	for i := range want {
		if !sameScore(want[i].score, got[i].score) {
			return "scores differ at " + itoa(i)
		}
		arbitrary := len(want) == limit*maxWiden && sameScore(want[i].score, want[len(want)-1].score)
		if want[i].n != got[i].n && !arbitrary {
			return "passages differ at " + itoa(i)
		}
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

type scorerQuery struct {
	terms []WeightedTerm
	limit int
}

// scorerQueries makes n queries from the generation's own words, common
// and rare: weighted and unweighted, with duplicate terms, with terms the
// index does not hold, one term to twenty.
func scorerQueries(snap *Snapshot, n int) []scorerQuery {
	freq := map[string]int{}
	for i := range snap.NumPassages() {
		h, _ := snap.h.table.hit(i)
		for _, tok := range snap.Analyze(h.Text) {
			freq[tok.Term]++
		}
	}
	vocab := make([]string, 0, len(freq))
	for w := range freq {
		vocab = append(vocab, w)
	}
	// Most frequent first, so that low indexes are the common words.
	sort.Slice(vocab, func(i, j int) bool {
		if freq[vocab[i]] != freq[vocab[j]] {
			return freq[vocab[i]] > freq[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		if r.IntN(3) == 0 {
			return vocab[r.IntN(min(len(vocab), 30))]
		}
		return vocab[r.IntN(len(vocab))]
	}
	limits := []int{1, 3, 5, 10, 20, 50}
	out := make([]scorerQuery, 0, n)
	for i := range n {
		q := scorerQuery{limit: limits[r.IntN(len(limits))]}
		k := 1 + r.IntN(20)
		weighted := i%2 == 0
		for range k {
			w := WeightedTerm{Term: word(), Weight: 1}
			if weighted {
				w.Weight = 0.05 + 3*r.Float64()
			}
			if weighted && r.IntN(200) == 0 {
				w.Weight = 0 // Bleve's search serves these
			}
			switch r.IntN(10) {
			case 0: // a word the index does not hold
				w.Term = "zq" + vocab[r.IntN(len(vocab))]
			case 1: // a duplicate term, with its own weight
				if len(q.terms) > 0 {
					w.Term = q.terms[r.IntN(len(q.terms))].Term
				}
			}
			q.terms = append(q.terms, w)
		}
		out = append(out, q)
	}
	return out
}

// TestScorerFindsAllEqualScores checks that the group of equal scores at
// the cut comes whole and in passage order: a word every copy of one
// sentence holds, asked for with a limit of one.
func TestScorerFindsAllEqualScores(t *testing.T) {
	seeds := t.TempDir()
	writeFile(t, filepath.Join(seeds, "a.md"), "---\ntitle: A\noutlet: Reuters\n---\n\nThe heron flew over the lake.\n\nA kingfisher dived.\n")
	writeFile(t, filepath.Join(seeds, "b.md"), "---\ntitle: B\noutlet: Reuters\n---\n\nThe heron flew over the lake.\n\nThe heron flew over the lake.\n")
	snap := pinned(t, seeds)
	hits, err := snap.Search(context.Background(), []WeightedTerm{{Term: "heron", Weight: 1}, {Term: "zzzz", Weight: 2}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.ArticleID+"/"+h.Text)
		if h.Score != hits[0].Score {
			t.Errorf("scores %v and %v of one sentence differ", h.Score, hits[0].Score)
		}
	}
	want := []string{"a.md/The heron flew over the lake.", "b.md/The heron flew over the lake.", "b.md/The heron flew over the lake."}
	if len(got) != len(want) {
		t.Fatalf("hits %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("hits %q, want %q", got, want)
		}
	}
	for i := 1; i < len(hits); i++ {
		if hits[i-1].ArticleID == hits[i].ArticleID && hits[i-1].Seq >= hits[i].Seq {
			t.Errorf("hits not in passage order: %+v", hits)
		}
	}
}

// TestScorerLeavesVariedListsToBleve checks that a search with a term
// whose scores are too many to number is left to Bleve, with the same
// result: here any term with more than two distinct scores.
func TestScorerLeavesVariedListsToBleve(t *testing.T) {
	snap := pinned(t, seedsDir)
	h := snap.h
	defer func(n int) { maxDistinctScores = n }(maxDistinctScores)
	maxDistinctScores = 2
	c := newPostingsCache(h.idx, h.bm25, h.docMap, 0)
	ctx := context.Background()
	for i, q := range scorerQueries(snap, 200) {
		want, err := searchTerms(ctx, h.idx, h.bm25, q.terms, q.limit)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scoreTerms(ctx, c, q.terms, q.limit)
		if err != nil {
			t.Fatal(err)
		}
		if msg := compareScored(want, got, q.limit); msg != "" {
			t.Fatalf("query %d %+v limit %d: %s\nbleve:  %v\npruned: %v", i, q.terms, q.limit, msg, want, got)
		}
	}
	varied, coded := 0, 0
	for _, e := range c.terms {
		p := e.Value.(*cachedList).list
		switch {
		case !p.varied && len(p.docs) == 0: // a term the index does not hold
		case p.varied && len(p.docs) == 0:
			varied++
		case !p.varied && len(p.values) <= 2 && len(p.docs) > 0:
			coded++
		default:
			t.Errorf("list of %d postings, %d values, varied %v", len(p.docs), len(p.values), p.varied)
		}
	}
	if varied == 0 || coded == 0 {
		t.Errorf("%d lists too varied, %d numbered: want some of each", varied, coded)
	}
}
