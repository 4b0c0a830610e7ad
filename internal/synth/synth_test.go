package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/storybot/storybot/index"
)

func TestArticleIsDeterministic(t *testing.T) {
	for i := 0; i < 50; i++ {
		name1, data1 := Article(7, i)
		name2, data2 := Article(7, i)
		if name1 != name2 || !bytes.Equal(data1, data2) {
			t.Fatalf("article %d differs between two calls with the same seed", i)
		}
		if _, other := Article(8, i); bytes.Equal(data1, other) {
			t.Errorf("article %d is the same for seeds 7 and 8", i)
		}
	}
}

// TestArticlesParse checks that every article is one the loader accepts
// and splits into about thirty passages, with its front matter.
func TestArticlesParse(t *testing.T) {
	n := 100 // the sentence splitter is slow under -race
	if testing.Short() {
		n = 20
	}
	total := 0
	names := map[string]bool{}
	for i := 0; i < n; i++ {
		name, data := Article(1, i)
		if names[name] {
			t.Errorf("article %d: name %s used twice", i, name)
		}
		names[name] = true
		a, err := index.Parse(name, data)
		if err != nil {
			t.Fatalf("article %d (%s) does not parse: %v", i, name, err)
		}
		if a.Title == "" || strings.Contains(a.Title, "---") {
			t.Errorf("%s: title %q", name, a.Title)
		}
		ps := index.Split(a)
		if len(ps) < 18 || len(ps) > 45 {
			t.Errorf("%s: %d passages, want about 30", name, len(ps))
		}
		total += len(ps)
		for _, p := range ps {
			text := p.Text(a.Body)
			if strings.Contains(text, "{") || strings.Contains(text, "}") {
				t.Errorf("%s: unexpanded template in %q", name, text)
			}
		}
	}
	if mean := float64(total) / float64(n); mean < 27 || mean > 34 {
		t.Errorf("mean passages per article = %.1f, want about 30", mean)
	}
}

// TestWriteDirIsAPrefix checks that a smaller corpus is the start of a
// larger one with the same seed, byte for byte.
func TestWriteDirIsAPrefix(t *testing.T) {
	small, large := t.TempDir(), t.TempDir()
	if err := WriteDir(small, 20, 3); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(large, 50, 3); err != nil {
		t.Fatal(err)
	}
	smallFiles, err := os.ReadDir(small)
	if err != nil {
		t.Fatal(err)
	}
	largeFiles, err := os.ReadDir(large)
	if err != nil {
		t.Fatal(err)
	}
	if len(smallFiles) != 20 || len(largeFiles) != 50 {
		t.Fatalf("wrote %d and %d files, want 20 and 50", len(smallFiles), len(largeFiles))
	}
	for i, f := range smallFiles {
		if largeFiles[i].Name() != f.Name() {
			t.Fatalf("file %d: %s in the small corpus, %s in the large one", i, f.Name(), largeFiles[i].Name())
		}
		a, _ := os.ReadFile(filepath.Join(small, f.Name()))
		b, _ := os.ReadFile(filepath.Join(large, f.Name()))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the corpora", f.Name())
		}
	}
}

// TestVocabulary checks the spread of words: thousands of distinct words,
// with the most frequent hundred making up about half the text, as in
// English news.
func TestVocabulary(t *testing.T) {
	n, want := 1000, 3000
	if testing.Short() {
		n, want = 200, 1000
	}
	counts := map[string]int{}
	total := 0
	for i := 0; i < n; i++ {
		_, data := Article(1, i)
		for _, w := range strings.FieldsFunc(string(data), func(r rune) bool { return !unicode.IsLetter(r) }) {
			counts[strings.ToLower(w)]++
			total++
		}
	}
	if len(counts) < want {
		t.Errorf("%d distinct words in %d articles, want at least %d", len(counts), n, want)
	}
	freq := make([]int, 0, len(counts))
	for _, c := range counts {
		freq = append(freq, c)
	}
	top := 0
	for k := 0; k < 100; k++ {
		best := 0
		for i, c := range freq {
			if c > freq[best] {
				best = i
			}
		}
		top += freq[best]
		freq[best] = 0
	}
	if share := float64(top) / float64(total); share < 0.35 || share > 0.65 {
		t.Errorf("the 100 most frequent words are %.0f%% of the text, want about half", 100*share)
	}
}

func TestQuestions(t *testing.T) {
	qs := Questions(1, 400)
	if len(qs) != 400 {
		t.Fatalf("got %d questions, want 400", len(qs))
	}
	again := Questions(1, 10)
	for i, q := range again {
		if qs[i] != q {
			t.Errorf("question %d: %q, then %q", i, qs[i], q)
		}
	}
	kinds := map[string]int{}
	for _, q := range qs {
		if strings.TrimSpace(q) == "" || strings.ContainsAny(q, "{}") {
			t.Errorf("bad question %q", q)
		}
		first := strings.ToLower(strings.Fields(q)[0])
		kinds[first]++
	}
	for _, k := range []string{"how", "when", "where", "who", "what"} {
		if kinds[k] < 10 {
			t.Errorf("only %d questions start with %q: %v", kinds[k], k, kinds)
		}
	}
}

// TestQuestionsHaveAnswers checks that answerable questions are about what
// the articles say: the place and count of a "how many" question are in
// one of the first QuestionArticles articles.
func TestQuestionsHaveAnswers(t *testing.T) {
	var corpus strings.Builder
	for i := 0; i < QuestionArticles; i++ {
		_, data := Article(1, i)
		corpus.Write(bytes.ToLower(data))
	}
	text := corpus.String()
	checked := 0
	for _, q := range Questions(1, 200) {
		rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSuffix(q, "?")), "how many ")
		if !ok {
			continue
		}
		checked++
		if _, place, ok := strings.Cut(rest, " in "); ok && !strings.Contains(text, place) {
			t.Errorf("%q: no article mentions %q", q, place)
		}
	}
	if checked < 20 {
		t.Errorf("only %d how-many questions", checked)
	}
}

// TestTemplates expands every template, so that a slot misspelt in one
// that is rarely drawn is caught here rather than in a benchmark.
func TestTemplates(t *testing.T) {
	v := lexicon()
	all := [][]tmpl{v.general, v.quotes, v.pledges, v.captions, v.furniture, v.countFacts, v.dateFacts, v.pledgeFacts, v.viewFacts}
	for _, b := range v.beats {
		all = append(all, b.headlines, b.sentences)
		for _, r := range b.roles {
			all = append(all, []tmpl{r.text})
		}
	}
	st := newStory(1, 0)
	g := &gen{r: newRNG(1, streamBody, 0), v: v, st: st, b: st.beat, seen: make([]bool, len(st.people))}
	for _, ts := range all {
		for _, tm := range ts {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("template %v: %v", tm, r)
					}
				}()
				if s := g.text(tm); strings.ContainsAny(s, "{}") {
					t.Errorf("template %v expands to %q", tm, s)
				}
			}()
		}
	}
}

func BenchmarkArticle(b *testing.B) {
	bytes := 0
	for i := 0; i < b.N; i++ {
		_, data := Article(1, i)
		bytes += len(data)
	}
	b.SetBytes(int64(bytes / max(b.N, 1)))
}
