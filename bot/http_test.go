package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
)

// endpoint is the bot's interactions endpoint in HTTP mode, with the
// private key that Discord would sign requests with.
type endpoint struct {
	url  string
	priv ed25519.PrivateKey
}

// startHTTPBot runs the bot in HTTP interactions mode on 127.0.0.1, with a
// key pair made for the test, against the fake Discord's REST API. /ask
// answers in the response unless an option lowers ReplyWithin.
func startHTTPBot(t *testing.T, a Answerer, lib Library, opts ...func(*Config, *fakeDiscord)) (*harness, *endpoint) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ep := &endpoint{url: "http://" + ln.Addr().String(), priv: priv}
	httpMode := func(c *Config, f *fakeDiscord) {
		c.PublicKey = hex.EncodeToString(pub)
		c.Listener = ln
		c.ReplyWithin = time.Minute
		f.mu.Lock()
		f.verifyKey = c.PublicKey
		f.mu.Unlock()
	}
	return startBot(t, a, lib, append([]func(*Config, *fakeDiscord){httpMode}, opts...)...), ep
}

// sign returns the headers Discord sends with body: an Ed25519 signature
// of timestamp+body.
func (ep *endpoint) sign(body []byte, timestamp string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Signature-Timestamp", timestamp)
	h.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(ep.priv, append([]byte(timestamp), body...))))
	return h
}

func now() string { return strconv.FormatInt(time.Now().Unix(), 10) }

// do sends one request to the endpoint and returns the status and body.
func (ep *endpoint) do(t *testing.T, method, path string, body []byte, hdr http.Header) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ep.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

// post sends payload to /interactions, signed as Discord signs it.
func (ep *endpoint) post(t *testing.T, payload any) (int, []byte) {
	t.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	return ep.do(t, http.MethodPost, "/interactions", body, ep.sign(body, now()))
}

// respond posts an interaction and returns the interaction response from
// the HTTP response, checked as every callback body sent over REST is:
// against Discord's schema and limits (problems fail the test at cleanup).
func (h *harness) respond(t *testing.T, ep *endpoint, payload map[string]any, key string) map[string]any {
	t.Helper()
	status, body := ep.post(t, payload)
	if status != http.StatusOK {
		t.Fatalf("status %d (%s), want 200", status, body)
	}
	h.f.check(http.MethodPost, "/interactions/"+key+"/callback", body)
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("response %q: %v", body, err)
	}
	return v
}

func typeOf(resp map[string]any) int {
	n, _ := resp["type"].(float64)
	return int(n)
}

func TestHTTPRequests(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil)
	ping := []byte(`{"id":"7000000000000000001","application_id":"1000000000000000001","type":1,"token":"interaction-token-ping","version":1}`)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	other := &endpoint{priv: otherKey}
	ts := now()
	signed := ep.sign(ping, ts)
	without := func(h http.Header, key string) http.Header { h = h.Clone(); h.Del(key); return h }
	with := func(h http.Header, key, value string) http.Header { h = h.Clone(); h.Set(key, value); return h }
	notJSON := []byte(`{"type":1`)
	component := []byte(`{"id":"7000000000000000002","application_id":"1000000000000000001","type":3,"token":"interaction-token-c","version":1,"data":{"custom_id":"x","component_type":2}}`)

	for _, tc := range []struct {
		name, method, path string
		body               []byte
		header             http.Header
		status             int
		wantBody           string
	}{
		{"PING gets PONG", "POST", "/interactions", ping, signed, 200, `{"type":1}`},
		{"unsigned", "POST", "/interactions", ping, http.Header{}, 401, ""},
		{"no signature", "POST", "/interactions", ping, without(signed, "X-Signature-Ed25519"), 401, ""},
		{"no timestamp", "POST", "/interactions", ping, without(signed, "X-Signature-Timestamp"), 401, ""},
		{"signed by another key", "POST", "/interactions", ping, other.sign(ping, ts), 401, ""},
		{"timestamp not the one signed", "POST", "/interactions", ping, with(signed, "X-Signature-Timestamp", ts+"1"), 401, ""},
		{"body changed after signing", "POST", "/interactions", bytes.Replace(ping, []byte(`"type":1`), []byte(`"type":2`), 1), signed, 401, ""},
		{"signature not hex", "POST", "/interactions", ping, with(signed, "X-Signature-Ed25519", "zz"), 401, ""},
		{"signed, not JSON", "POST", "/interactions", notJSON, ep.sign(notJSON, ts), 400, ""},
		{"signed, a component", "POST", "/interactions", component, ep.sign(component, ts), 400, ""},
		{"body over the cap", "POST", "/interactions", bytes.Repeat([]byte(" "), maxInteractionBody+1), http.Header{}, 413, ""},
		{"GET", "GET", "/interactions", nil, signed, 405, ""},
		{"health", "GET", "/healthz", nil, nil, 200, "ok\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := ep.do(t, tc.method, tc.path, tc.body, tc.header)
			if status != tc.status {
				t.Errorf("status %d (%s), want %d", status, body, tc.status)
			}
			if tc.wantBody != "" && string(body) != tc.wantBody {
				t.Errorf("body %q, want %q", body, tc.wantBody)
			}
			if tc.path == "/interactions" && status == http.StatusOK {
				h.f.check(http.MethodPost, "/interactions/7000000000000000001/interaction-token-ping/callback", body)
			}
		})
	}
	// Commands were registered over REST, without a gateway.
	h.f.waitRequest(t, 1, "GET", `^/oauth2/applications/@me$`)
	h.f.waitRequest(t, 1, "PUT", `^/applications/1000000000000000001/commands$`)
	h.f.mu.Lock()
	conns := h.f.connections
	h.f.mu.Unlock()
	if conns != 0 {
		t.Errorf("%d gateway connections in HTTP mode, want 0", conns)
	}
}

