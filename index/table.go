package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
//	passages  tableMagic, article and passage counts, one record per
//	          article (numbers, then its metadata as length-prefixed
//	          strings), then one fixed-size record per passage; integers
//	          are little-endian
const (
	textFile   = "text"
	tableFile  = "passages"
	tableMagic = "SBPASS02"

	articleNumbers = 8 + 4 + 4     // body offset, body length, first passage
	passageRecord  = 4 + 4 + 4 + 4 // article, paragraph, start, end; caption in the top bit of end
	captionBit     = 1 << 31
)

// table is a generation's passages, held in memory while it serves.
type table struct {
	text     string
	meta     []Article // without bodies
	articles []tableArticle
	passages []tablePassage
	// avgLen is the mean length of a passage in bytes.
	avgLen float64
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
	return []*string{&a.ID, &a.File, &a.Title, &a.Outlet, &a.Author, &a.Date, &a.URL, &a.Headline, &a.Byline, &a.Dateline}
}

// passageKey is a passage's Bleve document ID: its index in the table.
func passageKey(n int) string { return strconv.Itoa(n) }

// writeTable writes the text and passage table of articles into genDir.
func writeTable(genDir string, articles []loaded) error {
	total := 0
	for _, a := range articles {
		total += len(a.passages)
	}
	buf := make([]byte, 0, len(tableMagic)+8+len(articles)*(articleNumbers+100)+total*passageRecord)
	buf = append(buf, tableMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(articles)))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(total))
	offset, first := uint64(0), 0
	for _, a := range articles {
		buf = binary.LittleEndian.AppendUint64(buf, offset)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(a.Body)))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(first))
		for _, f := range articleFields(&a.Article) {
			buf = binary.AppendUvarint(buf, uint64(len(*f)))
			buf = append(buf, *f...)
		}
		offset += uint64(len(a.Body))
		first += len(a.passages)
	}
	for i, a := range articles {
		for _, p := range a.passages {
			end := uint32(p.End)
			if p.Caption {
				end |= captionBit
			}
			buf = binary.LittleEndian.AppendUint32(buf, uint32(i))
			buf = binary.LittleEndian.AppendUint32(buf, uint32(p.Para))
			buf = binary.LittleEndian.AppendUint32(buf, uint32(p.Start))
			buf = binary.LittleEndian.AppendUint32(buf, end)
		}
	}
	if err := writeBodies(filepath.Join(genDir, textFile), articles); err != nil {
		return err
	}
	return writeFileSync(filepath.Join(genDir, tableFile), buf)
}

// writeBodies writes the article bodies one after another and syncs them.
func writeBodies(path string, articles []loaded) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, a := range articles {
		if _, err := f.WriteString(a.Body); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var errTable = errors.New("passage table is inconsistent")

// readTable decodes a passage table and its text, checking that they
// agree with each other and with the metadata's counts. The table keeps
// text, which must not be changed afterwards.
func readTable(b, text []byte, articles, passages int) (*table, error) {
	head := len(tableMagic) + 8
	if len(b) < head || string(b[:len(tableMagic)]) != tableMagic {
		return nil, fmt.Errorf("%w: bad header", errTable)
	}
	na := int(binary.LittleEndian.Uint32(b[len(tableMagic):]))
	np := int(binary.LittleEndian.Uint32(b[len(tableMagic)+4:]))
	if na != articles || np != passages || len(b) < head+na*articleNumbers+np*passageRecord {
		return nil, fmt.Errorf("%w: %d articles and %d passages in %d bytes, metadata says %d and %d",
			errTable, na, np, len(b), articles, passages)
	}
	t := &table{
		// Zero-copy: the bytes were read for the table alone and are never
		// written again, so they can back an immutable string. At ten
		// thousand articles this saves copying tens of megabytes at start.
		text:     unsafe.String(unsafe.SliceData(text), len(text)),
		meta:     make([]Article, na),
		articles: make([]tableArticle, na),
		passages: make([]tablePassage, np),
	}
	rec := b[head:]
	for i := range t.articles {
		if len(rec) < articleNumbers {
			return nil, fmt.Errorf("%w: article %d", errTable, i)
		}
		a := tableArticle{
			start: binary.LittleEndian.Uint64(rec),
			size:  binary.LittleEndian.Uint32(rec[8:]),
			first: binary.LittleEndian.Uint32(rec[12:]),
		}
		if a.start+uint64(a.size) > uint64(len(t.text)) || int(a.first) > np ||
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
			*f = string(rec[size : size+int(n)])
			rec = rec[size+int(n):]
		}
	}
	if len(rec) != np*passageRecord {
		return nil, fmt.Errorf("%w: %d bytes of passages, want %d", errTable, len(rec), np*passageRecord)
	}
	for i := range t.passages {
		end := binary.LittleEndian.Uint32(rec[12:])
		p := tablePassage{
			article: binary.LittleEndian.Uint32(rec),
			para:    binary.LittleEndian.Uint32(rec[4:]),
			start:   binary.LittleEndian.Uint32(rec[8:]),
			end:     end &^ captionBit,
			caption: end&captionBit != 0,
		}
		if int(p.article) >= na || p.start > p.end || p.end > t.articles[p.article].size ||
			uint32(i) < t.articles[p.article].first ||
			(i > 0 && t.passages[i-1].article == p.article && t.passages[i-1].end > p.start) {
			return nil, fmt.Errorf("%w: passage %d", errTable, i)
		}
		t.passages[i] = p
		t.avgLen += float64(p.end - p.start)
		rec = rec[passageRecord:]
	}
	if np > 0 {
		t.avgLen /= float64(np)
	}
	return t, nil
}

// body is article a's text.
func (t *table) body(a uint32) string {
	r := t.articles[a]
	return t.text[r.start : r.start+uint64(r.size)]
}

// hit is passage n as a search result.
func (t *table) hit(n int) (Hit, bool) {
	if n < 0 || n >= len(t.passages) {
		return Hit{}, false
	}
	p := t.passages[n]
	body := t.body(p.article)
	h := Hit{Text: body[p.start:p.end]}
	h.ArticleID = t.meta[p.article].ID
	h.Seq = n - int(t.articles[p.article].first)
	h.Para = int(p.para)
	h.Start, h.End = int(p.start), int(p.end)
	h.Caption = p.caption
	if h.Seq > 0 {
		if prev := t.passages[n-1]; prev.para == p.para {
			h.Gap = body[prev.end:p.start]
		}
	}
	return h, true
}

// index is the table index of article a's passage seq.
func (t *table) index(a, seq int) (int, bool) {
	if a < 0 || a >= len(t.articles) || seq < 0 {
		return 0, false
	}
	n := int(t.articles[a].first) + seq
	next := len(t.passages)
	if a+1 < len(t.articles) {
		next = int(t.articles[a+1].first)
	}
	return n, n < next
}
