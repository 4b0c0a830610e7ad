package answer

import (
	_ "embed"
	"encoding/binary"
	"math"
	"strings"
	"sync"
)

// glove.bin holds GloVe word vectors (glove.NOTICE says whose, under what
// licence): the most frequent English words, each a unit vector stored as
// signed bytes. `go run ./internal/glove` writes it; its doc comment gives
// the layout.
//
//go:embed glove.bin
var gloveBin string

// wordVectors looks word vectors up by word.
type wordVectors struct {
	dims  int
	data  string // the vectors, dims bytes each, in the order of ids
	ids   map[string]int32
	norms []float32
}

// noVector is the id of a word without a vector.
const noVector = -1

var gloveVectors = sync.OnceValue(func() *wordVectors {
	v, err := parseVectors(gloveBin)
	if err != nil {
		panic("answer: glove.bin: " + err.Error()) // a build defect
	}
	return v
})

func parseVectors(b string) (*wordVectors, error) {
	if len(b) < 12 || b[:4] != "GLV1" {
		return nil, errBadVectors
	}
	n := int(binary.LittleEndian.Uint32([]byte(b[4:8])))
	dims := int(binary.LittleEndian.Uint32([]byte(b[8:12])))
	end := 12 + n*dims
	if dims <= 0 || end > len(b) {
		return nil, errBadVectors
	}
	words := strings.Split(strings.TrimSuffix(b[end:], "\n"), "\n")
	if len(words) != n {
		return nil, errBadVectors
	}
	v := &wordVectors{dims: dims, data: b[12:end], ids: make(map[string]int32, n), norms: make([]float32, n)}
	for i, w := range words {
		v.ids[w] = int32(i)
		sum := 0
		for _, c := range []byte(v.vec(int32(i))) {
			x := int(int8(c))
			sum += x * x
		}
		v.norms[i] = float32(math.Sqrt(float64(sum)))
	}
	return v, nil
}

type vectorsError string

func (e vectorsError) Error() string { return string(e) }

const errBadVectors = vectorsError("not a GLV1 vector table")

// id returns the id of a word's vector, or noVector.
func (v *wordVectors) id(word string) int32 {
	if i, ok := v.ids[word]; ok {
		return i
	}
	return noVector
}

func (v *wordVectors) vec(id int32) string {
	return v.data[int(id)*v.dims : int(id+1)*v.dims]
}

// cos is the cosine similarity of two words' vectors, 0 when either has
// none.
func (v *wordVectors) cos(a, b int32) float64 {
	if a == noVector || b == noVector {
		return 0
	}
	if a == b {
		return 1
	}
	va, vb := v.vec(a), v.vec(b)
	dot := 0
	for i := 0; i < len(va); i++ {
		dot += int(int8(va[i])) * int(int8(vb[i]))
	}
	na, nb := v.norms[a], v.norms[b]
	if na == 0 || nb == 0 {
		return 0
	}
	return float64(dot) / float64(na*nb)
}

// add adds w times a word's unit vector to sum.
func (v *wordVectors) add(sum []float64, id int32, w float64) {
	if id == noVector || v.norms[id] == 0 {
		return
	}
	w /= float64(v.norms[id])
	for i, c := range []byte(v.vec(id)) {
		sum[i] += w * float64(int8(c))
	}
}

// cosine is the cosine similarity of two dense vectors.
func cosine(a, b []float64) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += a[i] * b[i]
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// meaning compares a quote with the question by the meaning of its words
// rather than their forms. soft is the weighted share of the question's
// concepts the quote holds, where a concept the quote lacks in any form
// counts by the closest word the quote has (its cosine, when positive).
// cos is the cosine of the concepts' weighted vectors with the quote's
// words' idf-weighted ones. texts pair with toks: each token's word is
// read from its text.
func (q *question) meaning(s Searcher, text string, toks, prevToks []Token, prevText string) (soft, cos float64) {
	v := gloveVectors()
	if q.vecs == nil {
		q.vecs = make([]int32, len(q.concepts))
		q.sum = make([]float64, v.dims)
		for i, c := range q.concepts {
			q.vecs[i] = v.id(c.word)
			v.add(q.sum, q.vecs[i], c.weight)
		}
	}
	var buf [16]float64
	var best []float64
	if n := len(q.concepts); n <= len(buf) {
		best = buf[:n]
	} else {
		best = make([]float64, n)
	}
	sum := make([]float64, v.dims)
	n := s.NumPassages()
	each := func(text string, toks []Token) {
		for _, t := range toks {
			for _, m := range q.terms[t.Term] {
				best[m.concept] = max(best[m.concept], m.quality)
			}
			id := v.id(lowerWord(text[t.Start:t.End]))
			if id == noVector {
				continue
			}
			v.add(sum, id, idf(s.DocFreq(t.Term), n))
			for i, cid := range q.vecs {
				best[i] = max(best[i], v.cos(cid, id))
			}
		}
	}
	each(text, toks)
	if prevToks != nil {
		each(prevText, prevToks)
	}
	var got, total float64
	for i, c := range q.concepts {
		total += c.weight
		got += c.weight * best[i]
	}
	if total > 0 {
		soft = got / total
	}
	return soft, max(0, cosine(q.sum, sum))
}

// lowerWord lower-cases a word, without allocating when it already is.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}
