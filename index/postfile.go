package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// The postings file holds every term's postings list as the scorer uses
// it (postings.go), written once when a generation is built, so that a
// term's first search in a serving process copies its list from the file
// instead of decoding it from Bleve: Bleve's postings, mapped from one
// document number to a passage, scored and coded, cost more than a third
// of a first search's time at 100,000 articles.
//
//	header     "sbpost01", then the number of terms (uint64)
//	lists      one a term, each at a multiple of 8 bytes:
//	             postings (uint32), distinct scores (uint32),
//	             flags (uint32: 1, varied), zero (uint32),
//	             idf, max (float64), the scores (float64 each),
//	             passage numbers (uint32 each, ascending),
//	             codes (uint16 each), zeros to a multiple of 8
//	directory  one entry a term, in byte order of the terms: the list's
//	             offset (uint64), the term's offset in names and its
//	             length (uint32 each)
//	names      the terms, one after another
//	trailer    the directory's offset (uint64), the names' offset (uint64)
//
// All numbers are little-endian. The file is checked as the generation's
// other files are (verify.go); a list is checked again as it is copied,
// and one that does not make sense is decoded from Bleve instead.
const postingsFile = "postings"

const (
	postingsMagic   = "sbpost01"
	postingsHead    = 16
	postingsTrailer = 16
	listHead        = 32
	dirEntry        = 16
	listVaried      = 1
)

var errPostings = errors.New("postings file is inconsistent")

// faultAround is the most a fault in a file's mapping maps around it, in
// blocks aligned to it from the mapping's start: where the page cache
// holds large folios (ext4 on Linux 6.x), a fault maps its folio whole, up
// to 2 MB; the fault-around window is 64 kB besides. A multiple of the
// page.
const faultAround = 2 << 20

// writePostings writes the postings file of the finished Bleve index in
// genDir; docMap is its passage map, and passages and passageBytes what
// the passage table holds. The lists are decoded one at a time, as the
// postings cache decodes them, and written as they come.
func writePostings(ctx context.Context, genDir string, docMap []uint32, passages int, passageBytes uint64) error {
	at := filepath.Join(genDir, bleveDir)
	idx, err := openBleveReadOnly(at)
	if err != nil {
		return fmt.Errorf("postings file: %w", err)
	}
	defer idx.Close()
	avg := 0.0
	if passages > 0 {
		avg = float64(passageBytes) / float64(passages)
	}
	c := newPostingsCache(idx, bm25Stats(passages, avg), docMap, 0)
	// Reading postings, or only counting them as the term dictionary
	// does, maps the pages of every segment it touches, and where the
	// page cache holds large folios (Bleve's segments, just written) a
	// touch maps up to 2 MB: the pages are let go of as the pass goes, so
	// that the build holds no more of them than a few terms bring in.
	mapped := mappedPath(at)
	terms, err := dictionary(idx, func() { dropSegmentPages(mapped) })
	if err != nil {
		return fmt.Errorf("postings file: %w", err)
	}
	err = writeStreamSync(filepath.Join(genDir, postingsFile), func(w *bufio.Writer) error {
		head := make([]byte, postingsHead)
		copy(head, postingsMagic)
		binary.LittleEndian.PutUint64(head[8:], uint64(len(terms)))
		w.Write(head)
		offsets := make([]uint64, len(terms))
		off := uint64(postingsHead)
		buf := &decodeBuffers{lists: true}
		var scratch []byte
		for i, term := range terms {
			p, err := c.decode(ctx, term, buf)
			if err != nil {
				return err
			}
			offsets[i] = off
			var n uint64
			n, scratch, err = writeList(w, p, scratch)
			if err != nil {
				return err
			}
			off += n
			dropSegmentPages(mapped)
		}
		var b []byte
		names := uint64(0)
		for i, term := range terms {
			b = binary.LittleEndian.AppendUint64(b[:0], offsets[i])
			b = binary.LittleEndian.AppendUint32(b, uint32(names))
			b = binary.LittleEndian.AppendUint32(b, uint32(len(term)))
			w.Write(b)
			names += uint64(len(term))
		}
		for _, term := range terms {
			w.WriteString(term)
		}
		b = binary.LittleEndian.AppendUint64(b[:0], off)
		b = binary.LittleEndian.AppendUint64(b, off+uint64(dirEntry*len(terms)))
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("postings file: %w", err)
	}
	return nil
}

// dictionary returns the terms of the passages' text, in byte order,
// calling letGo every few terms.
func dictionary(idx bleve.Index, letGo func()) ([]string, error) {
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d, err := r.FieldDict(fieldText)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var terms []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return terms, nil
		}
		if len(terms) > 0 && e.Term <= terms[len(terms)-1] {
			return nil, fmt.Errorf("term %q comes after %q", e.Term, terms[len(terms)-1])
		}
		if len(e.Term) > math.MaxUint32 {
			return nil, fmt.Errorf("term of %d bytes", len(e.Term))
		}
		terms = append(terms, strings.Clone(e.Term))
		if len(terms)%16 == 0 {
			letGo()
		}
	}
}

