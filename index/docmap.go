package index

import (
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The passage map gives the passage number of each of Bleve's internal
// document numbers, so that the scorer can read postings without asking
// Bleve for every passage's ID (postings.go). Bleve numbers documents in
// the order its segments hold them, which depends on how the indexing
// goroutines ran, so the map is read from the finished index once, when a
// generation is built:
//
//	docmap  per internal document number, its passage number plus one
//	        (zero where there is no document), a little-endian uint32
//
// A generation without the map (built by an older storybot) is served all
// the same: the scorer then asks Bleve as it meets each passage.
const docMapFile = "docmap"

// writeDocMap writes the passage map of the finished Bleve index in genDir,
// and returns it. The index is closed again, so that the pages of its
// segments that reading every document brought in are no longer held.
func writeDocMap(genDir string) ([]uint32, error) {
	idx, err := openBleveReadOnly(filepath.Join(genDir, bleveDir))
	if err != nil {
		return nil, fmt.Errorf("passage map: %w", err)
	}
	defer idx.Close()
	buf, err := readPassageNumbers(idx)
	if err != nil {
		return nil, fmt.Errorf("passage map: %w", err)
	}
	if err := writeFileSync(filepath.Join(genDir, docMapFile), buf); err != nil {
		return nil, err
	}
	return decodeDocMap(buf)
}

// readPassageNumbers asks Bleve for every document's ID, and returns the
// passage map's bytes.
func readPassageNumbers(idx bleve.Index) ([]byte, error) {
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer dr.Close()
	count, err := idx.DocCount()
	if err != nil {
		return nil, err
	}
	m := make([]byte, 0, 4*count) // no room to grow into: the map is as large as the passages are many
	for {
		id, err := dr.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			return m, nil
		}
		n, err := externalPassage(r, id)
		if err != nil {
			return nil, err
		}
		num := id.Value()
		if num >= math.MaxInt32 {
			return nil, fmt.Errorf("document number %d out of range", num)
		}
		for uint64(len(m)) <= 4*num {
			m = binary.LittleEndian.AppendUint32(m, 0)
		}
		binary.LittleEndian.PutUint32(m[4*num:], n+1)
	}
}

// externalPassage asks Bleve for the passage number of a document.
func externalPassage(r bindex.IndexReader, id bindex.IndexInternalID) (uint32, error) {
	ext, err := r.ExternalID(id)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(ext, 10, 32)
	if err != nil || n >= math.MaxUint32 {
		return 0, fmt.Errorf("passage ID %q: not a passage number", ext)
	}
	return uint32(n), nil
}

// decodeDocMap reads a passage map file.
func decodeDocMap(b []byte) ([]uint32, error) {
	if len(b)%4 != 0 {
		return nil, fmt.Errorf("passage map: %d bytes, not a whole number of entries", len(b))
	}
	m := make([]uint32, len(b)/4)
	for i := range m {
		m[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return m, nil
}
