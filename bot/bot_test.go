package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storybot/storybot/answer"
)

// testToken is a fake bot token: it must never appear in the logs.
const testToken = "MTAwMDAwMDAwMDAwMDAwMDAx.FAKE.secret-token-do-not-log"

// Answerer and Library fakes, wtf style: each test states the behaviour it
// needs as functions.
type fakeAnswerer struct {
	AskFn     func(ctx context.Context, question string) (answer.Result, error)
	SuggestFn func(ctx context.Context, typed string, n int) []string
}

func (a *fakeAnswerer) Ask(ctx context.Context, q string) (answer.Result, error) {
	return a.AskFn(ctx, q)
}

func (a *fakeAnswerer) Suggest(ctx context.Context, typed string, n int) []string {
	return a.SuggestFn(ctx, typed, n)
}

type fakeLibrary struct {
	SourcesFn    func() []answer.Source
	ReindexFn    func(ctx context.Context) (Report, error)
	AddArticleFn func(ctx context.Context, name string, data []byte) (Report, error)
	PassagesFn   func(ctx context.Context, file string) ([]Passage, bool) // default: articleText's
}

func (l *fakeLibrary) Sources() []answer.Source                    { return l.SourcesFn() }
func (l *fakeLibrary) Reindex(ctx context.Context) (Report, error) { return l.ReindexFn(ctx) }
func (l *fakeLibrary) AddArticle(ctx context.Context, name string, data []byte) (Report, error) {
	return l.AddArticleFn(ctx, name, data)
}
func (l *fakeLibrary) Passages(ctx context.Context, file string) ([]Passage, bool) {
	if l.PassagesFn == nil {
		return articlePassages(file)
	}
	return l.PassagesFn(ctx, file)
}

var (
	reuters = answer.Source{File: "seeds/000-reuters.md", Outlet: "Reuters", Title: "Kim decorates soldiers", Author: "Josh Smith", Date: "2025-08-22", URL: "https://www.reuters.com/world/kim"}
	// The unattributed article: no outlet, cited by its title.
	untitledOutlet = answer.Source{File: "seeds/003-kim-praises.md", Title: "Kim praises soldiers as heroes"}
)

// askRecorder is an Answerer that records the questions it got.
type askRecorder struct {
	mu        sync.Mutex
	questions []string
}

func (r *askRecorder) asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.questions...)
}

func (r *askRecorder) answerer() *fakeAnswerer {
	return &fakeAnswerer{
		AskFn: func(_ context.Context, q string) (answer.Result, error) {
			r.mu.Lock()
			r.questions = append(r.questions, q)
			r.mu.Unlock()
			return answer.Result{Question: q, Answered: true, Answers: []answer.Answer{
				{Quote: "North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region.", Source: reuters, Score: 12},
				{Quote: "Kim hugs a soldier during the ceremony.", Source: untitledOutlet, Score: 8, Caption: true},
			}}, nil
		},
		SuggestFn: func(context.Context, string, int) []string { return nil },
	}
}

// syncBuffer is a log sink safe for the bot's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type harness struct {
	f      *fakeDiscord
	logs   *syncBuffer
	cancel context.CancelFunc
	asks   *askRecorder

	exited chan struct{} // closed when Run has returned
	runErr error         // what Run returned; read after exited
}

// startBot runs the real bot (and the real discordgo) against a fake
// Discord until the commands are registered. At cleanup it shuts the bot
// down and checks that Run returned nil and that no token reached the logs.
func startBot(t *testing.T, a Answerer, lib Library, opts ...func(*Config, *fakeDiscord)) *harness {
	t.Helper()
	f := newFakeDiscord(t, testToken)
	logs := &syncBuffer{}
	rec := &askRecorder{}
	if a == nil {
		a = rec.answerer()
	}
	if lib == nil {
		lib = &fakeLibrary{
			SourcesFn: func() []answer.Source { return []answer.Source{reuters, untitledOutlet} },
			ReindexFn: func(context.Context) (Report, error) {
				t.Error("unexpected Reindex")
				return Report{}, nil
			},
			AddArticleFn: func(context.Context, string, []byte) (Report, error) {
				t.Error("unexpected AddArticle")
				return Report{}, nil
			},
		}
	}
	cfg := Config{
		Token:  testToken,
		APIURL: f.APIURL(),
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		// Answers go in the first response however slow the test machine
		// is; a test about deferring lowers it (see slowReplies).
		ReplyWithin: time.Minute,
	}
	for _, o := range opts {
		o(&cfg, f)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{f: f, logs: logs, cancel: cancel, exited: make(chan struct{}), asks: rec}
	go func() {
		defer close(h.exited)
		h.runErr = Run(ctx, cfg, a, lib)
	}()
	t.Cleanup(func() {
		if err := h.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
		if strings.Contains(logs.String(), testToken) || strings.Contains(logs.String(), "secret-token") {
			t.Errorf("the bot token reached the logs:\n%s", logs.String())
		}
		if strings.Contains(logs.String(), "interaction-token-") {
			t.Errorf("an interaction token reached the logs:\n%s", logs.String())
		}
		if t.Failed() {
			t.Logf("bot logs:\n%s", logs.String())
		}
	})
	// Run logs "serving" once started: connected (or listening) and, on
	// shard 0, with the commands registered.
	waitUntil(t, "the bot to start serving", func() bool {
		select {
		case <-h.exited:
			t.Fatalf("Run returned early: %v", h.runErr)
		default:
		}
		return strings.Contains(logs.String(), "discord: serving")
	})
	return h
}

// stop cancels Run and waits for it to return.
func (h *harness) stop() error {
	h.cancel()
	select {
	case <-h.exited:
		return h.runErr
	case <-time.After(10 * time.Second):
		return errors.New("Run did not return within 10 s of cancellation")
	}
}

var interactionSeq atomic.Int64

// invoker is who runs a command: a guild member with permissions, or a
// user in a DM.
type invoker struct {
	userID      string
	guildID     string // empty: a DM
	permissions string // guild member's permissions, decimal
}

var (
	member = invoker{userID: "5000000000000000001", guildID: "6000000000000000001", permissions: "0"}
	admin  = invoker{userID: "5000000000000000002", guildID: "6000000000000000001", permissions: "32"} // MANAGE_GUILD
	dmUser = invoker{userID: "5000000000000000003"}
	// foreignAdmin administers a guild of their own, not the bot's home guild.
	foreignAdmin = invoker{userID: "5000000000000000004", guildID: "6000000000000000002", permissions: "8"} // ADMINISTRATOR
)

// homeGuild makes admin's guild the bot's home guild (DISCORD_GUILD_ID),
// whose admins may reindex.
func homeGuild(c *Config, _ *fakeDiscord) { c.GuildID = admin.guildID }

// interaction builds an INTERACTION_CREATE payload; it returns the payload
// and the path prefix of its callback and @original routes.
func interaction(f *fakeDiscord, who invoker, typ int, name string, options []map[string]any, resolved map[string]any) (map[string]any, string) {
	n := interactionSeq.Add(1)
	id := fmt.Sprintf("70000000000000%05d", n)
	token := fmt.Sprintf("interaction-token-%d", n)
	data := map[string]any{"id": "2000000000000000099", "name": name, "type": 1, "options": options}
	if resolved != nil {
		data["resolved"] = resolved
	}
	p := map[string]any{
		"id": id, "application_id": f.appID, "type": typ, "token": token, "version": 1,
		"channel_id": "4000000000000000001", "data": data, "locale": "en-US",
	}
	user := map[string]any{"id": who.userID, "username": "user" + who.userID[len(who.userID)-1:], "discriminator": "0"}
	if who.guildID != "" {
		p["guild_id"] = who.guildID
		p["member"] = map[string]any{"user": user, "permissions": who.permissions, "roles": []any{}}
		p["context"] = 0
	} else {
		p["user"] = user
		p["context"] = 1
	}
	return p, id + "/" + token
}

// slash dispatches a slash command and returns its interaction route key.
func (h *harness) slash(t *testing.T, who invoker, name string, options ...map[string]any) string {
	t.Helper()
	p, key := interaction(h.f, who, 2, name, options, nil)
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	return key
}

func strOpt(name, value string) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": value}
}

