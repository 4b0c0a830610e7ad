package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
)

// replyProblems checks a Reply the way the fake Discord checks a message
// body: Discord's limits, and every shown quote a verbatim prefix of its
// answer's quote.
func replyProblems(res answer.Result, r Reply) []string {
	body, _ := json.Marshal(&discordgo.WebhookEdit{Content: &r.Content, Embeds: &r.Embeds, AllowedMentions: noMentions()})
	var msg map[string]any
	_ = json.Unmarshal(body, &msg)
	ps := messageProblems(msg)
	if !utf8.ValidString(r.Content) {
		ps = append(ps, "content is not valid UTF-8")
	}
	for i, e := range r.Embeds {
		// Numbered as the buttons are, in the bot's one colour.
		if n := fmt.Sprint(i + 1); e.Title != n && !strings.HasPrefix(e.Title, n+" · ") {
			ps = append(ps, fmt.Sprintf("embed %d is titled %q, not numbered %s", i, e.Title, n))
		}
		if e.Color != Colour {
			ps = append(ps, fmt.Sprintf("embed %d has colour %#x, want %#x", i, e.Color, Colour))
		}
		shown, cut := shownQuote(e.Description)
		quote := res.Answers[i].Quote
		if !strings.HasPrefix(quote, shown) {
			ps = append(ps, fmt.Sprintf("embed %d shows %q, not a prefix of the quote %q", i, shown, quote))
		}
		// Nothing shown at all is fine (a quote that starts with a control
		// character); anything shown and not the whole quote needs "…".
		if !cut && shown != quote && shown != "" {
			ps = append(ps, fmt.Sprintf("embed %d shows %q without an ellipsis, but the quote is %q", i, shown, quote))
		}
	}
	return ps
}

// shownQuote recovers the quote text from a rendered block quote, and
// whether it was cut.
func shownQuote(desc string) (string, bool) {
	cut := strings.HasSuffix(desc, ellipsis)
	desc = strings.TrimSuffix(desc, ellipsis)
	if desc == "" {
		return "", cut
	}
	lines := strings.Split(desc, "\n")
	for i, l := range lines {
		lines[i] = UnescapeMarkdown(strings.TrimPrefix(l, "> "))
	}
	return strings.Join(lines, "\n"), cut
}

func TestFormatAnswer(t *testing.T) {
	long := strings.Repeat("Kim Jong Un decorated the soldiers who fought in Kursk. ", 200) // ~11000 chars
	for _, tc := range []struct {
		name    string
		res     answer.Result
		want    []string // in the rendered text
		notWant []string
		embeds  int
	}{
		{
			name: "answered with citations",
			res: answer.Result{Question: "who?", Answered: true, Answers: []answer.Answer{
				{Quote: "Kim decorated soldiers.", Source: reuters},
				{Quote: "Kim hugs a soldier.", Source: untitledOutlet, Caption: true},
			}},
			want:   []string{"**Q:** who?", "> Kim decorated soldiers.", "Reuters · Josh Smith · 2025-08-22", "Kim praises soldiers as heroes", "photo caption"},
			embeds: 2,
		},
		{
			name: "unknown fields are left out",
			res: answer.Result{Question: "q", Answered: true, Answers: []answer.Answer{
				{Quote: "A quote.", Source: answer.Source{Title: "Only a title"}},
			}},
			want:    []string{"[1 · Only a title]"},
			notWant: []string{"unknown", "n/a", "·\n", "· ·"},
			embeds:  1,
		},
		{
			name:    "not answered",
			res:     answer.Result{Question: "weather on Mars?"},
			want:    []string{"weather on Mars?", "don't cover", "/sources"},
			notWant: []string{"> "},
		},
		{
			name:    "not answered, with what the article lacks",
			res:     answer.Result{Question: "who wrote the abc article", Note: "The A*B*C article does not name its author."},
			want:    []string{"who wrote the abc article", `The A\*B\*C article does not name its author.`},
			notWant: []string{"don't cover", "> "},
		},
		{
			name: "five very long quotes",
			res: answer.Result{Question: strings.Repeat("long question ", 300), Answered: true, Answers: []answer.Answer{
				{Quote: long, Source: reuters}, {Quote: long, Source: reuters}, {Quote: long, Source: untitledOutlet},
				{Quote: long, Source: answer.Source{Title: strings.Repeat("T", 400), Outlet: strings.Repeat("O", 3000), URL: "https://example.com/" + strings.Repeat("x", 3000)}},
				{Quote: long, Source: reuters},
			}},
			want:   []string{ellipsis},
			embeds: 5,
		},
		{
			name: "markdown and mentions in quotes are shown literally",
			res: answer.Result{Question: "@everyone **hi**", Answered: true, Answers: []answer.Answer{
				{Quote: "He said *never* <@123> @here\n# not a heading", Source: reuters},
			}},
			want:   []string{`\@everyone \*\*hi\*\*`, `> He said \*never\* \<\@123\> \@here`, "\n> \\# not a heading"},
			embeds: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := FormatAnswer(tc.res)
			for _, p := range replyProblems(tc.res, r) {
				t.Error(p)
			}
			if len(r.Embeds) != tc.embeds {
				t.Errorf("%d embeds, want %d", len(r.Embeds), tc.embeds)
			}
			text := renderReply(r)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(text, w) {
					t.Errorf("reply has %q:\n%s", w, text)
				}
			}
		})
	}
}

