package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/storybot/storybot/feedback"
)

func TestFeedbackCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "votes.db")
	st, err := feedback.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	src := feedback.Source{File: "seeds/000-reuters-kim-decorates-soldiers.md", Outlet: "Reuters", Title: "Kim decorates soldiers"}
	for _, v := range []struct {
		user, answer, vote, comment string
	}{
		{"u1", "a-once", feedback.Down, "old\x1b[31m news"},
		{"u1", "a-twice", feedback.Down, "the toll is wrong"},
		{"u2", "a-twice", feedback.Down, ""},
		{"u3", "a-liked", feedback.Up, ""},
	} {
		vote := feedback.Vote{Answer: v.answer, Vote: v.vote, Question: "how many died " + v.answer, Quote: "Quote of " + v.answer + ".", Source: src}
		if v.comment != "" {
			err = st.Comment(ctx, v.user, vote, v.comment)
		} else {
			err = st.Record(ctx, v.user, vote)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"FEEDBACK_DB": path}

	out, _, err := runBot(t, env, "", "feedback")
	if err != nil {
		t.Fatal(err)
	}
	i, j := strings.Index(out, "how many died a-twice"), strings.Index(out, "how many died a-once")
	if i < 0 || j < 0 || i > j || strings.Contains(out, "a-liked") {
		t.Errorf("feedback:\n%s\nwant a-twice (two 👎) before a-once, and nothing of a-liked", out)
	}
	for _, want := range []string{"👎 2", `"Quote of a-twice."`, "• the toll is wrong", "Reuters · Kim decorates soldiers (seeds/000-reuters-kim-decorates-soldiers.md)", "• old [31m news"} {
		if !strings.Contains(out, want) {
			t.Errorf("feedback lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("a reader's comment put an escape sequence on the terminal:\n%q", out)
	}

	out, _, err = runBot(t, env, "", "feedback", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("--json printed %d lines, want one per vote (4):\n%s", len(lines), out)
	}
	for _, line := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		for _, k := range []string{"answer", "user", "vote", "comment", "question", "quote", "source", "time"} {
			if _, ok := v[k]; !ok {
				t.Errorf("vote %s lacks %q", line, k)
			}
		}
		if u, _ := v["user"].(string); len(u) != 64 || strings.HasPrefix(u, "u") {
			t.Errorf("user %q, want the salted SHA-256", u)
		}
	}
}

func TestFeedbackCommandDefaultPathAndErrors(t *testing.T) {
	dir := t.TempDir()
	index := filepath.Join(dir, "index")

	// Nothing recorded yet.
	out, _, err := runBot(t, map[string]string{"INDEX_DIR": index}, "", "feedback")
	if err != nil || !strings.Contains(out, "No answer has been marked wrong (0 votes in "+filepath.Join(dir, "feedback.db")) {
		t.Errorf("with no database: %q, %v", out, err)
	}
	if out, _, err := runBot(t, map[string]string{"INDEX_DIR": index}, "", "feedback", "--json"); err != nil || out != "" {
		t.Errorf("--json with no database: %q, %v; want nothing", out, err)
	}

	// The database beside the index, by default.
	st, err := feedback.Open(filepath.Join(dir, "feedback.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Record(context.Background(), "u", feedback.Vote{Answer: "a", Vote: feedback.Down, Question: "who"}); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runBot(t, map[string]string{}, "", "feedback", "--index", index); err != nil || !strings.Contains(out, "Q: who") {
		t.Errorf("--index beside the database: %q, %v", out, err)
	}

	// A corrupt database is an error that names it; no panic.
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, bytes.Repeat([]byte("garbage!"), 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runBot(t, map[string]string{"FEEDBACK_DB": bad}, "", "feedback"); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("a corrupt database: %v, want an error naming %s", err, bad)
	}
	if _, _, err := runBot(t, nil, "", "feedback", "extra"); err == nil {
		t.Error("feedback took an argument")
	}
}

// botOverHTTP runs the program in HTTP interactions mode with env, against
// a REST API on 127.0.0.1 that knows the application, and returns a
// function that posts a signed interaction and returns the response.
func botOverHTTP(t *testing.T, env map[string]string) (post func(payload string) map[string]any, logs *lockedBuffer, stop func()) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == "GET" && r.URL.Path == "/api/v10/oauth2/applications/@me":
			json.NewEncoder(w).Encode(map[string]any{"id": "1000000000000000001", "name": "storybot", "verify_key": hex.EncodeToString(pub)})
		case r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/commands"):
			cmds, _ := io.ReadAll(r.Body)
			w.Write(cmds)
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"message":"404: Not Found","code":0}`))
		}
	}))
	t.Cleanup(api.Close)
	env["DISCORD_TOKEN"] = "fake-token-0123456789"
	env["DISCORD_API_URL"] = api.URL + "/api/v10/"
	env["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	env["HTTP_ADDR"] = "127.0.0.1:0"
	env["INDEX_WATCH"] = "off"
	ctx, cancel := context.WithCancel(context.Background())
	logs = &lockedBuffer{}
	exited := make(chan error, 1)
	go func() {
		exited <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, logs)
	}()
	stop = func() {
		cancel()
		if err := <-exited; err != nil {
			t.Errorf("run: %v", err)
		}
	}
	addr := httpServing(t, logs, exited)
	var n atomic.Int64
	post = func(payload string) map[string]any {
		t.Helper()
		body := []byte(fmt.Sprintf(`{"id":"70000000000000%05d","application_id":"1000000000000000001","token":"interaction-token-%d","version":1,`+
			`"channel_id":"4000000000000000001","user":{"id":"5000000000000000003","username":"reader"},"context":1,%s}`, n.Add(1), n.Load(), payload))
		status, v, err := postInteraction(t, addr, priv, body)
		if err != nil || status != http.StatusOK {
			t.Fatalf("status %d, %v", status, err)
		}
		return v
	}
	return post, logs, stop
}

func askPayload(question string) string {
	return `"type":2,"data":{"id":"2000000000000000001","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"` + question + `"}]}`
}

// clickOn clicks the button whose custom_id starts with prefix on
// the message msg (an interaction response's data).
func clickOn(t *testing.T, msg map[string]any, prefix string) string {
	t.Helper()
	rows, _ := msg["components"].([]any)
	for _, r := range rows {
		for _, c := range r.(map[string]any)["components"].([]any) {
			if id, _ := c.(map[string]any)["custom_id"].(string); strings.HasPrefix(id, prefix) {
				m, _ := json.Marshal(map[string]any{"id": "3000000000000000001", "channel_id": "4000000000000000001", "type": 0,
					"content": msg["content"], "embeds": msg["embeds"], "components": msg["components"],
					"author": map[string]any{"id": "1000000000000000001", "username": "storybot", "bot": true}})
				return `"type":3,"data":{"custom_id":"` + id + `","component_type":2},"message":` + string(m)
			}
		}
	}
	t.Fatalf("no button %q on %v", prefix, msg["components"])
	return ""
}

// TestButtonsWithTheRealIndex runs the whole program: an answer from the
// bundled articles, its Full passage from the index, a 👎 with a comment
// kept in FEEDBACK_DB across a restart, and `bot feedback` reading it.
func TestButtonsWithTheRealIndex(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SEEDS_DIR": seedsAbs(t), "INDEX_DIR": filepath.Join(dir, "index")}
	post, _, stop := botOverHTTP(t, env)

	ans := post(askPayload("how many north korean soldiers died"))
	msg, _ := ans["data"].(map[string]any)
	if ans["type"] != 4.0 || msg == nil {
		t.Fatalf("/ask: %v", ans)
	}
	full := post(clickOn(t, msg, "sb1:full:"))
	fdata, _ := full["data"].(map[string]any)
	embeds, _ := fdata["embeds"].([]any)
	if full["type"] != 4.0 || fdata["flags"] != 64.0 || len(embeds) != 1 {
		t.Fatalf("Full passage: %v", full)
	}
	paragraph := strings.TrimPrefix(embeds[0].(map[string]any)["description"].(string), "> ")
	quote := strings.TrimPrefix(msg["embeds"].([]any)[0].(map[string]any)["description"].(string), "> ")
	if !strings.Contains(unescape(paragraph), unescape(strings.TrimSuffix(quote, "…"))) {
		t.Errorf("the paragraph does not hold the quote:\nquote: %s\nparagraph: %s", quote, paragraph)
	}

	down := post(clickOn(t, msg, "sb1:down:"))
	form, _ := down["data"].(map[string]any)
	if down["type"] != 9.0 || form == nil {
		t.Fatalf("👎: %v", down)
	}
	stop()

	// After a restart, the form is submitted: the comment joins the vote.
	post, _, stop = botOverHTTP(t, env)
	defer stop()
	m, _ := json.Marshal(map[string]any{"id": "3000000000000000001", "channel_id": "4000000000000000001", "type": 0, "content": msg["content"],
		"author": map[string]any{"id": "1000000000000000001", "username": "storybot", "bot": true}})
	got := post(`"type":5,"data":{"custom_id":"` + form["custom_id"].(string) + `","components":[{"type":1,"components":[{"type":4,"custom_id":"what","value":"the toll is out of date"}]}]},"message":` + string(m))
	if got["type"] != 4.0 {
		t.Fatalf("form submitted: %v", got)
	}

	out, _, err := runBot(t, map[string]string{"INDEX_DIR": env["INDEX_DIR"]}, "", "feedback", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var v feedback.Vote
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &v); err != nil {
		t.Fatalf("feedback --json: %q: %v", out, err)
	}
	if v.Vote != feedback.Down || v.Comment != "the toll is out of date" || v.Question != "how many north korean soldiers died" ||
		!strings.Contains(v.Quote, "600") || v.Source.File == "" || strings.Contains(out, "5000000000000000003") {
		t.Errorf("vote read back: %+v", v)
	}
}

func unescape(s string) string { return strings.ReplaceAll(s, `\`, "") }

// A feedback database that cannot be used costs the votes, not the
// answers.
func TestCorruptFeedbackDatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "feedback.db")
	if err := os.WriteFile(bad, bytes.Repeat([]byte("garbage!"), 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	post, logs, stop := botOverHTTP(t, map[string]string{"SEEDS_DIR": seedsAbs(t), "INDEX_DIR": filepath.Join(dir, "index")})
	defer stop()
	ans := post(askPayload("how many north korean soldiers died"))
	data, _ := ans["data"].(map[string]any)
	raw, _ := json.Marshal(data)
	if ans["type"] != 4.0 || !strings.Contains(string(raw), "600") {
		t.Fatalf("no answer with a corrupt feedback database: %s", raw)
	}
	if strings.Contains(string(raw), "sb1:up:") || !strings.Contains(string(raw), "sb1:full:") {
		t.Errorf("with no usable database, want Full passage and no vote buttons: %s", raw)
	}
	if !strings.Contains(logs.String(), "feedback: the database cannot be used") || !strings.Contains(logs.String(), bad) {
		t.Errorf("the log does not say why there is no feedback:\n%s", logs)
	}
}
