package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
)

// chrysanthemums is in exactly one passage of the real seeds.
const (
	chrysanthemumQuery = "white chrysanthemums"
	chrysanthemumText  = "A line of soldiers formed, carrying white chrysanthemums to place before the photos of the dead."
)

// copySeeds copies the real seeds into a fresh directory the test may
// change.
func copySeeds(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "seeds")
	if err := os.CopyFS(dir, os.DirFS(seedsDir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openStore opens a store and closes it when the test ends.
func openStore(t testing.TB, seeds, dir string, opt Options) (*Store, Report) {
	t.Helper()
	st, rep, err := Open(context.Background(), seeds, dir, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, rep
}

// pinned opens a store over seeds in a fresh folder and pins its
// generation until the test ends.
func pinned(t testing.TB, seeds string) *Snapshot {
	t.Helper()
	st, _ := openStore(t, seeds, t.TempDir(), Options{})
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(release)
	return snap
}

// find searches the store for the words of q as a question would.
func find(ctx context.Context, st *Store, q string) ([]Hit, error) {
	snap, release, err := st.Acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	var terms []WeightedTerm
	for _, tok := range snap.Analyze(q) {
		terms = append(terms, WeightedTerm{Term: tok.Term, Weight: 1})
	}
	return snap.Search(ctx, terms, 5)
}

// mustFindTop asserts that the best hit for q is exactly want.
func mustFindTop(t testing.TB, st *Store, q, want string) {
	t.Helper()
	hits, err := find(context.Background(), st, q)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if len(hits) == 0 || hits[0].Text != want {
		var got []string
		for _, h := range hits {
			got = append(got, h.Text)
		}
		t.Fatalf("search %q: hits %q, want first %q", q, got, want)
	}
}

func readCurrentFile(t testing.TB, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// generations lists the gen-* directories in dir.
func generations(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func TestOpenBuildsThenReuses(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()

	st, rep := openStore(t, seeds, dir, Options{})
	if !rep.Built || rep.Articles != 5 || rep.Passages < 60 || len(rep.Skipped) != 0 {
		t.Fatalf("first Open: %+v, want a build of 5 articles", rep)
	}
	gen := readCurrentFile(t, dir)
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := snap.Article("000-reuters-kim-decorates-soldiers.md"); !ok || a.Outlet != "Reuters" || a.Author != "Joyce Lee and Ju-min Park" || a.Body != "" {
		t.Errorf("Article: %+v, %v", a, ok)
	}
	if snap.NumPassages() != rep.Passages {
		t.Errorf("snapshot holds %d passages, report says %d", snap.NumPassages(), rep.Passages)
	}
	release()
	release() // a second release must not drop another reference
	st.Close()
	if _, _, err := st.Acquire(); !errors.Is(err, ErrClosed) {
		t.Errorf("Acquire after Close: %v, want ErrClosed", err)
	}

	st2, rep2 := openStore(t, seeds, dir, Options{})
	if rep2.Built || rep2.Articles != rep.Articles || rep2.Passages != rep.Passages {
		t.Errorf("second Open: %+v, want the same index opened, not built", rep2)
	}
	if got := readCurrentFile(t, dir); got != gen {
		t.Errorf("CURRENT is %s after reopening, was %s", got, gen)
	}
	mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)
}

func TestOpenRebuildsWhenSeedsChange(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, seeds string)
		query  string
		want   string // the best hit afterwards
	}{
		{
			name: "a seed's text and mtime change",
			change: func(t *testing.T, seeds string) {
				path := filepath.Join(seeds, "001-nyt-north-korea-honors-soldiers.md")
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				b = []byte(strings.Replace(string(b), "white chrysanthemums", "yellow marigolds", 1))
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				later := time.Now().Add(time.Minute)
				if err := os.Chtimes(path, later, later); err != nil {
					t.Fatal(err)
				}
			},
			query: "yellow marigolds",
			want:  "A line of soldiers formed, carrying yellow marigolds to place before the photos of the dead.",
		},
		{
			name: "a seed is added",
			change: func(t *testing.T, seeds string) {
				writeFile(t, filepath.Join(seeds, "900-new.txt"), "Zebra sightings\n\nA herd of zebras crossed the border near Kursk on Monday. Nobody knows why.\n")
			},
			query: "zebras crossed",
			want:  "A herd of zebras crossed the border near Kursk on Monday.",
		},
		{
			name: "a seed is removed",
			change: func(t *testing.T, seeds string) {
				if err := os.Remove(filepath.Join(seeds, "001-nyt-north-korea-honors-soldiers.md")); err != nil {
					t.Fatal(err)
				}
			},
			query: chrysanthemumQuery,
			want:  "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seeds, dir := copySeeds(t), t.TempDir()
			st, _ := openStore(t, seeds, dir, Options{})
			st.Close()
			before := readCurrentFile(t, dir)

			tc.change(t, seeds)
			st2, rep := openStore(t, seeds, dir, Options{})
			if !rep.Built {
				t.Fatalf("Open after the seeds changed: %+v, want a rebuild", rep)
			}
			if after := readCurrentFile(t, dir); after == before {
				t.Errorf("CURRENT still names %s", before)
			}
			if tc.want == "" {
				hits, err := find(context.Background(), st2, tc.query)
				if err != nil || len(hits) != 0 {
					t.Errorf("search %q: %d hits, %v; want none", tc.query, len(hits), err)
				}
				return
			}
			mustFindTop(t, st2, tc.query, tc.want)
		})
	}
}

func TestOpenForcedRebuild(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	before := readCurrentFile(t, dir)

	st2, rep := openStore(t, seeds, dir, Options{Rebuild: true})
	if !rep.Built {
		t.Errorf("Open with Rebuild: %+v, want Built", rep)
	}
	if after := readCurrentFile(t, dir); after == before {
		t.Errorf("CURRENT still names %s after a forced rebuild", before)
	}
	mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)
}

