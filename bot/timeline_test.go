package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/timeline"
)

// /timeline answers at once with the dated quotes in order, each with its
// source and the words its date was read from; relative dates of an
// undated article and undated quotes stay out.
func TestTimeline(t *testing.T) {
	t.Parallel()
	passages := map[string][]Passage{
		reuters.File: {
			{Text: "Officials gathered on Friday."},
			{Para: 1, Text: "Kim Jong Un in June, 2019.", Caption: true}, // dates a photo
			{Para: 1, Text: "Kim spoke at length."},
			{Para: 2, Text: "South Korean lawmakers said in April that 600 soldiers had died."},
		},
		untitledOutlet.File: { // no date: "on Friday" cannot be placed
			{Text: "Kim met the officers on Friday."},
			{Para: 1, Text: "Pyongyang deployed troops to Kursk in 2024."},
		},
	}
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return []answer.Source{reuters, untitledOutlet} },
		PassagesFn: func(_ context.Context, file string) ([]Passage, bool) {
			ps, ok := passages[file]
			return ps, ok
		},
	}
	h := startBot(t, nil, lib)
	msg := h.direct(t, h.slash(t, member, "timeline"))
	if flagsOf(msg)&64 != 0 {
		t.Errorf("the timeline is private: %v", msg)
	}
	text := textOf(msg)
	order := []string{
		"[2024]", "> Pyongyang deployed troops to Kursk in 2024.", "— Kim praises soldiers as heroes (“in 2024”)",
		"[April 2025]", "> South Korean lawmakers said in April that 600 soldiers had died.", "— Reuters · Josh Smith · 2025-08-22 · Kim decorates soldiers (“in April”)",
		"[2025-08-22]", "> Officials gathered on Friday.", "(“on Friday”)",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("timeline lacks %q after offset %d:\n%s", want, at, text)
		}
		at += i + len(want)
	}
	for _, not := range []string{"met the officers", "spoke at length", "2019"} {
		if strings.Contains(text, not) {
			t.Errorf("timeline has the undated quote %q:\n%s", not, text)
		}
	}
	if !strings.Contains(contentOf(msg), "3 dated quotes") {
		t.Errorf("content %q", contentOf(msg))
	}
	// Asked for in a DM, as in the console, it is the same timeline.
	dm := h.sendDM(t, dmMessage("5000000000000000077", "4000000000000000077", "", "show me the timeline", nil))
	if textOf(dm) != text {
		t.Errorf("the timeline in a DM differs from /timeline's:\n%s\n---\n%s", textOf(dm), text)
	}
}

func TestFormatTimeline(t *testing.T) {
	if r := FormatTimeline(nil); r.Content != noTimeline || len(r.Embeds) != 0 {
		t.Errorf("no events: %+v", r)
	}
	long := strings.Repeat("Kim Jong Un decorated soldiers who fought in Kursk, state media said. ", 20)
	var events []timeline.Event
	for i := range 60 {
		events = append(events, timeline.Event{
			Date:   timeline.Date{Year: 2000 + i/4},
			Phrase: "in " + fmt.Sprint(2000+i/4),
			Quote:  fmt.Sprintf("%d %s", i, long),
			Source: answer.Source{Outlet: strings.Repeat("Outlet ", 50), Title: strings.Repeat("Title ", 50), Date: "2025-08-22"},
		})
	}
	r := FormatTimeline(events)
	if len(r.Embeds) == 0 || len(r.Embeds) > MaxEmbeds {
		t.Fatalf("%d embeds", len(r.Embeds))
	}
	total := 0
	for _, e := range r.Embeds {
		total += embedLen(e)
		if utf8.RuneCountInString(e.Description) > MaxEmbedDescription || e.Color != Colour {
			t.Errorf("embed %q: %d characters, colour %#x", e.Title, utf8.RuneCountInString(e.Description), e.Color)
		}
		for _, entry := range strings.Split(e.Description, "\n\n") {
			shown, _ := shownQuote(strings.SplitN(entry, "\n— ", 2)[0])
			if !strings.Contains(shown, long[:100]) || !strings.HasPrefix(events[atoi(shown)].Quote, shown) {
				t.Errorf("entry shows %.80q…, not a verbatim prefix of its quote", shown)
			}
		}
	}
	if total > MaxEmbedTotal || utf8.RuneCountInString(r.Content) > MaxContent {
		t.Errorf("embeds %d characters, content %d", total, utf8.RuneCountInString(r.Content))
	}
	if !strings.Contains(r.Content, "more did not fit") {
		t.Errorf("content %q does not say that some events did not fit", r.Content)
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