// With Config.Ops, HTTP mode serves the operator's endpoints beside
// /interactions on the same address: every other path is the Ops's, and
// /interactions is answered as without it.
func TestHTTPServesOps(t *testing.T) {
	t.Parallel()
	ops := http.NewServeMux()
	ops.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ops healthz\n") })
	ops.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "ops not ready", http.StatusServiceUnavailable)
	})
	ops.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ops_metric 1\n") })
	h, ep := startHTTPBot(t, nil, nil, func(c *Config, _ *fakeDiscord) { c.Ops = ops })
	ping := []byte(`{"id":"7000000000000000001","application_id":"1000000000000000001","type":1,"token":"interaction-token-ping","version":1}`)

	for _, tc := range []struct {
		name, method, path string
		body               []byte
		header             http.Header
		status             int
		wantBody, allow    string
	}{
		{"healthz is the Ops's", "GET", "/healthz", nil, nil, 200, "ops healthz\n", ""},
		{"readyz", "GET", "/readyz", nil, nil, 503, "ops not ready\n", ""},
		{"metrics", "GET", "/metrics", nil, nil, 200, "ops_metric 1\n", ""},
		{"Ops's own 405", "POST", "/metrics", nil, nil, 405, "", "GET, HEAD"},
		{"unknown path", "GET", "/nothing", nil, nil, 404, "", ""},
		{"PING still gets PONG", "POST", "/interactions", ping, ep.sign(ping, now()), 200, `{"type":1}`, ""},
		{"unsigned still refused", "POST", "/interactions", ping, http.Header{}, 401, "", ""},
		{"GET interactions still 405", "GET", "/interactions", nil, nil, 405, "", "POST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, ep.url+tc.path, bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.header {
				req.Header[k] = v
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d (%s), want %d", resp.StatusCode, body, tc.status)
			}
			if tc.wantBody != "" && string(body) != tc.wantBody {
				t.Errorf("body %q, want %q", body, tc.wantBody)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
			if tc.path == "/interactions" && resp.StatusCode == http.StatusOK {
				h.f.check(http.MethodPost, "/interactions/7000000000000000001/interaction-token-ping/callback", body)
			}
		})
	}
}

