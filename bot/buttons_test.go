package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/storybot/storybot/answer"
)

// componentProblems checks a message's components against Discord's
// limits: at most 5 action rows of at most 5 buttons, custom_ids of 1–100
// characters unique in the message, labels up to 80, link buttons with a
// URL and no custom_id.
func componentProblems(v any) []string {
	if v == nil {
		return nil
	}
	rows, ok := v.([]any)
	if !ok {
		return []string{fmt.Sprintf("components is %T, want an array", v)}
	}
	var ps []string
	add := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	if len(rows) > maxRows {
		add("%d action rows, limit %d", len(rows), maxRows)
	}
	ids := map[string]bool{}
	for i, r := range rows {
		row, _ := r.(map[string]any)
		if row["type"] != float64(1) {
			add("component %d is of type %v, want an action row (1)", i, row["type"])
			continue
		}
		btns, _ := row["components"].([]any)
		if len(btns) == 0 || len(btns) > maxRowButtons {
			add("row %d has %d buttons, want 1–%d", i, len(btns), maxRowButtons)
		}
		for _, c := range btns {
			b, _ := c.(map[string]any)
			if b["type"] != float64(2) {
				add("row %d holds a component of type %v, want buttons (2)", i, b["type"])
				continue
			}
			if n := runes(b["label"]); n > maxButtonLabel {
				add("button label has %d characters, limit %d", n, maxButtonLabel)
			}
			if b["label"] == "" && b["emoji"] == nil {
				add("button with neither label nor emoji")
			}
			id, _ := b["custom_id"].(string)
			if b["style"] == float64(5) {
				if u, _ := b["url"].(string); u == "" || len(u) > maxButtonURL || id != "" {
					add("link button: url %q, custom_id %q", u, id)
				}
				continue
			}
			if n := runes(id); n < 1 || n > maxCustomID {
				add("custom_id %q has %d characters, want 1–%d", id, n, maxCustomID)
			}
			if ids[id] {
				add("custom_id %q is used twice in one message", id)
			}
			ids[id] = true
		}
	}
	return ps
}

// modalProblems checks a modal: a custom_id, a title of 1–45 characters,
// and rows of text inputs with labels of 1–45 characters.
func modalProblems(data map[string]any) []string {
	var ps []string
	if n := runes(data["custom_id"]); n < 1 || n > maxCustomID {
		ps = append(ps, fmt.Sprintf("modal custom_id has %d characters", n))
	}
	if n := runes(data["title"]); n < 1 || n > 45 {
		ps = append(ps, fmt.Sprintf("modal title has %d characters, want 1–45", n))
	}
	rows, _ := data["components"].([]any)
	if len(rows) == 0 || len(rows) > maxRows {
		ps = append(ps, fmt.Sprintf("modal has %d rows, want 1–5", len(rows)))
	}
	for _, r := range rows {
		row, _ := r.(map[string]any)
		for _, c := range row["components"].([]any) {
			in, _ := c.(map[string]any)
			if in["type"] != float64(4) {
				ps = append(ps, fmt.Sprintf("modal holds a component of type %v, want text inputs (4)", in["type"]))
			}
			if n := runes(in["label"]); n < 1 || n > 45 {
				ps = append(ps, fmt.Sprintf("text input label has %d characters, want 1–45", n))
			}
		}
	}
	return ps
}

// articlePassages are the fake library's articles, cut into passages: the
// quotes askRecorder answers with are in them.
func articlePassages(file string) ([]Passage, bool) {
	switch file {
	case reuters.File:
		return []Passage{
			{Para: 0, Text: "Kim Jong Un spoke at a ceremony in Pyongyang."},
			{Para: 2, Text: "Officials gathered on Friday."},
			{Para: 2, Gap: "  ", Text: "North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region."},
			{Para: 2, Gap: " ", Text: "The ceremony was broadcast on state TV."},
			{Para: 3, Text: "Dozens of soldiers were killed, it said."},
		}, true
	case untitledOutlet.File:
		return []Passage{{Para: 0, Text: "Kim hugs a soldier during the ceremony."}}, true
	}
	return nil, false
}