// callback waits for the interaction's callback body.
func (h *harness) callback(t *testing.T, key string) map[string]any {
	t.Helper()
	return h.f.waitRequest(t, 1, "POST", "^/interactions/"+key+"/callback$").JSON(t)
}

// direct waits for the callback of an interaction answered at once, as
// /ask is when its answer is ready in time, and returns it.
func (h *harness) direct(t *testing.T, key string) map[string]any {
	t.Helper()
	cb := h.callback(t, key)
	if typeOf(cb) != 4 {
		t.Fatalf("callback %v, want the answer itself (type 4), not a deferral", cb)
	}
	return cb
}

// original waits for the edit of the interaction's deferred reply.
func (h *harness) original(t *testing.T, key string) map[string]any {
	t.Helper()
	token := key[strings.IndexByte(key, '/')+1:]
	return h.f.waitRequest(t, 1, "PATCH", "^/webhooks/[^/]+/"+token+"/messages/@original$").JSON(t)
}

func flagsOf(body map[string]any) int {
	d, _ := body["data"].(map[string]any)
	f, _ := d["flags"].(float64)
	return int(f)
}

func contentOf(msg map[string]any) string {
	if d, ok := msg["data"].(map[string]any); ok {
		msg = d
	}
	s, _ := msg["content"].(string)
	return s
}

// textOf is everything a user would read in a message.
func textOf(msg map[string]any) string {
	if d, ok := msg["data"].(map[string]any); ok {
		msg = d
	}
	var b strings.Builder
	b.WriteString(contentOf(msg))
	embeds, _ := msg["embeds"].([]any)
	for _, e := range embeds {
		em := e.(map[string]any)
		fmt.Fprintf(&b, "\n[%v](%v)\n%v", em["title"], em["url"], em["description"])
		if ft, ok := em["footer"].(map[string]any); ok {
			fmt.Fprintf(&b, "\n%v", ft["text"])
		}
	}
	return b.String()
}

func TestRegistersCommandsAndIntents(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(c *Config, _ *fakeDiscord) { c.GuildID = "6000000000000000001" })
	global := h.f.waitRequest(t, 1, "PUT", `^/applications/1000000000000000001/commands$`)
	guild := h.f.waitRequest(t, 1, "PUT", `^/applications/1000000000000000001/guilds/6000000000000000001/commands$`)
	if !bytes.Equal(global.Body, guild.Body) {
		t.Errorf("guild commands differ from global ones:\n%s\n%s", global.Body, guild.Body)
	}
	var cmds []struct {
		Name             string  `json:"name"`
		Description      string  `json:"description"`
		Type             int     `json:"type"`
		Contexts         []int   `json:"contexts"`
		IntegrationTypes []int   `json:"integration_types"`
		Permissions      *string `json:"default_member_permissions"`
		Options          []struct {
			Type         int    `json:"type"`
			Name         string `json:"name"`
			Required     bool   `json:"required"`
			Autocomplete bool   `json:"autocomplete"`
			MaxLength    int    `json:"max_length"`
		} `json:"options"`
	}
	if err := json.Unmarshal(global.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	byName := map[string]int{}
	for i, c := range cmds {
		byName[c.Name] = i
		if c.Name == "Ask storybot" {
			// A message command: Discord wants no description.
			if c.Description != "" || c.Type != 3 {
				t.Errorf("%q: description %q, type %d; want a message command (3) without one", c.Name, c.Description, c.Type)
			}
			continue
		}
		if c.Description == "" || c.Type != 1 {
			t.Errorf("/%s: description %q, type %d", c.Name, c.Description, c.Type)
		}
	}
	for _, name := range []string{"ask", "sources", "timeline", "help", "reindex", "Ask storybot"} {
		if _, ok := byName[name]; !ok {
			t.Fatalf("command /%s not registered; got %s", name, global.Body)
		}
	}
	ask := cmds[byName["ask"]]
	if fmt.Sprint(ask.Contexts) != "[0 1 2]" || fmt.Sprint(ask.IntegrationTypes) != "[0 1]" || ask.Permissions != nil {
		t.Errorf("/ask contexts %v integration types %v permissions %v", ask.Contexts, ask.IntegrationTypes, ask.Permissions)
	}
	if len(ask.Options) != 2 || ask.Options[0].Name != "question" || ask.Options[0].Type != 3 ||
		!ask.Options[0].Required || !ask.Options[0].Autocomplete || ask.Options[0].MaxLength != MaxQuestion {
		t.Errorf("/ask options: %+v", ask.Options)
	}
	if len(ask.Options) == 2 && (ask.Options[1].Name != "private" || ask.Options[1].Type != 5 || ask.Options[1].Required) {
		t.Errorf("/ask private option: %+v, want an optional boolean (type 5)", ask.Options[1])
	}
	if mc := cmds[byName["Ask storybot"]]; fmt.Sprint(mc.Contexts) != "[0 1 2]" || fmt.Sprint(mc.IntegrationTypes) != "[0 1]" || len(mc.Options) != 0 {
		t.Errorf("message command contexts %v integration types %v options %v", mc.Contexts, mc.IntegrationTypes, mc.Options)
	}
	re := cmds[byName["reindex"]]
	if re.Permissions == nil || *re.Permissions != "32" {
		t.Errorf("/reindex default_member_permissions %v, want \"32\" (Manage Server)", re.Permissions)
	}
	if fmt.Sprint(re.Contexts) != "[0 1]" {
		t.Errorf("/reindex contexts %v, want [0 1]", re.Contexts)
	}
	if len(re.Options) != 1 || re.Options[0].Type != 11 || re.Options[0].Required {
		t.Errorf("/reindex options: %+v", re.Options)
	}

	h.f.mu.Lock()
	ids := h.f.identifies
	h.f.mu.Unlock()
	if len(ids) != 1 {
		t.Fatalf("%d identifies, want 1", len(ids))
	}
	intents := int(ids[0]["intents"].(float64))
	if intents != 1<<0|1<<9|1<<12 {
		t.Errorf("intents %b, want GUILDS|GUILD_MESSAGES|DIRECT_MESSAGES", intents)
	}
	const privileged = 1<<1 | 1<<8 | 1<<15 // GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT
	if intents&privileged != 0 {
		t.Errorf("intents %b ask for a privileged intent", intents)
	}
}

