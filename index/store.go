package index

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
)

// FormatVersion changes whenever the mapping, the parser, the splitter or
// the layout of an index directory changes, so that an index built by an
// older storybot is rebuilt rather than misread.
const FormatVersion = 13

// On-disk layout of an index directory:
//
//	CURRENT             name of the generation in use, replaced atomically
//	gen-<id>/meta.json  what was indexed, and checksums of every other file
//	gen-<id>/bleve/     the Bleve index, which finds passages
//	gen-<id>/text       the article bodies, which quotes are cut from
//	gen-<id>/passages   where each passage lies in them (see table.go)
//	gen-<id>/words      every word of the passages, for spelling (words.go)
//	gen-<id>/docmap     Bleve's document numbers as passages (docmap.go)
//	gen-<id>/postings   every term's postings, as the scorer reads them
//	                    (postfile.go)
//	gen-<id>/verified   what stat said of the files once they were checked
//	                    whole, so they need not be read again (verify.go)
//
// A generation is complete before CURRENT names it, so a build that dies
// half-way leaves CURRENT naming the previous, complete generation.
const (
	currentFile = "CURRENT"
	genPrefix   = "gen-"
	metaFile    = "meta.json"
	bleveDir    = "bleve"
	lockFile    = ".lock"
)

// Meta describes one generation of the index.
type Meta struct {
	Version     int       `json:"version"`
	Fingerprint string    `json:"fingerprint"`
	Built       time.Time `json:"built"`
	NumArticles int       `json:"articles"`
	// Articles are read from the passage table (see table.go).
	Articles []Article `json:"-"`
	Passages int       `json:"passages"`
	Skipped  []Skipped `json:"skipped,omitempty"`
	// Files maps each file of the generation but this one to its size and
	// CRC-32C, so a truncated or overwritten index is caught before it is
	// opened (verify.go).
	Files map[string]fileSum `json:"files"`
}

type fileSum struct {
	Size int64  `json:"size"`
	CRC  uint32 `json:"crc"`
}

// Report says what a build indexed.
type Report struct {
	Articles int
	Passages int
	Took     time.Duration
	Skipped  []Skipped
	// Added is the file name an added article was saved under.
	Added string
	// Built is false when the index already matched the seeds.
	Built bool
}

// Progress is called while a build runs, with the article files done so
// far (indexed or skipped) out of all it found: a build streams the
// articles, so it knows how many files there are before it knows how many
// passages.
type Progress func(done, total int)

// Store owns an index directory built from a seeds directory. It serves
// searches from the current generation while a new one is built, and
// swaps the new one in only once it is complete.
type Store struct {
	seeds, dir string
	log        *slog.Logger
	progress   Progress
	onBuild    func(Report, error)
	scorer     Scorer
	cacheBytes int64
	// residentText bounds the resident pages of each generation's text
	// (Options.ResidentTextBytes); 0 for no bound.
	residentText int64

	cur    atomic.Pointer[handle]
	swapMu sync.Mutex // orders swaps with Close
	closed bool

	// addMu serialises adding articles within the process; a lock on the
	// seeds directory does it across processes.
	addMu sync.Mutex

	requests atomic.Uint64
	flightMu sync.Mutex
	flight   *flight
}

type flight struct {
	covers uint64
	force  bool
	done   chan struct{}
	rep    Report
	err    error
}

// Options configure a Store.
type Options struct {
	Logger *slog.Logger
	// Progress, if set, is told how a build is going.
	Progress Progress
	// Rebuild builds a new generation even when the index matches.
	Rebuild bool
	// OnBuild, if set, is told of every build this store runs, at open,
	// on Rebuild, AddArticle or Refresh, once it has succeeded or failed
	// (not of a generation adopted from another process).
	OnBuild func(Report, error)
	// Scorer chooses how searches score passages: ScorerPruned (the
	// default) or ScorerBleve. Both return the same passages.
	Scorer Scorer
	// PostingsCacheBytes bounds the postings the pruned scorer keeps in
	// memory per generation (default DefaultPostingsCacheBytes).
	PostingsCacheBytes int64
	// ResidentTextBytes bounds how much of a generation's text a process
	// keeps resident as it cuts quotes (on Linux, where the text is
	// mapped): the parts most read stay mapped, and the rest is read
	// with a system call each time (resident.go). Bleve's segments,
	// mapped too, are let go of now and then. Zero means
	// DefaultResidentTextBytes; a negative value, no bound on either.
	ResidentTextBytes int64
}