func TestHTTPAsk(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil)
	for _, tc := range []struct {
		name     string
		who      invoker
		question string
		want     string // in the echoed question
	}{
		{"in a server", member, "Who did Kim decorate?", "Who did Kim decorate?"},
		{"in a DM", dmUser, "@everyone who did Kim decorate?", `\@everyone who did Kim decorate?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, key := interaction(h.f, tc.who, 2, "ask", []map[string]any{strOpt("question", tc.question)}, nil)
			resp := h.respond(t, ep, p, key)
			if typeOf(resp) != 4 || flagsOf(resp)&64 != 0 {
				t.Errorf("response type %d flags %d, want a public message (type 4)", typeOf(resp), flagsOf(resp))
			}
			text := textOf(resp)
			for _, want := range []string{
				tc.want,
				"> North Korean leader Kim Jong Un decorated soldiers who fought in Russia's Kursk region.",
				"Reuters · Josh Smith · 2025-08-22", "photo caption",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("answer lacks %q:\n%s", want, text)
				}
			}
			am, _ := resp["data"].(map[string]any)["allowed_mentions"].(map[string]any)
			if parse, ok := am["parse"].([]any); !ok || len(parse) != 0 {
				t.Errorf("allowed_mentions %v, want {\"parse\": []}", am)
			}
		})
	}
	if n := h.f.count("POST", `^/interactions/`); n != 0 {
		t.Errorf("%d callbacks over REST; HTTP mode answers in the response", n)
	}
	if n := h.f.count("PATCH", `@original$`); n != 0 {
		t.Errorf("%d edits of @original for answers given in the response", n)
	}
}

// An answer slower than ReplyWithin is deferred in the response, then sent
// by editing @original, so Discord's 3 s are never missed.
func TestHTTPAskDeferredWhenSlow(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	rec := &askRecorder{}
	slow := rec.answerer()
	fast := slow.AskFn
	slow.AskFn = func(ctx context.Context, q string) (answer.Result, error) {
		<-release
		return fast(ctx, q)
	}
	h, ep := startHTTPBot(t, slow, nil, func(c *Config, _ *fakeDiscord) { c.ReplyWithin = time.Nanosecond })
	p, key := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "Who did Kim decorate?")}, nil)
	resp := h.respond(t, ep, p, key)
	if typeOf(resp) != 5 || flagsOf(resp)&64 != 0 {
		t.Errorf("response type %d flags %d, want a public deferral (type 5)", typeOf(resp), flagsOf(resp))
	}
	close(release)
	if text := textOf(h.original(t, key)); !strings.Contains(text, "Kursk") {
		t.Errorf("edited answer: %s", text)
	}
}

func TestHTTPAutocomplete(t *testing.T) {
	t.Parallel()
	a := &fakeAnswerer{SuggestFn: func(_ context.Context, typed string, n int) []string {
		return []string{"How many soldiers died?", "How many were decorated?"}
	}}
	h, ep := startHTTPBot(t, a, nil)
	p, key := interaction(h.f, dmUser, 4, "ask", []map[string]any{{"name": "question", "type": 3, "value": "how many", "focused": true}}, nil)
	resp := h.respond(t, ep, p, key)
	if typeOf(resp) != 8 {
		t.Fatalf("response type %d, want 8 (autocomplete result)", typeOf(resp))
	}
	choices, _ := resp["data"].(map[string]any)["choices"].([]any)
	if len(choices) != 2 || choices[0].(map[string]any)["value"] != "How many soldiers died?" {
		t.Errorf("choices %v", choices)
	}
}

func TestHTTPSourcesAndHelp(t *testing.T) {
	t.Parallel()
	h, ep := startHTTPBot(t, nil, nil)
	p, key := interaction(h.f, member, 2, "sources", nil, nil)
	if src := h.respond(t, ep, p, key); typeOf(src) != 4 || !strings.Contains(contentOf(src), "Kim praises soldiers as heroes") {
		t.Errorf("/sources: %v", src)
	}
	p, key = interaction(h.f, dmUser, 2, "help", nil, nil)
	help := h.respond(t, ep, p, key)
	if typeOf(help) != 4 || flagsOf(help)&64 == 0 || !strings.Contains(contentOf(help), "/ask") {
		t.Errorf("/help: %v", help)
	}
	// Without the gateway, mentions and plain DMs go unanswered: the help
	// must not promise them.
	if strings.Contains(contentOf(help), "mentioning me") {
		t.Errorf("/help in HTTP mode promises answers to mentions: %q", contentOf(help))
	}
}

func TestHTTPReindex(t *testing.T) {
	t.Parallel()
	started, release := make(chan struct{}), make(chan struct{})
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(ctx context.Context) (Report, error) {
			started <- struct{}{}
			<-release
			return Report{Articles: 5, Passages: 812, Took: time.Second}, nil
		},
	}
	h, ep := startHTTPBot(t, nil, lib, homeGuild)

	t.Run("refused", func(t *testing.T) {
		for _, who := range []invoker{member, dmUser, foreignAdmin} {
			p, key := interaction(h.f, who, 2, "reindex", nil, nil)
			resp := h.respond(t, ep, p, key)
			if typeOf(resp) != 4 || flagsOf(resp)&64 == 0 || !strings.Contains(contentOf(resp), "Only the bot's admins") {
				t.Errorf("refusal %v, want an ephemeral message (type 4, flag 64)", resp)
			}
		}
	})
	t.Run("by an admin", func(t *testing.T) {
		p, key := interaction(h.f, admin, 2, "reindex", nil, nil)
		resp := h.respond(t, ep, p, key)
		if typeOf(resp) != 5 || flagsOf(resp) != 64 {
			t.Errorf("response %v, want an ephemeral deferral (type 5, flags 64)", resp)
		}
		<-started
		token := key[strings.IndexByte(key, '/')+1:]
		if n := h.f.count("PATCH", "/"+token+"/"); n != 0 {
			t.Fatal("the reply was edited before the reindex finished")
		}
		close(release)
		edit := h.f.waitRequest(t, 1, "PATCH", "^/webhooks/"+h.f.appID+"/"+token+"/messages/@original$")
		if got := edit.Header.Get("Authorization"); got != "Bot "+testToken {
			t.Errorf("edit sent Authorization %q, want the bot token", got)
		}
		if text := contentOf(edit.JSON(t)); !strings.Contains(text, "5 articles") || !strings.Contains(text, "812 passages") {
			t.Errorf("reindex report: %q", text)
		}
	})
}

// Shutdown stops taking requests but finishes those in progress: an /ask
// still answering and a reindex that has deferred its reply.
func TestHTTPShutdownDrains(t *testing.T) {
	t.Parallel()
	reindexing, releaseReindex := make(chan struct{}), make(chan struct{})
	asking, releaseAsk := make(chan struct{}), make(chan struct{})
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(ctx context.Context) (Report, error) {
			close(reindexing)
			select {
			case <-releaseReindex:
				return Report{Articles: 5, Passages: 812}, nil
			case <-ctx.Done(): // shutdown gave up on it
				return Report{}, ctx.Err()
			}
		},
	}
	rec := &askRecorder{}
	a := rec.answerer()
	fast := a.AskFn
	a.AskFn = func(ctx context.Context, q string) (answer.Result, error) {
		close(asking)
		<-releaseAsk
		return fast(ctx, q)
	}
	h, ep := startHTTPBot(t, a, lib, homeGuild, func(c *Config, _ *fakeDiscord) { c.DrainTimeout = time.Minute })

	p, reindexKey := interaction(h.f, admin, 2, "reindex", nil, nil)
	if resp := h.respond(t, ep, p, reindexKey); typeOf(resp) != 5 {
		t.Fatalf("reindex response %v, want a deferral", resp)
	}
	<-reindexing
	type result struct {
		status int
		body   []byte
	}
	asked := make(chan result, 1)
	go func() {
		p, _ := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "Who did Kim decorate?")}, nil)
		body, _ := json.Marshal(p)
		req, _ := http.NewRequest("POST", ep.url+"/interactions", bytes.NewReader(body))
		req.Header = ep.sign(body, now())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			asked <- result{0, []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		asked <- result{resp.StatusCode, out}
	}()
	<-asking

	h.cancel()
	waitUntil(t, "shutdown to begin", func() bool { return strings.Contains(h.logs.String(), "discord: shutting down") })
	close(releaseAsk)
	if r := <-asked; r.status != 200 || !strings.Contains(string(r.body), "Kursk") {
		t.Errorf("/ask in progress at shutdown got %d %s, want its answer", r.status, r.body)
	}
	waitUntil(t, "the HTTP server to close", func() bool { return strings.Contains(h.logs.String(), "stopped taking requests") })
	if _, err := http.Get(ep.url + "/healthz"); err == nil {
		t.Error("the endpoint still takes requests while shutting down")
	}
	select {
	case <-h.exited:
		t.Fatal("Run returned while a reindex was still to report")
	default:
	}
	close(releaseReindex)
	<-h.exited
	if h.runErr != nil {
		t.Errorf("Run: %v", h.runErr)
	}
	edits := h.f.find("PATCH", regexp.MustCompile("/"+strings.Split(reindexKey, "/")[1]+"/messages/@original$"))
	if len(edits) != 1 || !strings.Contains(contentOf(edits[0].JSON(t)), "5 articles") {
		t.Errorf("reindex reply edited %d times before Run returned, want once, with its report", len(edits))
	}
}

func TestHTTPWrongPublicKey(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t, testToken)
	appKey, _, _ := ed25519.GenerateKey(nil)
	otherKey, _, _ := ed25519.GenerateKey(nil)
	f.mu.Lock()
	f.verifyKey = hex.EncodeToString(appKey)
	f.mu.Unlock()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = Run(t.Context(), Config{
		Token: testToken, APIURL: f.APIURL(), Logger: slog.New(slog.DiscardHandler),
		PublicKey: hex.EncodeToString(otherKey), Listener: ln,
	}, &fakeAnswerer{}, &fakeLibrary{})
	if err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY is not this application's") {
		t.Fatalf("Run = %v, want an error about the key", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error shows the token: %v", err)
	}
	if n := f.count("PUT", `/commands$`); n != 0 {
		t.Errorf("commands registered with the wrong key configured")
	}
	if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Run left the listener open (Accept: %v)", err)
	}
}

func TestHTTPTokenNeverLogged(t *testing.T) {
	t.Parallel()
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(context.Context) (Report, error) { return Report{Articles: 1}, nil },
	}
	h, ep := startHTTPBot(t, nil, lib, homeGuild, func(_ *Config, f *fakeDiscord) {
		// A proxy that echoes the request headers in its error bodies.
		f.fail = func(method, path string) bool { return strings.HasSuffix(path, "/messages/@original") }
	})
	p, key := interaction(h.f, admin, 2, "reindex", nil, nil)
	if resp := h.respond(t, ep, p, key); typeOf(resp) != 5 {
		t.Fatalf("response %v, want a deferral", resp)
	}
	// The log says what failed.
	waitUntil(t, "the failed edit in the log", func() bool {
		return strings.Contains(h.logs.String(), `err="PATCH discord.com webhooks: HTTP 500`)
	})
	// startBot's cleanup checks for the bot token and interaction tokens.
}