func TestOpenNoArticles(t *testing.T) {
	seeds, dir := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(seeds, "empty.md"), "")
	_, _, err := Open(context.Background(), seeds, dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "no articles") {
		t.Errorf("Open with no valid article: %v, want a 'no articles' error", err)
	}
	if _, _, err := Open(context.Background(), filepath.Join(seeds, "missing"), dir, Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open with a missing seeds directory: %v, want ErrNotExist", err)
	}
}

// BM25 scoring is a mapping setting that a reopened index must keep, and
// that shows in how hits are scored.
func TestBM25InEffect(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	st, rep := openStore(t, seeds, dir, Options{})
	if rep.Built {
		t.Fatal("the index was rebuilt, not reopened")
	}
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	idx := snap.h.idx

	m, ok := idx.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		t.Fatalf("mapping is %T", idx.Mapping())
	}
	if m.ScoringModel != "bm25" {
		t.Errorf("ScoringModel is %q, want bm25", m.ScoringModel)
	}

	q := bleve.NewTermQuery("chrysanthemum")
	q.SetField(fieldText)
	req := bleve.NewSearchRequest(q)
	req.Explain = true
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits for chrysanthemum, want 1", len(res.Hits))
	}
	expl := res.Hits[0].Expl
	if s := expl.String(); !strings.Contains(s, "as per bm25 model") || !strings.Contains(s, "saturation(") {
		t.Errorf("explanation does not show BM25 scoring:\n%s", s)
	}
	// The IDF of a term in 1 of N passages is ln(1+(N-1+0.5)/(1+0.5))
	// under BM25; TF-IDF would give 1+ln(N/2).
	n := float64(rep.Passages)
	wantIDF := math.Log(1 + (n-1+0.5)/1.5)
	idf := findExpl(expl, "idf(")
	if idf == nil || math.Abs(idf.Value-wantIDF) > 1e-9 {
		t.Errorf("idf explanation %+v, want value %f", idf, wantIDF)
	}
}

func findExpl(e *search.Explanation, prefix string) *search.Explanation {
	if e == nil {
		return nil
	}
	if strings.HasPrefix(e.Message, prefix) {
		return e
	}
	for _, c := range e.Children {
		if f := findExpl(c, prefix); f != nil {
			return f
		}
	}
	return nil
}

