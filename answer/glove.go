package answer

import (
	_ "embed"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// glove.bin holds GloVe word vectors (glove.NOTICE says whose, under what
// licence): the most frequent English words, each a unit vector stored as
// signed bytes, read in place. `go run ./internal/glove` writes it; its
// doc comment gives the layout.
//
//go:embed glove.bin
var gloveBin string

// wordVectors looks word vectors up by word, in the table as embedded:
// nothing is parsed, and only the vectors read are copied (see vec).
type wordVectors struct {
	n, dims int
	data    string // the vectors, dims signed bytes each, in the order of ids
	norms   string // each stored vector's length, float32
	ranks   string // each word's rank by frequency, uint32, 1 the most frequent
	offsets string // n+1 offsets of the words into words, uint32
	words   string // the words, sorted, one a line

	copies *vectorCopies // the vectors read so far, or nil to read them in place (see vec)
}

// noVector is the id of a word without a vector.
const noVector = -1

var gloveVectors = sync.OnceValue(func() *wordVectors {
	v, err := parseVectors(gloveBin)
	if err != nil {
		panic("answer: glove.bin: " + err.Error()) // a build defect
	}
	if canDropPages(v.data) {
		v.copies = newVectorCopies(v.n)
	}
	return v
})

// parseVectors checks a GLV3 table's layout (see internal/glove) and
// returns its parts.
func parseVectors(b string) (*wordVectors, error) {
	if len(b) < 12 || b[:4] != "GLV3" {
		return nil, errBadVectors
	}
	n, dims := int(le32(b, 4)), int(le32(b, 8))
	if n <= 0 || dims <= 0 || n > len(b) || dims > len(b) || dims*128*128 >= 1<<31 {
		// With dims·128·128 ≥ 2³¹ a dot product may not fit pairVectors' halves.
		return nil, errBadVectors
	}
	v := &wordVectors{n: n, dims: dims}
	at := 12
	for _, part := range []struct {
		dst  *string
		size int
	}{{&v.data, n * dims}, {&v.norms, 4 * n}, {&v.ranks, 4 * n}, {&v.offsets, 4 * (n + 1)}} {
		if part.size > len(b)-at {
			return nil, errBadVectors
		}
		*part.dst = b[at : at+part.size]
		at += part.size
	}
	v.words = b[at:]
	if le32(v.offsets, 0) != 0 || int(le32(v.offsets, 4*n)) != len(v.words) {
		return nil, errBadVectors
	}
	for i := range n {
		if lo, hi := le32(v.offsets, 4*i), le32(v.offsets, 4*(i+1)); hi <= lo || int(hi) > len(v.words) || v.words[hi-1] != '\n' {
			return nil, errBadVectors
		}
		if r := le32(v.ranks, 4*i); r < 1 || int(r) > n {
			return nil, errBadVectors
		}
	}
	return v, nil
}

func le32(b string, at int) uint32 {
	return uint32(b[at]) | uint32(b[at+1])<<8 | uint32(b[at+2])<<16 | uint32(b[at+3])<<24
}

type vectorsError string

func (e vectorsError) Error() string { return string(e) }

const errBadVectors = vectorsError("not a GLV3 vector table")

// word is the word of id i.
func (v *wordVectors) word(i int) string {
	return v.words[le32(v.offsets, 4*i) : le32(v.offsets, 4*(i+1))-1]
}

// id returns the id of a word's vector, or noVector.
func (v *wordVectors) id(word string) int32 {
	i := sort.Search(v.n, func(i int) bool { return v.word(i) >= word })
	if i < v.n && v.word(i) == word {
		return int32(i)
	}
	return noVector
}

// vec is the vector of id. Where the table's pages can be let go
// (canDropPages), a word's vector is read from the table once and copied
// (copyVec); later reads find the copy. Elsewhere it is read in place.
//
// The table is 9.5 MB of the binary's read-only data, read through its
// mapping: a page fault there maps the 64–256 kB about it that the page
// cache holds, and since the words are sorted alphabetically, the few
// hundred a question compares land all over it, so a process reading the
// table in place holds all of it. The copies of the words a process has
// met are far fewer (about 740 words, 74 kB, in three rounds of the dev
// set over 10,000 articles, besides 4 bytes a word of the table to find
// them: 400 kB), at most maxCopies of them, and the table's pages are let
// go once read (letGoOfTable), so what the process holds of the table is
// the copies.
func (v *wordVectors) vec(id int32) string {
	if v.copies == nil {
		return v.data[int(id)*v.dims : int(id+1)*v.dims]
	}
	if p := v.copies.place[id].Load(); p != 0 {
		k := int(p - 1)
		chunk := v.copies.chunks[k/copiesPerChunk].Load()
		return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(chunk), k%copiesPerChunk*v.dims)), v.dims)
	}
	return v.copyVec(id)
}

