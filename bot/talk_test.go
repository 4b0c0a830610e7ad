package bot

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
)

var messageSeq atomic.Int64

// dmMessage builds a MESSAGE_CREATE payload from author in channel (a DM when
// guild is empty); replyTo, when set, is the message it replies to, as
// Discord includes it.
func dmMessage(author, channel, guild, content string, replyTo map[string]any, mentions ...any) map[string]any {
	id := fmt.Sprintf("81000000000000%05d", messageSeq.Add(1))
	m := map[string]any{"id": id, "channel_id": channel, "content": content,
		"author":   map[string]any{"id": author, "username": "reader" + author[len(author)-1:], "discriminator": "0"},
		"mentions": append([]any{}, mentions...), "type": 0, "timestamp": "2025-08-22T10:00:00Z"}
	if guild != "" {
		m["guild_id"] = guild
	}
	if replyTo != nil {
		m["type"] = 19
		m["message_reference"] = map[string]any{"message_id": replyTo["id"], "channel_id": channel}
		m["referenced_message"] = replyTo
	}
	return m
}

// botAnswer is a message of the bot's, as Discord sends it back in a
// reply's referenced_message.
func botAnswer(f *fakeDiscord, channel, content string) map[string]any {
	return map[string]any{"id": "3000000000000000777", "channel_id": channel, "content": content,
		"author": f.botUser(), "mentions": []any{}, "type": 0, "timestamp": "2025-08-22T09:59:00Z"}
}

// sendDM dispatches a message and returns the bot's reply to it.
func (h *harness) sendDM(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	before := h.f.count("POST", `^/channels/[^/]+/messages$`)
	h.f.dispatch(t, "MESSAGE_CREATE", m)
	reply := h.f.waitRequest(t, before+1, "POST", `^/channels/[^/]+/messages$`).JSON(t)
	if ref, _ := reply["message_reference"].(map[string]any); ref == nil || ref["message_id"] != m["id"] {
		t.Fatalf("reply %v is not a reply to message %v", reply, m["id"])
	}
	return reply
}

// chatty lets a test send many messages without being rate limited.
func chatty(c *Config, _ *fakeDiscord) { c.RateBurst = 1000 }

func TestSmallTalk(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, chatty)
	const user, channel = "5000000000000000031", "4000000000000000031"
	for _, tc := range []struct {
		msg  string
		want []string // in the reply
	}{
		{"hi", []string{"Hi!", "/ask", "/sources"}},
		{"Hello there!", []string{"Hi!", "/ask"}},
		{"help", []string{"/ask", "/sources", "quoting the articles"}},
		{"what can you do?", []string{"/ask", "/sources"}},
		{"who made you?", []string{"I'm storybot", "/ask"}},
		{"sources", []string{"2 articles", "Kim decorates soldiers", "Kim praises soldiers as heroes"}},
		{"which articles do you use?", []string{"Kim decorates soldiers"}},
		{"thanks!", []string{"You're welcome"}},
		{"bye", []string{"Bye"}},
		{"북한 군인 몇 명이 죽었나요?", []string{"only read English"}},
		{"Сколько солдат погибло?", []string{"only read English"}},
		{"Combien de soldats sont morts ?", []string{"only read English"}},
		{"¿Cuántos soldados murieron?", []string{"only read English"}},
	} {
		reply := h.sendDM(t, dmMessage(user, channel, "", tc.msg, nil))
		text := textOf(reply)
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("reply to %q lacks %q:\n%s", tc.msg, w, text)
			}
		}
		if e, _ := reply["embeds"].([]any); len(e) != 0 {
			t.Errorf("small talk %q got quotes: %v", tc.msg, e)
		}
	}
	if got := h.asks.asked(); len(got) != 0 {
		t.Errorf("small talk reached the answer engine: %q", got)
	}
	// A real question with a small-talk word inside is a question.
	reply := h.sendDM(t, dmMessage(user, channel, "", "what weapons would help modernize the army?", nil))
	if e, _ := reply["embeds"].([]any); len(e) == 0 {
		t.Errorf("a question got no quotes: %s", textOf(reply))
	}
	// Small talk around a question is not looked up.
	h.sendDM(t, dmMessage(user, channel, "", "Hello! Where was the ceremony? Thanks", nil))
	if got := h.asks.asked(); fmt.Sprint(got) != fmt.Sprint([]string{"what weapons would help modernize the army?", "Where was the ceremony?"}) {
		t.Errorf("asked %q, want the questions without the small talk", got)
	}
}

