package index

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestPostingsFileAsDecoded checks that every term's list in a
// generation's postings file is the list decoding it from Bleve gives, and
// that a term the file lacks reads as one no passage holds.
func TestPostingsFileAsDecoded(t *testing.T) {
	h := pinned(t, seedsDir).h
	if h.postingsFile == nil || h.postings.file != h.postingsFile {
		t.Fatal("the generation serves no postings file")
	}
	terms, err := dictionary(h.idx, func() {})
	if err != nil {
		t.Fatal(err)
	}
	f := h.postingsFile
	if n := len(f.dir) / dirEntry; n != len(terms) || n < 100 {
		t.Fatalf("the file lists %d terms, the index %d", n, len(terms))
	}
	ctx := context.Background()
	decoder := newPostingsCache(h.idx, h.bm25, h.docMap, 0)
	buf := &decodeBuffers{}
	postings := 0
	for _, term := range append(terms, "zzzznotaword", "") {
		want, err := decoder.decode(ctx, term, buf)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.list(term, absentIDF(h.bm25))
		if err != nil {
			t.Fatalf("list of %q: %v", term, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("list of %q from the file:\n%+v\ndecoded:\n%+v", term, got, want)
		}
		postings += len(got.docs)
	}
	if postings < h.meta.Passages {
		t.Errorf("%d postings in all over %d passages", postings, h.meta.Passages)
	}
}

// TestPostingsFileListUnsound checks that a list the file holds that makes
// no sense is not served: the cache decodes it from Bleve instead.
func TestPostingsFileListUnsound(t *testing.T) {
	snap := pinned(t, seedsDir)
	h, term := snap.h, snap.Analyze("soldiers")[0].Term
	want, err := newPostingsCache(h.idx, h.bm25, h.docMap, 0).get(context.Background(), term)
	if err != nil || len(want.docs) < 2 {
		t.Fatalf("postings of %q: %+v, %v", term, want, err)
	}
	tests := []struct {
		name   string
		damage func(list []byte)
	}{
		{"passages out of order", func(list []byte) {
			docs := list[listHead+8*binary.LittleEndian.Uint32(list[4:]):]
			binary.LittleEndian.PutUint32(docs[4:], binary.LittleEndian.Uint32(docs))
		}},
		{"a score it does not have", func(list []byte) {
			n, values := binary.LittleEndian.Uint32(list), binary.LittleEndian.Uint32(list[4:])
			binary.LittleEndian.PutUint16(list[listHead+8*values+4*n:], uint16(values))
		}},
		{"more postings than bytes", func(list []byte) {
			binary.LittleEndian.PutUint32(list, 1<<31)
		}},
		{"unknown flags", func(list []byte) {
			binary.LittleEndian.PutUint32(list[8:], 6)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := readPostings(slices.Clone(h.postingsFile.data), h.meta.Passages)
			if err != nil {
				t.Fatal(err)
			}
			at := -1
			for i := range len(f.dir) / dirEntry {
				if string(f.name(i)) == term {
					at = int(binary.LittleEndian.Uint64(f.dir[i*dirEntry:]))
				}
			}
			if at < 0 {
				t.Fatalf("the file lacks %q", term)
			}
			tc.damage(f.data[at:])
			if p, err := f.list(term, 0); err == nil {
				t.Fatalf("the damaged list reads as %+v", p)
			}
			c := newPostingsCache(h.idx, h.bm25, h.docMap, 0)
			c.file = f
			got, err := c.get(context.Background(), term)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("postings of %q with the list damaged: %+v, want %+v", term, got, want)
			}
		})
	}
}

// TestPostingsFileMissing checks that a generation whose metadata lists
// no postings file is served all the same, its postings decoded from
// Bleve.
func TestPostingsFileMissing(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	genDir := filepath.Join(dir, readCurrentFile(t, dir))
	if err := os.Remove(filepath.Join(genDir, postingsFile)); err != nil {
		t.Fatal(err)
	}
	resum(t, genDir)
	st, rep := openStore(t, seeds, dir, Options{})
	if rep.Built {
		t.Fatal("a generation without a postings file was rebuilt")
	}
	if h := st.cur.Load(); h.postingsFile != nil || h.postings.file != nil {
		t.Fatal("a postings file is served that the generation lacks")
	}
	mustFindTop(t, st, chrysanthemumQuery, chrysanthemumText)
}