// Scorer names a way of scoring searches.
type Scorer string

const (
	// ScorerPruned scores with storybot's own top-k scorer, over postings
	// read from Bleve once and cached, skipping passages that cannot make
	// the top k (scorer.go).
	ScorerPruned Scorer = "pruned"
	// ScorerBleve asks Bleve to run each search as a disjunction query.
	ScorerBleve Scorer = "bleve"
)

// ParseScorer reads a scorer's name; empty means the default.
func ParseScorer(name string) (Scorer, error) {
	switch sc := Scorer(strings.ToLower(strings.TrimSpace(name))); sc {
	case "":
		return ScorerPruned, nil
	case ScorerPruned, ScorerBleve:
		return sc, nil
	default:
		return "", fmt.Errorf("scorer %q: want %s or %s", name, ScorerPruned, ScorerBleve)
	}
}

// Open opens the index in dir for the articles in seeds, building it when
// it is missing, unreadable, from another format version, or from other
// seeds. An index that matches is opened, not rebuilt.
func Open(ctx context.Context, seeds, dir string, opt Options) (*Store, Report, error) {
	s := &Store{seeds: seeds, dir: dir, log: opt.Logger, progress: opt.Progress, onBuild: opt.OnBuild,
		scorer: opt.Scorer, cacheBytes: opt.PostingsCacheBytes, residentText: opt.ResidentTextBytes}
	switch {
	case s.residentText == 0:
		s.residentText = DefaultResidentTextBytes
	case s.residentText < 0:
		s.residentText = 0
	}
	if s.scorer == "" {
		s.scorer = ScorerPruned
	}
	if _, err := ParseScorer(string(s.scorer)); err != nil {
		return nil, Report{}, err
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, Report{}, fmt.Errorf("index %s: %w", dir, err)
	}
	s.sweepTemps()
	fp, err := Fingerprint(seeds)
	if err != nil {
		return nil, Report{}, err
	}
	h, err := openCurrent(dir)
	switch {
	case err == nil && h.meta.Fingerprint == fp && !opt.Rebuild:
		s.prepare(h)
		s.cur.Store(h)
		return s, reportOf(h.meta, 0, false), nil
	case err == nil:
		if h.meta.Fingerprint != fp {
			s.log.Info("seeds changed since the index was built; rebuilding", "index", dir)
		}
		s.prepare(h)
		s.cur.Store(h) // serves until the rebuild is done
	case errors.Is(err, errNoIndex):
		s.log.Info("no index yet; building", "index", dir)
	default:
		s.log.Warn("index unusable; rebuilding from the seeds", "index", dir, "reason", err)
	}
	rep, err := s.rebuild(ctx, opt.Rebuild)
	if err != nil {
		if old := s.cur.Load(); old != nil {
			s.log.Error("rebuild failed; serving the previous index", "err", err)
			return s, reportOf(old.meta, 0, false), nil
		}
		return nil, Report{}, err
	}
	return s, rep, nil
}

// Close releases the index. Searches already running finish first.
func (s *Store) Close() error {
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	s.closed = true
	if h := s.cur.Swap(nil); h != nil {
		h.release()
	}
	return nil
}

// SeedsDir is the directory the articles are read from.
func (s *Store) SeedsDir() string { return s.seeds }

// Rebuild builds a new generation from the seeds and swaps it in. The
// current generation keeps serving until then, and stays if the build
// fails. Calls made while a build is running share the next build.
func (s *Store) Rebuild(ctx context.Context) (Report, error) {
	return s.rebuild(ctx, true)
}

// Refresh brings the store up to date with its seeds: when they no longer
// match the generation in use, it switches to the generation another
// process sharing the index directory has built from them, or else builds
// one. It reports whether the generation in use changed. Processes that
// share a seeds directory (one per gateway shard, say) call it now and
// then, or run Watch, so that an article added through any of them is
// soon answered by all.
func (s *Store) Refresh(ctx context.Context) (bool, error) {
	if s.cur.Load() == nil {
		return false, ErrClosed
	}
	fp, err := Fingerprint(s.seeds)
	if err != nil {
		return false, err
	}
	before := s.cur.Load()
	if before == nil || before.meta.Fingerprint != fp {
		if _, err := s.rebuild(ctx, false); err != nil {
			return false, err
		}
	} else {
		// The same articles, rebuilt by another process (/reindex):
		// follow it, so that no process keeps a generation it may remove.
		s.adopt(fp)
	}
	return s.cur.Load() != before, nil
}