// BM25's length normalisation ranks a short passage over a long one with
// the same term frequency.
func TestBM25PrefersShortPassage(t *testing.T) {
	seeds, dir := t.TempDir(), t.TempDir()
	long := "The ministry said on Tuesday that the artillery brigade, which had been stationed near the border for many months, moved north after heavy rains flooded the roads and bridges of the province."
	short := "The artillery brigade moved north on Tuesday."
	writeFile(t, filepath.Join(seeds, "a.txt"), "Brigade moves\n\n"+long+"\n\n"+short+"\n\nA third sentence about rain in Seoul closes the article.\n")
	st, _ := openStore(t, seeds, dir, Options{})
	hits, err := find(context.Background(), st, "artillery brigade")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Text != short || hits[1].Text != long || !(hits[0].Score > hits[1].Score) {
		t.Errorf("hits %+v, want the short passage first with a higher score", hits)
	}
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// largestFile finds the largest file under root.
// truncateHalf cuts the file at path to half its size.
func truncateHalf(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func largestFile(t testing.TB, root string) string {
	t.Helper()
	var best string
	var size int64 = -1
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		if info, err := d.Info(); err == nil && info.Size() > size {
			best, size = path, info.Size()
		}
		return nil
	})
	if best == "" {
		t.Fatalf("no files under %s", root)
	}
	return best
}

