package answer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// ask asks one question of an engine over f, checking what holds for every
// answer: quotes cut from one article of f and cited to it.
func ask(t *testing.T, f *fakeIndex, question string) (Result, error) {
	t.Helper()
	res, err := New(f.acquire(nil)).Ask(context.Background(), question)
	checkResult(t, f, res, err)
	return res, err
}

func checkResult(t testing.TB, f *fakeIndex, res Result, err error) {
	t.Helper()
	if res.Answers == nil {
		t.Errorf("Answers is nil, want an empty list (JSON [])")
	}
	if len(res.Answers) > MaxAnswers {
		t.Errorf("%d answers, want at most %d", len(res.Answers), MaxAnswers)
	}
	if res.Answered != (len(res.Answers) > 0) {
		t.Errorf("Answered = %v with %d answers", res.Answered, len(res.Answers))
	}
	if err != nil && len(res.Answers) > 0 {
		t.Errorf("error %v with %d answers", err, len(res.Answers))
	}
	if math.IsNaN(res.Confidence) || res.Confidence < 0 || res.Confidence > 1 {
		t.Errorf("Confidence = %v, want 0–1", res.Confidence)
	}
	for i, a := range res.Answers {
		if math.IsNaN(a.Score) || math.IsInf(a.Score, 0) {
			t.Errorf("answer %d: score %v", i, a.Score)
		}
		if _, ok := f.articleOf(a.Quote); !ok {
			t.Errorf("answer %d: quote %q is in no article", i, a.Quote)
			continue
		}
		// The same sentence may stand in several articles: the cited one
		// must be one of them.
		if !f.cites(a.Source, a.Quote) {
			t.Errorf("answer %d: quote %q is not in the article cited, %+v", i, a.Quote, a.Source)
		}
		if i > 0 && a.Score > res.Answers[i-1].Score {
			t.Errorf("answer %d scores %v, above answer %d (%v): not best first", i, a.Score, i-1, res.Answers[i-1].Score)
		}
	}
}

func quotes(res Result) []string {
	var out []string
	for _, a := range res.Answers {
		out = append(out, a.Quote)
	}
	return out
}

func TestAskTopAnswer(t *testing.T) {
	f := newFake(storyArticles()...)
	tests := []struct {
		q   string
		top string // the top quote holds this
	}{
		{"how many soldiers died?", "600"},
		{"HOW MANY SOLDIERS DIED", "600"},
		{"hw many soldiers died", "600"},
		{"how many troops were sent?", "4,000"},
		{"were 4000 troops sent", "4,000"}, // numberVariants
		{"four thousand?", "4,000"},        // numbersAsDigits
		{"six hundred", "600"},
		{"where was the ceremony", "Pyongyang"},
		{"ceremny in pyongyang", "Pyongyang"}, // misspelling
		{"who hugged the children", "hugged the children"},
		{"were medals awarded", "Medals were awarded"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res, err := ask(t, f, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Answered {
				t.Fatalf("not answered (confidence %v)", res.Confidence)
			}
			if !strings.Contains(res.Answers[0].Quote, tc.top) {
				t.Errorf("top quote %q, want one holding %q; all: %q", res.Answers[0].Quote, tc.top, quotes(res))
			}
		})
	}
}

// TestAskIgnoresChatMarkup: a mention, a custom emoji or a link in a
// message changes neither the quotes nor the confidence, and the question
// is echoed as sent.
func TestAskIgnoresChatMarkup(t *testing.T) {
	f := newFake(storyArticles()...)
	plain, err := ask(t, f, "how many soldiers died?")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"<@123456789> how many soldiers died?",
		"how many soldiers died? <:salute:42> https://example.com/story",
	} {
		res, err := ask(t, f, q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Question != q || res.Confidence != plain.Confidence || !slices.Equal(quotes(res), quotes(plain)) {
			t.Errorf("%q: question %q, confidence %v, quotes %q; want %q, %v, %q", q, res.Question, res.Confidence, quotes(res), q, plain.Confidence, quotes(plain))
		}
	}
}