// fakeFeedback records votes, or fails with err.
type fakeFeedback struct {
	mu       sync.Mutex
	votes    []Vote
	comments []string
	err      error
}

func (f *fakeFeedback) Vote(_ context.Context, v Vote) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.votes = append(f.votes, v)
	return nil
}

func (f *fakeFeedback) Comment(_ context.Context, v Vote, comment string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.votes = append(f.votes, v)
	f.comments = append(f.comments, comment)
	return nil
}

func (f *fakeFeedback) recorded() ([]Vote, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Vote(nil), f.votes...), append([]string(nil), f.comments...)
}

func withFeedback(fb Feedback) func(*Config, *fakeDiscord) {
	return func(c *Config, _ *fakeDiscord) { c.Feedback = fb }
}

// asMessage is the message Discord would include in a click: what the bot
// sent, with the fields Discord adds.
func asMessage(f *fakeDiscord, sent map[string]any) map[string]any {
	if d, ok := sent["data"].(map[string]any); ok {
		sent = d
	}
	m := map[string]any{"id": "3000000000000000001", "channel_id": "4000000000000000001", "type": 0,
		"author": f.botUser(), "timestamp": "2025-08-22T10:00:00Z"}
	for _, k := range []string{"content", "embeds", "components", "flags"} {
		if v, ok := sent[k]; ok && v != nil {
			m[k] = v
		}
	}
	return m
}

// buttons lists a message's buttons by label (with the emoji before it).
func buttons(t *testing.T, msg map[string]any) map[string]map[string]any {
	t.Helper()
	if d, ok := msg["data"].(map[string]any); ok {
		msg = d
	}
	out := map[string]map[string]any{}
	rows, _ := msg["components"].([]any)
	for _, r := range rows {
		for _, c := range r.(map[string]any)["components"].([]any) {
			b := c.(map[string]any)
			label, _ := b["label"].(string)
			if e, ok := b["emoji"].(map[string]any); ok {
				label = fmt.Sprint(e["name"]) + " " + label
			}
			out[label] = b
		}
	}
	return out
}

// clickPayload is a MESSAGE_COMPONENT interaction: who clicked the button
// with customID on msg.
func clickPayload(f *fakeDiscord, who invoker, msg map[string]any, customID string) (map[string]any, string) {
	p, key := interaction(f, who, 3, "", nil, nil)
	p["data"] = map[string]any{"custom_id": customID, "component_type": 2}
	p["message"] = msg
	return p, key
}

// submitPayload is a MODAL_SUBMIT interaction: the form with customID,
// opened from a button on msg, sent with text in its input.
func submitPayload(f *fakeDiscord, who invoker, msg map[string]any, customID, text string) (map[string]any, string) {
	p, key := interaction(f, who, 5, "", nil, nil)
	p["data"] = map[string]any{"custom_id": customID, "components": []any{map[string]any{
		"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": whyInputID, "value": text}}}}}
	p["message"] = msg
	return p, key
}

// click dispatches a click on the button labelled label and returns the
// callback.
func (h *harness) click(t *testing.T, who invoker, msg map[string]any, label string) map[string]any {
	t.Helper()
	b, ok := buttons(t, msg)[label]
	if !ok {
		t.Fatalf("no button %q on the message; buttons: %v", label, buttons(t, msg))
	}
	p, key := clickPayload(h.f, who, msg, b["custom_id"].(string))
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	return h.callback(t, key)
}

// privateReply checks that a callback is an ephemeral message, and returns
// it.
func privateReply(t *testing.T, cb map[string]any) map[string]any {
	t.Helper()
	if typeOf(cb) != 4 || flagsOf(cb)&64 == 0 {
		t.Fatalf("callback %v, want a private message (type 4, flag 64)", cb)
	}
	return cb
}