func TestOpenRecoversFromCorruption(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, dir, gen string)
	}{
		{"truncate the largest index file", func(t *testing.T, dir, gen string) {
			truncateHalf(t, largestFile(t, filepath.Join(dir, gen, bleveDir)))
		}},
		{"truncate the bolt root to nothing", func(t *testing.T, dir, gen string) {
			if err := os.Truncate(filepath.Join(dir, gen, bleveDir, "store", "root.bolt"), 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"overwrite bytes with garbage", func(t *testing.T, dir, gen string) {
			path := largestFile(t, filepath.Join(dir, gen, bleveDir))
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info, _ := f.Stat()
			garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", 64))
			if _, err := f.WriteAt(garbage, info.Size()/3); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage the checksums agree with", func(t *testing.T, dir, gen string) {
			// Only Bleve itself can notice this damage.
			root := filepath.Join(dir, gen, bleveDir)
			path := largestFile(t, root)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := len(b) / 4; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			resum(t, filepath.Join(dir, gen))
		}},
		{"a passage table the checksums agree with, pointing past the text", func(t *testing.T, dir, gen string) {
			// The table is checked against itself before it is trusted.
			path := filepath.Join(dir, gen, tableFile)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			passages := int(binary.LittleEndian.Uint32(b[len(tableMagic)+4:]))
			last := tableHead + (passages-1)*passageRecord
			binary.LittleEndian.PutUint32(b[last+8:], 1<<30)
			binary.LittleEndian.PutUint32(b[last+12:], 1<<30+5)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			resum(t, filepath.Join(dir, gen))
		}},
		{"a passage table the checksums agree with, a passage filed in another article's place", func(t *testing.T, dir, gen string) {
			// The second passage of article 1 becomes a copy of the last of
			// article 0: each record is sound alone, but out of order.
			editTable(t, filepath.Join(dir, gen), func(tab *table, recs []byte) {
				next := int(tab.articles[1].first)
				copy(recs[(next+1)*passageRecord:(next+2)*passageRecord], recs[(next-1)*passageRecord:next*passageRecord])
			})
		}},
		{"a passage table the checksums agree with, paragraphs out of order", func(t *testing.T, dir, gen string) {
			editTable(t, filepath.Join(dir, gen), func(tab *table, recs []byte) {
				for i := 1; i < tab.passages; i++ {
					a, b := tab.passage(i-1), tab.passage(i)
					if a.article == b.article && a.para < b.para {
						binary.LittleEndian.PutUint32(recs[(i-1)*passageRecord+4:], b.para)
						binary.LittleEndian.PutUint32(recs[i*passageRecord+4:], a.para)
						return
					}
				}
				t.Fatal("no article has two paragraphs")
			})
		}},
		{"a vocabulary the checksums agree with, but garbage", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, gen, wordsFile), strings.Repeat("\xde\xad\xbe\xef", 64))
			resum(t, filepath.Join(dir, gen))
		}},
		{"truncate the postings", func(t *testing.T, dir, gen string) {
			truncateHalf(t, filepath.Join(dir, gen, postingsFile))
		}},
		{"postings the checksums agree with, but garbage", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, gen, postingsFile), strings.Repeat("\xde\xad\xbe\xef", 64))
			resum(t, filepath.Join(dir, gen))
		}},
		{"postings the checksums agree with, the directory's trailer cut off", func(t *testing.T, dir, gen string) {
			path := filepath.Join(dir, gen, postingsFile)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b[:len(b)-postingsTrailer], 0o644); err != nil {
				t.Fatal(err)
			}
			resum(t, filepath.Join(dir, gen))
		}},
		{"postings the checksums agree with, two terms swapped", func(t *testing.T, dir, gen string) {
			path := filepath.Join(dir, gen, postingsFile)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			entries := b[binary.LittleEndian.Uint64(b[len(b)-postingsTrailer:]):]
			first, second := slices.Clone(entries[:dirEntry]), slices.Clone(entries[dirEntry:2*dirEntry])
			copy(entries, second)
			copy(entries[dirEntry:], first)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			resum(t, filepath.Join(dir, gen))
		}},
		{"truncate the text", func(t *testing.T, dir, gen string) {
			if err := os.Truncate(filepath.Join(dir, gen, textFile), 100); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete an index file", func(t *testing.T, dir, gen string) {
			if err := os.Remove(largestFile(t, filepath.Join(dir, gen, bleveDir))); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete meta.json", func(t *testing.T, dir, gen string) {
			if err := os.Remove(filepath.Join(dir, gen, metaFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage meta.json", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, gen, metaFile), "{\"version\": 1, \"files\": ")
		}},
		{"meta.json lists no files", func(t *testing.T, dir, gen string) {
			editMeta(t, filepath.Join(dir, gen, metaFile), func(m *Meta) { m.Files = nil })
		}},
		{"meta.json from an older format", func(t *testing.T, dir, gen string) {
			editMeta(t, filepath.Join(dir, gen, metaFile), func(m *Meta) { m.Version = FormatVersion - 1 })
		}},
		{"meta.json miscounts passages", func(t *testing.T, dir, gen string) {
			editMeta(t, filepath.Join(dir, gen, metaFile), func(m *Meta) { m.Passages++ })
		}},
		{"garbage CURRENT", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, currentFile), "\x00\xff garbage\n")
		}},
		{"CURRENT names a path outside", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, currentFile), "gen-../../etc\n")
		}},
		{"CURRENT names a missing generation", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, currentFile), "gen-20000101T000000-00000000\n")
		}},
		{"empty CURRENT", func(t *testing.T, dir, gen string) {
			writeFile(t, filepath.Join(dir, currentFile), "")
		}},
		{"generation directory deleted", func(t *testing.T, dir, gen string) {
			if err := os.RemoveAll(filepath.Join(dir, gen)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	// One build, copied for each case.
	seeds, built := copySeeds(t), t.TempDir()
	st, first := openStore(t, seeds, built, Options{})
	st.Close()
	gen := readCurrentFile(t, built)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(built)); err != nil {
				t.Fatal(err)
			}
			if _, err := openCurrent(dir); err != nil {
				t.Fatalf("the copied index does not open: %v", err)
			}

			tc.corrupt(t, dir, gen)
			if _, err := openCurrent(dir); err == nil {
				t.Fatal("the damaged index opens without complaint")
			}
			st2, rep := openStore(t, seeds, dir, Options{})
			if !rep.Built || rep.Passages != first.Passages {
				t.Errorf("Open of a damaged index: %+v, want a rebuild of %d passages", rep, first.Passages)
			}
			if now := readCurrentFile(t, dir); now == gen {
				t.Errorf("CURRENT still names the damaged generation %s", gen)
			}
			mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)
			st2.Close()

			// The rebuilt index is whole: it reopens without a build.
			_, rep = openStore(t, seeds, dir, Options{})
			if rep.Built {
				t.Error("the rebuilt index was rebuilt again on the next Open")
			}
		})
	}
}

