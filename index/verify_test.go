package index

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A generation checked whole is stamped, and a later open trusts what
// stat says of a file only as long as stat still says it: a file
// overwritten in place, even with bytes of the same length, is read and
// caught again.
func TestVerifiedStamp(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // every file counts as settled

	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	gen := readCurrentFile(t, dir)
	genDir := filepath.Join(dir, gen)
	if _, err := os.Stat(filepath.Join(genDir, verifiedFile)); err == nil {
		t.Fatal("the build stamped its own generation; only an open that reads it whole may")
	}

	h, err := openCurrent(dir)
	if err != nil {
		t.Fatal(err)
	}
	h.release()
	b, err := os.ReadFile(filepath.Join(genDir, verifiedFile))
	if err != nil {
		t.Fatalf("no stamp after a whole check: %v", err)
	}
	var stamps map[string]fileStamp
	if err := json.Unmarshal(b, &stamps); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{textFile, tableFile, wordsFile, docMapFile} {
		if stamps[name].Size == 0 {
			t.Errorf("stamp %s has no entry for %s", b, name)
		}
	}

	// Overwrite the text in place with as many bytes, until its change
	// time moves on from the stamp's.
	path := filepath.Join(genDir, textFile)
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.ToUpper(text)
	for {
		if err := os.WriteFile(path, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if now, ok := stampOf(info); !ok || now != stamps[textFile] {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := openCurrent(dir); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("open of a text overwritten after the stamp: %v, want it caught", err)
	}
}

// Quotes are copies: they stay as they were after the generation they
// came from is released and its files unmapped.
func TestQuotesOutliveTheirGeneration(t *testing.T) {
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	hits, err := find(t.Context(), st, chrysanthemumQuery)
	if err != nil || len(hits) == 0 {
		t.Fatalf("search: %v, %v", hits, err)
	}
	if _, err := st.Rebuild(t.Context()); err != nil { // releases the first generation
		t.Fatal(err)
	}
	st.Close()
	if hits[0].Text != chrysanthemumText {
		t.Errorf("quote after its generation was released: %q, want %q", hits[0].Text, chrysanthemumText)
	}
}
