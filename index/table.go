package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"unsafe"
)

// The passage table keeps what answers quote and cite beside the Bleve
// index, which only finds passages: every article's metadata and body
// exactly as read, and where each passage lies in it. Quotes are cut from
// the bodies, so they are verbatim by construction, and a search loads no
// stored fields from Bleve.
//
//	text      the article bodies, one after another
//	passages  tableMagic, article and passage counts and the passages'
//	          total length in bytes; one fixed-size record per passage;
//	          then one record per article (numbers, then its metadata as
//	          length-prefixed strings); integers are little-endian
//
// Both files are written as the build goes, article by article (passage
// records ahead of article records, as an article's record is written
// only once its passages are), and memory-mapped when a generation is
// opened (mmap_unix.go), so neither is ever held whole on the heap.
const (
	textFile   = "text"
	tableFile  = "passages"
	tableMagic = "SBPASS03"
	tableHead  = len(tableMagic) + 4 + 4 + 8

	articleNumbers = 8 + 4 + 4     // body offset, body length, first passage
	passageRecord  = 4 + 4 + 4 + 4 // article, paragraph, start, end; caption in the top bit of end
	captionBit     = 1 << 31
)

// table is a generation's passages while it serves. text and recs are
// mapped from the generation's files: what a caller is given is copied
// out of them (see hit).
type table struct {
	text     string
	recs     []byte // the passage records
	passages int
	meta     []Article // without bodies
	articles []tableArticle
	// avgLen is the mean length of a passage in bytes.
	avgLen float64
	// textPages reads the text where a bound on its resident pages is
	// kept (resident.go); nil reads it through the mapping alone.
	textPages *residentText
}

type tableArticle struct {
	start uint64 // offset of the body in text
	size  uint32
	first uint32 // index of its first passage
}

type tablePassage struct {
	article    uint32
	para       uint32
	start, end uint32 // byte range within the article's body
	caption    bool
}

// articleFields are the metadata of an article as the table stores them.
func articleFields(a *Article) []*string {
	return []*string{&a.ID, &a.File, &a.Title, &a.Outlet, &a.Author, &a.Date, &a.URL, &a.Headline, &a.Byline, &a.Dateline, &a.Credits}
}

// passageKey is a passage's Bleve document ID: its index in the table.
func passageKey(n int) string { return strconv.Itoa(n) }

// tableWriter writes the text and the passage table of a generation one
// article at a time. Article records wait in a file of their own until
// the last passage record is written.
type tableWriter struct {
	genDir             string
	text, tab, arts    *os.File
	textW, tabW, artsW *bufio.Writer
	textLen            uint64
	passageBytes       uint64
	articles, passages int
	buf                []byte
}

const articleRecordsFile = ".articles.tmp"

func createTable(genDir string) (*tableWriter, error) {
	w := &tableWriter{genDir: genDir}
	var err error
	for _, f := range []struct {
		name string
		file **os.File
		out  **bufio.Writer
	}{{textFile, &w.text, &w.textW}, {tableFile, &w.tab, &w.tabW}, {articleRecordsFile, &w.arts, &w.artsW}} {
		if *f.file, err = os.Create(filepath.Join(genDir, f.name)); err != nil {
			w.abort()
			return nil, err
		}
		*f.out = bufio.NewWriterSize(*f.file, 256<<10)
	}
	// The header is written last, when the counts are known.
	if _, err := w.tabW.Write(make([]byte, tableHead)); err != nil {
		w.abort()
		return nil, err
	}
	return w, nil
}

