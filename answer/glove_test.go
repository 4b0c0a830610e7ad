package answer

import (
	"strings"
	"sync"
	"testing"
)

// TestWordVectorsRelateWords: words of like meaning are closer than
// unrelated ones, a word is its own nearest, and words without a vector
// relate to nothing.
func TestWordVectorsRelateWords(t *testing.T) {
	v := gloveVectors()
	id := func(w string) int32 {
		t.Helper()
		i := v.id(w)
		if i == noVector {
			t.Fatalf("no vector for %q", w)
		}
		return i
	}
	killed, died, banquet := id("killed"), id("died"), id("banquet")
	if got := v.cos(killed, killed); got != 1 {
		t.Errorf("cos(killed, killed) = %v, want 1", got)
	}
	if near, far := v.cos(killed, died), v.cos(killed, banquet); near <= far || near < 0.4 {
		t.Errorf("cos(killed, died) = %.3f, cos(killed, banquet) = %.3f: want the first well above the second", near, far)
	}
	if v.id("zzqxj") != noVector || v.cos(noVector, killed) != 0 {
		t.Error("a word without a vector must relate to nothing")
	}
}

// TestParseVectorsRejectsDamage: a table that is cut short or whose word
// count disagrees is refused, not read past its end.
func TestParseVectorsRejectsDamage(t *testing.T) {
	// Two words, two dimensions: "a" is (127, 0), "b" is (0, 127).
	good := "GLV3" + "\x02\x00\x00\x00" + "\x02\x00\x00\x00" + "\x7f\x00" + "\x00\x7f" +
		"\x00\x00\xfe\x42" + "\x00\x00\xfe\x42" + // 127.0 as float32, twice
		"\x02\x00\x00\x00" + "\x01\x00\x00\x00" + // ranks: b is the more frequent
		"\x00\x00\x00\x00" + "\x02\x00\x00\x00" + "\x04\x00\x00\x00" + "a\nb\n"
	v, err := parseVectors(good)
	if err != nil {
		t.Fatalf("parseVectors(good): %v", err)
	}
	if got := v.cos(v.id("a"), v.id("b")); got != 0 {
		t.Errorf("cos of orthogonal vectors = %v, want 0", got)
	}
	if v.id("a") != 0 || v.id("b") != 1 || v.id("c") != noVector || v.id("") != noVector {
		t.Errorf("ids: a %d, b %d, c %d", v.id("a"), v.id("b"), v.id("c"))
	}
	if a, b, c := v.rarity(v.id("a")), v.rarity(v.id("b")), v.rarity(noVector); a != 1 || b != 0 || c != 1 {
		t.Errorf("rarity: a %v, b %v, no vector %v; want 1, 0, 1", a, b, c)
	}
	for name, bad := range map[string]string{
		"empty":        "",
		"magic":        "GLV1" + good[4:],
		"short":        good[:14],
		"words":        strings.TrimSuffix(good, "b\n"),
		"huge":         "GLV3\xff\xff\xff\x7f\x02\x00\x00\x00",
		"no dimension": "GLV3\x01\x00\x00\x00\x00\x00\x00\x00a\n",
		"offsets":      strings.Replace(good, "\x02\x00\x00\x00\x04", "\x03\x00\x00\x00\x04", 1),
		"old layout":   "GLV2" + good[4:],
		"rank 0":       strings.Replace(good, "\x02\x00\x00\x00\x01\x00\x00\x00\x00", "\x00\x00\x00\x00\x01\x00\x00\x00\x00", 1),
		"rank past n":  strings.Replace(good, "\x02\x00\x00\x00\x01\x00\x00\x00\x00", "\x03\x00\x00\x00\x01\x00\x00\x00\x00", 1),
		// Sound, but with 2¹⁷ dimensions a dot product can reach 2³¹.
		"dimensions": "GLV3\x01\x00\x00\x00\x00\x00\x02\x00" + strings.Repeat("\x01", 1<<17) +
			"\x00\x00\x80\x3f" + "\x01\x00\x00\x00" + "\x00\x00\x00\x00\x02\x00\x00\x00" + "a\n",
	} {
		if _, err := parseVectors(bad); err == nil {
			t.Errorf("%s: parseVectors accepted a damaged table", name)
		}
	}
}

