package answer

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storybot/storybot/index"
)

func TestMetaQuestion(t *testing.T) {
	tests := []struct {
		q    string
		want metaKind
	}{
		{"who wrote the reuters article", metaAuthor},
		{"Who wrote this story?", metaAuthor},
		{"who reported this", metaAuthor},
		{"who first reported this?", metaAuthor},
		{"who published this", metaAuthor},
		{"who is the author of the kyiv independent piece?", metaAuthor},
		{"which reporter wrote the NYT article", metaAuthor},
		{"names of the journalists behind these articles", metaAuthor},
		{"when was the new york times story published", metaDate},
		{"when did the nyt article come out", metaDate},
		{"what's the publication date of the abc piece", metaDate},
		{"which outlet published first", metaDate},
		{"which newspaper broke the story first?", metaDate},
		{"which outlets do you use", metaOutlets},
		{"what sources are these articles from", metaOutlets},
		{"What are your sources?", metaOutlets},
		{"list the sources", metaOutlets},
		{"where do the articles come from", metaOutlets},
		{"which newspapers reported on the ceremony", metaOutlets},
		{"what outlets covered the story", metaOutlets},
		{"how many articles do you have", metaOutlets},
		{"which news organizations reported on the ceremony", metaOutlets},
		// Questions about the story itself.
		{"who reported the death numbers?", metaNone},
		{"who reported this to parliament", metaNone},
		{"which country reported casualties first", metaNone},
		{"so who reported it first, the north or the south", metaNone},
		{"which news agency quoted Kim's speech", metaNone},
		{"what's the source for all this, which news agency", metaNone},
		{"when was the ceremony held", metaNone},
		{"who wrote the message to kim", metaNone},
		{"which sources say 600 died", metaNone},
		{"how many soldiers died", metaNone},
		{"when were the prisoners released?", metaNone},
		{"when was the footage released?", metaNone},
		{"when did the war run out of troops?", metaNone},
		{"what did reporters for state media say in their reports?", metaNone},
		{"which journalists on the ground filed reports?", metaNone},
		{"what did state media report", metaNone},
		{"who was the journalist killed, according to reuters", metaNone},
		{"who is the reporter reuters quoted", metaNone},
		{"who were the reporters?", metaAuthor},
		{"who is the reporter of the abc piece", metaAuthor},
		{"who reported this number first", metaNone},
		{"which organizations condemned the deployment", metaNone},
		{"what did the reporters behind the state media reports say", metaNone},
		{"what is the newest article?", metaDate},
		{"what's the oldest story", metaDate},
		{"what is the latest news on the troops", metaNone},
		{"who edited the reuters article", metaEditor},
		{"who edited this story?", metaEditor},
		{"who contributed additional reporting", metaEditor},
		{"who helped with the reporting", metaEditor},
		{"who edited the footage", metaNone},
		{"who edited the names out of the video", metaNone},
		{"who was the reuters story edited by", metaEditor},
		{"which reporters contributed to the reuters story", metaEditor},
		{"who contributed to this article", metaEditor},
		{"who wrote the reuters story and who edited it", metaAuthor},
		{"who edited the kcna report", metaNone},
		{"who edited the state media report on the ceremony", metaNone},
		{"was there additional reporting on the casualties", metaNone},
		{"who contributed troops to the war", metaNone},
		{"what city was the reuters story filed from", metaFiled},
		{"where was this article written?", metaFiled},
		{"where was the ceremony held", metaNone},
		{"where was the ceremony reported", metaNone},
		{"where were the soldiers reported killed in the story", metaNone},
	}
	for _, tc := range tests {
		if got := metaQuestion(metaNormal(strings.ToLower(tc.q))); got != tc.want {
			t.Errorf("metaQuestion(%q) = %d, want %d", tc.q, got, tc.want)
		}
	}
}