func TestAskInputErrors(t *testing.T) {
	tests := []struct {
		q    string
		want error
	}{
		{"", ErrEmptyQuestion},
		{"   \t ", ErrEmptyQuestion},
		{"\x00\x1b\x7f", ErrEmptyQuestion},
		{strings.Repeat("why ", MaxQuestionRunes), ErrLongQuestion},
		{"???", ErrNoWords},
		{"how?", ErrNoWords},             // only stop words
		{"how many?", ErrNoWords},        // stop words and scaffolding
		{"tell me, please!", ErrNoWords}, // scaffolding only
		{"* + - ~ ^ /", ErrNoWords},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%.20q", tc.q), func(t *testing.T) {
			f := newFake(storyArticles()...)
			var p pins
			res, err := New(f.acquire(&p)).Ask(context.Background(), tc.q)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			checkResult(t, f, res, err)
			if res.Answered {
				t.Errorf("answered with an error")
			}
			if len(f.searched) != 0 {
				t.Errorf("searched %v for a question that cannot be asked", f.searched)
			}
			if got, want := p.released.Load(), p.acquired.Load(); got != want {
				t.Errorf("released %d of %d acquisitions", got, want)
			}
		})
	}
}

// A question no passage shares a word with gets no answer, whatever the
// model. (Declining questions that share some words with the passages is
// the fitted model's call: cmd/bot's quality tests check it on the seeds.)
func TestAskUnanswered(t *testing.T) {
	f := newFake(storyArticles()...)
	for _, q := range []string{"zzzz qqqq", "xylophones?"} {
		t.Run(q, func(t *testing.T) {
			res, err := ask(t, f, q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Answered || len(res.Answers) != 0 {
				t.Errorf("answered %q, want no answer", quotes(res))
			}
			if res.Question != q {
				t.Errorf("Question = %q, want %q", res.Question, q)
			}
		})
	}
}

func TestAskQuotesArePassages(t *testing.T) {
	f := newFake(storyArticles()...)
	res, err := ask(t, f, "soldiers troops Kursk")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered {
		t.Fatal("not answered")
	}
	// Each quote is one passage's text, or a passage and the one before it
	// joined by the exact text between them.
	var allowed = map[string]bool{}
	for _, ps := range f.passages {
		for i, p := range ps {
			allowed[p.Text] = true
			if i > 0 && p.Gap != "" && ps[i-1].Para == p.Para {
				allowed[ps[i-1].Text+p.Gap+p.Text] = true
			}
		}
	}
	for _, a := range res.Answers {
		if !allowed[a.Quote] {
			t.Errorf("quote %q is neither a passage nor two joined", a.Quote)
		}
	}
}

func TestAskLeansBack(t *testing.T) {
	f := newFake(storyArticles()...)
	res, err := ask(t, f, "honoured in Pyongyang")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered {
		t.Fatal("not answered")
	}
	// "They were honoured…" needs the sentence before it to say who.
	want := "About 600 soldiers died fighting in Kursk, lawmakers said. They were honoured at a ceremony in Pyongyang."
	if got := res.Answers[0].Quote; got != want {
		t.Errorf("top quote %q, want %q", got, want)
	}
	// A sentence that leans back is never quoted without its predecessor.
	for _, a := range res.Answers {
		if strings.HasPrefix(a.Quote, "They were honoured") {
			t.Errorf("quote %q without the sentence it leans on", a.Quote)
		}
	}
}

func TestAskLeansBackNotAcrossParagraphs(t *testing.T) {
	f := newFake(storyArticles()...)
	res, err := ask(t, f, "when was it held")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered {
		t.Fatal("not answered")
	}
	// "It was held on Friday." opens a paragraph: there is nothing of its
	// paragraph to join it to.
	if got, want := res.Answers[0].Quote, "It was held on Friday."; got != want {
		t.Errorf("top quote %q, want %q", got, want)
	}
}

func TestAskDuplicatesCollapsed(t *testing.T) {
	same := "About 600 soldiers died fighting in Kursk."
	f := newFake(
		fakeArticle{id: "a", source: Source{Outlet: "A"}, paras: [][]string{
			{same},
			{"Elsewhere, officials met."},
			// Near-identical to the first: one of the two is enough.
			{"About 600 soldiers died fighting in Kursk, officials said."},
		}},
		fakeArticle{id: "b", source: Source{Outlet: "B"}, paras: [][]string{{same}}},
		fakeArticle{id: "c", source: Source{Outlet: "C"}, paras: [][]string{{"In Kursk, 600 soldiers are thought to have died."}}},
	)
	res, err := ask(t, f, "how many soldiers died in Kursk")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered {
		t.Fatal("not answered")
	}
	seen := map[string]bool{}
	for _, a := range res.Answers {
		if seen[a.Quote] {
			t.Errorf("quote %q given twice", a.Quote)
		}
		seen[a.Quote] = true
	}
	for i, a := range res.Answers {
		for _, b := range res.Answers[i+1:] {
			if a.Source == b.Source && similar(a.Quote, b.Quote) {
				t.Errorf("near-duplicate quotes from %s: %q and %q", a.Source.Outlet, a.Quote, b.Quote)
			}
		}
	}
	if !seen["In Kursk, 600 soldiers are thought to have died."] {
		t.Errorf("answers %q leave out the one distinct wording", quotes(res))
	}
}

// An article with several good passages does not crowd out another
// article saying the same: agreeing sources appear side by side.
func TestAskPrefersOtherArticles(t *testing.T) {
	f := newFake(
		fakeArticle{id: "loud", source: Source{Outlet: "Loud"}, paras: [][]string{
			{"Soldiers died in Kursk; soldiers died near Kursk too."},
			{"Kursk: where soldiers died, and soldiers died again."},
			{"Many soldiers died at Kursk, as other soldiers died elsewhere."},
		}},
		fakeArticle{id: "quiet", source: Source{Outlet: "Quiet"}, paras: [][]string{
			{"Soldiers died in Kursk, officials said."},
		}},
	)
	q := "soldiers died in Kursk"
	// The full-text search alone puts the quiet article last.
	hits, _ := f.Search(context.Background(), []Weighted{{"soldier", 1}, {"died", 1}, {"kursk", 1}}, 10)
	if len(hits) != 4 || hits[3].ArticleID != "quiet" {
		t.Fatalf("search order %+v, want the quiet article last", hits)
	}
	res, err := ask(t, f, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) < 2 {
		t.Fatalf("answers %q, want at least two", quotes(res))
	}
	if got := []string{res.Answers[0].Source.Outlet, res.Answers[1].Source.Outlet}; got[0] != "Loud" || got[1] != "Quiet" {
		t.Errorf("first two answers from %q, want Loud then Quiet; all: %q", got, quotes(res))
	}
}

func TestAskAtMostMaxAnswers(t *testing.T) {
	var arts []fakeArticle
	places := []string{"Kursk", "Belgorod", "Sudzha", "Lgov", "Rylsk", "Oboyan", "Korenevo", "Glushkovo"}
	for i, place := range places {
		arts = append(arts, fakeArticle{
			id:     fmt.Sprintf("a%d", i),
			source: Source{Outlet: fmt.Sprintf("Outlet %d", i)},
			paras:  [][]string{{fmt.Sprintf("Soldiers from unit %d died near %s.", 100+i, place)}},
		})
	}
	f := newFake(arts...)
	res, err := ask(t, f, "soldiers died")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) != MaxAnswers {
		t.Errorf("%d answers, want %d of the %d equally good ones", len(res.Answers), MaxAnswers, len(places))
	}
}

