package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRunDiscordWiring starts run() the way a deployment does — token,
// DISCORD_API_URL, SEEDS_DIR, INDEX_DIR from the environment — against a
// REST endpoint on 127.0.0.1 whose gateway cannot be reached. The bot must
// build its index, send its REST calls to the configured base with the
// "Bot " token, and fail with an error that does not show the token.
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
	var stdout, stderr bytes.Buffer
	err := run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	if err == nil {
		t.Fatal("run returned nil with an unreachable gateway")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) == 0 {
		t.Fatalf("no REST call reached DISCORD_API_URL (err %v)", err)
	}
	for i, path := range calls {
		if !strings.HasPrefix(path, "/api/v10/") {
			t.Errorf("call %d went to %q, want under /api/v10/", i, path)
		}
		if auth[i] != "Bot "+token {
			t.Errorf("call %d sent Authorization %q, want %q", i, auth[i], "Bot "+token)
		}
	}
	for name, text := range map[string]string{"error": err.Error(), "stdout": stdout.String(), "stderr": stderr.String()} {
		if strings.Contains(text, token) {
			t.Errorf("%s shows the token: %s", name, text)
		}
	}
}