// writeList writes one list and returns how many bytes it took; b is
// scratch space, returned for the next list.
func writeList(w *bufio.Writer, p *postingList, b []byte) (uint64, []byte, error) {
	if len(p.docs) > math.MaxUint32 || len(p.values) > math.MaxUint32 {
		return 0, b, fmt.Errorf("a list of %d postings", len(p.docs))
	}
	b = b[:0]
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.docs)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.values)))
	flags := uint32(0)
	if p.varied {
		flags = listVaried
	}
	b = binary.LittleEndian.AppendUint32(b, flags)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.idf))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.max))
	for _, v := range p.values {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	size := uint64(len(b) + 6*len(p.docs))
	for _, d := range p.docs {
		if len(b) >= 64<<10 {
			w.Write(b)
			b = b[:0]
		}
		b = binary.LittleEndian.AppendUint32(b, d)
	}
	for _, k := range p.codes {
		if len(b) >= 64<<10 {
			w.Write(b)
			b = b[:0]
		}
		b = binary.LittleEndian.AppendUint16(b, k)
	}
	w.Write(b)
	pad := (8 - size%8) % 8
	_, err := w.Write(make([]byte, pad))
	return size + pad, b, err
}

// postingsLists reads the lists of a mapped postings file.
type postingsLists struct {
	data     []byte
	dir      []byte // the directory's entries
	names    []byte
	passages int
}

// readPostings checks the frame of a postings file: its header, trailer,
// directory and names. The lists are checked as they are read.
func readPostings(data []byte, passages int) (*postingsLists, error) {
	if len(data) < postingsHead+postingsTrailer || string(data[:8]) != postingsMagic {
		return nil, fmt.Errorf("%w: no header", errPostings)
	}
	terms := binary.LittleEndian.Uint64(data[8:])
	tail := data[len(data)-postingsTrailer:]
	dirAt, namesAt := binary.LittleEndian.Uint64(tail), binary.LittleEndian.Uint64(tail[8:])
	end := uint64(len(data) - postingsTrailer)
	if dirAt < postingsHead || dirAt > end || terms > (end-dirAt)/dirEntry || namesAt != dirAt+dirEntry*terms {
		return nil, fmt.Errorf("%w: directory of %d terms at %d, names at %d, in %d bytes", errPostings, terms, dirAt, namesAt, len(data))
	}
	f := &postingsLists{data: data, dir: data[dirAt:namesAt], names: data[namesAt:end], passages: passages}
	// A term out of order would be looked for and not found, and served
	// as held by no passage.
	for i := range int(terms) {
		at, size := f.nameAt(i)
		if at+size > uint64(len(f.names)) {
			return nil, fmt.Errorf("%w: term %d lies outside the names", errPostings, i)
		}
		if i > 0 && string(f.name(i-1)) >= string(f.name(i)) {
			return nil, fmt.Errorf("%w: term %d is out of order", errPostings, i)
		}
	}
	return f, nil
}