// vectorCopies holds copies of vectors read from a table, in chunks that
// never move once made, so a copy can be handed out and read without a
// lock while others are made.
type vectorCopies struct {
	place  []atomic.Uint32        // by id: 0, or 1 + the copy's number
	chunks []atomic.Pointer[byte] // each chunk's first byte; copiesPerChunk copies a chunk
	mu     sync.Mutex             // held while copying and letting go
	n      int                    // copies made
	fresh  bool                   // a copy was made since the table's pages were let go
}

// copiesPerChunk is how many vectors a chunk of copies holds: 50 kB at
// 100 dimensions.
const copiesPerChunk = 512

// maxCopies bounds the copies (2 MB at 100 dimensions): a long-running
// process meets more and more of a large corpus's words. Past it, vectors
// are read in place and their pages let go after the answer as before.
const maxCopies = 20_000

func newVectorCopies(n int) *vectorCopies {
	return &vectorCopies{
		place:  make([]atomic.Uint32, n),
		chunks: make([]atomic.Pointer[byte], (min(n, maxCopies)+copiesPerChunk-1)/copiesPerChunk),
	}
}

// copyVec copies the vector of id out of the table, unless another read
// did meanwhile, and returns the copy; past maxCopies, it returns the
// vector in place.
func (v *wordVectors) copyVec(id int32) string {
	c := v.copies
	c.mu.Lock()
	if c.place[id].Load() == 0 && c.n >= maxCopies {
		c.fresh = true
		c.mu.Unlock()
		return v.data[int(id)*v.dims : int(id+1)*v.dims]
	}
	if c.place[id].Load() == 0 {
		k := c.n
		chunk := c.chunks[k/copiesPerChunk].Load()
		if chunk == nil {
			chunk = unsafe.SliceData(make([]byte, copiesPerChunk*v.dims))
			c.chunks[k/copiesPerChunk].Store(chunk)
		}
		dst := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(chunk), k%copiesPerChunk*v.dims)), v.dims)
		copy(dst, v.data[int(id)*v.dims:int(id+1)*v.dims])
		c.n++
		c.fresh = true // the table's pages just read are to be let go
		c.place[id].Store(uint32(k + 1))
	}
	c.mu.Unlock()
	return v.vec(id)
}

// letGoOfTable lets go of the pages of the table's vectors that reads
// have mapped since it last did, if any: every vector read from them is
// copied. They stay in the page cache. Ask calls it after each answer.
func (v *wordVectors) letGoOfTable() {
	c := v.copies
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		dropTablePages(v.data)
		c.fresh = false
	}
}

// rarity places a word between the most frequent word of the table (0)
// and the least (1), by the log of its rank by frequency in the text the
// vectors were trained on (Wikipedia and newswire): "the" 0, "president"
// 0.37, "soldiers" 0.56, "happen" 0.65, "kimchi" 0.94. A rough proxy for
// how much a word says about what a question is about, it tells a missing
// word that is anyone's way of asking from one that names a topic the
// articles lack. A word without a vector is rarer still (1).
func (v *wordVectors) rarity(id int32) float64 {
	if id == noVector {
		return 1
	}
	if v.n < 2 {
		return 0
	}
	return math.Log(float64(le32(v.ranks, 4*int(id)))) / math.Log(float64(v.n))
}

