package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/devset"
)

type devQuestion = devset.Question

func loadDevSet(t testing.TB) []devQuestion {
	t.Helper()
	qs, err := devset.Load(filepath.Join("testdata", "devset.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// seedEngine builds an index of the bundled seeds in a temporary directory.
func seedEngine(t testing.TB) (*index.Store, *answer.Engine) {
	t.Helper()
	st, _, err := index.Open(context.Background(), filepath.Join("..", "..", "seeds"), t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, answer.New(acquirer(st))
}

// correct reports whether a quote answers q.
func correct(q devQuestion, a answer.Answer) bool { return q.Correct(a.Quote) }

type devScores struct {
	answerable, unanswerable   int
	hit1, hit3                 int
	mrr                        float64
	abstained, wronglyAbstains int
	sourcesWanted, sourcesShow int
}

// TestDevSetQuality measures ranking and abstention over the dev set and
// fails if they fall below what the README reports. Run with -v to see
// every miss.
func TestDevSetQuality(t *testing.T) {
	_, engine := seedEngine(t)
	bodies := seedBodies(t)
	var s devScores
	for _, q := range loadDevSet(t) {
		res, err := engine.Ask(context.Background(), q.Q)
		if err != nil {
			t.Errorf("%q: %v", q.Q, err)
			continue
		}
		for _, a := range res.Answers {
			if !strings.Contains(bodies[filepath.Base(a.Source.File)], a.Quote) {
				t.Errorf("%q: quote is not verbatim from %s: %q", q.Q, a.Source.File, a.Quote)
			}
		}
		if !q.Answerable {
			s.unanswerable++
			if !res.Answered {
				s.abstained++
			} else {
				t.Logf("MISS (should abstain) %q → %.3f %q", q.Q, res.Answers[0].Score, res.Answers[0].Quote)
			}
			continue
		}
		s.answerable++
		if !res.Answered {
			s.wronglyAbstains++
			t.Logf("MISS (abstained) %q", q.Q)
			continue
		}
		rank := 0
		for i, a := range res.Answers {
			if correct(q, a) {
				rank = i + 1
				break
			}
		}
		switch {
		case rank == 1:
			s.hit1++
		case rank == 0:
			t.Logf("MISS (no correct answer) %q → %q", q.Q, res.Answers[0].Quote)
		default:
			t.Logf("MISS (rank %d) %q → %q", rank, q.Q, res.Answers[0].Quote)
		}
		if rank >= 1 && rank <= 3 {
			s.hit3++
		}
		if rank > 0 {
			s.mrr += 1 / float64(rank)
		}
		if len(q.Articles) > 1 {
			shown := map[string]bool{}
			for _, a := range res.Answers {
				if correct(q, a) {
					shown[filepath.Base(a.Source.File)] = true
				}
			}
			s.sourcesWanted += len(q.Articles)
			for _, f := range q.Articles {
				if shown[f] {
					s.sourcesShow++
				}
			}
		}
	}
	n := float64(s.answerable)
	hit1, hit3, mrr := float64(s.hit1)/n, float64(s.hit3)/n, s.mrr/n
	sources := float64(s.sourcesShow) / float64(max(1, s.sourcesWanted))
	t.Logf("dev set: %d answerable, %d unanswerable", s.answerable, s.unanswerable)
	t.Logf("hit@1 %.3f  hit@3 %.3f  MRR %.3f  abstained %d/%d  wrongly abstained %d/%d  agreeing sources shown %.3f",
		hit1, hit3, mrr, s.abstained, s.unanswerable, s.wronglyAbstains, s.answerable, sources)

	// Floors a little under the measured figures (see README), so that a
	// change that makes answers worse fails here.
	floors := []struct {
		name      string
		got, want float64
	}{
		{"hit@1", hit1, 0.74},
		{"hit@3", hit3, 0.88},
		{"MRR", mrr, 0.81},
		{"abstention on unanswerable", float64(s.abstained) / float64(s.unanswerable), 0.26},
		{"answering the answerable", 1 - float64(s.wronglyAbstains)/n, 0.97},
		{"agreeing sources in the top 5", sources, 0.76},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s = %.3f, want ≥ %.2f", f.name, f.got, f.want)
		}
	}
}

// TestSeedsUnanswered: questions that share words with the articles but
// that they do not answer are declined, with a confidence below the
// model's threshold.
func TestSeedsUnanswered(t *testing.T) {
	_, engine := seedEngine(t)
	for _, q := range []string{
		"How tall is Mount Everest?",
		"what is the capital of Brazil",
		"what is the weather in paris",
		"how many tanks did the soldiers destroy in Crimea",
	} {
		res, err := engine.Ask(context.Background(), q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if res.Answered || len(res.Answers) != 0 {
			t.Errorf("%q: answered (confidence %v) %+v, want no answer", q, res.Confidence, res.Answers)
		}
		if res.Confidence >= answer.DefaultModel().Threshold {
			t.Errorf("%q: confidence %v, want below the threshold %v", q, res.Confidence, answer.DefaultModel().Threshold)
		}
	}
}

// seedBodies maps each seed file name to its full text.
func seedBodies(t testing.TB) map[string]string {
	t.Helper()
	dir := filepath.Join("..", "..", "seeds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func (s devScores) String() string {
	return fmt.Sprintf("%+v", struct{ devScores }{s})
}

// TestSeedsAboutTheArticles: questions about the articles themselves are
// answered with the articles' own bylines, date lines and headlines,
// verbatim and cited to their article.
// reutersFile is the bundled Reuters article, the one with a credit line.
const reutersFile = "000-reuters-kim-decorates-soldiers.md"

func TestSeedsAboutTheArticles(t *testing.T) {
	_, engine := seedEngine(t)
	bodies := seedBodies(t)
	tests := []struct {
		q, quote, file string
		n              int
	}{
		{"who wrote the reuters article?", "By Joyce Lee and Ju-min Park", "000-reuters-kim-decorates-soldiers.md", 2}, // and the credit line
		{"Who is the author of the Kyiv Independent piece", "by Olena Goncharova", "002-kyiv-independent-kim-awards-troops.md", 1},
		{"when was the NYT story published", "Aug. 22, 2025, 7:12 a.m. ET", "001-nyt-north-korea-honors-soldiers.md", 1},
		{"which outlets do you use?", "Kim Jong Un decorates North Korean soldiers who fought Ukraine", "000-reuters-kim-decorates-soldiers.md", 5},
		{"which reporter wrote for the kyiv independent", "by Olena Goncharova", "002-kyiv-independent-kim-awards-troops.md", 1},
		{"what outlet does joyce lee write for?", "By Joyce Lee and Ju-min Park", "000-reuters-kim-decorates-soldiers.md", 2},
		{"what is the headline of the reuters story", "Kim Jong Un decorates North Korean soldiers who fought Ukraine", "000-reuters-kim-decorates-soldiers.md", 1},
		{"which newspapers reported on the ceremony?", "Kim Jong Un decorates North Korean soldiers who fought Ukraine", "000-reuters-kim-decorates-soldiers.md", 5},
		{"who edited the reuters story?", "(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)", "000-reuters-kim-decorates-soldiers.md", 1},
		{"who edited the reuters report", "(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)", "000-reuters-kim-decorates-soldiers.md", 1},
		// Someone only the credit line names.
		{"whos heejin kim", "(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)", "000-reuters-kim-decorates-soldiers.md", 1},
		{"what city was the reuters story filed from", "SEOUL - North Korean leader Kim Jong Un lauded his country's \"heroic\" troops who fought for Russia in the war against Ukraine, in a ceremony where he decorated returning soldiers and consoled children of the bereaved with hugs, state media said on Friday.", "000-reuters-kim-decorates-soldiers.md", 1},
		{"where were these stories filed from?", "SEOUL - North Korean leader Kim Jong Un lauded his country's \"heroic\" troops who fought for Russia in the war against Ukraine, in a ceremony where he decorated returning soldiers and consoled children of the bereaved with hugs, state media said on Friday.", "000-reuters-kim-decorates-soldiers.md", 1},
		{"Who is Cynthia Osterman?", "(Reporting by Joyce Lee and Ju-min Park; additional reporting by Heejin Kim; editing by Cynthia Osterman, Ed Davies and Mark Heinrich // REUTERS)", "000-reuters-kim-decorates-soldiers.md", 1},
	}
	for _, tc := range tests {
		res, err := engine.Ask(context.Background(), tc.q)
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if !res.Answered || len(res.Answers) != tc.n {
			t.Errorf("%q: %d answers, want %d: %+v", tc.q, len(res.Answers), tc.n, res.Answers)
			continue
		}
		if a := res.Answers[0]; a.Quote != tc.quote || filepath.Base(a.Source.File) != tc.file {
			t.Errorf("%q: first answer %q from %s, want %q from %s", tc.q, a.Quote, a.Source.File, tc.quote, tc.file)
		}
		if tc.n == 2 && tc.file == reutersFile && !strings.HasPrefix(res.Answers[1].Quote, "(Reporting by") {
			t.Errorf("%q: second answer %q, want Reuters' credit line", tc.q, res.Answers[1].Quote)
		}
		for _, a := range res.Answers {
			if !strings.Contains(bodies[filepath.Base(a.Source.File)], a.Quote) {
				t.Errorf("%q: %q is not verbatim from %s", tc.q, a.Quote, a.Source.File)
			}
		}
	}
	// ABC's article names no author, and none is the Guardian's: the bot
	// says so, rather than quote a passage about something else or
	// another outlet's byline.
	for _, q := range []string{"who wrote the abc article", "who reported this story for abc", "where was the nyt story filed from", "who wrote the guardian article"} {
		res, err := engine.Ask(context.Background(), q)
		if err != nil || res.Answered || len(res.Answers) != 0 {
			t.Errorf("%q: answered %v with %+v (%v), want declined", q, res.Answered, res.Answers, err)
		}
	}
}

// TestSameAnswersWhateverTheBuild: two builds of one corpus answer every
// question with the same bytes, though the indexing goroutines interleave
// differently. The corpus repeats the seeds' sentences across articles,
// as a story archive does, so equal scores are everywhere.
func TestSameAnswersWhateverTheBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus twice")
	}
	var sentences []string
	for _, body := range seedBodies(t) {
		for _, line := range strings.Split(body, "\n") {
			if len(strings.Fields(line)) >= 8 && strings.HasSuffix(line, ".") {
				sentences = append(sentences, line)
			}
		}
	}
	slices.Sort(sentences)
	seeds := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		var b strings.Builder
		fmt.Fprintf(&b, "Archive story %d\n\n", i)
		for range 8 {
			b.WriteString(sentences[rng.IntN(len(sentences))] + "\n\n")
		}
		if err := os.WriteFile(filepath.Join(seeds, fmt.Sprintf("%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var outs [2][]byte
	for k := range outs {
		st, _, err := index.Open(context.Background(), seeds, t.TempDir(), index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		engine := answer.New(acquirer(st))
		for _, q := range loadDevSet(t) {
			res, err := engine.Ask(context.Background(), q.Q)
			b, _ := json.Marshal(res)
			outs[k] = fmt.Appendf(outs[k], "%s %v\n", b, err)
		}
		st.Close()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		a, b := strings.Split(string(outs[0]), "\n"), strings.Split(string(outs[1]), "\n")
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("the two builds answer differently:\n%s\n%s", a[i], b[i])
				break
			}
		}
	}
}

// TestGreetingBeforeTheQuestion asks the dev set's questions that open
// with "how many", "where", "when" or "why" again after what readers put
// before a question in a chat ("hey bot", a name): the kind of answer
// asked for must still be seen, so the answers stay right.
func TestGreetingBeforeTheQuestion(t *testing.T) {
	stillRight(t, "after a greeting", 100, func(q string) []string {
		return []string{"hey bot " + q, "@storybot " + q, "quick question " + q}
	})
}

// TestMistypedQuestionWord asks the same questions with two letters of
// the question word swapped ("hwo many", "wehre", "wyh").
func TestMistypedQuestionWord(t *testing.T) {
	stillRight(t, "with the question word mistyped", 50, func(q string) []string {
		b := []byte(strings.ToLower(q))
		b[1], b[2] = b[2], b[1]
		return []string{string(b)}
	})
}

// stillRight asks the dev set's answerable questions that open with "how
// many", "how much", "where", "when" or "why" and are answered right, as
// retell gives them again, and fails unless at least 90 % of those
// answers stay right (or fewer than least were asked).
func stillRight(t *testing.T, how string, least int, retell func(q string) []string) {
	t.Helper()
	_, engine := seedEngine(t)
	ctx := context.Background()
	opens := regexp.MustCompile(`^(how many|how much|where|when|why)\b`)
	var asked, kept int
	for _, q := range loadDevSet(t) {
		if !q.Answerable || !opens.MatchString(strings.ToLower(q.Q)) {
			continue
		}
		bare, err := engine.Ask(ctx, q.Q)
		if err != nil {
			t.Fatal(err)
		}
		if !bare.Answered || !correct(q, bare.Answers[0]) {
			continue
		}
		for _, again := range retell(q.Q) {
			res, err := engine.Ask(ctx, again)
			if err != nil {
				t.Fatal(err)
			}
			asked++
			if res.Answered && correct(q, res.Answers[0]) {
				kept++
			} else {
				t.Logf("lost: %q", again)
			}
		}
	}
	if asked < least {
		t.Fatalf("only %d questions asked", asked)
	}
	if share := float64(kept) / float64(asked); share < 0.9 {
		t.Errorf("%d of %d answers (%.2f) stay right %s, want ≥ 0.90", kept, asked, share, how)
	}
}

// TestLaterArticle adds an article dated after the seeds, from an outlet
// they do not have, as a maintainer would, and asks about it: questions
// about the newest article and the latest news are about it alone, and
// its own facts are quoted from it.
func TestLaterArticle(t *testing.T) {
	seeds := t.TempDir()
	for name, body := range seedBodies(t) {
		if err := os.WriteFile(filepath.Join(seeds, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	later, err := os.ReadFile(filepath.Join("testdata", "later-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(seeds, "005-later.md"), later, 0o644); err != nil {
		t.Fatal(err)
	}
	st, _, err := index.Open(context.Background(), seeds, t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	engine := answer.New(acquirer(st))
	for _, tc := range []struct {
		q, quote string
		all      bool // every answer from the later article
	}{
		{"who wrote the latest article", "By A. Tester", true},
		{"what is the newest article about", "Museum opens for troops killed in Russia", true},
		{"any updates?", "Museum opens for troops killed in Russia", true},
		{"what does the test wire article say", "Museum opens for troops killed in Russia", true},
		{"how many soldiers does the museum show", "about 2,000 soldiers", false},
		{"where did the museum open", "opened in Pyongyang on Thursday", false},
		// A story question of the newest article: its quotes alone,
		// though every article speaks of soldiers killed.
		{"what did the latest report say about the soldiers killed", "soldiers killed while fighting for Russia", true},
		{"what does the newest article say about what was displayed", "The museum displays", true},
		{"what does the most recent story say about reporting from state media", "state media said", true},
		// An article named by what it reports.
		{"who wrote the article about the museum", "By A. Tester", true},
	} {
		res, err := engine.Ask(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered {
			t.Errorf("%q: declined", tc.q)
			continue
		}
		if first := res.Answers[0]; !strings.Contains(first.Quote, tc.quote) || first.Source.Outlet != "Test Wire" {
			t.Errorf("%q: first quote %q from %q, want one holding %q from Test Wire", tc.q, first.Quote, first.Source.Outlet, tc.quote)
		}
		for _, a := range res.Answers {
			if tc.all && a.Source.Outlet != "Test Wire" {
				t.Errorf("%q: a quote from %s: %q", tc.q, a.Source.Outlet, a.Quote)
			}
		}
	}
}