func TestMetaAnswers(t *testing.T) {
	arts := []ArticleMeta{
		{ID: "a", Source: Source{File: "a.md", Outlet: "Reuters", Author: "Joyce Lee"}, Headline: "Kim decorates soldiers", Byline: "By Joyce Lee", Credits: "(Reporting by Joyce Lee; editing by Mark Roe)"},
		{ID: "b", Source: Source{File: "b.md", Outlet: "The New York Times", Author: "Choe Sang-Hun", Date: "2025-08-22"}, Headline: "North Korea honors soldiers", Byline: "Choe Sang-Hun", Dateline: "Aug. 22, 2025"},
		{ID: "c", Source: Source{File: "c.md", Outlet: "ABC", Date: "2025-08-21"}, Headline: "Kim pays tribute"},
		{ID: "d", Source: Source{File: "d.md"}},
	}
	tests := []struct {
		k     metaKind
		q     string
		want  []string
		files []string
	}{
		// The credit line names who else reported: after the bylines.
		{metaAuthor, "who wrote the reuters article", []string{"By Joyce Lee", "(Reporting by Joyce Lee; editing by Mark Roe)"}, []string{"a.md", "a.md"}},
		{metaAuthor, "who wrote the nyt piece", []string{"Choe Sang-Hun"}, []string{"b.md"}},
		{metaAuthor, "who wrote these", []string{"By Joyce Lee", "Choe Sang-Hun", "(Reporting by Joyce Lee; editing by Mark Roe)"}, []string{"a.md", "b.md", "a.md"}},
		{metaEditor, "who edited the reuters article", []string{"(Reporting by Joyce Lee; editing by Mark Roe)"}, []string{"a.md"}},
		{metaEditor, "who edited these", []string{"(Reporting by Joyce Lee; editing by Mark Roe)"}, []string{"a.md"}},
		{metaDate, "when was the new york times story published", []string{"Aug. 22, 2025"}, []string{"b.md"}},
		// No date line: the headline, cited with the header's date.
		{metaDate, "when was the abc article published", []string{"Kim pays tribute"}, []string{"c.md"}},
		// In order of date when asked which came first or last.
		{metaDate, "which article came out first", []string{"Kim pays tribute", "Aug. 22, 2025"}, []string{"c.md", "b.md"}},
		{metaDate, "which article is the newest", []string{"Aug. 22, 2025", "Kim pays tribute"}, []string{"b.md", "c.md"}},
		{metaOutlets, "which outlets", []string{"Kim decorates soldiers", "North Korea honors soldiers", "Kim pays tribute"}, []string{"a.md", "b.md", "c.md"}},
	}
	for _, tc := range tests {
		got, ok := metaAnswers(tc.k, tc.q, arts)
		if !ok || len(got) != len(tc.want) {
			t.Errorf("%q: %d answers (ok %v), want %d", tc.q, len(got), ok, len(tc.want))
			continue
		}
		for i, a := range got {
			if a.Quote != tc.want[i] || a.Source.File != tc.files[i] {
				t.Errorf("%q: answer %d is %q from %s, want %q from %s", tc.q, i, a.Quote, a.Source.File, tc.want[i], tc.files[i])
			}
		}
	}
	// In order of date, those without a calendar date last, ties in
	// file order.
	dated := []ArticleMeta{
		{ID: "u", Source: Source{File: "a.md", Date: "August 21, 2025"}, Dateline: "August 21, 2025"},
		{ID: "x", Source: Source{File: "b.md", Date: "2025-08-22"}, Dateline: "Aug. 22"},
		{ID: "y", Source: Source{File: "c.md", Date: "2025-08-21"}, Dateline: "Aug. 21"},
		{ID: "z", Source: Source{File: "d.md", Date: "2025-08-22"}, Dateline: "22 Aug"},
	}
	for q, want := range map[string][]string{
		"which article is the newest":  {"b.md", "d.md", "c.md", "a.md"},
		"which article came out first": {"c.md", "b.md", "d.md", "a.md"},
		"when were they published":     {"a.md", "b.md", "c.md", "d.md"},
	} {
		got, _ := metaAnswers(metaDate, q, dated)
		var files []string
		for _, a := range got {
			files = append(files, a.Source.File)
		}
		if !slices.Equal(files, want) {
			t.Errorf("%q: %v, want %v", q, files, want)
		}
	}
	// An article named by its date, whatever is asked of it: those of
	// the latest (or earliest) calendar date in the front matter.
	bylined := []ArticleMeta{
		{ID: "u", Source: Source{File: "a.md", Outlet: "Reuters", Date: "2025-08-22"}, Headline: "Kim decorates soldiers", Byline: "By Joyce Lee"},
		{ID: "x", Source: Source{File: "b.md", Outlet: "Test Wire", Date: "2025-09-12"}, Headline: "Museum opens", Byline: "By A. Tester"},
		{ID: "y", Source: Source{File: "c.md", Outlet: "ABC", Date: "2025-08-21"}, Headline: "Kim pays tribute", Byline: "By Ann Smith"},
		{ID: "z", Source: Source{File: "d.md", Outlet: "Daily", Date: "soon"}, Headline: "Undated", Byline: "By Bo Li"},
	}
	for _, tc := range []struct {
		k    metaKind
		q    string
		want []string
	}{
		{metaAuthor, "who wrote the latest article", []string{"b.md"}},
		{metaAuthor, "who wrote the oldest story", []string{"c.md"}},
		{metaOutlets, "what is the newest article about", []string{"b.md"}},
		{metaOutlets, "any updates?", []string{"b.md"}},
		{metaOutlets, "what's the latest", []string{"b.md"}},
		{metaOutlets, "what is the latest news", []string{"b.md"}},
		// Not named by date: every article.
		{metaAuthor, "who wrote these", []string{"a.md", "b.md", "c.md", "d.md"}},
	} {
		got, _ := metaAnswers(tc.k, tc.q, bylined)
		var files []string
		for _, a := range got {
			files = append(files, a.Source.File)
		}
		if !slices.Equal(files, tc.want) {
			t.Errorf("%q: %v, want %v", tc.q, files, tc.want)
		}
	}
	// An outlet is named by whole words: "AP" is not in "happened".
	ap := append(arts[:3:3], ArticleMeta{ID: "e", Source: Source{File: "e.md", Outlet: "AP"}, Headline: "AP headline", Byline: "By Ann Smith"})
	if got, _ := metaAnswers(metaAuthor, "who wrote what happened", ap); len(got) != 4 {
		t.Errorf("who wrote what happened: %d answers, want every byline and the credit line (4)", len(got))
	}
	if got, _ := metaAnswers(metaAuthor, "who wrote the ap story", ap); len(got) != 1 || got[0].Quote != "By Ann Smith" {
		t.Errorf("who wrote the ap story: %+v, want AP's byline", got)
	}
	// Nothing to quote: the question is asked as any other.
	if got, ok := metaAnswers(metaAuthor, "who wrote the abc article", arts); ok {
		t.Errorf("who wrote the abc article: %v, want nothing (ABC's text has no byline)", got)
	}
	if got, ok := metaAnswers(metaEditor, "who edited the nyt article", arts); ok {
		t.Errorf("who edited the nyt article: %v, want nothing (its text has no credit line)", got)
	}
	// A story that names its reporters only in its credit line: that line
	// answers who wrote it.
	wire := []ArticleMeta{{ID: "w", Source: Source{File: "w.md", Outlet: "Wire"}, Credits: "(Reporting by Ann Smith; Editing by Bo Li)"}}
	if got, ok := metaAnswers(metaAuthor, "who wrote it", wire); !ok || len(got) != 1 || got[0].Quote != wire[0].Credits {
		t.Errorf("who wrote it (credit line only): %+v, want the credit line", got)
	}
}