// A signed request is only as fresh as its timestamp: one that is not a
// number, or is more than 5 minutes away, is refused before anything runs,
// and an interaction replayed within the window is acted on once.
func TestHTTPReplayRefused(t *testing.T) {
	t.Parallel()
	var reindexes atomic.Int64
	lib := &fakeLibrary{
		SourcesFn: func() []answer.Source { return nil },
		ReindexFn: func(context.Context) (Report, error) {
			reindexes.Add(1)
			return Report{Articles: 5, Passages: 812}, nil
		},
	}
	h, ep := startHTTPBot(t, nil, lib, homeGuild)
	sent := func(t *testing.T, p map[string]any, ts string) (int, []byte) {
		t.Helper()
		body, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		return ep.do(t, http.MethodPost, "/interactions", body, ep.sign(body, ts))
	}
	at := func(d time.Duration) string { return strconv.FormatInt(time.Now().Add(d).Unix(), 10) }

	t.Run("stale or malformed timestamps", func(t *testing.T) {
		for _, ts := range []string{"1", "not-a-time", "", "1e9", at(-6 * time.Minute), at(6 * time.Minute), "99999999999999999999"} {
			p, _ := interaction(h.f, admin, 2, "reindex", nil, nil)
			if status, body := sent(t, p, ts); status != http.StatusUnauthorized {
				t.Errorf("timestamp %q: status %d (%s), want 401", ts, status, body)
			}
		}
		// A ping is refused too: Discord's own are always fresh.
		ping := map[string]any{"id": "7100000000000000001", "application_id": h.f.appID, "type": 1, "token": "interaction-token-p", "version": 1}
		if status, _ := sent(t, ping, "1"); status != http.StatusUnauthorized {
			t.Errorf("stale PING: status %d, want 401", status)
		}
		if n := h.f.count("PATCH", `@original$`); n != 0 || reindexes.Load() != 0 {
			t.Errorf("refused requests reindexed %d times and edited %d replies", reindexes.Load(), n)
		}
	})
	t.Run("within the window", func(t *testing.T) {
		p, key := interaction(h.f, admin, 2, "reindex", nil, nil)
		if status, body := sent(t, p, at(-4*time.Minute)); status != http.StatusOK {
			t.Fatalf("a request signed 4 minutes ago: status %d (%s), want 200", status, body)
		}
		h.original(t, key)
	})
	t.Run("replayed", func(t *testing.T) {
		before := reindexes.Load()
		p, key := interaction(h.f, admin, 2, "reindex", nil, nil)
		first := h.respond(t, ep, p, key)
		if typeOf(first) != 5 {
			t.Fatalf("first delivery: %v, want a deferral", first)
		}
		h.original(t, key)
		for range 3 {
			replay := h.respond(t, ep, p, key)
			if typeOf(replay) != 4 || flagsOf(replay)&64 == 0 {
				t.Errorf("replay answered %v, want a private message", replay)
			}
		}
		q, askKey := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "Who did Kim decorate?")}, nil)
		asked := len(h.asks.asked())
		h.respond(t, ep, q, askKey)
		h.respond(t, ep, q, askKey)
		if n := len(h.asks.asked()) - asked; n != 1 {
			t.Errorf("an /ask sent twice was asked %d times, want 1", n)
		}
		if n := reindexes.Load() - before; n != 1 {
			t.Errorf("a reindex sent 4 times ran %d times, want 1", n)
		}
		token := key[strings.IndexByte(key, '/')+1:]
		if n := h.f.count("PATCH", "/"+token+"/messages/@original$"); n != 1 {
			t.Errorf("the reindex reply was edited %d times, want 1", n)
		}
	})
}
