package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/index"
)

// TestRunDiscordWiring starts run() the way a deployment does — token,
// DISCORD_API_URL, SEEDS_DIR, INDEX_DIR from the environment — against a
// REST endpoint on 127.0.0.1 whose gateway cannot be reached. The bot must
// build its index, send its REST calls to the configured base with the
// "Bot " token, and keep retrying, with log lines that do not show the
// token, until it is stopped.
func TestRunDiscordWiring(t *testing.T) {
	const token = "fake-token-0123456789"
	var (
		mu    sync.Mutex
		calls []string
		auth  []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls = append(calls, r.URL.Path)
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		// A gateway address nothing listens on: connecting fails at once.
		w.Write([]byte(`{"url":"ws://127.0.0.1:1","shards":1}`))
	}))
	defer srv.Close()

	env := map[string]string{
		"DISCORD_TOKEN":   token,
		"DISCORD_API_URL": srv.URL + "/api/v10/",
		"SEEDS_DIR":       filepath.Join("..", "..", "seeds"),
		"INDEX_DIR":       t.TempDir(),
		"BOT_ADMIN_IDS":   "1, 2",
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr lockedBuffer
	exited := make(chan error, 1)
	go func() {
		exited <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	}()
	for !strings.Contains(stderr.String(), "could not connect to the gateway; retrying") {
		select {
		case err := <-exited:
			t.Fatalf("run returned with an unreachable gateway: %v\n%s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if err := <-exited; err != nil {
		t.Errorf("run, stopped while retrying: %v, want nil", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) == 0 {
		t.Fatal("no REST call reached DISCORD_API_URL")
	}
	for i, path := range calls {
		if !strings.HasPrefix(path, "/api/v10/") {
			t.Errorf("call %d went to %q, want under /api/v10/", i, path)
		}
		if auth[i] != "Bot "+token {
			t.Errorf("call %d sent Authorization %q, want %q", i, auth[i], "Bot "+token)
		}
	}
	for name, text := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
		if strings.Contains(text, token) {
			t.Errorf("%s shows the token: %s", name, text)
		}
	}
}

// TestRunHTTPInteractionsWiring runs the program in HTTP interactions mode
// as a deployment would — DISCORD_PUBLIC_KEY and HTTP_ADDR from the
// environment, the real index and engine — against a REST endpoint on
// 127.0.0.1, then asks a question the way Discord does: a signed POST.
func TestRunHTTPInteractionsWiring(t *testing.T) {
	const token = "fake-token-0123456789"
	seeds := copySeeds(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		calls []string
	)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls = append(calls, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == "GET" && r.URL.Path == "/api/v10/oauth2/applications/@me":
			json.NewEncoder(w).Encode(map[string]any{"id": "1000000000000000001", "name": "storybot", "verify_key": hex.EncodeToString(pub)})
		case r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/commands"):
			cmds, _ := io.ReadAll(r.Body)
			w.Write(cmds) // the commands, as registered
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"message":"404: Not Found","code":0}`))
		}
	}))
	defer api.Close()

	env := map[string]string{
		"DISCORD_TOKEN":      token,
		"DISCORD_API_URL":    api.URL + "/api/v10/",
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"HTTP_ADDR":          "127.0.0.1:0",
		"SEEDS_DIR":          seeds,
		"INDEX_DIR":          t.TempDir(),
		"INDEX_WATCH":        "20ms",
		"METRICS_ADDR":       "127.0.0.1:0",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lockedBuffer{}
	var stdout bytes.Buffer
	exited := make(chan error, 1)
	go func() {
		exited <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, stderr)
	}()

	addr := httpServing(t, stderr, exited)

	// Docker's HEALTHCHECK runs `bot healthcheck` in the same environment:
	// it finds the bot's /healthz at HTTP_ADDR.
	hcEnv := map[string]string{"DISCORD_PUBLIC_KEY": env["DISCORD_PUBLIC_KEY"], "HTTP_ADDR": addr}
	if out, _, err := runBot(t, hcEnv, "", "healthcheck"); err != nil || !strings.Contains(out, "/healthz: ok") {
		t.Errorf("healthcheck of the running bot: %q, %v; want ok", out, err)
	}

	// Discord gives every interaction its own ID; the bot acts on one ID once.
	asked := 0
	askAbout := func(question string) []byte {
		asked++
		return []byte(`{"id":"700000000000000000` + strconv.Itoa(asked) + `","application_id":"1000000000000000001","type":2,"token":"interaction-token-1",` +
			`"version":1,"channel_id":"4000000000000000001","user":{"id":"5000000000000000003","username":"reader"},"context":1,` +
			`"data":{"id":"2000000000000000001","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"` + question + `"}]}}`)
	}
	question := "how many north korean soldiers died"
	post := func(sign bool) (int, map[string]any) {
		key := priv
		if !sign {
			key = nil
		}
		status, v, _ := postInteraction(t, addr, key, askAbout(question))
		return status, v
	}
	if status, _ := post(false); status != http.StatusUnauthorized {
		t.Errorf("unsigned request: status %d, want 401", status)
	}
	status, resp := post(true)
	data, _ := resp["data"].(map[string]any)
	if status != http.StatusOK || resp["type"] != 4.0 || data == nil {
		t.Fatalf("signed /ask: status %d, response %v; want 200 and a message (type 4)", status, resp)
	}
	raw, _ := json.Marshal(data["embeds"])
	if !strings.Contains(string(raw), "600") {
		t.Errorf("the answer does not quote the death toll: %s", raw)
	}
	if am, _ := data["allowed_mentions"].(map[string]any); am == nil || am["parse"] == nil || len(am["parse"].([]any)) != 0 {
		t.Errorf("allowed_mentions %v, want {\"parse\": []}", data["allowed_mentions"])
	}

	// An article dropped into SEEDS_DIR (by /reindex on another replica,
	// or by hand) is answered once INDEX_WATCH has noticed it.
	question = "how many elephants marched in the parade"
	if _, resp := post(true); strings.Contains(fmt.Sprint(resp), "77 elephants") {
		t.Fatal("answered about the parade before the article was added")
	}
	extra := "Elephants at the parade\n\nThe parade in Pyongyang had 77 elephants marching behind the soldiers.\n"
	if err := os.WriteFile(filepath.Join(seeds, "005-parade.txt"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, resp := post(true); strings.Contains(fmt.Sprint(resp), "77 elephants") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new article was never answered:\n%s", stderr)
		}
	}

	// METRICS_ADDR, and HTTP_ADDR beside /interactions, serve the same
	// endpoints: alive, ready while serving, and metrics that count what
	// happened.
	m := regexp.MustCompile(`msg="health: serving" addr=(\S+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("METRICS_ADDR was not served:\n%s", stderr)
	}
	for _, at := range []struct{ name, addr string }{{"METRICS_ADDR", m[1]}, {"HTTP_ADDR", addr}} {
		get := func(path string) (int, string) {
			resp, err := http.Get("http://" + at.addr + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(body)
		}
		if status, body := get("/healthz"); status != http.StatusOK || body != "ok\n" {
			t.Errorf("%s /healthz: %d %q, want 200 ok", at.name, status, body)
		}
		if status, body := get("/readyz"); status != http.StatusOK || body != "ready\n" {
			t.Errorf("%s /readyz while serving: %d %q, want 200 ready", at.name, status, body)
		}
		_, metrics := get("/metrics")
		for _, want := range []string{
			`storybot_questions_total{front_end="http",outcome="answered"}`,
			`storybot_questions_total{front_end="http",outcome="declined"}`,
			`storybot_answer_duration_seconds_count{front_end="http"}`,
			`storybot_discord_commands_total{command="ask",result="answered"}`,
			"storybot_discord_connected 1",
			"storybot_index_articles 6",
			`storybot_index_builds_total{outcome="ok"} 2`,
		} {
			if !strings.Contains(metrics, want) {
				t.Errorf("%s /metrics lacks %s:\n%s", at.name, want, metrics)
			}
		}
	}

	cancel()
	if err := <-exited; err != nil {
		t.Errorf("run after cancel: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{
		"GET /api/v10/oauth2/applications/@me Bot " + token,
		"PUT /api/v10/applications/1000000000000000001/commands Bot " + token,
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("REST calls:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	for name, text := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
		if strings.Contains(text, token) || strings.Contains(text, "interaction-token-1") {
			t.Errorf("%s shows a token: %s", name, text)
		}
	}
}

// lockedBuffer is stderr for a run whose log lines come from several
// goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Discord settings that make no sense fail at once, naming the variable,
// before the index is opened.
func TestDiscordSettings(t *testing.T) {
	const key = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // in the error; "" for none
		id   int
		n    int
	}{
		{"unsharded", map[string]string{}, "", 0, 0},
		{"one shard of one", map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "1"}, "", 0, 1},
		{"shard 3 of 4", map[string]string{"SHARD_ID": " 3", "SHARD_COUNT": "4 "}, "", 3, 4},
		{"only SHARD_ID", map[string]string{"SHARD_ID": "0"}, "SHARD_ID and SHARD_COUNT go together", 0, 0},
		{"only SHARD_COUNT", map[string]string{"SHARD_COUNT": "2"}, "SHARD_ID and SHARD_COUNT go together", 0, 0},
		{"count zero", map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "0"}, "SHARD_COUNT=\"0\"", 0, 0},
		{"count not a number", map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "two"}, "SHARD_COUNT=\"two\"", 0, 0},
		{"ID equal to count", map[string]string{"SHARD_ID": "2", "SHARD_COUNT": "2"}, "from 0 to 1", 0, 0},
		{"negative ID", map[string]string{"SHARD_ID": "-1", "SHARD_COUNT": "2"}, "SHARD_ID=\"-1\"", 0, 0},
		{"ID not a number", map[string]string{"SHARD_ID": "1.5", "SHARD_COUNT": "2"}, "SHARD_ID=\"1.5\"", 0, 0},
		{"HTTP_ADDR without a key", map[string]string{"HTTP_ADDR": ":8080"}, "DISCORD_PUBLIC_KEY is not", 0, 0},
		{"HTTP mode and shards", map[string]string{"DISCORD_PUBLIC_KEY": key, "SHARD_ID": "0", "SHARD_COUNT": "2"}, "one or the other", 0, 0},
		{"HTTP mode", map[string]string{"DISCORD_PUBLIC_KEY": key, "HTTP_ADDR": ":9000"}, "", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"DISCORD_TOKEN": "fake-token-0123456789"}
			for k, v := range tc.env {
				env[k] = v
			}
			bc, err := botConfig(func(k string) string { return env[k] }, nil)
			if tc.want == "" {
				if err != nil || bc.ShardID != tc.id || bc.ShardCount != tc.n {
					t.Errorf("botConfig = shard %d/%d, %v; want %d/%d", bc.ShardID, bc.ShardCount, err, tc.id, tc.n)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("botConfig error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// A Discord-only setting without a token is a mistake to report, not a
// reason to fall back to the console chat.
func TestDiscordSettingWithoutToken(t *testing.T) {
	_, _, err := runBot(t, map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "2", "SEEDS_DIR": seedsDir, "INDEX_DIR": t.TempDir()}, "what happened?\n")
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("run = %v, want an error about DISCORD_TOKEN", err)
	}
}

func TestWatchInterval(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", defaultWatch, true},
		{"off", 0, true},
		{"0", 0, true},
		{" 5m ", 5 * time.Minute, true},
		{"250ms", 250 * time.Millisecond, true},
		{"-1s", 0, false},
		{"30", 0, false},
		{"often", 0, false},
	} {
		got, err := watchInterval(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("watchInterval(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "INDEX_WATCH") {
			t.Errorf("watchInterval(%q) error %q does not name INDEX_WATCH", tc.in, err)
		}
	}
}

// warmUp analyses every passage of a small index ahead of questions.
func TestWarmUp(t *testing.T) {
	st, engine := seedEngine(t)
	<-warmUp(context.Background(), st, engine)
	snap, release, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	cold := 0
	for _, a := range snap.Meta().Articles {
		for seq := 0; ; seq++ {
			p, ok := snap.Passage(a.ID, seq)
			if !ok {
				break
			}
			snap.Analysis(p.Text, func([]index.Token) any { cold++; return []answer.Token(nil) })
		}
	}
	if cold > 0 {
		t.Errorf("%d passages were not analysed ahead of questions", cold)
	}

	// Stopping at once is fine too.
	warmUpUntilDone(context.Background(), st, engine)()
}

// The bot shows an article's faults to the admin who sent it and keeps the
// server's to the log: the library tells them apart for it.
func TestLibraryAddArticleErrors(t *testing.T) {
	seeds := copySeeds(t)
	st, _, err := index.Open(context.Background(), seeds, t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lib := library{st}
	var bad *bot.InvalidArticle
	if _, err := lib.AddArticle(context.Background(), "a.txt", []byte("\n\n")); !errors.As(err, &bad) || !errors.Is(err, index.ErrEmpty) {
		t.Errorf("an empty article: %v, want a *bot.InvalidArticle for index.ErrEmpty", err)
	}
	if err := os.RemoveAll(seeds); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddArticle(context.Background(), "a.txt", []byte("Title\n\nThe troops came home on Monday. Crowds cheered them.\n")); err == nil || errors.As(err, &bad) {
		t.Errorf("with the seeds gone: %v, want an error that is not the article's", err)
	}
}

// httpServing polls the program's log until HTTP interactions mode says
// where it serves, and returns that address. It fails the test if run
// returns first, or after a minute (the index is built first).
// postInteraction posts an interaction to HTTP mode's endpoint at addr,
// signed with priv as Discord signs it (unsigned when priv is nil), and
// returns the status and the decoded JSON response.
func postInteraction(t *testing.T, addr string, priv ed25519.PrivateKey, body []byte) (int, map[string]any, error) {
	t.Helper()
	req, _ := http.NewRequest("POST", "http://"+addr+"/interactions", bytes.NewReader(body))
	if priv != nil {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	err = json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v, err
}

func httpServing(t *testing.T, logs *lockedBuffer, exited <-chan error) string {
	t.Helper()
	addrRE := regexp.MustCompile(`msg="discord: serving" mode=http addr=(\S+)`)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) { // polling the log, not synchronising
		select {
		case err := <-exited:
			t.Fatalf("run returned before serving: %v\n%s", err, logs)
		default:
		}
		if m := addrRE.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the endpoint never started:\n%s", logs)
		}
	}
}