func TestSmallTalkOverAsk(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, chatty)
	for _, tc := range []struct {
		question string
		private  bool
		want     string
	}{
		{"help", true, "/sources"},
		{"hi! what can you do?", true, "/ask"},
		{"who built you", true, "I'm storybot"},
		{"what sources do you have?", false, "Kim decorates soldiers"},
		{"북한 군인 몇 명이 죽었나요?", true, "only read English"},
	} {
		key := h.slash(t, member, "ask", strOpt("question", tc.question))
		cb := h.callback(t, key)
		if (flagsOf(cb)&64 != 0) != tc.private {
			t.Errorf("/ask %q: callback flags %d, want private %v", tc.question, flagsOf(cb), tc.private)
		}
		if cb["type"].(float64) != 4 {
			t.Errorf("/ask %q: callback type %v, want a reply (4)", tc.question, cb["type"])
		}
		if !strings.Contains(textOf(cb), tc.want) {
			t.Errorf("/ask %q: reply lacks %q:\n%s", tc.question, tc.want, textOf(cb))
		}
	}
	if got := h.asks.asked(); len(got) != 0 {
		t.Errorf("small talk reached the answer engine: %q", got)
	}
}

func TestFollowUpInDM(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, chatty)
	const alice, bob, channel = "5000000000000000041", "5000000000000000042", "4000000000000000041"

	h.sendDM(t, dmMessage(alice, channel, "", "how many North Korean soldiers were killed?", nil))
	// Small talk in between does not change what a follow-up refers to.
	h.sendDM(t, dmMessage(alice, channel, "", "thanks", nil))
	reply := h.sendDM(t, dmMessage(alice, channel, "", "and how many were wounded?", nil))
	const want = "how many North Korean soldiers were wounded?"
	if got := contentOf(reply); !strings.HasPrefix(got, "**Answering:** "+want+"\n") {
		t.Errorf("follow-up reply starts %q, want it to say it is answering %q", got, want)
	}
	if e, _ := reply["embeds"].([]any); len(e) == 0 {
		t.Errorf("follow-up got no quotes")
	}
	// Follow-ups chain on the question as understood.
	h.sendDM(t, dmMessage(alice, channel, "", "where?", nil))
	// Another user has no previous question: asked as typed.
	h.sendDM(t, dmMessage(bob, channel, "", "when?", nil))
	// Small talk before a follow-up does not hide it.
	h.sendDM(t, dmMessage(alice, channel, "", "thanks! and how many were killed?", nil))

	got := h.asks.asked()
	wantAsked := []string{"how many North Korean soldiers were killed?", want, "where were North Korean soldiers wounded?", "when?", "where were North Korean soldiers wounded, and how many were killed?"}
	if fmt.Sprint(got) != fmt.Sprint(wantAsked) {
		t.Errorf("asked %q,\nwant %q", got, wantAsked)
	}
}

func TestFollowUpInReply(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, chatty)
	bot := h.f.botUser()
	const user, channel, guild = "5000000000000000051", "4000000000000000051", "6000000000000000001"
	// The bot never saw the first question (it restarted, or another shard
	// answered it): the answer replied to carries it.
	answerMsg := botAnswer(h.f, channel, "**Q:** how many North Korean soldiers were killed?\n")
	reply := h.sendDM(t, dmMessage(user, channel, guild, "and how many were wounded?", answerMsg, bot))
	if got := contentOf(reply); !strings.HasPrefix(got, "**Answering:** how many North Korean soldiers were wounded?\n") {
		t.Errorf("reply starts %q", got)
	}
	// A reply to the bot's follow-up answer chains on what it understood.
	understoodMsg := botAnswer(h.f, channel, contentOf(reply))
	h.sendDM(t, dmMessage(user, channel, guild, "<@"+h.f.botID+"> when?", understoodMsg, bot))
	// A plain mention that replies to nothing is asked as typed.
	h.sendDM(t, dmMessage(user, channel, guild, "<@"+h.f.botID+"> where?", nil, bot))
	// So is a reply to someone else's message.
	other := dmMessage("5000000000000000059", channel, guild, "how many soldiers died?", nil)
	h.sendDM(t, dmMessage(user, channel, guild, "<@"+h.f.botID+"> who said that?", other, bot))

	// Another user replies to the bot's real answer to someone else: the
	// answer as the bot sent it carries its question.
	first := h.sendDM(t, dmMessage("5000000000000000058", channel, guild, "<@"+h.f.botID+"> how many soldiers did Kim decorate?", nil, bot))
	h.sendDM(t, dmMessage(user, channel, guild, "why?", botAnswer(h.f, channel, contentOf(first)), bot))

	got := h.asks.asked()
	want := []string{"how many North Korean soldiers were wounded?", "when were North Korean soldiers wounded?", "where?", "who said that?",
		"how many soldiers did Kim decorate?", "why did Kim decorate soldiers?"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("asked %q,\nwant %q", got, want)
	}
}