// editTable lets edit change the passage records of the generation in
// genDir, then writes the header's total length and the checksums to agree
// with them, so that only readTable's checks can tell.
func editTable(t *testing.T, genDir string, edit func(tab *table, recs []byte)) {
	t.Helper()
	path := filepath.Join(genDir, tableFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(genDir, textFile))
	if err != nil {
		t.Fatal(err)
	}
	na := int(binary.LittleEndian.Uint32(b[len(tableMagic):]))
	np := int(binary.LittleEndian.Uint32(b[len(tableMagic)+4:]))
	tab, err := readTable(slices.Clone(b), text, na, np)
	if err != nil {
		t.Fatal(err)
	}
	recs := b[tableHead : tableHead+np*passageRecord]
	edit(tab, recs)
	edited := &table{recs: recs}
	var total uint64
	for i := range np {
		p := edited.passage(i)
		total += uint64(p.end - p.start)
	}
	binary.LittleEndian.PutUint64(b[len(tableMagic)+8:], total)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	resum(t, genDir)
}

func editMeta(t *testing.T, path string, edit func(*Meta)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	if err := os.WriteFile(path, mustJSON(m), 0o644); err != nil {
		t.Fatal(err)
	}
}

// canWrite reports whether a file can be created in dir (it can, despite
// the mode, when the tests run as root).
func canWrite(dir string) bool {
	f, err := os.CreateTemp(dir, "probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

func TestRebuildReadOnlyIndexDir(t *testing.T) {
	if rerunAsNonRoot(t) {
		return
	}
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	gen := readCurrentFile(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if canWrite(dir) {
		t.Skip("chmod does not stop this user writing (root?)")
	}

	_, err := st.Rebuild(context.Background())
	if err == nil || !errors.Is(err, os.ErrPermission) {
		t.Errorf("Rebuild into a read-only directory: %v, want a permission error", err)
	}
	if got := readCurrentFile(t, dir); got != gen {
		t.Errorf("CURRENT is %s, was %s", got, gen)
	}
	if gens := generations(t, dir); len(gens) != 1 || gens[0] != gen {
		t.Errorf("generations %v, want only %s", gens, gen)
	}
	// The old generation keeps serving.
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)

	// And a new process can still open it, read-only, without a build.
	st2, rep := openStore(t, seeds, dir, Options{})
	if rep.Built {
		t.Error("Open of a read-only, matching index reports a build")
	}
	mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)

	// If the seeds change, Open cannot build, but serves what there is.
	writeFile(t, filepath.Join(seeds, "900-new.txt"), "Zebra sightings\n\nA herd of zebras crossed the border near Kursk on Monday. Nobody knows why.\n")
	st3, rep := openStore(t, seeds, dir, Options{})
	if rep.Built {
		t.Error("Open reports a build into a read-only directory")
	}
	mustFindTop(t, st3, chrysanthemumQuery, chrysanthemumText)
}

// openFDs counts this process's open file descriptors, or -1 where that
// cannot be seen.
func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// settledGoroutines waits briefly for goroutines to wind down to at most
// limit and returns the count.
func settledGoroutines(limit int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 100 && n > limit; i++ {
		time.Sleep(20 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

func TestSearchWhileRebuilding(t *testing.T) {
	const (
		searchers = 200
		swaps     = 20
	)
	seeds, dir := copySeeds(t), t.TempDir()
	fdsBefore, goroutinesBefore := openFDs(), runtime.NumGoroutine()

	st, _, err := Open(context.Background(), seeds, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var (
		wg              sync.WaitGroup
		searches, empty atomic.Int64
		errMu           sync.Mutex
		firstErr        error
		stop            atomic.Bool
		generationsSeen sync.Map
	)
	for i := 0; i < searchers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				snap, release, err := st.Acquire()
				if err == nil {
					generationsSeen.Store(snap.Meta().Built, true)
					var hits []Hit
					hits, err = snap.Search(ctx, []WeightedTerm{{Term: "chrysanthemum", Weight: 1}}, 3)
					if err == nil && (len(hits) == 0 || hits[0].Text != chrysanthemumText) {
						empty.Add(1)
					}
					if h, ok := snap.Passage("001-nyt-north-korea-honors-soldiers.md", 0); err == nil && (!ok || h.Text == "") {
						empty.Add(1)
					}
					release()
				}
				time.Sleep(50 * time.Millisecond) // leave the builds some CPU
				if err != nil {
					errMu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					errMu.Unlock()
				}
				searches.Add(1)
			}
		}()
	}
	for i := 0; i < swaps; i++ {
		if _, err := st.Rebuild(context.Background()); err != nil {
			t.Errorf("rebuild %d: %v", i, err)
		}
	}
	stop.Store(true)
	wg.Wait()
	cancel()

	if firstErr != nil {
		t.Errorf("a search failed: %v", firstErr)
	}
	if n := empty.Load(); n > 0 {
		t.Errorf("%d of %d searches found nothing", n, searches.Load())
	}
	seen := 0
	generationsSeen.Range(func(any, any) bool { seen++; return true })
	t.Logf("%d searches over %d generations", searches.Load(), seen)
	if seen < 2 {
		t.Errorf("searches saw %d generation(s); the rebuilds did not swap under them", seen)
	}
	if gens := generations(t, dir); len(gens) > 3 {
		t.Errorf("%d generations left on disk, want at most 3: %v", len(gens), gens)
	}

	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if g := settledGoroutines(goroutinesBefore + 2); g > goroutinesBefore+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines before, %d after:\n%s", goroutinesBefore, g, buf[:runtime.Stack(buf, true)])
	}
	if fdsBefore >= 0 {
		if fds := openFDs(); fds > fdsBefore+2 {
			t.Errorf("%d open files before, %d after", fdsBefore, fds)
		}
	}
}

// Rebuild calls made while a build runs share the next build: however
// many wait, one more build runs.
func TestRebuildCoalesces(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	var (
		builds  atomic.Int64
		gate    = make(chan struct{})
		blocked = make(chan struct{}, 1)
		hold    atomic.Bool
	)
	progress := func(done, total int) {
		if done != total {
			return
		}
		builds.Add(1)
		if hold.Load() {
			blocked <- struct{}{}
			<-gate
		}
	}
	st, _ := openStore(t, seeds, dir, Options{Progress: progress})
	builds.Store(0)
	hold.Store(true)

	first := make(chan error, 1)
	go func() {
		_, err := st.Rebuild(context.Background())
		first <- err
	}()
	<-blocked // the first build is running
	hold.Store(false)

	const waiters = 10
	reports := make(chan Report, waiters)
	errs := make(chan error, waiters)
	for i := 0; i < waiters; i++ {
		go func() {
			rep, err := st.Rebuild(context.Background())
			reports <- rep
			errs <- err
		}()
	}
	// Every waiter has asked before the first build is let go.
	for st.requests.Load() < 1+1+waiters { // Open's build, the first, the waiters
		time.Sleep(time.Millisecond)
	}
	close(gate)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	var took time.Duration
	for i := 0; i < waiters; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		rep := <-reports
		if !rep.Built {
			t.Errorf("waiter %d: %+v, want a built report", i, rep)
		}
		if i == 0 {
			took = rep.Took
		} else if rep.Took != took {
			t.Errorf("waiter %d got the report of another build", i)
		}
	}
	if n := builds.Load(); n != 2 {
		t.Errorf("%d builds ran, want 2 (the first, then one shared by %d waiters)", n, waiters)
	}

	// A caller that gives up waiting gets its context's error; the build
	// it waited for still completes.
	hold.Store(true)
	builds.Store(0)
	gate = make(chan struct{})
	go st.Rebuild(context.Background())
	<-blocked
	hold.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := st.Rebuild(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Rebuild with an expired context: %v", err)
	}
	before := readCurrentFile(t, dir)
	close(gate)
	for readCurrentFile(t, dir) == before {
		time.Sleep(time.Millisecond)
	}
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)
}