// askForButtons asks over the gateway and returns the answer as the
// message a click would carry.
func (h *harness) askForButtons(t *testing.T, question string) map[string]any {
	t.Helper()
	return asMessage(h.f, h.direct(t, h.slash(t, member, "ask", strOpt("question", question))))
}

func TestAnswerButtons(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		feedback Feedback
		want     []string
		notWant  []string
	}{
		{"with feedback", &fakeFeedback{}, []string{"1 · Full passage", "1 · Article", "👍 1", "👎 1", "2 · Full passage", "👍 2", "👎 2"}, []string{"2 · Article", "More sources"}},
		{"without feedback", nil, []string{"1 · Full passage", "1 · Article", "2 · Full passage"}, []string{"👍 1", "👎 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var opts []func(*Config, *fakeDiscord)
			if tc.feedback != nil {
				opts = append(opts, withFeedback(tc.feedback))
			}
			h := startBot(t, nil, nil, opts...)
			msg := h.askForButtons(t, "Who did Kim decorate?")
			got := buttons(t, msg)
			for _, w := range tc.want {
				if _, ok := got[w]; !ok {
					t.Errorf("no button %q; got %v", w, got)
				}
			}
			for _, w := range tc.notWant {
				if _, ok := got[w]; ok {
					t.Errorf("unexpected button %q", w)
				}
			}
			if u := got["1 · Article"]["url"]; u != reuters.URL {
				t.Errorf("article link %v, want %s", u, reuters.URL)
			}
		})
	}
}