func (v *wordVectors) norm(id int32) float64 {
	return float64(math.Float32frombits(le32(v.norms, 4*int(id))))
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
	vb = vb[:len(va)]
	dot := 0
	for i := 0; i < len(va); i++ {
		dot += int(int8(va[i])) * int(int8(vb[i]))
	}
	return v.cosOf(a, b, dot)
}

// cosOf is the cosine of two distinct words' vectors given their dot
// product.
func (v *wordVectors) cosOf(a, b int32, dot int) float64 {
	na, nb := v.norm(a), v.norm(b)
	if na == 0 || nb == 0 {
		return 0
	}
	return float64(dot) / (na * nb)
}

// pairVectors packs two words' vectors into one int64 a dimension, the
// first's components in the low 32 bits and the second's above, so that
// one multiplication by a third vector's component gives both products:
// summed, the low 32 bits hold the first dot product and the rest the
// second, exactly, since each is at most dims·128·128 in size, which
// parseVectors keeps under 2³¹. It halves the work of comparing a word
// with a question's concepts.
func (v *wordVectors) pairVectors(a, b int32) []int64 {
	out := make([]int64, v.dims)
	for _, w := range []struct {
		id    int32
		shift uint
	}{{a, 0}, {b, 32}} {
		if w.id == noVector {
			continue
		}
		for i, c := range []byte(v.vec(w.id)) {
			out[i] += int64(int8(c)) << w.shift
		}
	}
	return out
}

// cosPair sets cos[0] and cos[1] to the cosines of word id with the two
// words pair packs (see pairVectors), a and b.
func (v *wordVectors) cosPair(pair []int64, a, b, id int32, cos []float64) {
	vec := v.vec(id)
	pair = pair[:len(vec)]
	sum := int64(0)
	for i := 0; i < len(vec); i++ {
		sum += int64(int8(vec[i])) * pair[i]
	}
	lo := int64(int32(sum))
	hi := (sum - lo) >> 32
	for k, w := range []struct {
		id  int32
		dot int64
	}{{a, lo}, {b, hi}} {
		switch {
		case w.id == noVector || id == noVector:
			cos[k] = 0
		case w.id == id:
			cos[k] = 1
		default:
			cos[k] = v.cosOf(w.id, id, int(w.dot))
		}
	}
}