func TestAsk(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	for _, tc := range []struct {
		name string
		who  invoker
	}{
		{"in a server", member},
		{"in a DM", dmUser},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := h.slash(t, tc.who, "ask", strOpt("question", "Who did Kim decorate?"))
			// Answers take milliseconds: one response, no deferral.
			msg := h.direct(t, key)
			if flagsOf(msg)&64 != 0 {
				t.Errorf("callback %v, want a public reply", msg)
			}
			text := textOf(msg)
			for _, want := range []string{
				"Who did Kim decorate?",
				"> North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region.",
				"Reuters · Josh Smith · 2025-08-22", "[1 · Kim decorates soldiers](https://www.reuters.com/world/kim)",
				"Kim praises soldiers as heroes", "photo caption",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("reply lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(strings.ToLower(text), "unknown") {
				t.Errorf("reply shows a placeholder for unknown fields:\n%s", text)
			}
			if i, j := strings.Index(text, "Kursk"), strings.Index(text, "hugs"); i > j {
				t.Errorf("best answer is not first:\n%s", text)
			}
		})
	}
}

// An answer not ready within ReplyWithin is deferred, publicly, and sent by
// editing the "thinking…" message.
func TestSlowAskIsDeferred(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	fast := (&askRecorder{}).answerer()
	slow := &fakeAnswerer{AskFn: func(ctx context.Context, q string) (answer.Result, error) {
		<-release
		return fast.AskFn(ctx, q)
	}}
	h := startBot(t, slow, nil, func(c *Config, _ *fakeDiscord) { c.ReplyWithin = time.Nanosecond })
	key := h.slash(t, member, "ask", strOpt("question", "Who did Kim decorate?"))
	cb := h.callback(t, key)
	close(release)
	if typeOf(cb) != 5 || flagsOf(cb)&64 != 0 {
		t.Errorf("callback %v, want a public deferral (type 5, not ephemeral)", cb)
	}
	if text := textOf(h.original(t, key)); !strings.Contains(text, "Kursk") {
		t.Errorf("edited reply:\n%s", text)
	}
}

func TestAskNotAnswered(t *testing.T) {
	t.Parallel()
	a := &fakeAnswerer{AskFn: func(_ context.Context, q string) (answer.Result, error) {
		return answer.Result{Question: q}, nil
	}}
	h := startBot(t, a, nil)
	key := h.slash(t, member, "ask", strOpt("question", "What is the weather on Mars?"))
	msg := h.direct(t, key)
	if !strings.Contains(contentOf(msg), "/sources") || !strings.Contains(contentOf(msg), "don't cover") {
		t.Errorf("reply %q should say the articles don't cover it and point to /sources", contentOf(msg))
	}
	if e, _ := msg["embeds"].([]any); len(e) != 0 {
		t.Errorf("an unanswered question got quotes: %v", e)
	}
}

func TestAskLongAnswersStayWithinLimits(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Kim Jong Un decorated the soldiers who fought in Kursk, state media said. ", 150)
	res := answer.Result{Answered: true}
	for i := range answer.MaxAnswers {
		res.Answers = append(res.Answers, answer.Answer{Quote: fmt.Sprintf("%d. %s", i, long), Source: answer.Source{
			Outlet: strings.Repeat("Outlet ", 100), Author: strings.Repeat("Author ", 100), Date: "2025-08-22",
			Title: strings.Repeat("A very long title ", 30), URL: "https://example.com/story"}})
	}
	a := &fakeAnswerer{AskFn: func(_ context.Context, q string) (answer.Result, error) { res.Question = q; return res, nil }}
	h := startBot(t, a, nil)
	// The fake checks the limits and the schema; here, that quotes were cut
	// at a word, as a verbatim prefix.
	msg, _ := h.direct(t, h.slash(t, member, "ask", strOpt("question", strings.Repeat("why? ", 60))))["data"].(map[string]any)
	embeds, _ := msg["embeds"].([]any)
	if len(embeds) != answersPerPage {
		t.Fatalf("%d embeds, want %d", len(embeds), answersPerPage)
	}
	// The rest come with More sources, within the limits too.
	more, _ := h.click(t, member, asMessage(h.f, msg), "More sources")["data"].(map[string]any)["embeds"].([]any)
	if len(embeds)+len(more) != answer.MaxAnswers {
		t.Fatalf("%d+%d embeds, want %d", len(embeds), len(more), answer.MaxAnswers)
	}
	for i, e := range append(embeds, more...) {
		desc, _ := e.(map[string]any)["description"].(string)
		shown, cut := shownQuote(desc)
		quote := res.Answers[i].Quote
		if !cut || !strings.HasPrefix(quote, shown) || len(shown) < 500 || !strings.HasPrefix(quote[len(shown):], " ") {
			t.Errorf("quote shown as %q (cut %v): want a long verbatim prefix ending at a word", shown, cut)
		}
	}
}