// add appends article a, the next in order, and its passages.
func (w *tableWriter) add(a *loaded) error {
	if w.articles == math.MaxUint32 || uint64(w.passages)+uint64(len(a.passages)) >= math.MaxUint32 {
		return errors.New("passage table: too many passages")
	}
	b := w.buf[:0]
	for _, p := range a.passages {
		end := uint32(p.End)
		if p.Caption {
			end |= captionBit
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(w.articles))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Para))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Start))
		b = binary.LittleEndian.AppendUint32(b, end)
		w.passageBytes += uint64(p.End - p.Start)
	}
	if _, err := w.tabW.Write(b); err != nil {
		return err
	}
	b = binary.LittleEndian.AppendUint64(b[:0], w.textLen)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(a.Body)))
	b = binary.LittleEndian.AppendUint32(b, uint32(w.passages))
	for _, f := range articleFields(&a.Article) {
		b = binary.AppendUvarint(b, uint64(len(*f)))
		b = append(b, *f...)
	}
	if _, err := w.artsW.Write(b); err != nil {
		return err
	}
	if _, err := w.textW.WriteString(a.Body); err != nil {
		return err
	}
	w.buf = b
	w.textLen += uint64(len(a.Body))
	w.articles++
	w.passages += len(a.passages)
	return nil
}

// finish completes both files and syncs them.
func (w *tableWriter) finish() error {
	err := w.artsW.Flush()
	if err == nil {
		_, err = w.arts.Seek(0, io.SeekStart)
	}
	if err == nil {
		_, err = io.Copy(w.tabW, w.arts)
	}
	for _, out := range []*bufio.Writer{w.tabW, w.textW} {
		if ferr := out.Flush(); err == nil {
			err = ferr
		}
	}
	if err == nil {
		head := append([]byte(tableMagic), make([]byte, tableHead-len(tableMagic))...)
		binary.LittleEndian.PutUint32(head[len(tableMagic):], uint32(w.articles))
		binary.LittleEndian.PutUint32(head[len(tableMagic)+4:], uint32(w.passages))
		binary.LittleEndian.PutUint64(head[len(tableMagic)+8:], w.passageBytes)
		_, err = w.tab.WriteAt(head, 0)
	}
	for _, f := range []*os.File{w.tab, w.text} {
		if serr := f.Sync(); err == nil {
			err = serr
		}
	}
	w.abort()
	return err
}

// abort closes the files and removes the article records; the caller
// removes a generation that is not finished.
func (w *tableWriter) abort() {
	for _, f := range []*os.File{w.text, w.tab, w.arts} {
		if f != nil {
			f.Close()
		}
	}
	w.text, w.tab, w.arts = nil, nil, nil
	os.Remove(filepath.Join(w.genDir, articleRecordsFile))
}

var errTable = errors.New("passage table is inconsistent")