// TestQuestionOfAnswer: the question a follow-up in a reply builds on is
// read back from the answer as formatted, answered or not, and from an
// answer that says what it understood.
func TestQuestionOfAnswer(t *testing.T) {
	for _, q := range []string{"how many North Korean soldiers were killed?", "who said *that* about @everyone?", strings.Repeat("why ", 70) + "?"} {
		answered := answer.Result{Question: q, Answered: true, Answers: []answer.Answer{{Quote: "Kim decorated soldiers.", Source: reuters}}}
		for _, r := range []Reply{FormatAnswer(answered), FormatAnswer(answer.Result{Question: q}), understood(FormatAnswer(answered), q)} {
			if got := questionOf(r.Content); got != strings.TrimSpace(q) {
				t.Errorf("questionOf(%.80q) = %q, want %q", r.Content, got, q)
			}
		}
	}
	if got := questionOf("Hi! I answer questions about one news story"); got != "" {
		t.Errorf("questionOf(help text) = %q, want none", got)
	}
}

// messageCommand builds the "Ask storybot" interaction on target.
func messageCommand(f *fakeDiscord, who invoker, target map[string]any) (map[string]any, string) {
	p, key := interaction(f, who, 2, "Ask storybot", nil, nil)
	p["data"] = map[string]any{"id": "2000000000000000098", "name": "Ask storybot", "type": 3,
		"target_id": target["id"], "resolved": map[string]any{"messages": map[string]any{target["id"].(string): target}}}
	return p, key
}

func TestMessageCommand(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	const channel = "4000000000000000001"
	target := dmMessage("5000000000000000061", channel, member.guildID, "Who did Kim decorate?", nil)
	p, key := messageCommand(h.f, member, target)
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	msg := h.direct(t, key)
	if flagsOf(msg)&64 != 0 {
		t.Errorf("the answer is private: %v", msg)
	}
	text := textOf(msg)
	if !strings.Contains(text, "Who did Kim decorate?") || !strings.Contains(text, "Kursk region") {
		t.Errorf("reply does not answer the message:\n%s", text)
	}

	// A message that replies to one of the bot's answers is a follow-up.
	answerMsg := botAnswer(h.f, channel, "**Q:** how many North Korean soldiers were killed?\n")
	p, key = messageCommand(h.f, member, dmMessage("5000000000000000061", channel, member.guildID, "and how many were wounded?", answerMsg))
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	msg = h.direct(t, key)
	if !strings.HasPrefix(contentOf(msg), "**Answering:** how many North Korean soldiers were wounded?") {
		t.Errorf("follow-up reply: %q", contentOf(msg))
	}

	// A message with no text gets the private hint.
	empty := dmMessage("5000000000000000061", channel, member.guildID, "", nil)
	p, key = messageCommand(h.f, member, empty)
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	if cb := h.callback(t, key); cb["type"].(float64) != 4 || flagsOf(cb)&64 == 0 {
		t.Errorf("an empty message: callback %v, want a private reply", cb)
	}
	if got := h.asks.asked(); fmt.Sprint(got) != fmt.Sprint([]string{"Who did Kim decorate?", "how many North Korean soldiers were wounded?"}) {
		t.Errorf("asked %q", got)
	}
}