// TestMetaNamed: some questions are about the articles only when they name
// one of them, by outlet or author.
func TestMetaNamed(t *testing.T) {
	arts := []ArticleMeta{
		{ID: "a", Source: Source{File: "a.md", Outlet: "Reuters", Author: "Joyce Lee and Ju-min Park"}},
		{ID: "b", Source: Source{File: "b.md", Outlet: "The Kyiv Independent", Author: "Olena Goncharova"}},
	}
	tests := []struct {
		q    string
		want metaKind
	}{
		{"which reporter wrote for the kyiv independent", metaAuthor},
		{"who reported this story for reuters", metaAuthor},
		{"who is olena goncharova", metaAuthor},
		{"what outlet does joyce lee write for", metaAuthor},
		{"who does goncharova work for", metaAuthor},
		{"what is the headline of the reuters story", metaOutlets},
		{"what's the title of the article", metaOutlets},
		{"what's the headline of the piece about kursk", metaOutlets},
		{"when did the kyiv independent publish", metaDate},
		{"when did the kyiv independent publish the footage", metaNone},
		{"which outlet is the olena goncharova article from", metaAuthor},
		{"reuters byline", metaAuthor},
		{"is the reuters article by joyce lee", metaAuthor},
		{"what did joyce lee write about the medals", metaNone},
		{"who's the journalist behind the kyiv independent report", metaAuthor},
		{"who is the reporter for reuters", metaAuthor},
		{"who edited the reuters report", metaEditor},
		{"who was the kyiv independent report edited by", metaEditor},
		{"who contributed to the reuters report", metaEditor},
		{"who helped with the kyiv independent report", metaEditor},
		{"tell me the sources", metaOutlets},
		{"what does reuters say", metaOutlets},
		{"link?", metaLink},
		{"where can i read the full story", metaLink},
		{"where did reuters report from?", metaFiled},
		// Not about the articles.
		{"who edited the kcna report", metaNone},
		{"who is kim jong un", metaNone},
		{"who fought for russia", metaNone},
		{"who reported for duty at the front", metaNone},
		{"what title did kim give the commanders", metaNone},
		{"what outlet does the river have", metaNone},
		{"who reported that 600 north korean soldiers were killed", metaNone},
		{"who first reported it", metaNone},
		{"who covered them with flags", metaNone},
		{"who was in the park", metaNone},
		{"who was there when they sang the anthem", metaNone},
		{"who worked for the kyiv government", metaNone},
		{"what title was given to them", metaNone},
		{"what is the title of the award they received", metaNone},
		{"who is the reuters source quoted", metaNone},
		{"who was the journalist killed, according to reuters", metaNone},
		{"who is the reporter reuters quoted", metaNone},
		{"who was the correspondent detained in moscow, reuters said", metaNone},
		{"who contributed to the report on casualties", metaNone},
		{"tell me the sources of the weapons", metaNone},
		{"what is the link between kim and putin", metaNone},
		{"what did the soldiers report", metaNone},
	}
	for _, tc := range tests {
		q := metaNormal(strings.ToLower(tc.q))
		got := metaQuestion(q)
		if got == metaNone && metaMaybeNamed(q) {
			var outlets, authors []string
			for _, a := range arts {
				outlets, authors = append(outlets, a.Source.Outlet), append(authors, a.Source.Author)
			}
			got = metaNamed(q, outlets, authors)
		}
		if got != tc.want {
			t.Errorf("%q: %d, want %d", tc.q, got, tc.want)
		}
	}
}

