package answer

import (
	"context"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// fakeArticle is one article of a fakeIndex: its paragraphs, each a list of
// sentences. The article's text is the sentences joined by a space and the
// paragraphs by a blank line, so every passage is cut from that text.
type fakeArticle struct {
	id      string
	source  Source
	paras   [][]string
	credits string // its credit line, "(Reporting by …; editing by …)"
}

// fakeIndex is a tiny in-memory Searcher: a crude English analyser
// (lower case, a few stop words, -s/-ed/-ing stripped) over a handful of
// passages, scored by the summed weight of the terms each one holds. The
// function fields, when set, replace its behaviour for one test.
type fakeIndex struct {
	passages map[string][]Passage
	sources  map[string]Source
	credits  map[string]string
	texts    map[string]string
	words    []string // every surface word of the articles, for Similar
	total    int

	// SearchFn, if set, runs instead of the in-memory search.
	SearchFn func(ctx context.Context, terms []Weighted, limit int) ([]Passage, error)

	mu       sync.Mutex
	analysed map[string]bool // every term Analyze has produced
	searched [][]Weighted    // the terms of every Search call
	kept     map[any]any     // see Remember
}

func newFake(articles ...fakeArticle) *fakeIndex {
	f := &fakeIndex{
		passages: map[string][]Passage{},
		sources:  map[string]Source{},
		credits:  map[string]string{},
		texts:    map[string]string{},
		analysed: map[string]bool{},
		kept:     map[any]any{},
	}
	seen := map[string]bool{}
	for _, a := range articles {
		f.credits[a.id] = a.credits
		var text strings.Builder
		seq := 0
		for pi, para := range a.paras {
			if pi > 0 {
				text.WriteString("\n\n")
			}
			for si, sentence := range para {
				gap := ""
				if si > 0 {
					gap = " "
					text.WriteString(gap)
				}
				text.WriteString(sentence)
				f.passages[a.id] = append(f.passages[a.id], Passage{ArticleID: a.id, Seq: seq, Para: pi, Text: sentence, Gap: gap})
				seq++
				f.total++
				for _, w := range strings.FieldsFunc(strings.ToLower(sentence), notWordRune) {
					if !seen[w] {
						seen[w] = true
						f.words = append(f.words, w)
					}
				}
			}
		}
		src := a.source
		if src.File == "" {
			src.File = a.id + ".md"
		}
		f.sources[a.id] = src
		f.texts[a.id] = text.String()
	}
	sort.Strings(f.words)
	return f
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

var fakeStopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "at": true, "did": true, "do": true,
	"for": true, "how": true, "in": true, "is": true, "it": true, "me": true, "of": true, "on": true,
	"the": true, "they": true, "to": true, "was": true, "were": true, "what": true,
	"when": true, "where": true, "who": true, "why": true, "with": true,
}

// Analyze splits text into runs of letters and digits ("4,000" and "4.5"
// stay whole), lower-cased and crudely stemmed, dropping stop words.
func (f *fakeIndex) Analyze(text string) []Token {
	var out []Token
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if notWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !notWordRune(r) {
				i += size
				continue
			}
			// A separator between digits stays in the number.
			if (r == ',' || r == '.') && i > start && i+1 < len(text) && isASCIIDigit(text[i-1]) && isASCIIDigit(text[i+1]) {
				i += size
				continue
			}
			break
		}
		word := strings.ToLower(text[start:i])
		if fakeStopWords[word] {
			continue
		}
		term := fakeStem(word)
		f.mu.Lock()
		f.analysed[term] = true
		f.mu.Unlock()
		out = append(out, Token{Term: term, Start: start, End: i})
	}
	return out
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func fakeStem(w string) string {
	n := utf8.RuneCountInString(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return strings.TrimSuffix(w, "ing")
	case n > 4 && strings.HasSuffix(w, "ed"):
		return strings.TrimSuffix(w, "ed")
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

func (f *fakeIndex) termsOf(text string) map[string]int {
	out := map[string]int{}
	for _, t := range f.Analyze(text) {
		out[t.Term]++
	}
	return out
}

func (f *fakeIndex) DocFreq(term string) int {
	n := 0
	for _, ps := range f.passages {
		for _, p := range ps {
			if f.termsOf(p.Text)[term] > 0 {
				n++
			}
		}
	}
	return n
}

// Remember keeps what create returns for key, as an index generation
// does: the fake is one generation, so tests meet warm caches as the bot
// does.
func (f *fakeIndex) Remember(key any, create func() any) any {
	f.mu.Lock()
	v, ok := f.kept[key]
	f.mu.Unlock()
	if ok {
		return v
	}
	v = create()
	f.mu.Lock()
	defer f.mu.Unlock()
	if old, ok := f.kept[key]; ok {
		return old
	}
	f.kept[key] = v
	return v
}

func (f *fakeIndex) NumPassages() int { return f.total }

func (f *fakeIndex) AvgPassageLen() float64 {
	n, sum := 0, 0
	for _, ps := range f.passages {
		for _, p := range ps {
			n++
			sum += len(p.Text)
		}
	}
	return float64(sum) / float64(max(1, n))
}

func (f *fakeIndex) Similar(word string, maxEdits int) []string {
	var out []string
	for _, w := range f.words {
		if editDistance(word, w, maxEdits) <= maxEdits {
			out = append(out, w)
		}
	}
	return out
}

func (f *fakeIndex) Search(ctx context.Context, terms []Weighted, limit int) ([]Passage, error) {
	f.mu.Lock()
	f.searched = append(f.searched, append([]Weighted(nil), terms...))
	f.mu.Unlock()
	if f.SearchFn != nil {
		return f.SearchFn(ctx, terms, limit)
	}
	var hits []Passage
	for _, ps := range f.passages {
		for _, p := range ps {
			tf := f.termsOf(p.Text)
			for _, t := range terms {
				p.Score += t.Weight * float64(tf[t.Term])
			}
			if p.Score > 0 {
				hits = append(hits, p)
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.Seq < b.Seq
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

func (f *fakeIndex) Passage(articleID string, seq int) (Passage, bool) {
	ps := f.passages[articleID]
	if seq < 0 || seq >= len(ps) {
		return Passage{}, false
	}
	return ps[seq], true
}

func (f *fakeIndex) Outlets() []string {
	return f.distinct(func(s Source) string { return s.Outlet })
}

func (f *fakeIndex) Authors() []string {
	return f.distinct(func(s Source) string { return s.Author })
}

func (f *fakeIndex) distinct(field func(Source) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, src := range f.sources {
		if v := field(src); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func (f *fakeIndex) Source(articleID string) (Source, bool) {
	s, ok := f.sources[articleID]
	return s, ok
}

// pins counts how often an Acquire pinned the fake and released it.
type pins struct{ acquired, released atomic.Int32 }

// acquire pins f, counting into p (which may be nil).
func (f *fakeIndex) Articles() []ArticleMeta {
	var out []ArticleMeta
	for id, src := range f.sources {
		out = append(out, ArticleMeta{ID: id, Source: src, Headline: f.passages[id][0].Text, Credits: f.credits[id]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (f *fakeIndex) acquire(p *pins) Acquire {
	return func() (Searcher, func(), error) {
		if p != nil {
			p.acquired.Add(1)
		}
		return f, func() {
			if p != nil {
				p.released.Add(1)
			}
		}, nil
	}
}

// articleOf finds the article whose text holds quote.
func (f *fakeIndex) articleOf(quote string) (string, bool) {
	for id, text := range f.texts {
		if strings.Contains(text, quote) {
			return id, true
		}
	}
	return "", false
}

// cites reports whether the article with source src holds quote.
func (f *fakeIndex) cites(src Source, quote string) bool {
	for id, text := range f.texts {
		if f.sources[id] == src && strings.Contains(text, quote) {
			return true
		}
	}
	return false
}

// storyArticles is a small corpus in the shape of the real one: two
// outlets reporting the same facts in different words, and one unrelated
// article.
func storyArticles() []fakeArticle {
	return []fakeArticle{
		{id: "wire", source: Source{Outlet: "Wire", Title: "Leader decorates soldiers", Author: "A. Writer", Date: "2025-08-22"}, paras: [][]string{
			{"About 600 soldiers died fighting in Kursk, lawmakers said.", "They were honoured at a ceremony in Pyongyang."},
			{"It was held on Friday.", "The leader hugged the children of fallen soldiers."},
		}},
		{id: "paper", source: Source{Outlet: "Paper", Title: "A nation honors its troops"}, paras: [][]string{
			{"The country sent 4,000 troops to Kursk last autumn."},
			{"Officials believe 600 of those soldiers died in combat.", "Medals were awarded to the returning troops."},
		}},
		{id: "weather", source: Source{Title: "Weather"}, paras: [][]string{
			{"The weather in the capital was mild and dry."},
		}},
	}
}
