package index

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// A build streams: articles are read on all cores but taken in name
// order, one at a time; each is appended to the text and the passage
// table as it comes, and its passages join the batch being filled for
// Bleve. Only the articles read ahead (readAhead), the batches on their
// way to Bleve and the vocabulary are held, so a build's memory does not
// grow with the number of articles. Passage numbers are given in that
// order, (article, sequence), whatever the goroutines' timing.

// readAhead bounds how many articles are read ahead of the one being
// written: enough to keep every core parsing.
const readAhead = 64

// batchSize is how many passages go to Bleve at once: large enough that
// segments are few, small enough that a batch's analysis stays small in
// memory.
const batchSize = 2000

// A build's heap is small (the corpus is never held) but it makes a lot
// of garbage: Bleve's analysis of every passage. With the collector's
// default pacing (GOGC=100) a small heap is collected very often, which
// cost a third more CPU than a build that held the corpus. So a build
// paces the collector by a soft memory limit instead (the Go GC guide's
// advice for a heap of known size): garbage may grow to buildGCPercent
// of the live heap, but never past buildMemoryLimit above what the
// process held when the build began (a serving process keeps its caches).
const (
	buildMemoryLimit = 128 << 20
	buildGCPercent   = 400
)

// pacing counts the builds running in this process (several stores may
// build at once: tests, the evaluation tool): the first sets the pacing,
// the last puts it back. While none runs, a process serving searches
// paces the collector as pace.go says.
var pacing struct {
	sync.Mutex
	builds  int
	serving bool // paceServing has begun
}

// operatorPaced says whether the process was started with pacing of its
// own (GOMEMLIMIT or GOGC in its environment, whatever their values),
// which nothing here overrides.
var operatorPaced = func() bool {
	_, limit := os.LookupEnv("GOMEMLIMIT")
	_, percent := os.LookupEnv("GOGC")
	return limit || percent
}()

// setBuildMemoryLimit sets the collector's pacing for a build, unless the
// process was started with its own (operatorPaced). It returns what puts
// it back.
func setBuildMemoryLimit() (restore func()) {
	pacing.Lock()
	defer pacing.Unlock()
	if operatorPaced {
		return func() {}
	}
	if pacing.builds == 0 {
		debug.SetGCPercent(buildGCPercent)
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		held := int64(0)
		if live[0].Value.Kind() == metrics.KindUint64 {
			held = int64(live[0].Value.Uint64())
		}
		debug.SetMemoryLimit(held + buildMemoryLimit)
	}
	pacing.builds++
	return func() {
		pacing.Lock()
		defer pacing.Unlock()
		if pacing.builds--; pacing.builds == 0 {
			debug.SetMemoryLimit(math.MaxInt64)
			debug.SetGCPercent(100)
			if pacing.serving {
				setServingLimit()
			}
		}
	}
}

// articlePaths lists the article files of dir, in name order.
func articlePaths(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read seeds %s: %w", dir, err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && IsArticleFile(e.Name()) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths, nil
}

// readInOrder reads the articles at paths on all cores and calls use with
// each, in the order of paths, never reading more than readAhead ahead of
// it. It stops at the first error use returns, or when ctx is done.
func readInOrder(ctx context.Context, paths []string, use func(path string, l loaded, err error) error) error {
	type read struct {
		l   loaded
		err error
	}
	type job struct {
		path string
		out  chan read
	}
	var (
		jobs  = make(chan job)
		order = make(chan chan read, readAhead)
		stop  = make(chan struct{})
		wg    sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				l, err := readArticle(j.path)
				j.out <- read{l, err}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for _, path := range paths {
			out := make(chan read, 1) // workers never wait for the reader
			select {
			case order <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{path, out}:
			case <-stop:
				return
			}
		}
	}()
	defer wg.Wait()
	defer close(stop)
	i := 0
	for out := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := <-out
		if err := use(paths[i], r.l, r.err); err != nil {
			return err
		}
		i++
	}
	return ctx.Err()
}