func TestAskEngineError(t *testing.T) {
	t.Parallel()
	a := &fakeAnswerer{AskFn: func(context.Context, string) (answer.Result, error) {
		return answer.Result{}, errors.New("index unreadable")
	}}
	h := startBot(t, a, nil)
	msg := h.direct(t, h.slash(t, member, "ask", strOpt("question", "how many died")))
	if !strings.Contains(contentOf(msg), "Sorry") {
		t.Errorf("reply %q, want an apology", contentOf(msg))
	}
	waitUntil(t, "the error in the log", func() bool { return strings.Contains(h.logs.String(), "index unreadable") })
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	var typedGot atomic.Value
	a := &fakeAnswerer{SuggestFn: func(_ context.Context, typed string, n int) []string {
		typedGot.Store(typed)
		out := []string{"How many soldiers died?", "How many soldiers died?", strings.Repeat("very long question ", 10)}
		for i := range 40 {
			out = append(out, fmt.Sprintf("Question %d?", i))
		}
		return out
	}}
	h := startBot(t, a, nil)
	p, key := interaction(h.f, member, 4, "ask", []map[string]any{{"name": "question", "type": 3, "value": "how many", "focused": true}}, nil)
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	cb := h.callback(t, key)
	if cb["type"].(float64) != 8 {
		t.Fatalf("callback type %v, want 8 (autocomplete result)", cb["type"])
	}
	choices := cb["data"].(map[string]any)["choices"].([]any)
	if len(choices) != MaxChoices {
		t.Errorf("%d choices, want %d", len(choices), MaxChoices)
	}
	if first := choices[0].(map[string]any); first["name"] != "How many soldiers died?" || first["value"] != "How many soldiers died?" {
		t.Errorf("first choice %v", first)
	}
	if second := choices[1].(map[string]any)["name"].(string); utf8.RuneCountInString(second) > MaxChoiceLen || second == "How many soldiers died?" {
		t.Errorf("second choice %q: duplicates must go, long ones be cut", second)
	}
	if typedGot.Load() != "how many" {
		t.Errorf("Suggest got %v, want what was typed", typedGot.Load())
	}
}

func TestDirectMessageAndMentions(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	bot := h.f.botUser()
	author := map[string]any{"id": "5000000000000000009", "username": "reader", "discriminator": "0"}
	msg := func(id, guild, content string, author map[string]any, mentions ...any) map[string]any {
		m := map[string]any{"id": id, "channel_id": "4000000000000000077", "content": content,
			"author": author, "mentions": append([]any{}, mentions...), "type": 0, "timestamp": "2025-08-22T10:00:00Z"}
		if guild != "" {
			m["guild_id"] = guild
		}
		return m
	}
	otherBot := map[string]any{"id": "5000000000000000010", "username": "otherbot", "bot": true}

	// Ignored: bots (another one, and the bot itself), and server messages
	// that do not mention the bot.
	h.f.dispatch(t, "MESSAGE_CREATE", msg("8000000000000000001", "", "what happened?", otherBot))
	h.f.dispatch(t, "MESSAGE_CREATE", msg("8000000000000000002", "", "what happened?", bot))
	h.f.dispatch(t, "MESSAGE_CREATE", msg("8000000000000000003", "6000000000000000001", "what happened in Kursk?", author))
	// Answered: a DM, and a mention in a server.
	h.f.dispatch(t, "MESSAGE_CREATE", msg("8000000000000000004", "", "Who was decorated?", author))
	h.f.dispatch(t, "MESSAGE_CREATE", msg("8000000000000000005", "6000000000000000001", "<@"+h.f.botID+"> how many died?", author, bot))

	r1 := h.f.waitRequest(t, 1, "POST", `^/channels/4000000000000000077/messages$`).JSON(t)
	r2 := h.f.waitRequest(t, 2, "POST", `^/channels/4000000000000000077/messages$`).JSON(t)
	replies := map[string]map[string]any{}
	for _, r := range []map[string]any{r1, r2} {
		ref, _ := r["message_reference"].(map[string]any)
		if ref == nil {
			t.Fatalf("reply is not a reply (no message_reference): %v", r)
		}
		replies[ref["message_id"].(string)] = r
	}
	if !strings.Contains(textOf(replies["8000000000000000004"]), "Who was decorated?") {
		t.Errorf("DM reply: %s", textOf(replies["8000000000000000004"]))
	}
	mention := textOf(replies["8000000000000000005"])
	if !strings.Contains(mention, "how many died?") || strings.Contains(mention, h.f.botID) {
		t.Errorf("mention reply should echo the question without the mention: %s", mention)
	}
	if got := h.asks.asked(); len(got) != 2 || got[0] == got[1] || !contains(got, "how many died?") || !contains(got, "Who was decorated?") {
		t.Errorf("asked %q, want just the DM and the mention", got)
	}
	if n := h.f.count("POST", `^/channels/`); n != 2 {
		t.Errorf("%d channel messages sent, want 2", n)
	}
}