func TestFullPassage(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	msg := h.askForButtons(t, "Who did Kim decorate?")
	cb := privateReply(t, h.click(t, member, msg, "1 · Full passage"))
	text := textOf(cb)
	want := "> Officials gathered on Friday.  North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region. The ceremony was broadcast on state TV."
	if !strings.Contains(text, want) {
		t.Errorf("full passage:\n%s\nwant the whole paragraph, verbatim:\n%s", text, want)
	}
	for _, w := range []string{"Reuters · Josh Smith · 2025-08-22", "[Kim decorates soldiers](" + reuters.URL + ")"} {
		if !strings.Contains(text, w) {
			t.Errorf("full passage lacks its source %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "Dozens") || strings.Contains(text, "spoke at a ceremony") {
		t.Errorf("full passage holds other paragraphs:\n%s", text)
	}
	if b := buttons(t, cb)["Open article"]; b == nil || b["url"] != reuters.URL {
		t.Errorf("no link to the article: %v", buttons(t, cb))
	}

	// The caption, from an article with no URL: no link.
	cb = privateReply(t, h.click(t, dmUser, msg, "2 · Full passage"))
	if !strings.Contains(textOf(cb), "> Kim hugs a soldier during the ceremony.") || len(buttons(t, cb)) != 0 {
		t.Errorf("caption's passage: %s, buttons %v", textOf(cb), buttons(t, cb))
	}
}

func TestFullPassageGone(t *testing.T) {
	t.Parallel()
	lib := &fakeLibrary{
		SourcesFn:  func() []answer.Source { return []answer.Source{reuters, untitledOutlet} },
		PassagesFn: func(context.Context, string) ([]Passage, bool) { return nil, false },
	}
	h := startBot(t, nil, lib)
	msg := h.askForButtons(t, "Who did Kim decorate?")
	cb := privateReply(t, h.click(t, member, msg, "1 · Full passage"))
	if contentOf(cb) != quoteGone {
		t.Errorf("a quote no longer in the articles: %q", contentOf(cb))
	}
}

// fiveAnswers answers with five quotes: two from Reuters first, so that
// More sources must prefer the outlets not shown yet.
func fiveAnswers(calls *int, mu *sync.Mutex) *fakeAnswerer {
	src := func(outlet string) answer.Source {
		return answer.Source{File: "seeds/" + strings.ToLower(outlet) + ".md", Outlet: outlet, Title: outlet + " story"}
	}
	return &fakeAnswerer{AskFn: func(_ context.Context, q string) (answer.Result, error) {
		mu.Lock()
		*calls++
		mu.Unlock()
		return answer.Result{Question: q, Answered: true, Answers: []answer.Answer{
			{Quote: "Quote one from Reuters.", Source: reuters},
			{Quote: "Quote two from Reuters.", Source: reuters},
			{Quote: "Quote from NYT.", Source: src("NYT")},
			{Quote: "Quote three from Reuters.", Source: reuters},
			{Quote: "Quote from ABC.", Source: src("ABC")},
		}}, nil
	}}
}

func TestMoreSources(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		calls int
	)
	h := startBot(t, fiveAnswers(&calls, &mu), nil)
	msg := h.askForButtons(t, "What did *they* say?")
	if n := len(msg["embeds"].([]any)); n != answersPerPage {
		t.Fatalf("%d quotes shown at first, want %d", n, answersPerPage)
	}
	if text := textOf(msg); !strings.Contains(text, "Quote one") || !strings.Contains(text, "Quote from NYT") || strings.Contains(text, "ABC") {
		t.Fatalf("first page is not the engine's top %d:\n%s", answersPerPage, text)
	}

	cb := privateReply(t, h.click(t, member, msg, "More sources"))
	text := textOf(cb)
	i, j := strings.Index(text, "Quote from ABC."), strings.Index(text, "Quote three from Reuters.")
	if i < 0 || j < 0 || i > j {
		t.Errorf("more sources:\n%s\nwant the two quotes not shown, ABC (an outlet not shown yet) first", text)
	}
	if strings.Contains(text, "Quote one") || strings.Contains(text, "NYT") {
		t.Errorf("more sources repeats quotes already shown:\n%s", text)
	}
	if !strings.Contains(text, `What did \*they\* say?`) {
		t.Errorf("more sources does not echo the question:\n%s", text)
	}
	more := buttons(t, cb)
	if _, ok := more["More sources"]; ok {
		t.Errorf("a More sources button when every quote has been shown")
	}
	if _, ok := more["1 · Full passage"]; !ok {
		t.Errorf("the quotes shown by More sources have no buttons: %v", more)
	}
	mu.Lock()
	if calls != 2 {
		t.Errorf("the engine was asked %d times, want 2 (the question, then again for More sources)", calls)
	}
	mu.Unlock()

	// Pressed again on an answer that showed every quote: says so.
	all := asMessage(h.f, cb)
	all["components"] = msg["components"]
	id := buttons(t, msg)["More sources"]["custom_id"].(string)
	for _, b := range buttons(t, cb) {
		if k, ok := b["custom_id"].(string); ok && strings.HasPrefix(k, idPrefix+actFull) {
			id += "." + k[strings.LastIndexByte(k, ':')+1:]
		}
	}
	p, key := clickPayload(h.f, member, all, id)
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	if got := contentOf(privateReply(t, h.callback(t, key))); !strings.Contains(got, "every source") {
		t.Errorf("More sources with nothing more: %q", got)
	}
}

func TestMoreSourcesWithoutQuestion(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		calls int
	)
	h := startBot(t, fiveAnswers(&calls, &mu), nil)
	msg := h.askForButtons(t, "What did they say?")
	msg["content"] = "edited away"
	if got := contentOf(privateReply(t, h.click(t, member, msg, "More sources"))); !strings.Contains(got, "/ask") {
		t.Errorf("More sources on a message without its question: %q", got)
	}
}