// readTable reads a passage table and its text, checking that they agree
// with each other and with the metadata's counts, so that no record sends
// a quote outside the text. The table keeps b and text (a mapping of the
// files, or bytes read for the table alone), which must not change while
// it is in use.
func readTable(b, text []byte, articles, passages int) (*table, error) {
	if len(b) < tableHead || string(b[:len(tableMagic)]) != tableMagic {
		return nil, fmt.Errorf("%w: bad header", errTable)
	}
	na := int(binary.LittleEndian.Uint32(b[len(tableMagic):]))
	np := int(binary.LittleEndian.Uint32(b[len(tableMagic)+4:]))
	total := binary.LittleEndian.Uint64(b[len(tableMagic)+8:])
	if na != articles || np != passages || uint64(len(b)-tableHead) < uint64(na)*articleNumbers+uint64(np)*passageRecord {
		return nil, fmt.Errorf("%w: %d articles and %d passages in %d bytes, metadata says %d and %d",
			errTable, na, np, len(b), articles, passages)
	}
	t := &table{
		// Zero-copy: the bytes are never written again, so they can back
		// an immutable string; quotes are copied out of it (see hit).
		text:     unsafe.String(unsafe.SliceData(text), len(text)),
		recs:     b[tableHead : tableHead+np*passageRecord],
		passages: np,
		meta:     make([]Article, na),
		articles: make([]tableArticle, na),
	}
	rec := b[tableHead+np*passageRecord:]
	for i := range t.articles {
		if len(rec) < articleNumbers {
			return nil, fmt.Errorf("%w: article %d", errTable, i)
		}
		a := tableArticle{
			start: binary.LittleEndian.Uint64(rec),
			size:  binary.LittleEndian.Uint32(rec[8:]),
			first: binary.LittleEndian.Uint32(rec[12:]),
		}
		if a.start > uint64(len(t.text)) || uint64(a.size) > uint64(len(t.text))-a.start || int(a.first) > np ||
			(i > 0 && a.first < t.articles[i-1].first) {
			return nil, fmt.Errorf("%w: article %d", errTable, i)
		}
		t.articles[i] = a
		rec = rec[articleNumbers:]
		for _, f := range articleFields(&t.meta[i]) {
			n, size := binary.Uvarint(rec)
			if size <= 0 || n > uint64(len(rec)-size) {
				return nil, fmt.Errorf("%w: article %d", errTable, i)
			}
			*f = string(rec[size : size+int(n)]) // a copy, not a view of the mapping
			rec = rec[size+int(n):]
		}
	}
	if len(rec) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last article", errTable, len(rec))
	}
	// Every passage is checked once, at open: 16 bytes each, read in order.
	// Passages must come in (article, sequence) order: each within its
	// article's range of passage numbers, and within an article in the
	// order of the text, paragraph by paragraph, as table.index and the
	// gaps between quotes assume.
	var sum uint64
	prev := tablePassage{article: math.MaxUint32}
	for i := range np {
		p := t.passage(i)
		if int(p.article) >= na || p.start > p.end || p.end > t.articles[p.article].size {
			return nil, fmt.Errorf("%w: passage %d lies outside its article", errTable, i)
		}
		if uint32(i) < t.articles[p.article].first ||
			(int(p.article)+1 < na && uint32(i) >= t.articles[p.article+1].first) ||
			(prev.article == p.article && (prev.end > p.start || prev.para > p.para)) {
			return nil, fmt.Errorf("%w: passage %d is out of (article, sequence) order", errTable, i)
		}
		sum += uint64(p.end - p.start)
		prev = p
	}
	if sum != total {
		return nil, fmt.Errorf("%w: passages of %d bytes in all, header says %d", errTable, sum, total)
	}
	if np > 0 {
		t.avgLen = float64(total) / float64(np)
	}
	return t, nil
}

// passage decodes the record of passage n.
func (t *table) passage(n int) tablePassage {
	rec := t.recs[n*passageRecord : (n+1)*passageRecord]
	end := binary.LittleEndian.Uint32(rec[12:])
	return tablePassage{
		article: binary.LittleEndian.Uint32(rec),
		para:    binary.LittleEndian.Uint32(rec[4:]),
		start:   binary.LittleEndian.Uint32(rec[8:]),
		end:     end &^ captionBit,
		caption: end&captionBit != 0,
	}
}

// hit is passage n as a search result. Its strings are copies, so they
// stay good after the generation is released and unmapped.
func (t *table) hit(n int) (h Hit, ok bool) {
	if n < 0 || n >= t.passages {
		return Hit{}, false
	}
	// A mapped file cut short under the process would fault: report the
	// passage missing rather than crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			h, ok = Hit{}, false
		}
	}()
	p := t.passage(n)
	h.ArticleID = t.meta[p.article].ID
	h.Seq = n - int(t.articles[p.article].first)
	h.Para = int(p.para)
	h.Start, h.End = int(p.start), int(p.end)
	h.Caption = p.caption
	// The gap before the passage, if it has one in its paragraph, and the
	// passage are read at once.
	from := p.start
	if h.Seq > 0 {
		if prev := t.passage(n - 1); prev.para == p.para {
			from = prev.end
		}
	}
	at := int(t.articles[p.article].start)
	span, err := t.textPages.read(t.text, at+int(from), at+int(p.end))
	if err != nil {
		return Hit{}, false
	}
	h.Text, h.Gap = span[p.start-from:], span[:p.start-from]
	return h, true
}

// index is the table index of article a's passage seq.
func (t *table) index(a, seq int) (int, bool) {
	if a < 0 || a >= len(t.articles) || seq < 0 {
		return 0, false
	}
	n := int(t.articles[a].first) + seq
	next := t.passages
	if a+1 < len(t.articles) {
		next = int(t.articles[a+1].first)
	}
	return n, n < next
}