func TestLeadDateline(t *testing.T) {
	for text, want := range map[string]bool{
		"SEOUL - North Korean leader Kim Jong Un lauded his troops.":      true,
		"SEOUL, South Korea (Reuters) — Kim Jong Un lauded his troops.":   true,
		"KYIV – Ukraine said on Friday that the toll had risen.":          true,
		"North Korean leader Kim Jong Un lauded his troops.":              false,
		"U.S. officials said the troops had returned.":                    false,
		"SEOUL-based analysts said the ceremony was a show of gratitude.": false,
	} {
		if got := leadDatelineRE.MatchString(text); got != want {
			t.Errorf("%q: dateline %v, want %v", text, got, want)
		}
	}
}

func TestCreditNames(t *testing.T) {
	got := creditNames("(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)")
	want := []string{"joyce lee", "ju min park", "heejin kim", "cynthia osterman", "ed davies", "mark heinrich"}
	if !slices.Equal(got, want) {
		t.Errorf("creditNames = %q, want %q", got, want)
	}
}

// TestMetaFallsThrough: a question shaped like one about the articles but
// naming none of them ("who wrote west side story") is asked of the
// articles' text, while one about an article it names that has no byline
// is declined.
func TestMetaFallsThrough(t *testing.T) {
	f := newFake(fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "ABC"},
		paras: [][]string{{"Arthur Laurents wrote the book of West Side Story in 1957."}}})
	e := New(f.acquire(&pins{}))
	tr, err := e.Trace(context.Background(), "who wrote west side story")
	if err != nil {
		t.Fatal(err)
	}
	if tr.AboutArticles {
		t.Error("who wrote west side story: read as a question about the articles")
	}
	tr, err = e.Trace(context.Background(), "who wrote the abc article")
	if err != nil {
		t.Fatal(err)
	}
	if !tr.AboutArticles || len(tr.About) != 0 {
		t.Errorf("who wrote the abc article: about the articles %v, answers %v; want declined", tr.AboutArticles, tr.About)
	}
}

// TestMetaDeclinedSaysWhy: a question about an article it names that
// holds nothing to quote for it is declined with a note saying what the
// article lacks, naming it by its outlet.
func TestMetaDeclinedSaysWhy(t *testing.T) {
	f := newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "ABC"}, paras: [][]string{{"Kim honoured the soldiers."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "ABC"}, paras: [][]string{{"Kim hugged the children."}}},
		fakeArticle{id: "c", source: Source{File: "c.md", Outlet: "Reuters", Author: "Joyce Lee", Date: "2025-08-22"},
			paras: [][]string{{"SEOUL - Kim decorated the troops."}}},
		fakeArticle{id: "d", source: Source{File: "d.md", Outlet: "The Kyiv Independent", Author: "Olena Goncharova"},
			paras: [][]string{{"Kim awarded the troops."}}},
		fakeArticle{id: "e", source: Source{File: "e.md", Outlet: "BBC News"}, paras: [][]string{{"Kim met the troops."}}},
	)
	e := New(f.acquire(&pins{}))
	for _, tc := range []struct{ q, note string }{
		{"who wrote the abc article", "The ABC articles do not name their authors."},
		{"when was the abc story published", "The ABC articles do not give their dates."},
		{"who edited the reuters report", "The Reuters article does not credit its editors."},
		{"what city was the abc story filed from", "The ABC articles do not open with a dateline saying where they were filed from."},
		{"when was the kyiv independent article published", "The Kyiv Independent article does not give its date."},
		{"who edited the kyiv independent report", "The Kyiv Independent article does not credit its editors."},
		// Named by a word of its name no other outlet's has, as the
		// answers read it.
		{"when was the bbc story published", "The BBC News article does not give its date."},
		{"who wrote the reuters article", ""}, // answered from its byline
		{"how many soldiers died", ""},        // not about the articles
	} {
		res, err := e.Ask(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Note != tc.note || (tc.note != "" && res.Answered) {
			t.Errorf("%q: answered %v, note %q; want note %q", tc.q, res.Answered, res.Note, tc.note)
		}
	}
}

// seedsSearcher serves the seeds as the index cuts them: their passages
// (one a line) from a fake, and their own headlines, bylines and date
// lines from index.Parse.
type seedsSearcher struct {
	*fakeIndex
	meta []ArticleMeta
}

func (s seedsSearcher) Articles() []ArticleMeta { return s.meta }