func TestHTTPMessageCommand(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil)
	// Stateless: the context comes with the message replied to.
	answerMsg := botAnswer(h.f, "4000000000000000001", "**Answering:** how many North Korean soldiers were killed?\n")
	p, key := messageCommand(h.f, member, dmMessage("5000000000000000062", "4000000000000000001", member.guildID, "when?", answerMsg))
	resp := h.respond(t, ep, p, key)
	if typeOf(resp) != 4 || !strings.HasPrefix(contentOf(resp), "**Answering:** when were North Korean soldiers killed?") {
		t.Errorf("response %v", resp)
	}
}

func TestAskPrivate(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var slow atomic.Bool
	rec := &askRecorder{}
	fast := rec.answerer()
	a := &fakeAnswerer{
		AskFn: func(ctx context.Context, q string) (answer.Result, error) {
			if slow.Load() {
				<-release
			}
			return fast.AskFn(ctx, q)
		},
		SuggestFn: fast.SuggestFn,
	}
	h := startBot(t, a, nil)
	private := map[string]any{"name": "private", "type": 5, "value": true}

	// Ready at once: the answer itself, private.
	cb := h.callback(t, h.slash(t, member, "ask", strOpt("question", "Who did Kim decorate?"), private))
	if cb["type"].(float64) != 4 || flagsOf(cb)&64 == 0 || !strings.Contains(textOf(cb), "Kursk region") {
		t.Errorf("callback %v, want the answer in a private reply (type 4, flag 64)", cb)
	}
	// private: false is the public default.
	pub := map[string]any{"name": "private", "type": 5, "value": false}
	key := h.slash(t, member, "ask", strOpt("question", "Who did Kim decorate?"), pub)
	if flagsOf(h.callback(t, key))&64 != 0 {
		t.Errorf("private: false gave a private reply")
	}

	// Slow: a private deferral, then the answer in its place. The answer
	// waits for the deferral, so it is slow however fast the machine.
	slow.Store(true)
	h = startBot(t, a, nil, func(c *Config, _ *fakeDiscord) { c.ReplyWithin = time.Nanosecond })
	key = h.slash(t, member, "ask", strOpt("question", "Where was the ceremony?"), private)
	cb = h.callback(t, key)
	close(release)
	if cb["type"].(float64) != 5 || flagsOf(cb)&64 == 0 {
		t.Errorf("callback %v, want a private deferral (type 5, flag 64)", cb)
	}
	if msg := h.original(t, key); !strings.Contains(textOf(msg), "Kursk region") {
		t.Errorf("edited reply: %s", textOf(msg))
	}
	if n := h.f.count("POST", `^/webhooks/`); n != 0 {
		t.Errorf("%d follow-up messages; a private deferral is edited in place", n)
	}
}

func TestFollowUpOverAsk(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, chatty)
	// In a DM with the bot, /ask follows up like a DM.
	h.direct(t, h.slash(t, dmUser, "ask", strOpt("question", "how many North Korean soldiers were killed?")))
	msg := h.direct(t, h.slash(t, dmUser, "ask", strOpt("question", "and how many were wounded?")))
	if got := contentOf(msg); !strings.HasPrefix(got, "**Answering:** how many North Korean soldiers were wounded?\n") {
		t.Errorf("/ask follow-up in a DM: %q", got)
	}
	// In a server, /ask stands alone.
	h.direct(t, h.slash(t, member, "ask", strOpt("question", "how many North Korean soldiers were killed?")))
	h.direct(t, h.slash(t, member, "ask", strOpt("question", "and how many were wounded?")))
	want := []string{"how many North Korean soldiers were killed?", "how many North Korean soldiers were wounded?",
		"how many North Korean soldiers were killed?", "and how many were wounded?"}
	if got := h.asks.asked(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("asked %q,\nwant %q", got, want)
	}
}

func TestHTTPAskIsStateless(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil, chatty)
	for _, q := range []string{"how many North Korean soldiers were killed?", "and how many were wounded?"} {
		p, key := interaction(h.f, dmUser, 2, "ask", []map[string]any{strOpt("question", q)}, nil)
		if resp := h.respond(t, ep, p, key); strings.Contains(contentOf(resp), "Answering") {
			t.Errorf("HTTP mode followed up: %q", contentOf(resp))
		}
	}
	want := []string{"how many North Korean soldiers were killed?", "and how many were wounded?"}
	if got := h.asks.asked(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("asked %q, want %q", got, want)
	}
}