func TestVotes(t *testing.T) {
	t.Parallel()
	fb := &fakeFeedback{}
	h := startBot(t, nil, nil, withFeedback(fb))
	msg := h.askForButtons(t, "Who did Kim decorate?")

	up := privateReply(t, h.click(t, member, msg, "👍 1"))
	if !strings.Contains(contentOf(up), "Thanks") {
		t.Errorf("👍 reply %q", contentOf(up))
	}
	down := h.click(t, dmUser, msg, "👎 1")
	if typeOf(down) != 9 {
		t.Fatalf("👎 callback %v, want a form (type 9)", down)
	}
	form := down["data"].(map[string]any)
	p, key := submitPayload(h.f, dmUser, msg, form["custom_id"].(string), "  The figure is out of date.  ")
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	if got := contentOf(privateReply(t, h.callback(t, key))); !strings.Contains(got, "Thanks") {
		t.Errorf("form reply %q", got)
	}

	votes, comments := fb.recorded()
	if len(votes) != 3 {
		t.Fatalf("%d votes recorded, want 3 (👍, 👎, 👎 with comment): %+v", len(votes), votes)
	}
	quote := "North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region."
	for i, want := range []struct {
		user string
		up   bool
	}{{member.userID, true}, {dmUser.userID, false}, {dmUser.userID, false}} {
		v := votes[i]
		if v.User != want.user || v.Up != want.up || v.Question != "Who did Kim decorate?" || v.Quote != quote || v.Source != reuters {
			t.Errorf("vote %d: %+v", i, v)
		}
		if v.Answer != votes[0].Answer || v.Answer == "" {
			t.Errorf("vote %d is on answer %q, want %q: one key per answer", i, v.Answer, votes[0].Answer)
		}
	}
	if len(comments) != 1 || comments[0] != "The figure is out of date." {
		t.Errorf("comments %q", comments)
	}

	// Another quote of the same answer is another answer to vote on.
	h.click(t, member, msg, "👍 2")
	votes, _ = fb.recorded()
	if last := votes[len(votes)-1]; last.Answer == votes[0].Answer || last.Quote != "Kim hugs a soldier during the ceremony." {
		t.Errorf("vote on quote 2: %+v", last)
	}
}

func TestVotesWhenFeedbackFails(t *testing.T) {
	t.Parallel()
	fb := &fakeFeedback{err: errors.New("feedback /data/feedback.db: invalid database")}
	h := startBot(t, nil, nil, withFeedback(fb))
	msg := h.askForButtons(t, "Who did Kim decorate?")
	for _, label := range []string{"👍 1", "👎 1"} {
		if got := contentOf(privateReply(t, h.click(t, member, msg, label))); got != noFeedback {
			t.Errorf("%s with a broken database: %q", label, got)
		}
	}
	// And the bot still answers.
	if text := textOf(h.askForButtons(t, "Who did Kim decorate?")); !strings.Contains(text, "Kursk") {
		t.Errorf("no answer after a feedback failure:\n%s", text)
	}
	waitUntil(t, "the failure in the log", func() bool { return strings.Contains(h.logs.String(), "invalid database") })
}

// TestButtonsSurviveRestart: a button made by one process works when
// clicked on another (a restart, or another replica).
func TestButtonsSurviveRestart(t *testing.T) {
	t.Parallel()
	first := startBot(t, nil, nil)
	msg := first.askForButtons(t, "Who did Kim decorate?")
	if err := first.stop(); err != nil {
		t.Fatal(err)
	}
	fb := &fakeFeedback{}
	second := startBot(t, nil, nil, withFeedback(fb))
	cb := privateReply(t, second.click(t, member, msg, "1 · Full passage"))
	if !strings.Contains(textOf(cb), "Officials gathered on Friday.") {
		t.Errorf("full passage after a restart:\n%s", textOf(cb))
	}
}

func TestOldButton(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	msg := h.askForButtons(t, "Who did Kim decorate?")
	p, key := clickPayload(h.f, member, msg, idPrefix+"zoom:1")
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	if got := contentOf(privateReply(t, h.callback(t, key))); !strings.Contains(got, "older version") {
		t.Errorf("a button this version does not know: %q", got)
	}
}