func TestAskReleasesTheIndex(t *testing.T) {
	boom := errors.New("index on fire")
	tests := []struct {
		name   string
		q      string
		search func(context.Context, []Weighted, int) ([]Passage, error)
		err    error
	}{
		{"answered", "how many soldiers died", nil, nil},
		{"unanswered", "how tall is Everest", nil, nil},
		{"no words", "how?", nil, ErrNoWords},
		{"search fails", "how many soldiers died", func(context.Context, []Weighted, int) ([]Passage, error) { return nil, boom }, boom},
		{"search finds nothing", "how many soldiers died", func(context.Context, []Weighted, int) ([]Passage, error) { return nil, nil }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(storyArticles()...)
			f.SearchFn = tc.search
			var p pins
			e := New(f.acquire(&p))
			for range 3 {
				res, err := e.Ask(context.Background(), tc.q)
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				checkResult(t, f, res, err)
			}
			if p.acquired.Load() != 3 || p.released.Load() != 3 {
				t.Errorf("acquired %d, released %d; want 3 and 3", p.acquired.Load(), p.released.Load())
			}
		})
	}
}

func TestAskAcquireFails(t *testing.T) {
	boom := errors.New("no index")
	e := New(func() (Searcher, func(), error) { return nil, nil, boom })
	res, err := e.Ask(context.Background(), "how many soldiers died")
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	if res.Answered || res.Answers == nil || len(res.Answers) != 0 {
		t.Errorf("result %+v, want unanswered with an empty list", res)
	}
}