// seedsEngine is an engine over the five seed articles, and their texts
// by file.
func seedsEngine(t *testing.T) (*Engine, map[string]string) {
	t.Helper()
	files, err := filepath.Glob("../seeds/*.md")
	if err != nil || len(files) != 5 {
		t.Fatalf("seeds: %v (%d files)", err, len(files))
	}
	var arts []fakeArticle
	var meta []ArticleMeta
	bodies := map[string]string{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := index.Parse(file, data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		src := Source{File: a.File, Outlet: a.Outlet, Title: a.Title, Author: a.Author, Date: a.Date, URL: a.URL}
		var paras [][]string
		for _, line := range strings.Split(a.Body, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				paras = append(paras, []string{line})
			}
		}
		arts = append(arts, fakeArticle{id: a.ID, source: src, paras: paras})
		meta = append(meta, ArticleMeta{ID: a.ID, Source: src, Headline: a.Headline, Byline: a.Byline, Dateline: a.Dateline})
		bodies[a.File] = a.Body
	}
	s := seedsSearcher{newFake(arts...), meta}
	return New(func() (Searcher, func(), error) { return s, func() {}, nil }), bodies
}

// TestMetaPhrasings asks the questions of testdata/meta_phrasings.txt,
// written from the seeds alone before the recogniser was read: those
// about the articles are answered with the named article's own line (or
// declined when its text has none), those about the story are not read as
// about the articles. Rows marked ? are answered otherwise, and only
// checked to quote verbatim.
func TestMetaPhrasings(t *testing.T) {
	e, bodies := seedsEngine(t)
	outlets := map[string]string{"reuters": "Reuters", "nyt": "The New York Times", "kyiv": "The Kyiv Independent", "abc": "ABC"}
	data, err := os.ReadFile("testdata/meta_phrasings.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " | ", 4)
		if len(f) != 4 {
			t.Fatalf("malformed line %q", line)
		}
		kind, outlet, want, q := f[0], f[1], f[2], f[3]
		rows[kind]++
		// What Ask and Trace do before the story engine.
		text, err := cleanQuestion(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		res, isAbout, err := e.askAboutArticles(context.Background(), text)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		tr := Trace{AboutArticles: isAbout, About: res.Answers}
		for _, a := range tr.About {
			if !strings.Contains(bodies[a.Source.File], a.Quote) {
				t.Errorf("%q: %q is not verbatim from %s", q, a.Quote, a.Source.File)
			}
		}
		if strings.HasPrefix(want, "?") {
			continue
		}
		switch kind {
		case "story":
			if tr.AboutArticles {
				t.Errorf("%q: read as about the articles (%v), want asked of the story", q, tr.About)
			}
			continue
		case "meta":
			if !tr.AboutArticles {
				t.Errorf("%q: asked of the story, want about the articles", q)
				continue
			}
		default:
			t.Fatalf("unknown kind in %q", line)
		}
		switch kindOf, _ := strings.CutPrefix(want, "many:"); {
		case want == "decline":
			if len(tr.About) != 0 {
				t.Errorf("%q: %v, want declined", q, tr.About)
			}
		case strings.HasPrefix(want, "quote:"):
			text := strings.TrimPrefix(want, "quote:")
			if len(tr.About) == 0 || !strings.Contains(tr.About[0].Quote, text) || tr.About[0].Source.Outlet != outlets[outlet] {
				t.Errorf("%q: %v, want a quote holding %q from %s", q, tr.About, text, outlets[outlet])
			}
		case kindOf != want:
			files := map[string]bool{}
			for _, a := range tr.About {
				files[a.Source.File] = true
				if !isArticleLine(e, a, kindOf) {
					t.Errorf("%q: %q from %s is not its %s", q, a.Quote, a.Source.File, kindOf)
				}
			}
			if len(files) < 2 {
				t.Errorf("%q: %v, want quotes from several articles", q, tr.About)
			}
		default:
			t.Fatalf("unknown expectation in %q", line)
		}
	}
	if rows["meta"] < 40 || rows["story"] < 30 {
		t.Errorf("%d questions about the articles and %d about the story, want 40 and 30 at least", rows["meta"], rows["story"])
	}
}

// isArticleLine reports whether a is its article's byline, date line or
// headline (kind "author", "date", "headline"); with no date line, the
// headline cited with the header's date stands for it.
func isArticleLine(e *Engine, a Answer, kind string) bool {
	s, release, err := e.acquire()
	if err != nil {
		return false
	}
	defer release()
	for _, m := range s.Articles() {
		if m.Source != a.Source {
			continue
		}
		switch kind {
		case "author":
			return a.Quote == m.Byline
		case "date":
			return a.Quote == m.Dateline || m.Dateline == "" && m.Source.Date != "" && a.Quote == m.Headline
		case "headline":
			return a.Quote == m.Headline
		}
	}
	return false
}

// TestArticleTableReadsAsEveryArticle: the table answers as reading every
// article does (each one's outlet and author checked against the
// question, the named ones copied and sorted by file, then by date),
// quote for quote and in the same order, ties included, whether asked of
// every article or of some (as "who is heejin kim" is).
func TestArticleTableReadsAsEveryArticle(t *testing.T) {
	outlets := []string{"Reuters", "The New York Times", "AP", "ABC", ""}
	authors := []string{"Joyce Lee and Ju-min Park", "Choe Sang-Hun", "Ann Smith", ""}
	dates := []string{"2025-08-21", "2025-08-22", "2025-08-22", "August 21, 2025", ""}
	lines := func(r *rand.Rand, line string) string {
		if r.IntN(3) == 0 {
			return ""
		}
		return line
	}
	questions := []string{
		"who wrote the reuters article", "who wrote these", "who is joyce lee", "who wrote the ap story",
		"when was the new york times story published", "which article is the newest", "which article came out first",
		"which reuters article is the newest", "which is the first and the last", "when were they published",
		"who edited the nyt article", "who edited these", "which outlets", "what is the headline of the abc story",
		"who wrote what happened", "which choe sang-hun article came out last", "who is ann smith of abc",
	}
	for seed := range uint64(50) {
		r := rand.New(rand.NewPCG(seed, 1))
		var arts []ArticleMeta
		for i := range 5 + r.IntN(40) {
			id := strconv.Itoa(i)
			arts = append(arts, ArticleMeta{
				ID: id,
				// Few files: ties in file order.
				Source:   Source{File: strconv.Itoa(r.IntN(8)) + ".md", Outlet: outlets[r.IntN(len(outlets))], Author: authors[r.IntN(len(authors))], Date: dates[r.IntN(len(dates))], Title: id},
				Headline: lines(r, "Headline "+id), Byline: lines(r, "By "+id), Dateline: lines(r, "Dateline "+id), Credits: lines(r, "(Reporting by "+id+")"),
			})
		}
		table := newArticleTable(arts, nil)
		var among []int
		for i := range table.arts {
			if r.IntN(3) == 0 {
				among = append(among, i)
			}
		}
		subset := make([]ArticleMeta, len(among))
		for k, i := range among {
			subset[k] = table.arts[i]
		}
		for _, q := range questions {
			for _, k := range []metaKind{metaAuthor, metaDate, metaOutlets, metaEditor} {
				got, ok := table.answers(k, q, nil)
				want, wantOK := answersOfEvery(k, q, arts)
				if ok != wantOK || !slices.Equal(got, want) {
					t.Errorf("seed %d, kind %d, %q: %v (%v), want %v (%v)", seed, k, q, got, ok, want, wantOK)
				}
				if among == nil {
					continue
				}
				got, ok = table.answers(k, q, among)
				want, wantOK = answersOfEvery(k, q, subset)
				if ok != wantOK || !slices.Equal(got, want) {
					t.Errorf("seed %d, kind %d, %q, of %v: %v (%v), want %v (%v)", seed, k, q, among, got, ok, want, wantOK)
				}
			}
		}
	}
}

// answersOfEvery answers as metaAnswers did before the articleTable, by
// reading every article for every question.
func answersOfEvery(k metaKind, lower string, arts []ArticleMeta) ([]Answer, bool) {
	words := map[string]bool{}
	for _, w := range splitWords(lower) {
		words[w] = true
	}
	var outlets []string
	for _, a := range arts {
		if !slices.Contains(outlets, a.Source.Outlet) {
			outlets = append(outlets, a.Source.Outlet)
		}
	}
	keys := map[string][]string{}
	for o, k := range keyWords(outlets) {
		keys[outlets[o]] = k
	}
	var named []ArticleMeta
	for _, a := range arts {
		if namesOutlet(padded(lower), a.Source.Outlet, keys[a.Source.Outlet]) || namesAuthor(words, authorWords(a.Source.Author)) {
			named = append(named, a)
		}
	}
	if len(named) == 0 {
		named = slices.Clone(arts)
	}
	sort.SliceStable(named, func(i, j int) bool { return named[i].Source.File < named[j].Source.File })
	if newest, oldest := metaNewestRE.MatchString(lower), metaOldestRE.MatchString(lower); k == metaDate && newest != oldest {
		day := func(a ArticleMeta) (time.Time, bool) {
			t, err := time.Parse(time.DateOnly, a.Source.Date)
			return t, err == nil
		}
		sort.SliceStable(named, func(i, j int) bool {
			a, aok := day(named[i])
			b, bok := day(named[j])
			switch {
			case !aok || !bok:
				return aok && !bok
			case newest:
				return a.After(b)
			}
			return a.Before(b)
		})
	}
	var out, credits []Answer
	for _, a := range named {
		if k == metaAuthor && a.Byline != "" && a.Credits != "" {
			credits = append(credits, Answer{Quote: a.Credits, Source: a.Source, Score: 1})
		}
		if quote := metaQuote(k, a); quote != "" {
			out = append(out, Answer{Quote: quote, Source: a.Source, Score: 1})
		}
	}
	if len(out) > 0 {
		out = append(out, credits...)
	}
	return out[:min(len(out), MaxAnswers)], len(out) > 0
}

// TestFiledFrom: where articles were filed from is answered with the
// first sentences (captions passed over) that open with a dateline, of
// the articles the question names, in file order, five at most.
func TestFiledFrom(t *testing.T) {
	s := &corpusSearcher{lead: map[string][]Passage{}, kept: map[any]any{}}
	add := func(id, outlet string, lead ...string) {
		s.meta = append(s.meta, ArticleMeta{ID: id, Source: Source{File: id + ".md", Outlet: outlet}})
		for seq, text := range lead {
			s.lead[id] = append(s.lead[id], Passage{ArticleID: id, Seq: seq, Text: text, Caption: seq < len(lead)-1})
		}
	}
	// Out of file order, as an index may list them.
	add("h", "Reuters", "SEOUL - Kim spoke on Friday.")
	add("a", "Reuters", "Photo: Kim at the ceremony.", "SEOUL - Kim lauded his troops.")
	add("b", "Reuters", "Kim lauded his troops.")
	add("c", "The Kyiv Independent", "KYIV – Ukraine said the toll had risen.")
	for _, id := range []string{"d", "e", "f", "g"} {
		add(id, "Reuters", "SEOUL, South Korea (Reuters) — Report "+id+".")
	}
	tests := []struct {
		q    string
		want []string // files
	}{
		{"what city was the reuters story filed from", []string{"a.md", "d.md", "e.md", "f.md", "g.md"}},
		{"where was the kyiv independent article filed from", []string{"c.md"}},
		{"where were these articles written", []string{"a.md", "c.md", "d.md", "e.md", "f.md"}},
		{"where was the abc story filed from", []string{"a.md", "c.md", "d.md", "e.md", "f.md"}},
	}
	for _, tc := range tests {
		got, ok := filedFrom(s, tc.q)
		var files []string
		for _, a := range got {
			files = append(files, a.Source.File)
			if want := s.lead[strings.TrimSuffix(a.Source.File, ".md")]; a.Quote != want[len(want)-1].Text {
				t.Errorf("%q: %q from %s, want its first sentence", tc.q, a.Quote, a.Source.File)
			}
		}
		if !ok || !slices.Equal(files, tc.want) {
			t.Errorf("%q: %v (ok %v), want %v", tc.q, files, ok, tc.want)
		}
	}
	// Only b: it opens with no dateline.
	b := &corpusSearcher{meta: s.meta[2:3], lead: s.lead, kept: map[any]any{}}
	if got, ok := filedFrom(b, "where was it filed from"); ok {
		t.Errorf("no dateline: %v, want none", got)
	}
}

// TestArticleTableLeadForFrontMatter: an article whose text has no
// byline, date line or headline, but whose front matter names its author
// and date, is answered with its first sentence, cited with them; one
// whose front matter does not is declined, with what it lacks. Outlets go
// by their initials when those are not a word ("ap").
func TestArticleTableLeadForFrontMatter(t *testing.T) {
	arts := []ArticleMeta{
		{ID: "a", Source: Source{File: "a.md", Outlet: "The Associated Press", Author: "Hyung-jin Kim", Date: "2025-09-03"}},
		{ID: "b", Source: Source{File: "b.md", Outlet: "ABC"}},
	}
	var asked []string
	table := newArticleTable(arts, func(id string) string {
		asked = append(asked, id)
		return "SEOUL (AP) — lead of " + id + "."
	})
	if !slices.Equal(asked, []string{"a"}) {
		t.Errorf("first sentences read of %v, want only a's", asked)
	}
	for _, q := range []struct {
		k metaKind
		q string
	}{{metaAuthor, "who wrote the ap article"}, {metaDate, "when was the ap story published"}} {
		got, ok := table.answers(q.k, q.q, nil)
		if !ok || len(got) != 1 || got[0].Quote != "SEOUL (AP) — lead of a." || got[0].Source.Author != "Hyung-jin Kim" {
			t.Errorf("%q: %+v, %v; want a's first sentence, cited with its author", q.q, got, ok)
		}
	}
	if got, ok := table.answers(metaAuthor, "who wrote the abc article", nil); ok {
		t.Errorf("who wrote the abc article: %+v, want nothing", got)
	}
	if got, want := table.lacking(metaAuthor, "who wrote the abc article", nil), "The ABC article does not name its author."; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	for initials, want := range map[string]bool{"ap": true, "nyt": true, "us": false, "in": false, "a": false} {
		if got := initialsName(initials); got != want {
			t.Errorf("initialsName(%q) = %v, want %v", initials, got, want)
		}
	}
}

// TestMetaOtherOutlet: a question about the article of an outlet none of
// the articles is from is declined, saying which outlets they are from,
// not answered with another outlet's byline; words before "article" that
// the articles hold (a topic) or that only qualify it do not name one.
func TestMetaOtherOutlet(t *testing.T) {
	f := newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters", Author: "Joyce Lee"}, paras: [][]string{{"Kim honoured the soldiers at a ceremony."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times", Author: "Choe Sang-Hun"}, paras: [][]string{{"Kim hugged the children."}}},
	)
	e := New(f.acquire(&pins{}))
	for _, tc := range []struct{ q, note string }{
		{"who wrote the guardian article", "None of the articles is from the Guardian. They are from Reuters and The New York Times."},
		{"when was the bbc story published", "None of the articles is from the BBC. They are from Reuters and The New York Times."},
		{"who wrote the washington post's story", "None of the articles is from the Washington Post. They are from Reuters and The New York Times."},
		{"who wrote the ceremony story", ""},
		{"who wrote the first article", ""},
		{"who wrote the 2nd article", ""},
		{"who wrote the reuters article", ""},
		// A slip in an outlet's name is not another outlet.
		{"who wrote the reuter article", ""},
		// Asked about the story, of that article: declined too, where
		// another outlet's quote would have answered for it.
		{"what does the guardian article say about the ceremony", "None of the articles is from the Guardian. They are from Reuters and The New York Times."},
		{"in the bbc's story, how many died", "None of the articles is from the BBC. They are from Reuters and The New York Times."},
		{"what does the ceremony story say about kim", ""},
		// The outlet after "from": "an article from the guardian".
		{"is there an article from the guardian", "None of the articles is from the Guardian. They are from Reuters and The New York Times."},
		{"do you have any stories from cnn on kim", "None of the articles is from CNN. They are from Reuters and The New York Times."},
		{"is there an article from the ceremony", ""},
		// What stands before "story" starts after its own determiner:
		// "author of the" is no outlet.
		{"who is the author of the story about the ceremony", ""},
		{"what is the headline of the article on the hugs", ""},
	} {
		res, err := e.Ask(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Note != tc.note || res.Answered == (tc.note != "") {
			t.Errorf("%q: answered %v, note %q; want note %q", tc.q, res.Answered, res.Note, tc.note)
		}
	}
}