// A build clears out old generations but keeps the one in use when it
// started and the one before that, which another process sharing the
// directory may still be reading. Builds made within one second must not
// confuse which is which.
func TestRebuildKeepsPreviousGeneration(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	history := []string{readCurrentFile(t, dir)}
	for i := 1; i <= 5; i++ {
		if _, err := st.Rebuild(context.Background()); err != nil {
			t.Fatal(err)
		}
		history = append(history, readCurrentFile(t, dir))
		want := append([]string(nil), history[max(0, i-2):]...)
		sort.Strings(want)
		if gens := generations(t, dir); fmt.Sprint(gens) != fmt.Sprint(want) {
			t.Fatalf("after build %d: generations %v, want %v", i, gens, want)
		}
	}
}

// resum makes a generation's checksums agree with its files as they are.
func resum(t *testing.T, genDir string) {
	t.Helper()
	sums, err := checksumTree(genDir)
	if err != nil {
		t.Fatal(err)
	}
	editMeta(t, filepath.Join(genDir, metaFile), func(m *Meta) { m.Files = sums })
}

// openIndex is bleve.Index under a name that does not clash with its
// method Index when embedded.
type openIndex = bleve.Index

// closeCounting is a Bleve index whose DocCount and Mapping can be made to
// fail, and which counts how often it is closed.
type closeCounting struct {
	openIndex
	docCount func() (uint64, error)
	mapping  func() mapping.IndexMapping
	closed   *atomic.Int32
}