// Watch calls Refresh every interval until ctx is done, logging what
// happens. A failed refresh leaves the current generation serving and is
// tried again at the next tick.
func (s *Store) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		changed, err := s.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("index refresh failed; still serving the previous index", "err", err)
		case changed:
			if h := s.cur.Load(); h != nil {
				s.log.Info("index refreshed", "generation", h.gen, "articles", len(h.meta.Articles), "passages", h.meta.Passages)
			}
		}
	}
}

// adopt switches to the generation CURRENT names when another process
// has built it from seeds with fingerprint fp, and reports the one in use
// (nil when it is not).
func (s *Store) adopt(fp string) *handle {
	gen, err := readCurrent(s.dir)
	if err != nil {
		return nil
	}
	if h := s.cur.Load(); h != nil && h.gen == gen {
		if h.meta.Fingerprint != fp {
			return nil
		}
		return h
	}
	h, err := openGeneration(s.dir, gen, true)
	if err != nil {
		return nil
	}
	if h.meta.Fingerprint != fp {
		h.release()
		return nil
	}
	s.swap(h)
	return h
}

// rebuild runs or joins a build. A forced build always writes a new
// generation; otherwise one that matches the seeds, built meanwhile by
// another process, is taken instead.
func (s *Store) rebuild(ctx context.Context, force bool) (Report, error) {
	req := s.requests.Add(1)
	for {
		s.flightMu.Lock()
		if f := s.flight; f != nil {
			s.flightMu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return Report{}, ctx.Err()
			}
			if f.covers >= req && (f.force || !force) {
				return f.rep, f.err
			}
			continue
		}
		f := &flight{covers: s.requests.Load(), force: force, done: make(chan struct{})}
		s.flight = f
		s.flightMu.Unlock()

		// One caller giving up must not abort a build others wait for.
		f.rep, f.err = s.build(context.WithoutCancel(ctx), force)
		if s.onBuild != nil && (f.err != nil || f.rep.Built) {
			s.onBuild(f.rep, f.err)
		}
		s.flightMu.Lock()
		s.flight = nil
		s.flightMu.Unlock()
		close(f.done)
		return f.rep, f.err
	}
}

func (s *Store) build(ctx context.Context, force bool) (Report, error) {
	start := time.Now()
	unlock, err := lockDir(filepath.Join(s.dir, lockFile))
	if err != nil {
		return Report{}, fmt.Errorf("lock index %s: %w", s.dir, err)
	}
	defer unlock()
	// Also over opening the new generation, so the build's garbage is
	// collected before the generation's tables are read.
	defer setBuildMemoryLimit()()

	fp, err := Fingerprint(s.seeds)
	if err != nil {
		return Report{}, err
	}
	if !force {
		// Another process may have built it while this one waited for
		// the lock.
		if h := s.adopt(fp); h != nil {
			return reportOf(h.meta, time.Since(start), false), nil
		}
	}
	paths, err := articlePaths(s.seeds)
	if err != nil {
		return Report{}, err
	}
	if len(paths) == 0 {
		return Report{}, fmt.Errorf("no articles to index in %s", s.seeds)
	}
	s.removeStale()

	// Nanoseconds, so that names sort by build time even for builds made
	// within one second (removeStale relies on that order).
	gen := genPrefix + time.Now().UTC().Format("20060102T150405.000000000") + "-" + randomHex(4)
	genDir := filepath.Join(s.dir, gen)
	meta, skipped, err := writeGeneration(ctx, genDir, paths, s.progress, s.log)
	if errors.Is(err, errNoArticles) {
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("no articles to index in %s", s.seeds)
	}
	if err != nil {
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("build index: %w", err)
	}
	meta.Fingerprint = fp
	meta.Skipped = skipped
	if err := writeFileSync(filepath.Join(genDir, metaFile), mustJSON(meta)); err != nil {
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("build index: %w", err)
	}
	if err := syncDir(genDir); err != nil {
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("build index: %w", err)
	}
	// writeGeneration has just summed every file it wrote.
	h, err := openGeneration(s.dir, gen, false)
	if err != nil {
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("open new index: %w", err)
	}
	if err := writeFileSync(filepath.Join(s.dir, currentFile), []byte(gen+"\n")); err != nil {
		h.release()
		os.RemoveAll(genDir)
		return Report{Skipped: skipped}, fmt.Errorf("switch to new index: %w", err)
	}
	s.swap(h)
	rep := reportOf(meta, time.Since(start), true)
	s.log.Info("index built", "articles", rep.Articles, "passages", rep.Passages, "skipped", len(skipped), "took", rep.Took.Round(time.Millisecond))
	return rep, nil
}