func TestHTTPButtons(t *testing.T) {
	t.Parallel()
	fb := &fakeFeedback{}
	h, ep := startHTTPBot(t, nil, nil, withFeedback(fb))
	p, key := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "Who did Kim decorate?")}, nil)
	resp := h.respond(t, ep, p, key)
	if typeOf(resp) != 4 {
		t.Fatalf("ask response %v, want the answer (type 4)", resp)
	}
	msg := asMessage(h.f, resp)
	btn := buttons(t, msg)

	for _, tc := range []struct {
		label    string
		wantType int
		want     string
	}{
		{"1 · Full passage", 4, "Officials gathered on Friday."},
		{"👍 2", 4, "Thanks"},
		{"👎 1", 9, ""},
	} {
		p, key := clickPayload(h.f, member, msg, btn[tc.label]["custom_id"].(string))
		resp := h.respond(t, ep, p, key)
		if typeOf(resp) != tc.wantType || (tc.wantType == 4 && flagsOf(resp)&64 == 0) || !strings.Contains(textOf(resp), tc.want) {
			t.Errorf("%s: response %v, want type %d (private) with %q", tc.label, resp, tc.wantType, tc.want)
		}
		if tc.wantType == 9 {
			id := resp["data"].(map[string]any)["custom_id"].(string)
			p, key := submitPayload(h.f, member, msg, id, "wrong")
			if got := textOf(h.respond(t, ep, p, key)); !strings.Contains(got, "Thanks") {
				t.Errorf("form submitted: %q", got)
			}
		}
	}
	if votes, comments := fb.recorded(); len(votes) != 3 || len(comments) != 1 || comments[0] != "wrong" {
		t.Errorf("votes %+v comments %q", votes, comments)
	}
	// Nothing was sent over REST for the clicks: every response was the
	// HTTP response itself.
	if n := h.f.count(http.MethodPost, "^/interactions/"); n != 0 {
		t.Errorf("%d callbacks over REST, want 0", n)
	}
}