// TestReindexRefused: the articles are shared by every guild, so only the
// home guild's admins and BOT_ADMIN_IDS may change them. An admin of any
// other guild, or any guild's admin when no home guild is set, is refused,
// with or without an attachment.
func TestReindexRefused(t *testing.T) {
	t.Parallel()
	attachment := []map[string]any{{"name": "article", "type": 11, "value": "9000000000000000001"}}
	resolved := map[string]any{"attachments": map[string]any{"9000000000000000001": map[string]any{
		"id": "9000000000000000001", "filename": "forged.md", "size": 10, "url": "http://127.0.0.1:1/forged.md",
		"proxy_url": "http://127.0.0.1:1/forged.md", "content_type": "text/plain"}}}
	for _, tc := range []struct {
		name string
		opts []func(*Config, *fakeDiscord)
		who  []invoker
	}{
		{"home guild set", []func(*Config, *fakeDiscord){homeGuild}, []invoker{member, dmUser, foreignAdmin}},
		{"no home guild", nil, []invoker{member, dmUser, foreignAdmin, admin}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := startBot(t, nil, nil, tc.opts...) // the Library fails the test if called
			for _, who := range tc.who {
				for _, opts := range [][]map[string]any{nil, attachment} {
					var res map[string]any
					if opts != nil {
						res = resolved
					}
					p, key := interaction(h.f, who, 2, "reindex", opts, res)
					h.f.dispatch(t, "INTERACTION_CREATE", p)
					cb := h.callback(t, key)
					if cb["type"].(float64) != 4 || flagsOf(cb)&64 == 0 {
						t.Errorf("%s: refusal %v, want an ephemeral message (type 4, flag 64)", who.userID, cb)
					}
					if !strings.Contains(contentOf(cb), "Only the bot's admins") {
						t.Errorf("%s: refusal says %q", who.userID, contentOf(cb))
					}
				}
			}
		})
	}
}

func TestReindexByAdminWhileAsking(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 2)
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(ctx context.Context) (Report, error) {
			started <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
				return Report{}, ctx.Err()
			}
			return Report{Articles: 5, Passages: 812, Took: 1234 * time.Millisecond,
				Skipped: []Skipped{{File: "notes.txt", Reason: "no title"}}}, nil
		},
	}
	h := startBot(t, nil, lib, homeGuild, func(c *Config, _ *fakeDiscord) { c.AdminIDs = []string{dmUser.userID} })
	for _, who := range []invoker{admin, dmUser} {
		key := h.slash(t, who, "reindex")
		cb := h.callback(t, key)
		if cb["type"].(float64) != 5 || flagsOf(cb) != 64 {
			t.Errorf("reindex callback %v, want an ephemeral deferral (type 5, flags 64)", cb)
		}
		<-started

		// The old index still serves while the new one is built.
		ask := h.slash(t, member, "ask", strOpt("question", "how many died"))
		if msg := h.direct(t, ask); !strings.Contains(textOf(msg), "Kursk") {
			t.Errorf("/ask during a reindex: %s", textOf(msg))
		}
		if n := h.f.count("PATCH", "^/webhooks/[^/]+/"+key[strings.IndexByte(key, '/')+1:]); n != 0 {
			t.Fatalf("reindex finished before it was released")
		}
		release <- struct{}{}
		text := contentOf(h.original(t, key))
		for _, want := range []string{"5 articles", "812 passages", "1.234s", "notes.txt", "no title"} {
			if !strings.Contains(text, want) {
				t.Errorf("reindex report lacks %q: %s", want, text)
			}
		}
	}
}

func TestReindexAttachment(t *testing.T) {
	t.Parallel()
	type added struct {
		name string
		data []byte
	}
	var mu sync.Mutex
	var got []added
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(context.Context) (Report, error) { t.Error("Reindex called for an upload"); return Report{}, nil },
		AddArticleFn: func(_ context.Context, name string, data []byte) (Report, error) {
			mu.Lock()
			got = append(got, added{name, data})
			mu.Unlock()
			if bytes.HasPrefix(data, []byte("\n")) {
				return Report{}, &InvalidArticle{errors.New("the article has no title line")}
			}
			if bytes.HasPrefix(data, []byte("disk")) {
				return Report{}, errors.New("save article: write /srv/storybot/seeds/.20260101-000000-disk.md.tmp-123: file too large")
			}
			return Report{Articles: 6, Passages: 900, Took: time.Second, Added: "005-upload.md"}, nil
		},
	}
	h := startBot(t, nil, lib, homeGuild, func(c *Config, _ *fakeDiscord) { c.MaxAttachment, c.RateBurst = 1000, 100 })
	article := []byte("Kim meets troops\n\nKim Jong Un met the returning troops in Pyongyang.\n")

	for _, tc := range []struct {
		name     string
		filename string
		size     int    // declared
		body     []byte // served
		want     string
		added    bool
	}{
		{"valid markdown", "story.md", len(article), article, "Added `005-upload.md`", true},
		{"wrong extension", "story.pdf", len(article), article, "not a .txt or .md file", false},
		{"declared too big", "big.txt", 5000, article, "limit is 1000 bytes", false},
		{"bigger than declared", "liar.txt", 10, bytes.Repeat([]byte("a "), 600), "larger than the 1000 bytes limit", false},
		{"rejected by the library", "notitle.txt", 5, []byte("\nno title"), "no title line", true},
		{"not saved", "disk.md", 10, []byte("disk full?"), "could not be saved", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			before := len(got)
			mu.Unlock()
			url := h.f.cdnURL(tc.filename, tc.body)
			resolved := map[string]any{"attachments": map[string]any{"9000000000000000001": map[string]any{
				"id": "9000000000000000001", "filename": tc.filename, "size": tc.size, "url": url, "proxy_url": url,
				"content_type": "text/plain"}}}
			p, key := interaction(h.f, admin, 2, "reindex", []map[string]any{{"name": "article", "type": 11, "value": "9000000000000000001"}}, resolved)
			h.f.dispatch(t, "INTERACTION_CREATE", p)
			text := contentOf(h.original(t, key))
			if !strings.Contains(text, tc.want) {
				t.Errorf("reply %q, want %q", text, tc.want)
			}
			if strings.Contains(text, "/srv/") || strings.Contains(text, "too large") {
				t.Errorf("reply %q shows the server's error", text)
			}
			mu.Lock()
			defer mu.Unlock()
			if n := len(got) - before; (n == 1) != tc.added {
				t.Errorf("AddArticle called %d times, want added=%v", n, tc.added)
			} else if tc.added && (got[len(got)-1].name != tc.filename || !bytes.Equal(got[len(got)-1].data, tc.body)) {
				t.Errorf("AddArticle got %q %q", got[len(got)-1].name, got[len(got)-1].data)
			}
		})
	}
	// The admin's mistakes are information; the server's failures need the
	// operator.
	waitUntil(t, "the failed save in the log", func() bool {
		return strings.Contains(h.logs.String(), "file too large")
	})
	for _, line := range strings.Split(h.logs.String(), "\n") {
		switch {
		case strings.Contains(line, "no title line") && !strings.Contains(line, "level=INFO"):
			t.Errorf("a rejected article is logged above INFO: %s", line)
		case strings.Contains(line, "file too large") && !strings.Contains(line, "level=ERROR"):
			t.Errorf("a failed save is logged below ERROR: %s", line)
		}
	}
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	if len(h.f.cdnReqs) == 0 {
		t.Fatal("no attachment was downloaded")
	}
	for _, hd := range h.f.cdnReqs {
		if hd.Get("Authorization") != "" {
			t.Errorf("attachment download carried an Authorization header")
		}
	}
}

