package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// The passage table keeps what answers quote beside the Bleve index, which
// only finds passages: every article body exactly as read, and where each
// passage lies in it. Quotes are cut from the bodies, so they are verbatim
// by construction, and a search loads no stored fields from Bleve.
//
//	text      the article bodies, one after another, in Meta.Articles order
//	passages  tableMagic, article and passage counts, then one record per
//	          article and one per passage (little-endian)
const (
	textFile   = "text"
	tableFile  = "passages"
	tableMagic = "SBPASS01"

	articleRecord = 8 + 4 + 4     // body offset, body length, first passage
	passageRecord = 4 + 4 + 4 + 4 // article, paragraph, start, end; caption in the top bit of end
	captionBit    = 1 << 31
)

// table is a generation's passages, held in memory while it serves.
type table struct {
	text     string
	articles []tableArticle
	passages []tablePassage
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

// passageKey is a passage's Bleve document ID: its index in the table.
func passageKey(n int) string { return strconv.Itoa(n) }

// writeTable writes the text and passage table of articles into genDir.
func writeTable(genDir string, articles []loaded) error {
	total := 0
	for _, a := range articles {
		total += len(a.passages)
	}
	buf := make([]byte, 0, len(tableMagic)+8+len(articles)*articleRecord+total*passageRecord)
	buf = append(buf, tableMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(articles)))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(total))
	offset, first := uint64(0), 0
	for _, a := range articles {
		buf = binary.LittleEndian.AppendUint64(buf, offset)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(a.Body)))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(first))
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
	if err := writeChunks(filepath.Join(genDir, textFile), articles); err != nil {
		return err
	}
	return writeFileSync(filepath.Join(genDir, tableFile), buf)
}

// writeChunks writes the article bodies one after another and syncs them.
func writeChunks(path string, articles []loaded) error {
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

// readTable reads genDir's passage table, checking that it agrees with
// itself and with the metadata's counts.
func readTable(genDir string, articles, passages int) (*table, error) {
	text, err := os.ReadFile(filepath.Join(genDir, textFile))
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(genDir, tableFile))
	if err != nil {
		return nil, err
	}
	head := len(tableMagic) + 8
	if len(b) < head || string(b[:len(tableMagic)]) != tableMagic {
		return nil, fmt.Errorf("%w: bad header", errTable)
	}
	na := int(binary.LittleEndian.Uint32(b[len(tableMagic):]))
	np := int(binary.LittleEndian.Uint32(b[len(tableMagic)+4:]))
	if na != articles || np != passages || len(b) != head+na*articleRecord+np*passageRecord {
		return nil, fmt.Errorf("%w: %d articles and %d passages in %d bytes, metadata says %d and %d",
			errTable, na, np, len(b), articles, passages)
	}
	t := &table{text: string(text), articles: make([]tableArticle, na), passages: make([]tablePassage, np)}
	rec := b[head:]
	for i := range t.articles {
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
		rec = rec[articleRecord:]
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
		rec = rec[passageRecord:]
	}
	return t, nil
}

// body is article a's text.
func (t *table) body(a uint32) string {
	r := t.articles[a]
	return t.text[r.start : r.start+uint64(r.size)]
}

// hit is passage n as a search result, with its article's ID from ids.
func (t *table) hit(n int, ids []Article) (Hit, bool) {
	if n < 0 || n >= len(t.passages) {
		return Hit{}, false
	}
	p := t.passages[n]
	body := t.body(p.article)
	h := Hit{Text: body[p.start:p.end]}
	h.ArticleID = ids[p.article].ID
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