// TestRarityFollowsFrequency: in the shipped table a common word is less
// rare than a topical one, which is less rare than a name few texts use,
// and a word the table lacks is rarest.
func TestRarityFollowsFrequency(t *testing.T) {
	v := gloveVectors()
	words := []string{"the", "home", "soldiers", "kimchi", "zzzqx"}
	prev := -1.0
	for _, w := range words {
		r := v.rarity(v.id(w))
		if r <= prev || r < 0 || r > 1 {
			t.Errorf("rarity(%q) = %.3f after %.3f: want rising through %v, within 0..1", w, r, prev, words)
		}
		prev = r
	}
}

// TestMeaningCountsParaphrase: a quote that says the question's thing in
// other words covers more of it by meaning than one about something else,
// though neither shares a word with it.
func TestMeaningCountsParaphrase(t *testing.T) {
	s := newFake(fakeArticle{id: "a", paras: [][]string{{"Six hundred troops were killed in combat."}, {"A banquet was held with music and food."}}})
	q := analyse(s, newLexicon(s), "how many soldiers died")
	b := newRankBuffers()
	defer b.release()
	soft := func(text string) float64 {
		b.nextQuote()
		pw := wordsOf(s, text)
		got, _ := q.meaning(b, pw, q.match(b, pw.toks), nil, nil)
		return got
	}
	if related, unrelated := soft("Six hundred troops were killed in combat."), soft("A banquet was held with music and food."); related <= unrelated {
		t.Errorf("soft coverage: paraphrase %.3f, unrelated %.3f; want the paraphrase higher", related, unrelated)
	}
}

// TestCosPairIsCos: comparing a word with two packed at once gives
// exactly the cosines compared one at a time, signs, missing vectors and
// the word itself included.
func TestCosPairIsCos(t *testing.T) {
	v := gloveVectors()
	ids := []int32{noVector, 0, 1, int32(v.n - 1)}
	for _, w := range []string{"soldiers", "troops", "killed", "medal", "pyongyang", "the", "not"} {
		ids = append(ids, v.id(w))
	}
	for i := 0; i < v.n; i += 997 {
		ids = append(ids, int32(i))
	}
	got := make([]float64, 2)
	for _, a := range ids {
		for _, b := range ids {
			pair := v.pairVectors(a, b)
			for _, w := range ids {
				if w == noVector {
					continue
				}
				v.cosPair(pair, a, b, w, got)
				if want := []float64{v.cos(a, w), v.cos(b, w)}; got[0] != want[0] || got[1] != want[1] {
					t.Fatalf("cosPair(%d, %d) with %d = %v, want %v", a, b, w, got, want)
				}
			}
		}
	}
}

// TestVectorCopiesReadAsTheTable: a vector read once is copied, and every
// later read, from any goroutine, while the table's pages are let go in
// between, gives the table's bytes.
func TestVectorCopiesReadAsTheTable(t *testing.T) {
	v, err := parseVectors(gloveBin)
	if err != nil {
		t.Fatal(err)
	}
	v.copies = newVectorCopies(v.n)
	want := func(id int32) string { return gloveBin[12+int(id)*v.dims : 12+int(id+1)*v.dims] }
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				id := int32((i*7919 + g*104729) % v.n)
				if got := v.vec(id); got != want(id) {
					t.Errorf("vec(%d) differs from the table", id)
					return
				}
				if i%100 == 0 {
					v.letGoOfTable()
				}
			}
		}()
	}
	wg.Wait()
	if v.copies.n == 0 || v.copies.n > v.n {
		t.Fatalf("%d copies made of %d vectors", v.copies.n, v.n)
	}
	v.letGoOfTable()
	for id := range int32(50) {
		if got := v.vec(id); got != want(id) {
			t.Errorf("after letting go, vec(%d) differs from the table", id)
		}
	}
}