// writeGeneration indexes the articles at paths into a new generation in
// genDir and returns its metadata (without fingerprint) and the files
// skipped. progress is told of article files done out of all of them.
func writeGeneration(ctx context.Context, genDir string, paths []string, progress Progress, log *slog.Logger) (*Meta, []Skipped, error) {
	if err := os.MkdirAll(genDir, 0o755); err != nil {
		return nil, nil, err
	}
	idx, err := bleve.New(filepath.Join(genDir, bleveDir), newMapping())
	if err != nil {
		return nil, nil, err
	}
	tw, err := createTable(genDir)
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	defer tw.abort()
	var (
		skipped []Skipped
		words   = map[string]struct{}{}
		docs    []batchDoc
		files   int // files taken and not yet counted in a batch
	)
	ix := startIndexing(ctx, idx, len(paths), progress)
	err = readInOrder(ix.ctx, paths, func(path string, l loaded, err error) error {
		files++
		if err != nil {
			skipped = append(skipped, Skipped{File: path, Reason: err.Error()})
			log.Warn("article skipped", "file", path, "reason", err)
			return nil
		}
		if l.warning != "" {
			log.Warn("article read with a problem", "file", l.File, "problem", l.warning)
		}
		first := tw.passages
		if err := tw.add(&l); err != nil {
			return err
		}
		for i, p := range l.passages {
			text := p.Text(l.Body)
			letterWords(text, func(w string) {
				if _, ok := words[w]; !ok {
					words[strings.Clone(w)] = struct{}{}
				}
			})
			docs = append(docs, batchDoc{first + i, text})
			if len(docs) == batchSize {
				done := files
				if i < len(l.passages)-1 {
					done-- // this article goes on in the next batch
				}
				if !ix.send(docs, done) {
					return ix.ctx.Err()
				}
				docs, files = nil, files-done
			}
		}
		return nil
	})
	if err == nil && !ix.send(docs, files) {
		err = ix.ctx.Err()
	}
	if err != nil {
		ix.cancel(err)
	}
	// A failure of Bleve's cancels the reading too: say what it was.
	if ierr := ix.wait(); ierr != nil {
		err = ierr
	}
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, skipped, err
	}
	if tw.articles == 0 {
		return nil, skipped, errNoArticles
	}
	if err := tw.finish(); err != nil {
		return nil, skipped, err
	}
	// What follows reads Bleve's segments through, mapping many of their
	// pages at once (postfile.go): the garbage indexing left is let go
	// of first, so that the two do not add up.
	debug.FreeOSMemory()
	docMap, err := writeDocMap(genDir)
	if err != nil {
		return nil, skipped, err
	}
	if err := writePostings(ctx, genDir, docMap, tw.passages, tw.passageBytes); err != nil {
		return nil, skipped, err
	}
	// Nor does the pass's garbage add up with the new generation's table,
	// read whole when it is opened.
	debug.FreeOSMemory()
	if err := writeWords(genDir, words); err != nil {
		return nil, skipped, err
	}
	sums, err := checksumTree(genDir)
	if err != nil {
		return nil, skipped, err
	}
	meta := &Meta{Version: FormatVersion, Built: time.Now().UTC(), NumArticles: tw.articles, Passages: tw.passages, Files: sums}
	return meta, skipped, nil
}

// batchDoc is a passage on its way to Bleve.
type batchDoc struct {
	n    int
	text string
}

// indexing hands batches of passages to Bleve on one goroutine per core,
// so that one batch is analysed while the segment of another is written.
type indexing struct {
	ctx     context.Context
	cancel  context.CancelCauseFunc
	batches chan indexBatch
	wg      sync.WaitGroup
}

type indexBatch struct {
	docs  []batchDoc
	files int // article files whose last passage is in docs
}

func startIndexing(ctx context.Context, idx bleve.Index, total int, progress Progress) *indexing {
	ix := &indexing{batches: make(chan indexBatch)}
	ix.ctx, ix.cancel = context.WithCancelCause(ctx)
	var (
		mu   sync.Mutex
		done int
	)
	for range runtime.GOMAXPROCS(0) {
		ix.wg.Add(1)
		go func() {
			defer ix.wg.Done()
			for b := range ix.batches {
				if len(b.docs) > 0 {
					batch := idx.NewBatch()
					for _, d := range b.docs {
						if err := batch.Index(passageKey(d.n), passageDoc{Text: d.text}); err != nil {
							ix.cancel(err)
							return
						}
					}
					if err := idx.Batch(batch); err != nil {
						ix.cancel(err)
						return
					}
				}
				mu.Lock()
				done += b.files
				if progress != nil && b.files > 0 && ix.ctx.Err() == nil {
					progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	return ix
}

// send hands a batch to Bleve, reporting false if the build has failed.
func (ix *indexing) send(docs []batchDoc, files int) bool {
	if len(docs) == 0 && files == 0 {
		return true
	}
	select {
	case ix.batches <- indexBatch{docs, files}:
		return true
	case <-ix.ctx.Done():
		return false
	}
}

// wait waits for the batches sent to be indexed, and returns why
// indexing failed, if it did.
func (ix *indexing) wait() error {
	close(ix.batches)
	ix.wg.Wait()
	err := context.Cause(ix.ctx)
	ix.cancel(nil)
	return err
}