func (f *postingsLists) nameAt(i int) (at, size uint64) {
	e := f.dir[i*dirEntry:]
	return uint64(binary.LittleEndian.Uint32(e[8:])), uint64(binary.LittleEndian.Uint32(e[12:]))
}

func (f *postingsLists) name(i int) []byte {
	at, size := f.nameAt(i)
	return f.names[at : at+size]
}

// list returns a copy of term's list; a term the file lacks has no
// postings, and its idf is absentIDF, as decoding it would give.
func (f *postingsLists) list(term string, absentIDF float64) (*postingList, error) {
	terms := len(f.dir) / dirEntry
	lo, hi := 0, terms
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(f.name(m)) < term {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == terms || string(f.name(lo)) != term {
		return &postingList{idf: absentIDF, docs: []uint32{}, codes: []uint16{}}, nil
	}
	at := binary.LittleEndian.Uint64(f.dir[lo*dirEntry:])
	p, span, err := f.readList(at)
	if err != nil {
		return nil, fmt.Errorf("%w: list of %q: %v", errPostings, term, err)
	}
	// The list is copied: its pages stay in the page cache, not in the
	// process. A fault maps the pages around it too, so those go as well;
	// a neighbouring list being read meanwhile only faults its pages
	// again.
	from, to := at/faultAround*faultAround, min((at+uint64(len(span))+faultAround-1)/faultAround*faultAround, uint64(len(f.data)))
	dropPages(f.data[from:to])
	return p, nil
}

// readList reads the list at offset at, and returns the bytes it spans.
func (f *postingsLists) readList(at uint64) (*postingList, []byte, error) {
	limit := uint64(len(f.data) - postingsTrailer - len(f.dir) - len(f.names))
	if at%8 != 0 || at < postingsHead || at > limit || limit-at < listHead {
		return nil, nil, fmt.Errorf("at %d", at)
	}
	b := f.data[at:limit]
	count, nvalues := uint64(binary.LittleEndian.Uint32(b)), uint64(binary.LittleEndian.Uint32(b[4:]))
	flags := binary.LittleEndian.Uint32(b[8:])
	size := listHead + 8*nvalues + 6*count
	if size > uint64(len(b)) {
		return nil, nil, fmt.Errorf("%d postings and %d scores in %d bytes", count, nvalues, len(b))
	}
	p := &postingList{
		idf: math.Float64frombits(binary.LittleEndian.Uint64(b[16:])),
		max: math.Float64frombits(binary.LittleEndian.Uint64(b[24:])),
	}
	if flags == listVaried {
		if count != 0 || nvalues != 0 {
			return nil, nil, errors.New("a varied list with postings")
		}
		p.varied = true
		return p, b[:size], nil
	}
	if flags != 0 || nvalues > uint64(maxDistinctScores) {
		return nil, nil, fmt.Errorf("flags %#x, %d scores", flags, nvalues)
	}
	if nvalues > 0 {
		p.values = make([]float64, nvalues)
		for i := range p.values {
			p.values[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[listHead+8*i:]))
		}
	}
	docs := b[listHead+8*nvalues:]
	codes := docs[4*count:]
	p.docs = make([]uint32, count)
	p.codes = make([]uint16, count)
	prev := -1
	for i := range p.docs {
		d := binary.LittleEndian.Uint32(docs[4*i:])
		k := binary.LittleEndian.Uint16(codes[2*i:])
		if int(d) <= prev || int(d) >= f.passages || uint64(k) >= nvalues {
			return nil, nil, fmt.Errorf("posting %d: passage %d after %d, score %d of %d", i, d, prev, k, nvalues)
		}
		prev = int(d)
		p.docs[i], p.codes[i] = d, k
	}
	return p, b[:size], nil
}

// absentIDF is the idf of a term no passage holds.
func absentIDF(stats *search.BM25Stats) float64 {
	docTotal, _ := bm25Params(stats)
	return bm25IDF(docTotal, 0)
}