func (c closeCounting) DocCount() (uint64, error) {
	if c.docCount != nil {
		return c.docCount()
	}
	return c.openIndex.DocCount()
}

func (c closeCounting) Mapping() mapping.IndexMapping {
	if c.mapping != nil {
		return c.mapping()
	}
	return c.openIndex.Mapping()
}

func (c closeCounting) Close() error {
	c.closed.Add(1)
	return c.openIndex.Close()
}

// TestOpenClosesBleveOnFailure checks that a generation whose opening fails
// or panics after Bleve has opened its index closes that index again.
func TestOpenClosesBleveOnFailure(t *testing.T) {
	tests := []struct {
		name   string
		fail   func(c *closeCounting)
		opened bool
	}{
		{"nothing fails", func(*closeCounting) {}, true},
		{"counting documents fails", func(c *closeCounting) {
			c.docCount = func() (uint64, error) { return 0, errors.New("no count") }
		}, false},
		{"the count is wrong", func(c *closeCounting) {
			c.docCount = func() (uint64, error) { return 1, nil }
		}, false},
		{"counting documents panics", func(c *closeCounting) {
			c.docCount = func() (uint64, error) { panic("segment garbled") }
		}, false},
		{"reading the mapping panics", func(c *closeCounting) {
			c.mapping = func() mapping.IndexMapping { panic("mapping garbled") }
		}, false},
	}
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	gen := readCurrentFile(t, dir)
	t.Cleanup(func() { openBleve = openBleveReadOnly })
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var closed atomic.Int32
			openBleve = func(path string) (bleve.Index, error) {
				idx, err := openBleveReadOnly(path)
				if err != nil {
					return nil, err
				}
				c := closeCounting{openIndex: idx, closed: &closed}
				tc.fail(&c)
				return c, nil
			}
			h, err := openGeneration(dir, gen, true)
			if tc.opened {
				if err != nil {
					t.Fatal(err)
				}
				if n := closed.Load(); n != 0 {
					t.Fatalf("the index was closed %d times while in use", n)
				}
				h.release()
			} else if err == nil {
				h.release()
				t.Fatal("the generation opened")
			}
			if n := closed.Load(); n != 1 {
				t.Errorf("the Bleve index was closed %d times, want once", n)
			}
		})
	}
}