// add adds w times a word's unit vector to sum.
func (v *wordVectors) add(sum []float64, id int32, w float64) {
	if id == noVector || v.norm(id) == 0 {
		return
	}
	w /= v.norm(id)
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

// conceptVectors looks the concepts' word vectors up, once a question,
// into q.vecs and q.sum.
func (q *question) conceptVectors() *wordVectors {
	v := gloveVectors()
	if q.vecs == nil {
		q.vecs = make([]int32, len(q.concepts))
		q.sum = make([]float64, v.dims)
		for i, c := range q.concepts {
			q.vecs[i] = v.id(c.word)
			v.add(q.sum, q.vecs[i], c.weight)
		}
	}
	return v
}

// meaning compares a quote with the question by the meaning of its words
// rather than their forms. soft is the weighted share of the question's
// concepts the quote holds, where a concept the quote lacks in any form
// counts by the closest word the quote has (its cosine, when positive).
// cos is the cosine of the concepts' weighted vectors with the quote's
// words' idf-weighted ones. words are the words of the quote's passage
// and matches what its tokens match; prevWords and prevMatches are those
// of the passage before, when the quote takes it in (nil when not).
func (q *question) meaning(b *rankBuffers, words *passageWords, matches [][]conceptMatch, prevWords *passageWords, prevMatches [][]conceptMatch) (soft, cos float64) {
	v := q.conceptVectors()
	var buf [16]float64
	var best []float64
	if n := len(q.concepts); n <= len(buf) {
		best = buf[:n]
	} else {
		best = make([]float64, n)
	}
	each := func(pw *passageWords, ms [][]conceptMatch) {
		for _, tm := range ms {
			for _, m := range tm {
				best[m.concept] = max(best[m.concept], m.quality)
			}
		}
		for i, c := range q.closest(b, v, pw) {
			best[i] = max(best[i], c)
		}
	}
	each(words, matches)
	sum := words.sum(v)
	if prevWords != nil {
		each(prevWords, prevMatches)
		// Added after the passage's words, in order, as if summed in one
		// pass.
		sum = slices.Clone(sum)
		for _, w := range prevWords.weighted {
			v.add(sum, w.id, w.idf)
		}
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

// closest is, for each concept of the question, the highest cosine of
// a word of pw with it (0 when pw has no word with a vector, which counts
// the same: meaning takes the greater of it and a share that is never
// negative). pw remembers it by the concept's word for later questions
// (see closestBudget). The result, in b, is valid until the next call.
func (q *question) closest(b *rankBuffers, v *wordVectors, pw *passageWords) []float64 {
	out := slices.Grow(b.closest[:0], len(q.vecs))[:len(q.vecs)]
	b.closest = out
	if pw.recall(q.vecs, out) {
		return out
	}
	clear(out)
	for _, id := range pw.ids {
		for i, c := range q.cosines(b, v, id) {
			out[i] = max(out[i], c)
		}
	}
	pw.remember(q.vecs, out)
	return out
}

// recall sets closest[i] to the highest cosine of pw's words with concept
// word concepts[i], if pw remembers all of them.
func (pw *passageWords) recall(concepts []int32, closest []float64) bool {
	if pw.closestCap == 0 {
		return false
	}
	pw.mu.RLock()
	defer pw.mu.RUnlock()
	for i, cid := range concepts {
		c, ok := pw.closest[cid]
		if !ok {
			return false
		}
		closest[i] = c
	}
	return true
}

// remember keeps closest, by concept word, as far as pw has room.
func (pw *passageWords) remember(concepts []int32, closest []float64) {
	if pw.closestCap == 0 {
		return
	}
	pw.mu.Lock()
	defer pw.mu.Unlock()
	if pw.closest == nil {
		pw.closest = map[int32]float64{}
	}
	for i, cid := range concepts {
		if len(pw.closest) >= pw.closestCap {
			return
		}
		pw.closest[cid] = closest[i]
	}
}

// cosines are a word's cosines with each concept of the question,
// computed once a question: the same words come back in candidate after
// candidate. The result, in b, is valid until the next call.
func (q *question) cosines(b *rankBuffers, v *wordVectors, id int32) []float64 {
	n := len(q.vecs)
	if at, ok := b.cos[id]; ok {
		return b.cosBuf[at : at+n]
	}
	at := len(b.cosBuf)
	b.cosBuf = slices.Grow(b.cosBuf, n)[:at+n]
	cos := b.cosBuf[at:]
	// Two concepts at a time, the last alone when they are odd.
	if q.pairs == nil {
		for i := 0; i+1 < n; i += 2 {
			q.pairs = append(q.pairs, v.pairVectors(q.vecs[i], q.vecs[i+1]))
		}
	}
	for p, pair := range q.pairs {
		v.cosPair(pair, q.vecs[2*p], q.vecs[2*p+1], id, cos[2*p:2*p+2])
	}
	if n%2 == 1 {
		cos[n-1] = v.cos(q.vecs[n-1], id)
	}
	b.cos[id] = at
	return cos
}

// passageWords is what ranking needs of a passage that does not depend
// on the question: its tokens, its words' vectors and their idf-weighted
// sum, and whether it says a fact is not known. It is worked out once per
// index generation (see wordsOf).
type passageWords struct {
	toks        []Token
	saysUnknown bool
	// weighted are the tokens that have a vector, in order, with their
	// term's idf.
	weighted []weightedWord
	// ids are the vectors of weighted, each once.
	ids []int32
	// weightedSum is the sum of weighted's unit vectors times their idf,
	// or nil when not kept (see smallIndex).
	weightedSum []float64

	// closest holds, by the vector id of a question's concept, the
	// highest cosine of ids with it: questions keep asking about the same
	// things. It holds at most closestCap of them (none outside a small
	// index).
	mu         sync.RWMutex
	closest    map[int32]float64
	closestCap int
}

// closestBudget bounds the concepts' cosines remembered by all the
// passages of a small generation (about 20 bytes each): a passage of the
// bundled seeds keeps those of more than a thousand concepts.
const closestBudget = 128 * 1024

type weightedWord struct {
	id  int32
	idf float64
}

// smallIndex bounds the generations whose passages keep, between
// questions, their vectors' sum (dims float64s, 8·dims bytes) and the
// concepts' cosines (see closestBudget): every passage of a few hundred
// articles, none of thousands, where it would cost more memory than it
// saves time.
const smallIndex = 5_000

// wordsOf returns what ranking needs of a passage's text, remembered per
// index generation: ranking describes the same passages question after
// question.
func wordsOf(s Searcher, text string) *passageWords {
	c := s.Remember(passageWordsKey, func() any {
		return newBoundedCache[string, *passageWords](wordsCacheLimit, nil)
	}).(*boundedCache[string, *passageWords])
	return c.get(text, func() *passageWords { return newPassageWords(s, text) })
}

// newPassageWords works out what ranking needs of a passage's text.
func newPassageWords(s Searcher, text string) *passageWords {
	v := gloveVectors()
	pw := &passageWords{toks: withoutPrepositions(text, s.Analyze(text)), saysUnknown: nonAnswerRE.MatchString(text)}
	n := s.NumPassages()
	for _, t := range pw.toks {
		// A word's vector is looked up by its form as written.
		id := vectorID(v, text[t.Start:t.End])
		if id == noVector {
			continue
		}
		pw.weighted = append(pw.weighted, weightedWord{id, idf(s.DocFreq(t.Term), n)})
		if !slices.Contains(pw.ids, id) {
			pw.ids = append(pw.ids, id)
		}
	}
	if n <= smallIndex {
		pw.weightedSum = pw.sum(v)
		pw.closestCap = closestBudget / max(n, 1)
	}
	return pw
}

// PreparePassage works out ahead of questions what ranking needs of a
// passage's text, as it otherwise does the first time a question finds
// it: its analysis; in a generation small enough that all its passages'
// words are kept (see wordsCacheLimit), its words' vectors; and where all
// its answers of every kind fit in kindMatches, those.
func PreparePassage(s Searcher, text string) {
	n := s.NumPassages()
	if n > wordsCacheLimit {
		s.Analyze(text)
		return
	}
	wordsOf(s, text)
	if n*int(kindSay) <= matchCacheLimit {
		for k := kindNumber; k <= kindSay; k++ {
			kindIn(k, text)
		}
	}
}

// wordsCacheLimit bounds a generation's passageWords (some 500 bytes a passage, besides
// its analysis, which the index remembers anyway); when full it is
// emptied and refilled by the passages questions find now.
const wordsCacheLimit = 10_000

// sum is the sum of the passage's words' unit vectors, each times its
// idf. The caller must not modify it.
func (pw *passageWords) sum(v *wordVectors) []float64 {
	if pw.weightedSum != nil {
		return pw.weightedSum
	}
	sum := make([]float64, v.dims)
	for _, w := range pw.weighted {
		v.add(sum, w.id, w.idf)
	}
	return sum
}

// vectorIDs remembers the vector ids of the words quotes are made of, as
// written: the articles use a few thousand words again and again, and a
// lookup in the sorted table compares a word with seventeen others.
var vectorIDs = newBoundedCache[string, int32](idCacheLimit, strings.Clone)

// idCacheLimit bounds vectorIDs.
const idCacheLimit = 200_000

// vectorID is the id of the vector of a word as written (see vectorIDs).
func vectorID(v *wordVectors, form string) int32 {
	return vectorIDs.get(form, func() int32 { return v.id(lowerWord(form)) })
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