// swap puts h in use, unless the store is closed: a build that ends after
// Close must not leave a generation open.
func (s *Store) swap(h *handle) {
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	if s.closed {
		h.release()
		return
	}
	s.prepare(h)
	if old := s.cur.Swap(h); old != nil {
		old.release()
	}
}

// prepare readies h to serve searches with the store's scorer; h is not
// yet in use.
func (s *Store) prepare(h *handle) {
	paceServing()
	if s.scorer == ScorerPruned && h.postings == nil {
		h.postings = newPostingsCache(h.idx, h.bm25, h.docMap, s.cacheBytes)
		h.postings.file = h.postingsFile
	}
	if h.table.textPages == nil && h.textFile != nil {
		h.table.textPages = newResidentText(h.textMap, h.textFile, s.residentText)
		// Bleve reads its segments through mappings too: the postings of
		// a term the cache lacks (postings.go), a term's document count.
		// Once the cache holds a generation's common terms they are
		// seldom read, so their pages are let go as the text cools, and
		// so are the postings cache's spare decoding buffers.
		if h.table.textPages != nil {
			bleveAt := mappedPath(filepath.Join(s.dir, h.gen, bleveDir))
			postings := h.postings
			h.table.textPages.onCool = func() {
				dropSegmentPages(bleveAt)
				if postings != nil {
					postings.letGoOfSpares()
				}
			}
		}
	}
}

// mappedPath is the path /proc/self/maps names the files under dir by.
func mappedPath(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return dir
}

// removeStale deletes generations other than the current one and the one
// before it (which a process sharing the directory may still be reading).
// It runs under the build lock, so no build is writing one.
func (s *Store) removeStale() {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	current, _ := readCurrent(s.dir)
	var gens []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) && e.Name() != current {
			gens = append(gens, e.Name())
		}
	}
	// Names sort by build time; keep the newest generation older than the
	// current one.
	sort.Strings(gens)
	previous := ""
	for _, g := range gens {
		if g < current {
			previous = g
		}
	}
	for _, g := range gens {
		if g == previous {
			continue
		}
		if err := os.RemoveAll(filepath.Join(s.dir, g)); err == nil {
			s.log.Debug("removed old index generation", "dir", g)
		}
	}
}

func reportOf(m *Meta, took time.Duration, built bool) Report {
	return Report{Articles: m.NumArticles, Passages: m.Passages, Took: took, Skipped: m.Skipped, Built: built}
}

var (
	errNoIndex    = errors.New("no index")
	errNoArticles = errors.New("no articles")
)

func readCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", errNoIndex
	}
	if err != nil {
		return "", err
	}
	gen := strings.TrimSpace(string(b))
	if !strings.HasPrefix(gen, genPrefix) || strings.ContainsAny(gen, `/\`) || gen != filepath.Base(gen) {
		return "", fmt.Errorf("CURRENT names %q, not a generation", gen)
	}
	return gen, nil
}

// openCurrent opens the generation CURRENT names, after checking it is
// whole.
func openCurrent(dir string) (*handle, error) {
	gen, err := readCurrent(dir)
	if err != nil {
		return nil, err
	}
	return openGeneration(dir, gen, true)
}

// openGeneration opens generation gen of the index in dir, checking its
// files first if check is set (see verify.go). The text and the passage
// table are mapped, not read.
func openGeneration(dir, gen string, check bool) (h *handle, err error) {
	genDir := filepath.Join(dir, gen)
	b, err := os.ReadFile(filepath.Join(genDir, metaFile))
	if err != nil {
		return nil, fmt.Errorf("index metadata: %w", err)
	}
	var meta Meta
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, fmt.Errorf("index metadata: %w", err)
	}
	if meta.Version != FormatVersion {
		return nil, fmt.Errorf("index format %d, want %d", meta.Version, FormatVersion)
	}
	if check {
		if err := checkFiles(genDir, meta.Files); err != nil {
			return nil, err
		}
	}
	var unmaps []func() error
	unmap := func() {
		for _, u := range unmaps {
			u()
		}
	}
	defer func() {
		if h == nil {
			unmap()
		}
	}()
	mapped := map[string][]byte{}
	names := []string{textFile, tableFile}
	if _, ok := meta.Files[postingsFile]; ok {
		names = append(names, postingsFile)
	}
	for _, name := range names {
		data, u, err := mapFile(filepath.Join(genDir, name))
		if err != nil {
			return nil, fmt.Errorf("index files: %w", err)
		}
		unmaps = append(unmaps, u)
		if sum, ok := meta.Files[name]; !ok || int64(len(data)) != sum.Size {
			return nil, fmt.Errorf("index file %s is %d bytes, not as listed", name, len(data))
		}
		mapped[name] = data
	}
	adviseRandom(mapped[textFile])
	tab, err := readTable(mapped[tableFile], mapped[textFile], meta.NumArticles, meta.Passages)
	if err != nil {
		return nil, err
	}
	meta.Articles = tab.meta
	dropPages(mapped[tableFile])
	var postings *postingsLists
	if data, ok := mapped[postingsFile]; ok {
		if postings, err = readPostings(data, meta.Passages); err != nil {
			return nil, err
		}
		dropPages(data)
	}
	// Where pages are let go, quotes outside the text's resident bound are
	// read from the file (resident.go).
	var text *os.File
	if dropsPages && len(mapped[textFile]) > 0 {
		if text, err = os.Open(filepath.Join(genDir, textFile)); err != nil {
			return nil, fmt.Errorf("index files: %w", err)
		}
		unmaps = append(unmaps, text.Close)
	}
	words, err := os.ReadFile(filepath.Join(genDir, wordsFile))
	if err != nil {
		return nil, fmt.Errorf("index files: %w", err)
	}
	vocab, err := loadVocabulary(words)
	if err != nil {
		return nil, err
	}
	var docMap []uint32
	if _, ok := meta.Files[docMapFile]; ok {
		b, err := os.ReadFile(filepath.Join(genDir, docMapFile))
		if err != nil {
			return nil, fmt.Errorf("index files: %w", err)
		}
		if docMap, err = decodeDocMap(b); err != nil {
			return nil, err
		}
	}
	// Bleve can panic on index files it cannot make sense of; such an
	// index is as unusable as one that fails to open. Whatever fails once
	// Bleve has opened it, the index is closed again.
	var idx bleve.Index
	defer func() {
		if r := recover(); r != nil {
			h, err = nil, fmt.Errorf("open index: %v", r)
		}
		if h == nil && idx != nil {
			closeBleve(idx)
		}
	}()
	idx, err = openBleve(filepath.Join(genDir, bleveDir))
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	n, err := idx.DocCount()
	if err != nil || int(n) != meta.Passages {
		return nil, fmt.Errorf("index holds %d passages, metadata says %d (%v)", n, meta.Passages, err)
	}
	h = newHandle(idx, &meta, tab, vocab)
	h.gen = gen
	h.docMap = docMap
	h.postingsFile = postings
	h.textMap, h.textFile = mapped[textFile], text
	h.unmap = unmap
	return h, nil
}

// openBleve opens a generation's Bleve index; a variable so that tests
// can make what follows the opening fail.
var openBleve = openBleveReadOnly

// openBleveReadOnly opens the Bleve index at path for reading. On failure
// Bleve returns a nil pointer inside the interface, or, when only closing
// its first reader failed, an open index, which is closed here.
func openBleveReadOnly(path string) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		if v := reflect.ValueOf(idx); v.IsValid() && !v.IsNil() {
			closeBleve(idx)
		}
		return nil, err
	}
	return idx, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksumTree sums every regular file under root but the metadata and
// the verified stamp.
func checksumTree(root string) (map[string]fileSum, error) {
	sums := map[string]fileSum{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || path == filepath.Join(root, metaFile) || path == filepath.Join(root, verifiedFile) {
			return err
		}
		sum, err := checksumFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		sums[filepath.ToSlash(rel)] = sum
		return nil
	})
	return sums, err
}

// Fingerprint identifies the state of a seeds directory: the name, size
// and modification time of every article file, and the index format.
// Reading names and stat data only keeps start-up fast on large seed sets.
func Fingerprint(seeds string) (string, error) {
	entries, err := os.ReadDir(seeds)
	if err != nil {
		return "", fmt.Errorf("read seeds %s: %w", seeds, err)
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool {
		return e.IsDir() || strings.HasPrefix(e.Name(), ".") || !IsArticleFile(e.Name())
	})
	// One stat per file: on all cores, as they add up for large seed sets.
	infos := make([]os.FileInfo, len(entries))
	errs := make([]error, len(entries))
	forEach(len(entries), func(i int) { infos[i], errs[i] = entries[i].Info() })
	h := sha256.New()
	fmt.Fprintf(h, "storybot index v%d\n", FormatVersion)
	for i, e := range entries {
		if errs[i] != nil {
			return "", fmt.Errorf("read seeds %s: %w", seeds, errs[i])
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", e.Name(), infos[i].Size(), infos[i].ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeFileSync replaces path with data durably: readers see the old
// content or the new, never part of it.
func writeFileSync(path string, data []byte) error {
	return writeDurable(path, os.Rename, writeAll(data))
}

// writeStreamSync is writeFileSync for a file too large to hold: write
// writes it, buffered, and it is put in place only once whole.
func writeStreamSync(path string, write func(w *bufio.Writer) error) error {
	return writeDurable(path, os.Rename, write)
}

func writeAll(data []byte) func(w *bufio.Writer) error {
	return func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// writeNew writes a file that must not exist yet (it fails with an error
// matching os.ErrExist if it does), durably and whole.
func writeNew(path string, data []byte) error {
	return writeDurable(path, os.Link, writeAll(data))
}

// writeDurable writes a hidden temporary file beside path with write,
// syncs it, then puts it in place with place (os.Rename replaces, os.Link never
// does) and syncs the directory. The file is readable by all (0644), like
// the bundled articles, so processes running as other users on a shared
// volume can read it.
func writeDurable(path string, place func(oldpath, newpath string) error, write func(w *bufio.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	err = tmp.Chmod(0o644) // CreateTemp makes 0600
	if err == nil {
		w := bufio.NewWriterSize(tmp, 256<<10)
		if err = write(w); err == nil {
			err = w.Flush()
		}
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = place(tmp.Name(), path)
	}
	os.Remove(tmp.Name()) // gone after a rename; the spare name after a link
	if err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

func mustJSON(v interface{}) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only plain structs are marshalled here
	}
	return b
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// handle is one open generation, shared by the searches using it. It is
// closed when the store has moved on and the last search has finished.
type handle struct {
	refs     atomic.Int64
	gen      string
	idx      bleve.Index
	meta     *Meta
	table    *table
	vocab    *vocabulary
	articles map[string]int // index in meta.Articles and the table
	english  analysis.Analyzer
	docFreqs memo[int]
	similar  memo[[]string]
	analyses memo[any]
	kept     sync.Map // see Snapshot.Remember
	bm25     *search.BM25Stats
	// postings serve the pruned scorer; nil when searches go to Bleve.
	postings *postingsCache
	// docMap is the generation's passage map, if it has one (docmap.go).
	docMap []uint32
	// postingsFile serves the postings cache, if the generation has one
	// (postfile.go); it is mapped, and unmapped with the text.
	postingsFile *postingsLists
	// textMap is the text as mapped, and textFile the file open beside
	// it where the resident pages of the text are bounded (resident.go).
	textMap  []byte
	textFile *os.File
	// unmap releases the mapped text, table and postings once the last
	// search is done; no string or list handed out points into them
	// (table.hit and postingsLists.list copy).
	unmap func()
}

func newHandle(idx bleve.Index, meta *Meta, tab *table, vocab *vocabulary) *handle {
	h := &handle{idx: idx, meta: meta, table: tab, vocab: vocab, articles: make(map[string]int, len(meta.Articles))}
	for i := range meta.Articles {
		h.articles[meta.Articles[i].ID] = i
	}
	h.english = idx.Mapping().AnalyzerNamed(en.AnalyzerName)
	h.bm25 = bm25Stats(meta.Passages, tab.avgLen)
	h.refs.Store(1) // the store's own reference
	return h
}

func (h *handle) acquire() bool {
	for {
		n := h.refs.Load()
		if n <= 0 {
			return false
		}
		if h.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (h *handle) release() {
	if h.refs.Add(-1) == 0 {
		closeBleve(h.idx)
		if h.unmap != nil {
			h.unmap()
		}
	}
}