func TestAskPassesContext(t *testing.T) {
	type key struct{}
	f := newFake(storyArticles()...)
	var got any
	f.SearchFn = func(ctx context.Context, _ []Weighted, _ int) ([]Passage, error) {
		got = ctx.Value(key{})
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "mine"))
	cancel()
	_, err := New(f.acquire(nil)).Ask(ctx, "how many soldiers died")
	if got != "mine" {
		t.Errorf("Search got context value %v, want the caller's context", got)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// Bleve's query-string syntax in a question is plain text: only analysed
// words reach the search, never field names, operators, wildcards,
// regular expressions, fuzziness or boosts.
func TestAskQuerySyntaxIsInert(t *testing.T) {
	for _, q := range []string{
		`title:foo +bar -baz "unterminated`,
		`*`,
		`soldiers*`,
		`/regex.*/`,
		`soldiers~2`,
		`soldiers^10`,
		`text:soldiers AND died`,
		`+soldiers -died`,
		`(soldiers OR troops) && !died`,
		`died:>600`,
		`{soldiers TO troops]`,
		`how many soldiers died\`,
		`'; DROP TABLE articles;--`,
		`{{.Token}} $(id) @everyone`,
	} {
		t.Run(q, func(t *testing.T) {
			f := newFake(storyArticles()...)
			res, err := New(f.acquire(nil)).Ask(context.Background(), q)
			if err != nil && !errors.Is(err, ErrNoWords) {
				t.Fatalf("error %v", err)
			}
			checkResult(t, f, res, err)
			for _, call := range f.searched {
				for _, w := range call {
					if !f.analysed[w.Term] {
						t.Errorf("searched for %q, which the analyser never produced", w.Term)
					}
					if strings.ContainsAny(w.Term, `:+-"*/~^()[]{}!&|\'<>=;$@ `) {
						t.Errorf("searched for %q, which holds query syntax", w.Term)
					}
					if !(w.Weight > 0) || math.IsInf(w.Weight, 0) {
						t.Errorf("term %q weighs %v", w.Term, w.Weight)
					}
				}
			}
		})
	}
}

// One Engine serves every Discord interaction at once.
func TestAskConcurrent(t *testing.T) {
	f := newFake(storyArticles()...)
	var p pins
	e := New(f.acquire(&p))
	questions := []string{"how many soldiers died", "where was the ceremony", "", "how?", "who hugged the children"}
	done := make(chan struct{})
	for i := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range 10 {
				q := questions[(i+j)%len(questions)]
				res, err := e.Ask(context.Background(), q)
				if err == nil && q != "" && q != "how?" && !res.Answered {
					t.Errorf("%q not answered", q)
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
	if p.acquired.Load() != p.released.Load() {
		t.Errorf("acquired %d, released %d", p.acquired.Load(), p.released.Load())
	}
}

// What the index remembers for answering (passages' words, question
// words' concepts) changes no answer: one engine's answers, cold, warm
// and in reverse order, equal those of an engine over an index asked
// nothing before.
func TestRememberedChangesNothing(t *testing.T) {
	questions := []string{"how many soldiers died", "how many troops were sent to kursk", "when was the ceremony held", "where were the soldiers honoured", "who hugged the children", "what was the weather like", "how many soldiers were honoured in pyongyang"}
	reversed := slices.Clone(questions)
	slices.Reverse(reversed)
	f := newFake(storyArticles()...)
	e := New(f.acquire(nil))
	for _, tc := range []struct {
		name      string
		questions []string
	}{
		{"cold", questions},
		{"warm", questions},
		{"reversed", reversed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range tc.questions {
				got, gotErr := e.Ask(context.Background(), q)
				want, wantErr := New(newFake(storyArticles()...).acquire(nil)).Ask(context.Background(), q)
				if fmt.Sprint(got, gotErr) != fmt.Sprint(want, wantErr) {
					t.Errorf("%q is answered\n%v %v\nwhere an engine over a fresh index answers\n%v %v", q, got, gotErr, want, wantErr)
				}
			}
		})
	}
	for _, key := range []rememberKey{passageWordsKey, conceptsKey} {
		if f.kept[key] == nil {
			t.Errorf("nothing remembered under key %d", key)
		}
	}
}

// dfOnly answers document frequencies from a table; nothing else.
type dfOnly struct {
	Searcher
	n  int
	df map[string]int
}

func (s dfOnly) NumPassages() int        { return s.n }
func (s dfOnly) DocFreq(term string) int { return s.df[term] }

func TestQueryTermsLeavesOutCommonTerms(t *testing.T) {
	q := question{concepts: []concept{
		{word: "say", weight: 0.5, alts: map[string]float64{"sai": 1, "said": matchSynonym}},
		{word: "speech", weight: 2, alts: map[string]float64{"speech": 1}},
	}}
	terms := func(s Searcher, q question) []string {
		var out []string
		for _, w := range queryTerms(s, q) {
			out = append(out, w.Term)
		}
		return out
	}
	tests := []struct {
		name string
		s    dfOnly
		q    question
		want []string
	}{
		{"a small corpus keeps every term",
			dfOnly{n: 300, df: map[string]int{"sai": 120, "said": 200, "speech": 3}}, q,
			[]string{"sai", "said", "speech"}},
		{"a large corpus drops the common ones",
			dfOnly{n: 300_000, df: map[string]int{"sai": 16_000, "said": 107_000, "speech": 120}}, q,
			[]string{"speech"}},
		{"common in number but not in share",
			dfOnly{n: 10_000_000, df: map[string]int{"sai": 14_000, "said": 107_000, "speech": 120}}, q,
			[]string{"sai", "said", "speech"}},
		{"nothing but common terms keeps the rarest",
			dfOnly{n: 300_000, df: map[string]int{"sai": 14_000, "said": 107_000}},
			question{concepts: q.concepts[:1]},
			[]string{"sai"}},
	}
	for _, tc := range tests {
		if got := terms(tc.s, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: query terms %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestAskNamedOutlet: a question naming an outlet is answered from that
// outlet's article, and the outlet's name is not a word to look for.
func TestAskNamedOutlet(t *testing.T) {
	f := newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters"},
			paras: [][]string{{"About 600 soldiers died in the fighting, officials said."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times"},
			paras: [][]string{{"Roughly 600 soldiers died, lawmakers said in April."}}},
	)
	e := New(f.acquire(nil))
	for q, want := range map[string]string{
		"what did the new york times say about how many soldiers died": "b.md",
		"according to the nyt how many soldiers died":                  "b.md",
		"how many soldiers died according to reuters":                  "a.md",
	} {
		tr, err := e.Trace(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tr.Candidates {
			if c.Source.File != want {
				t.Errorf("%q: a candidate from %s, want only %s's", q, c.Source.File, want)
			}
		}
		for _, c := range tr.q.concepts {
			if c.word == "times" || c.word == "nyt" || c.word == "reuters" {
				t.Errorf("%q: the outlet's name %q is a concept", q, c.word)
			}
		}
	}
	// "times" alone names no outlet.
	tr, err := e.Trace(context.Background(), "how many times did soldiers die")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Candidates) != 2 {
		t.Errorf("how many times…: %d candidates, want both articles'", len(tr.Candidates))
	}
}

// TestAskNamedOutletSilent: a question naming an outlet whose article
// holds none of its words is declined, with a note saying so. Before,
// "what does abc say about the treaty" was answered with ABC's sentence
// about the death toll, and a question about what only another outlet
// reports with that outlet's quote.
func TestAskNamedOutletSilent(t *testing.T) {
	f := newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters"},
			paras: [][]string{{"Six hundred soldiers died in the fighting, officials said."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times"},
			paras: [][]string{{"The two countries signed a treaty in June, officials said."}}},
	)
	e := New(f.acquire(nil))
	res, err := e.Ask(context.Background(), "what did reuters say on the treaty")
	if err != nil {
		t.Fatal(err)
	}
	if res.Answered || len(res.Answers) != 0 || res.Note != `The Reuters article does not mention "treaty".` {
		t.Errorf("answered %v with %v, note %q; want declined with a note that Reuters does not mention it", res.Answered, res.Answers, res.Note)
	}
	tr, err := e.Trace(context.Background(), "what did reuters say on the treaty")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Candidates) != 0 {
		t.Errorf("Trace has %d candidates; Ask declines without any", len(tr.Candidates))
	}
	// The outlet that holds the word answers; so does the other, asked
	// about what it holds.
	for q, want := range map[string]string{
		"what did the new york times say on the treaty": "b.md",
		"what did reuters say on the soldiers":          "a.md",
	} {
		res, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Note != "" || !res.Answered || res.Answers[0].Source.File != want {
			t.Errorf("%q: answered %v, note %q, answers %v; want %s's quote", q, res.Answered, res.Note, res.Answers, want)
		}
	}
	// Of a word no article holds, or of the outlet's own name alone, its
	// silence is not worth a note.
	for _, q := range []string{"what did reuters say on the zorgs", "reuters"} {
		if res, err := e.Ask(context.Background(), q); err != nil || res.Note != "" {
			t.Errorf("%q: note %q (err %v), want none", q, res.Note, err)
		}
	}
	// When the search finds as many passages as it asks for, an outlet
	// with none among them may still hold the word further down: no note.
	var many [][]string
	for i := range searched + 5 {
		many = append(many, []string{fmt.Sprintf("Soldiers marched %d miles.", i+1)})
	}
	f = newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters"}, paras: [][]string{{"The weather was mild."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times"}, paras: many},
	)
	e = New(f.acquire(nil))
	if res, err := e.Ask(context.Background(), "what did reuters say on the soldiers"); err != nil || res.Note != "" {
		t.Errorf("with the search's limit reached: note %q (err %v), want none", res.Note, err)
	}
}

// Asked what someone no article mentions said, the engine declines and
// says so: any quote would be someone else's words.
func TestAskUnmentionedSpeaker(t *testing.T) {
	f := newFake(fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters", Author: "Jane Roe"},
		paras:   [][]string{{"Kim said the soldiers fought bravely, and Putin praised their courage in a message."}},
		credits: "(Reporting by Jane Roe; editing by Mark Heinrich)"})
	e := New(f.acquire(nil))
	for q, note := range map[string]string{
		"what did xi jinping say about the soldiers": `None of the articles mentions "xi jinping".`,
		"What does THE BBC say about the soldiers?":  `None of the articles mentions "BBC".`,
		// Whose words they are may be mentioned; they are still no one's here.
		"what did kim's sister say about the soldiers": `None of the articles mentions "kim's sister".`,
	} {
		res, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered || len(res.Answers) != 0 || res.Note != note {
			t.Errorf("%q: answered %v with %v, note %q; want declined with note %q", q, res.Answered, res.Answers, res.Note, note)
		}
	}
	// A speaker the articles mention, even mistyped, is answered as ever.
	for _, q := range []string{"what did putin say about the soldiers", "what did puttin say about the soldiers", "what did kim say"} {
		res, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Note != "" || !res.Answered {
			t.Errorf("%q: answered %v, note %q; want answered without a note", q, res.Answered, res.Note)
		}
	}
	// The author is named by the byline and an editor by the credit line,
	// if not in the prose; an article named as the speaker ("the original
	// report") is no one unmentioned.
	for _, q := range []string{"what did jane roe write about the soldiers", "what did mark heinrich say about the soldiers",
		"what does the original report say about the soldiers"} {
		if res, err := e.Ask(context.Background(), q); err != nil || res.Note != "" {
			t.Errorf("%q: note %q (err %v), want none", q, res.Note, err)
		}
	}
}