// The checks on buttons and forms must be able to fail.
func TestComponentChecksCanFail(t *testing.T) {
	spec := loadSpec(t)
	row := func(btns ...string) string { return `{"type":1,"components":[` + strings.Join(btns, ",") + `]}` }
	btn := func(id string) string { return `{"type":2,"style":2,"label":"x","custom_id":"` + id + `"}` }
	msg := func(rows ...string) string {
		return `{"type":4,"data":{"content":"x","allowed_mentions":{"parse":[]},"components":[` + strings.Join(rows, ",") + `]}}`
	}
	for _, tc := range []struct {
		name string
		body string
		ok   bool
	}{
		{"valid buttons", msg(row(btn("a"), btn("b")), row(btn("c"))), true},
		{"six buttons in a row", msg(row(btn("1"), btn("2"), btn("3"), btn("4"), btn("5"), btn("6"))), false},
		{"six rows", msg(row(btn("1")), row(btn("2")), row(btn("3")), row(btn("4")), row(btn("5")), row(btn("6"))), false},
		{"custom_id too long", msg(row(btn(strings.Repeat("i", 101)))), false},
		{"custom_id used twice", msg(row(btn("a"), btn("a"))), false},
		{"valid form", `{"type":9,"data":{"custom_id":"f","title":"t","components":[{"type":1,"components":[{"type":4,"custom_id":"w","label":"l","style":2}]}]}}`, true},
		{"form title too long", `{"type":9,"data":{"custom_id":"f","title":"` + strings.Repeat("t", 46) + `","components":[{"type":1,"components":[{"type":4,"custom_id":"w","label":"l","style":2}]}]}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := "/interactions/1/tok/callback"
			problems := payloadProblems(http.MethodPost, path, mustJSON(t, tc.body))
			if err := spec.Validate(http.MethodPost, path, []byte(tc.body)); err != nil {
				problems = append(problems, err.Error())
			}
			if (len(problems) == 0) != tc.ok {
				t.Errorf("problems %q, want ok=%v", problems, tc.ok)
			}
		})
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// A DM's answer has the buttons too, and a click on it is answered.
func TestDirectMessageButtons(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, withFeedback(&fakeFeedback{}))
	author := map[string]any{"id": dmUser.userID, "username": "reader", "discriminator": "0"}
	h.f.dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "8000000000000000004", "channel_id": "4000000000000000077",
		"content": "Who was decorated?", "author": author, "mentions": []any{}, "type": 0, "timestamp": "2025-08-22T10:00:00Z"})
	reply := h.f.waitRequest(t, 1, "POST", `^/channels/4000000000000000077/messages$`).JSON(t)
	msg := asMessage(h.f, reply)
	if _, ok := buttons(t, msg)["👎 1"]; !ok {
		t.Fatalf("the DM answer has no buttons: %v", buttons(t, msg))
	}
	cb := privateReply(t, h.click(t, dmUser, msg, "1 · Full passage"))
	if !strings.Contains(textOf(cb), "Officials gathered on Friday.") {
		t.Errorf("full passage from a DM answer:\n%s", textOf(cb))
	}
}

// A click whose work is slow is deferred, privately, within Discord's 3 s,
// and answered by editing the deferral.
func TestSlowClickIsDeferred(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return []answer.Source{reuters, untitledOutlet} },
		PassagesFn: func(ctx context.Context, file string) ([]Passage, bool) {
			select {
			case <-release:
			case <-ctx.Done():
			}
			return articlePassages(file)
		},
	}
	h := startBot(t, nil, lib)
	msg := h.askForButtons(t, "Who did Kim decorate?")
	p, key := clickPayload(h.f, member, msg, buttons(t, msg)["1 · Full passage"]["custom_id"].(string))
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	cb := h.callback(t, key)
	if typeOf(cb) != 5 || flagsOf(cb)&64 == 0 {
		t.Fatalf("slow click: callback %v, want a private deferral (type 5, flag 64)", cb)
	}
	close(release)
	if text := textOf(h.original(t, key)); !strings.Contains(text, "Officials gathered on Friday.") {
		t.Errorf("the deferred reply:\n%s", text)
	}
}

// A custom_id comes back from the client: a vote button whose answer key
// is not the key of the message's question and quote is refused, so a
// forger cannot cast votes under made-up answers.
func TestForgedVoteRefused(t *testing.T) {
	t.Parallel()
	fb := &fakeFeedback{}
	h := startBot(t, nil, nil, withFeedback(fb))
	msg := h.askForButtons(t, "Who did Kim decorate?")
	b := buttons(t, msg)["👍 1"]
	id, ok := parseButtonID(b["custom_id"].(string))
	if !ok {
		t.Fatalf("custom_id %q does not parse", b["custom_id"])
	}
	for _, forged := range []string{"AAAAAAAAAAAAAAAA", answerKey("another question", "x.md", "y")} {
		id.answer = forged
		p, key := clickPayload(h.f, member, msg, id.String())
		h.f.dispatch(t, "INTERACTION_CREATE", p)
		if got := contentOf(privateReply(t, h.callback(t, key))); !strings.Contains(got, "can't record a vote") {
			t.Errorf("forged answer key %q: reply %q", forged, got)
		}
	}
	if votes, _ := fb.recorded(); len(votes) != 0 {
		t.Errorf("forged votes recorded: %+v", votes)
	}
	// The real button still counts.
	h.click(t, member, msg, "👍 1")
	if votes, _ := fb.recorded(); len(votes) != 1 {
		t.Errorf("%d votes after the real click, want 1", len(votes))
	}
}