// An article whose front-matter title is its whole first paragraph, and
// that has no outlet (seeds/003), is cited by that title shortened at a
// word, never by the paragraph.
func TestLongTitleIsShortened(t *testing.T) {
	lede := "Kim Jong-un has praised North Korean soldiers sent to fight alongside Russian forces in Ukraine, " +
		"describing them as “heroes” during a ceremony in Pyongyang to honour troops who recently returned from the conflict."
	src := answer.Source{File: "seeds/003-kim-praises-soldiers-as-heroes.md", Title: lede}
	const want = "Kim Jong-un has praised North Korean soldiers sent to fight alongside Russian…"
	if got := ShortTitle(src); got != want {
		t.Errorf("ShortTitle = %q, want %q", got, want)
	}
	r := FormatAnswer(answer.Result{Question: "q", Answered: true, Answers: []answer.Answer{
		{Quote: "A quote.", Source: reuters}, {Quote: lede, Source: src}}})
	if got := r.Embeds[1].Title; got != "2 · "+want {
		t.Errorf("embed title %q, want %q", got, "2 · "+want)
	}
	if r.Embeds[1].Footer != nil {
		t.Errorf("footer %q for an article with no outlet, author or date", r.Embeds[1].Footer.Text)
	}
	if got := Citation(src); got != "**"+want+"**" {
		t.Errorf("Citation = %q", got)
	}
	for _, tc := range []struct {
		name string
		src  answer.Source
		want string
	}{
		{"a headline", reuters, "Kim decorates soldiers"},
		{"no title: the file name", answer.Source{File: "seeds/005-parade.txt"}, "005-parade.txt"},
		{"nothing", answer.Source{}, ""},
	} {
		if got := ShortTitle(tc.src); got != tc.want {
			t.Errorf("%s: ShortTitle = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func renderReply(r Reply) string {
	var b strings.Builder
	b.WriteString(r.Content)
	for _, e := range r.Embeds {
		fmt.Fprintf(&b, "\n[%s](%s)\n%s", e.Title, e.URL, e.Description)
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func TestBlockQuote(t *testing.T) {
	for _, tc := range []struct {
		name, quote string
		max         int
		want        string
	}{
		{"fits", "Kim met the troops.", 100, "> Kim met the troops."},
		{"cut at a word", "Kim met the returning troops in Pyongyang.", 20, "> Kim met the…"},
		{"one long word", "Supercalifragilistic", 10, "> Superca…"},
		{"multi-line", "First line.\nSecond line.", 100, "> First line.\n> Second line."},
		{"escapes count towards the limit", "a*b*c d", 9, "> a\\*b\\*…"},
		{"control character ends the quote", "Kim met\x00 the troops", 100, "> Kim met…"},
		{"invalid UTF-8 ends the quote", "Kim \xffmet", 100, "> Kim…"},
		{"no room", "Kim", 2, ""},
		{"multi-byte", "Ким встретил войска в Пхеньяне", 16, "> Ким встретил…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := BlockQuote(tc.quote, tc.max)
			if got != tc.want {
				t.Errorf("BlockQuote(%q, %d) = %q, want %q", tc.quote, tc.max, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > tc.max {
				t.Errorf("%d characters, limit %d", n, tc.max)
			}
			if shown, _ := shownQuote(got); !strings.HasPrefix(tc.quote, shown) {
				t.Errorf("shows %q, not a prefix of %q", shown, tc.quote)
			}
		})
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, with a-hyphen: ok", "plain text, with a-hyphen: ok"},
		{"**bold** _it_ ~~s~~ `c` ||sp||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|sp\|\|`},
		{"@everyone <@1> <#2> [x](http://y)", `\@everyone \<\@1\> \<#2\> \[x\](http://y)`},
		{"# head\n- item\n> quote", "\\# head\n\\- item\n\\> quote"},
		{`back\slash`, `back\\slash`},
	} {
		got := EscapeMarkdown(tc.in)
		if got != tc.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := UnescapeMarkdown(got); back != tc.in {
			t.Errorf("UnescapeMarkdown(%q) = %q, want %q", got, back, tc.in)
		}
	}
}

func TestCleanQuestion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  how many\n\tdied?  ", "how many died?"},
		{"nul\x00 esc\x1b bidi\u202e zero\u200b", "nul esc bidi zero"},
		{"bad \xff utf8", "bad utf8"},
		{"\r\n", ""},
	} {
		if got := CleanQuestion(tc.in); got != tc.want {
			t.Errorf("CleanQuestion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"the quick brown fox", 12, "the quick…"},
		{"abcdefghij", 5, "abcd…"},
		{"ünïcödé wörds hére", 10, "ünïcödé…"},
		{"x", 0, ""},
	} {
		got := Truncate(tc.in, tc.max)
		if got != tc.want || utf8.RuneCountInString(got) > max(tc.max, 0) {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
	if got := TruncateEscaped(strings.Repeat("*", 300), 256); utf8.RuneCountInString(got) > 256 || strings.HasSuffix(strings.TrimSuffix(got, ellipsis), `\`) {
		t.Errorf("TruncateEscaped: %d chars, ends %q", utf8.RuneCountInString(got), got[len(got)-6:])
	}
}

func TestFormatSuggestions(t *testing.T) {
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("Question %d?", i))
	}
	for _, tc := range []struct {
		name        string
		typed       string
		suggestions []string
		want        []string // first choices
		n           int
	}{
		{"capped at 25", "q", many, []string{"Question 0?"}, 25},
		{"cleaned and deduplicated", "q", []string{" a\nb ", "a b", "", "\x00"}, []string{"a b"}, 1},
		{"typed text offered back", "what  happened", nil, []string{"what happened"}, 1},
		{"nothing at all", "", nil, nil, 0},
		{"long cut to 100", "", []string{strings.Repeat("word ", 50)}, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatSuggestions(tc.typed, tc.suggestions)
			if len(got) != tc.n {
				t.Fatalf("%d choices, want %d", len(got), tc.n)
			}
			for i, w := range tc.want {
				if got[i].Name != w || got[i].Value != w {
					t.Errorf("choice %d = %v/%v, want %q", i, got[i].Name, got[i].Value, w)
				}
			}
			for _, c := range got {
				if n := utf8.RuneCountInString(c.Name); n < 1 || n > MaxChoiceLen {
					t.Errorf("choice %q has %d characters", c.Name, n)
				}
			}
		})
	}
}

func TestFormatReportAndSources(t *testing.T) {
	var skipped []Skipped
	for i := range 200 {
		skipped = append(skipped, Skipped{File: fmt.Sprintf("file-%d_*.txt", i), Reason: strings.Repeat("no title ", 10)})
	}
	rep := FormatReport(Report{Articles: 5, Passages: 812, Skipped: skipped, Added: "005-`x`.md"})
	if n := utf8.RuneCountInString(rep); n > MaxContent {
		t.Errorf("report has %d characters", n)
	}
	for _, w := range []string{"Added `005-'x'.md`", "5 articles (812 passages)", "Skipped 200", `file-0\_\*.txt — no title`, "more."} {
		if !strings.Contains(rep, w) {
			t.Errorf("report lacks %q:\n%s", w, rep)
		}
	}
	var srcs []answer.Source
	for range 100 {
		srcs = append(srcs, reuters, untitledOutlet)
	}
	s := FormatSources(srcs)
	if n := utf8.RuneCountInString(s); n > MaxContent || !strings.Contains(s, "more.") {
		t.Errorf("sources: %d characters:\n%s", n, s)
	}
	if !strings.Contains(FormatSources([]answer.Source{untitledOutlet}), "**Kim praises soldiers as heroes**") {
		t.Error("the unattributed article must be cited by its title")
	}
}

// FuzzFormatAnswer checks, for any question and quotes, that the reply is
// within Discord's limits and shows each quote verbatim (a prefix of it,
// when cut).
func FuzzFormatAnswer(f *testing.F) {
	f.Add("how many died?", "Kim decorated soldiers.", "Reuters", "https://example.com", 2, false)
	f.Add("@everyone **x**", strings.Repeat("word ", 2000), "", "", 5, true)
	f.Add("\x00\n", "line one\nline\x00two", strings.Repeat("Ü", 300), "javascript:alert(1)", 1, false)
	f.Fuzz(func(t *testing.T, question, quote, outlet, url string, n int, caption bool) {
		n = 1 + abs(n)%12
		res := answer.Result{Question: question, Answered: true}
		for i := range n {
			res.Answers = append(res.Answers, answer.Answer{
				Quote:   strings.Repeat(quote, i+1),
				Source:  answer.Source{Outlet: outlet, Title: quote, Author: question, URL: url},
				Caption: caption,
			})
		}
		r := FormatAnswer(res)
		for _, p := range replyProblems(res, r) {
			t.Error(p)
		}
		if len(r.Embeds) > MaxEmbeds {
			t.Errorf("%d embeds", len(r.Embeds))
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}