func TestHostileQuestions(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	long := strings.Repeat("why ", 750) // 3000 characters
	for _, tc := range []struct {
		name, question string
		wantAsked      string // prefix of what the engine gets
		wantShown      string // in the reply content
		notShown       []string
	}{
		{"everyone", "@everyone what happened?", "@everyone what happened?", `\@everyone`, nil},
		{"3000 characters", long, "why why", "why why", nil},
		{"markdown", "**bold** `code` [link](http://evil.example) ||spoiler||", "**bold**", `\*\*bold\*\* \` + "`" + `code\` + "`", []string{"[link]"}},
		{"control characters", "how\x00 many\x1b[31m died\u202e?\r\n", "how many[31m died?", "how many", []string{"\x00", "\x1b", "\u202e", "\r"}},
		{"user and role mentions", "<@123> <@&456> hi", "<@123>", `\<\@123\>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(h.asks.asked())
			msg := h.direct(t, h.slash(t, member, "ask", strOpt("question", tc.question)))
			content := contentOf(msg)
			if !strings.Contains(content, tc.wantShown) {
				t.Errorf("reply content %q lacks %q", content, tc.wantShown)
			}
			for _, s := range tc.notShown {
				if strings.Contains(content, s) {
					t.Errorf("reply content %q shows %q", content, s)
				}
			}
			asked := h.asks.asked()
			if len(asked) != before+1 {
				t.Fatalf("asked %d times, want %d", len(asked), before+1)
			}
			q := asked[len(asked)-1]
			if !strings.HasPrefix(q, tc.wantAsked) || utf8.RuneCountInString(q) > MaxQuestion {
				t.Errorf("engine got %q (%d chars), want a cleaned question starting %q, at most %d chars", q, utf8.RuneCountInString(q), tc.wantAsked, MaxQuestion)
			}
		})
	}
	// A DM has no max_length: the same holds.
	h.f.dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "8000000000000000100", "channel_id": "4000000000000000078",
		"content": "@everyone " + long, "author": map[string]any{"id": "5000000000000000011", "username": "x"}, "mentions": []any{}})
	reply := h.f.waitRequest(t, 1, "POST", `^/channels/4000000000000000078/messages$`).JSON(t)
	if strings.Contains(contentOf(reply), "@everyone") && !strings.Contains(contentOf(reply), `\@everyone`) {
		t.Errorf("DM reply echoes an unescaped @everyone: %q", contentOf(reply))
	}
}

func TestReconnectResumes(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	// Make sure a dispatch with a sequence number went through first.
	h.direct(t, h.slash(t, member, "ask", strOpt("question", "before")))
	h.f.mu.Lock()
	seqBefore := h.f.seq
	h.f.mu.Unlock()

	h.f.reconnect(t)
	waitUntil(t, "a Resume (op 6)", func() bool {
		h.f.mu.Lock()
		defer h.f.mu.Unlock()
		return len(h.f.resumes) == 1 && h.f.conn != nil
	})
	h.f.mu.Lock()
	resume := h.f.resumes[0]
	identifies := len(h.f.identifies)
	h.f.mu.Unlock()
	if resume["seq"].(float64) != float64(seqBefore) || resume["token"] != "Bot "+testToken {
		t.Errorf("resume %v, want seq %d and the bot token", redactMap(resume), seqBefore)
	}
	if identifies != 1 {
		t.Errorf("%d identifies, want 1: a reconnect must resume, not identify again", identifies)
	}
	msg := h.direct(t, h.slash(t, member, "ask", strOpt("question", "after the reconnect")))
	if !strings.Contains(contentOf(msg), "after the reconnect") {
		t.Errorf("reply after reconnect: %q", contentOf(msg))
	}
}

func TestShutdown(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	h.f.connected(t)
	start := time.Now()
	if err := h.stop(); err != nil {
		t.Fatalf("Run returned %v, want nil", err)
	}
	// "Promptly" is part of the contract: a container runtime kills a bot
	// that ignores SIGTERM for long.
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("shutdown took %s, want a few seconds at most", took)
	}
	waitUntil(t, "the websocket to close", func() bool {
		h.f.mu.Lock()
		defer h.f.mu.Unlock()
		return h.f.closedConns == h.f.connections && h.f.conn == nil
	})
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(c *Config, _ *fakeDiscord) { c.RateBurst, c.RateEvery = 2, time.Hour })
	for i := range 2 {
		h.direct(t, h.slash(t, member, "ask", strOpt("question", fmt.Sprintf("question %d", i))))
	}
	cb := h.callback(t, h.slash(t, member, "ask", strOpt("question", "one too many")))
	if cb["type"].(float64) != 4 || flagsOf(cb)&64 == 0 || !strings.Contains(contentOf(cb), "wait a few seconds") {
		t.Errorf("over the limit: %v, want a polite ephemeral message", cb)
	}
	// Another user is not affected.
	h.direct(t, h.slash(t, admin, "ask", strOpt("question", "someone else")))
	if got := h.asks.asked(); len(got) != 3 || contains(got, "one too many") {
		t.Errorf("asked %q", got)
	}
}