// TestKeyWords: an outlet is named alone by the words of its name that no
// other outlet's has and that do not name a kind of outlet, three letters
// long when they are not a word.
func TestKeyWords(t *testing.T) {
	outlets := []string{"BBC News", "NK News", "Yonhap News Agency", "The New York Times", "The Kyiv Independent", "ABC"}
	want := [][]string{{"bbc"}, nil, {"yonhap"}, {"york", "times"}, {"kyiv", "independent"}, {"abc"}}
	got := keyWords(outlets)
	for o := range outlets {
		if !slices.Equal(got[o], want[o]) {
			t.Errorf("%s: %v, want %v", outlets[o], got[o], want[o])
		}
	}
}

// TestMetaLink: asked where to read an article, the bot quotes the
// headline of each article that gives its link (the citation carries
// the link), and says so when the articles asked about give none.
func TestMetaLink(t *testing.T) {
	f := newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters", URL: "https://example.com/reuters"}, paras: [][]string{{"Kim honoured the soldiers at a ceremony."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times"}, paras: [][]string{{"Kim hugged the children."}}},
	)
	e := New(f.acquire(&pins{}))
	for _, tc := range []struct{ q, url, note string }{
		{"link?", "https://example.com/reuters", ""},
		{"what's the url of the reuters article", "https://example.com/reuters", ""},
		{"where can i read the full story", "https://example.com/reuters", ""},
		{"is there a link to the nyt story", "", "The New York Times article does not give its link."},
	} {
		res, err := e.Ask(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.note != "":
			if res.Answered || res.Note != tc.note {
				t.Errorf("%q: answered %v, note %q; want declined with %q", tc.q, res.Answered, res.Note, tc.note)
			}
		case !res.Answered || len(res.Answers) != 1 || res.Answers[0].Source.URL != tc.url || res.Answers[0].Quote != "Kim honoured the soldiers at a ceremony.":
			t.Errorf("%q: %+v; want the Reuters headline, cited with %s", tc.q, res, tc.url)
		}
	}
	// None gives one: said of them all, not of each outlet in turn.
	none := New(newFake(
		fakeArticle{id: "a", source: Source{File: "a.md", Outlet: "Reuters"}, paras: [][]string{{"Kim honoured the soldiers at a ceremony."}}},
		fakeArticle{id: "b", source: Source{File: "b.md", Outlet: "The New York Times"}, paras: [][]string{{"Kim hugged the children."}}},
	).acquire(&pins{}))
	if res, err := none.Ask(context.Background(), "link?"); err != nil || res.Answered || res.Note != "The articles do not give their links." {
		t.Errorf("link? of articles without links: %+v, %v; want declined with \"The articles do not give their links.\"", res, err)
	}
	// "Link" that is no link: the engine's.
	if tr, err := e.Trace(context.Background(), "what is the link between kim and the soldiers"); err != nil || tr.AboutArticles {
		t.Errorf("the link between kim and the soldiers: read as a question about the articles (%v)", err)
	}
}