func TestTokenNeverLogged(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(c *Config, f *fakeDiscord) {
		c.GuildID = "6000000000000000001"
		// A proxy that echoes the request headers in its error bodies.
		f.fail = func(method, path string) bool {
			return strings.Contains(path, "/guilds/") || strings.HasSuffix(path, "/callback")
		}
	})
	h.f.waitRequest(t, 1, "PUT", `/guilds/6000000000000000001/commands$`)
	h.callback(t, h.slash(t, member, "ask", strOpt("question", "leak?")))
	waitUntil(t, "the failures in the log", func() bool {
		l := h.logs.String()
		return strings.Contains(l, "register guild commands") && strings.Contains(l, "outcome=error")
	})
	logs := h.logs.String()
	if !strings.Contains(logs, "HTTP 500") {
		t.Errorf("logs should say what failed:\n%s", logs)
	}
	if strings.Contains(logs, "interaction-token-") {
		t.Errorf("an interaction token reached the logs:\n%s", logs)
	}
	// startBot's cleanup checks the bot token.
}

func TestSourcesAndHelp(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil)
	src := contentOf(h.callback(t, h.slash(t, dmUser, "sources")))
	for _, want := range []string{"**Kim decorates soldiers** — Reuters · Josh Smith · 2025\\-08\\-22", "**Kim praises soldiers as heroes**"} {
		if !strings.Contains(src, strings.ReplaceAll(want, `\-`, "-")) && !strings.Contains(src, want) {
			t.Errorf("/sources lacks %q:\n%s", want, src)
		}
	}
	help := h.callback(t, h.slash(t, member, "help"))
	if !strings.Contains(contentOf(help), "/ask") || !strings.Contains(contentOf(help), "/sources") {
		t.Errorf("/help: %q", contentOf(help))
	}
	waitUntil(t, "a log line per command", func() bool {
		l := h.logs.String()
		return strings.Contains(l, "command=sources") && strings.Contains(l, "command=help") &&
			strings.Contains(l, "user="+dmUser.userID) && strings.Contains(l, "latency=")
	})
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func redactMap(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if k == "token" {
			v = "[redacted]"
		}
		out[k] = v
	}
	return out
}

// A question the engine cannot look up (no words, empty, too long) is not
// an outage: the asker gets a private reply saying what to ask instead,
// logged at INFO, wherever they asked.
func TestUnaskableQuestions(t *testing.T) {
	t.Parallel()
	errs := map[string]error{
		"why?":       fmt.Errorf("analyse: %w", answer.ErrNoWords),
		"who was it": answer.ErrNoWords,
		"?!":         answer.ErrEmptyQuestion,
		"a long one": fmt.Errorf("ask: %w", answer.ErrLongQuestion),
	}
	a := &fakeAnswerer{AskFn: func(_ context.Context, q string) (answer.Result, error) {
		if err, ok := errs[q]; ok {
			return answer.Result{}, err
		}
		return answer.Result{}, fmt.Errorf("unexpected question %q", q)
	}}
	hints := map[string]string{"why?": "name the person", "who was it": "name the person", "?!": "ask me", "a long one": "shorter"}
	check := func(t *testing.T, where, q, text string) {
		t.Helper()
		if strings.Contains(text, "Sorry") || !strings.Contains(strings.ToLower(text), hints[q]) {
			t.Errorf("%s %q: reply %q, want what to ask instead", where, q, text)
		}
	}
	checkLogs := func(t *testing.T, logs *syncBuffer, n int) {
		t.Helper()
		waitUntil(t, "the questions in the log", func() bool { return strings.Count(logs.String(), "discord: command") >= n })
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, "discord: command") && !strings.Contains(line, "level=INFO") {
				t.Errorf("logged as more than information: %s", line)
			}
		}
	}

	t.Run("gateway", func(t *testing.T) {
		t.Parallel()
		h := startBot(t, a, nil)
		for q := range hints {
			key := h.slash(t, member, "ask", strOpt("question", q))
			cb := h.callback(t, key)
			if typeOf(cb) != 4 || flagsOf(cb)&64 == 0 {
				t.Errorf("/ask %q: callback %v, want a private message (type 4, flag 64)", q, cb)
			}
			check(t, "/ask", q, contentOf(cb))
		}
		for i, q := range []string{"why?", "a long one"} {
			h.f.dispatch(t, "MESSAGE_CREATE", map[string]any{"id": fmt.Sprintf("800000000000000020%d", i), "channel_id": "4000000000000000079",
				"content": q, "author": map[string]any{"id": "5000000000000000012", "username": "x"}, "mentions": []any{}})
			check(t, "DM", q, contentOf(h.f.waitRequest(t, i+1, "POST", `^/channels/4000000000000000079/messages$`).JSON(t)))
		}
		if n := h.f.count("PATCH", `@original$`); n != 0 {
			t.Errorf("%d public replies edited in", n)
		}
		checkLogs(t, h.logs, len(hints)+2)
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		h, ep := startHTTPBot(t, a, nil)
		for q := range hints {
			p, key := interaction(h.f, dmUser, 2, "ask", []map[string]any{strOpt("question", q)}, nil)
			resp := h.respond(t, ep, p, key)
			if typeOf(resp) != 4 || flagsOf(resp)&64 == 0 {
				t.Errorf("/ask %q: response %v, want a private message (type 4, flag 64)", q, resp)
			}
			check(t, "/ask", q, contentOf(resp))
		}
		checkLogs(t, h.logs, len(hints))
	})
	t.Run("after a deferral", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		slow := &fakeAnswerer{AskFn: func(ctx context.Context, q string) (answer.Result, error) {
			<-release
			return a.Ask(ctx, q)
		}}
		h, ep := startHTTPBot(t, slow, nil, func(c *Config, _ *fakeDiscord) { c.ReplyWithin = time.Nanosecond })
		p, key := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "why?")}, nil)
		if resp := h.respond(t, ep, p, key); typeOf(resp) != 5 {
			t.Fatalf("response %v, want a deferral", resp)
		}
		close(release)
		// The deferral was public: it goes, and a private follow-up says
		// what to ask.
		token := key[strings.IndexByte(key, '/')+1:]
		h.f.waitRequest(t, 1, "DELETE", "^/webhooks/[^/]+/"+token+"/messages/@original$")
		fu := h.f.waitRequest(t, 1, "POST", "^/webhooks/[^/]+/"+token+"$").JSON(t)
		if flagsOf(map[string]any{"data": fu})&64 == 0 {
			t.Errorf("follow-up %v, want a private message", fu)
		}
		check(t, "follow-up", "why?", contentOf(fu))
		if n := h.f.count("PATCH", `@original$`); n != 0 {
			t.Errorf("the public deferral was edited %d times", n)
		}
	})
}

// Attachments are fetched only from Discord's CDN (here, the fake's, on
// DISCORD_API_URL's host and port): a link elsewhere is refused before
// connecting, and a redirect to another host is not followed.
func TestAttachmentOrigins(t *testing.T) {
	t.Parallel()
	var added atomic.Int64
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(context.Context) (Report, error) { t.Error("Reindex called for an upload"); return Report{}, nil },
		AddArticleFn: func(context.Context, string, []byte) (Report, error) {
			added.Add(1)
			return Report{Articles: 6, Added: "new.md"}, nil
		},
	}
	article := []byte("Kim meets troops\n\nKim Jong Un met the returning troops in Pyongyang.\n")
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		elsewhere.Add(1)
		_, _ = w.Write(article)
	}))
	t.Cleanup(other.Close)
	h := startBot(t, nil, lib, homeGuild, func(c *Config, _ *fakeDiscord) { c.RateBurst = 100 })

	for _, tc := range []struct {
		name  string
		url   func() string
		added bool
	}{
		{"another host", func() string { return other.URL + "/a.md" }, false},
		{"another name for the same address", func() string {
			return strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/a.md"
		}, false},
		{"redirect to another host", func() string { return h.f.cdnRedirect("away.md", other.URL+"/a.md") }, false},
		{"redirect within the CDN", func() string {
			h.f.cdnURL("real.md", article)
			return h.f.cdnRedirect("moved.md", "/cdn/real.md")
		}, true},
		{"the CDN", func() string { return h.f.cdnURL("story.md", article) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := added.Load()
			url := tc.url()
			resolved := map[string]any{"attachments": map[string]any{"9000000000000000001": map[string]any{
				"id": "9000000000000000001", "filename": "story.md", "size": len(article), "url": url, "proxy_url": url,
				"content_type": "text/plain"}}}
			p, key := interaction(h.f, admin, 2, "reindex", []map[string]any{{"name": "article", "type": 11, "value": "9000000000000000001"}}, resolved)
			h.f.dispatch(t, "INTERACTION_CREATE", p)
			text := contentOf(h.original(t, key))
			if got := added.Load() - before; (got == 1) != tc.added {
				t.Errorf("added %d articles (reply %q), want added=%v", got, text, tc.added)
			}
			if !tc.added && !strings.HasPrefix(text, "Not added") {
				t.Errorf("reply %q, want a refusal", text)
			}
			if n := elsewhere.Load(); n != 0 {
				t.Errorf("%d requests reached a host other than the CDN", n)
			}
		})
	}
}

// A deferred reply still pending when the drain time runs out gets a final
// edit, so nobody is left on "thinking…", and the number is logged; the
// work that then ends does not edit it again.
func TestShutdownEditsPendingReplies(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"gateway", "http"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			started := make(chan struct{})
			lib := &fakeLibrary{
				SourcesFn: func() []answer.Source { return nil },
				ReindexFn: func(ctx context.Context) (Report, error) {
					close(started)
					<-ctx.Done() // outlasts the drain
					return Report{}, ctx.Err()
				},
			}
			drain := func(c *Config, _ *fakeDiscord) { c.DrainTimeout = 2 * time.Second }
			var (
				h   *harness
				key string
			)
			if mode == "gateway" {
				h = startBot(t, nil, lib, homeGuild, drain)
				key = h.slash(t, admin, "reindex")
				if cb := h.callback(t, key); typeOf(cb) != 5 {
					t.Fatalf("callback %v, want a deferral", cb)
				}
			} else {
				var ep *endpoint
				h, ep = startHTTPBot(t, nil, lib, homeGuild, drain)
				var p map[string]any
				p, key = interaction(h.f, admin, 2, "reindex", nil, nil)
				if resp := h.respond(t, ep, p, key); typeOf(resp) != 5 {
					t.Fatalf("response %v, want a deferral", resp)
				}
			}
			<-started
			if err := h.stop(); err != nil {
				t.Fatalf("Run: %v", err)
			}
			token := key[strings.IndexByte(key, '/')+1:]
			edits := h.f.find("PATCH", regexp.MustCompile("^/webhooks/[^/]+/"+token+"/messages/@original$"))
			if len(edits) != 1 || !strings.Contains(contentOf(edits[0].JSON(t)), "restarting") {
				t.Fatalf("%d edits of the pending reply before Run returned, want one saying the bot is restarting", len(edits))
			}
			if !strings.Contains(h.logs.String(), "abandoned=1") {
				t.Errorf("the log does not count the reply abandoned:\n%s", h.logs.String())
			}
			// The reindex, cancelled, ends after Run: it must not edit again.
			waitUntil(t, "the reindex to end", func() bool { return strings.Contains(h.logs.String(), "command=reindex") })
			if n := len(h.f.find("PATCH", regexp.MustCompile("/"+token+"/messages/@original$"))); n != 1 {
				t.Errorf("the reply was edited %d times, want once", n)
			}
		})
	}
}

// discordgo gives up on a 502 after a few tries with an error holding the
// whole response body, which may echo the request URL and its interaction
// token: the log keeps the status and what failed, and no token.
func TestBadGatewayBodiesNotLogged(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(_ *Config, f *fakeDiscord) {
		f.failStatus = http.StatusBadGateway
		f.fail = func(method, path string) bool { return strings.HasSuffix(path, "/callback") }
	})
	key := h.slash(t, member, "ask", strOpt("question", "leak?"))
	waitUntil(t, "the failed reply in the log", func() bool { return strings.Contains(h.logs.String(), "outcome=error") })
	logs := h.logs.String()
	if !strings.Contains(logs, "502") || !strings.Contains(logs, "respond") {
		t.Errorf("the log should say what failed:\n%s", logs)
	}
	if strings.Contains(logs, key[strings.IndexByte(key, '/')+1:]) || strings.Contains(logs, "you sent") {
		t.Errorf("the response body reached the log:\n%s", logs)
	}
}
