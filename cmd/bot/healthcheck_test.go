package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHealthcheck(t *testing.T) {
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok\n"))
	}))
	defer healthy.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "index closed", http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	// An address nothing listens on: one that was just closed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	live := healthy.Listener.Addr().String()
	_, livePort, _ := net.SplitHostPort(live)

	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // in the error; "" when healthy
	}{
		{"METRICS_ADDR", map[string]string{"METRICS_ADDR": live}, ""},
		{"HTTP_ADDR", map[string]string{"HTTP_ADDR": live}, ""},
		{"port only", map[string]string{"HTTP_ADDR": ":" + livePort}, ""},
		{"wildcard host", map[string]string{"METRICS_ADDR": "0.0.0.0:" + livePort}, ""},
		{"METRICS_ADDR first", map[string]string{"METRICS_ADDR": live, "HTTP_ADDR": dead}, ""},
		{"empty METRICS_ADDR is unset", map[string]string{"METRICS_ADDR": "", "HTTP_ADDR": live}, ""},
		{"dead", map[string]string{"METRICS_ADDR": dead}, "http://" + dead + "/healthz (from METRICS_ADDR) does not answer"},
		{"dead HTTP_ADDR", map[string]string{"HTTP_ADDR": dead}, "(from HTTP_ADDR) does not answer"},
		{"unhealthy", map[string]string{"METRICS_ADDR": failing.Listener.Addr().String()}, "answered 503 Service Unavailable: index closed"},
		{"neither", map[string]string{"DISCORD_TOKEN": "fake-token-0123456789"}, "neither METRICS_ADDR nor HTTP_ADDR is set"},
		{"not an address", map[string]string{"METRICS_ADDR": "metrics"}, `METRICS_ADDR="metrics": want host:port or :port`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runBot(t, tc.env, "", "healthcheck")
			if tc.want == "" {
				if err != nil || !strings.Contains(stdout, "/healthz: ok") {
					t.Errorf("stdout %q error %v; want healthy", stdout, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
			if exitCode(err) != 1 {
				t.Errorf("exit status %d, want 1", exitCode(err))
			}
			if stdout != "" || stderr != "" {
				t.Errorf("stdout %q stderr %q, want nothing but the error", stdout, stderr)
			}
		})
	}
	t.Run("stray argument", func(t *testing.T) {
		_, stderr, err := runBot(t, map[string]string{"METRICS_ADDR": live}, "", "healthcheck", "now")
		if exitCode(err) != 2 || !strings.Contains(stderr, "usage:") {
			t.Errorf("error %v, stderr %q; want a usage error", err, stderr)
		}
	})
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://127.0.0.1:8080/healthz",
		"0.0.0.0:9090":   "http://127.0.0.1:9090/healthz",
		"[::]:9090":      "http://127.0.0.1:9090/healthz",
		"127.0.0.1:81":   "http://127.0.0.1:81/healthz",
		"[::1]:81":       "http://[::1]:81/healthz",
		"bot.local:8080": "http://bot.local:8080/healthz",
		"8080":           "",
		"":               "",
	} {
		got, err := healthURL(addr)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

// In gateway mode the bot serves /healthz, /readyz and /metrics at
// METRICS_ADDR from the start. While Discord cannot be reached it keeps
// retrying, logged, with /healthz 200 (alive) and /readyz 503 (not
// connected), and `bot healthcheck` finds it; a stop ends it cleanly.
func TestHealthAndReadinessWhileDiscordIsDown(t *testing.T) {
	// An address nothing listens on: one that was just closed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	// A REST API whose gateway cannot be reached: discordgo itself logs
	// the failed dial.
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"url":"ws://` + closed + `","shards":1}`))
	}))
	defer api.Close()

	for _, tc := range []struct{ name, apiURL string }{
		{"API at a closed port", "http://" + closed + "/api/v10/"},
		{"gateway at a closed port", api.URL + "/api/v10/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{
				"DISCORD_TOKEN":   "fake-token-0123456789",
				"DISCORD_API_URL": tc.apiURL,
				"METRICS_ADDR":    "127.0.0.1:0",
				"SEEDS_DIR":       seedsDir,
				"INDEX_DIR":       t.TempDir(),
				"LOG_FORMAT":      "json",
			}
			stderr := &lockedBuffer{}
			ctx, stop := context.WithCancel(t.Context())
			defer stop()
			exited := make(chan error, 1)
			go func() {
				exited <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
			}()
			var addr string
			retries := 0
			for deadline := time.Now().Add(60 * time.Second); addr == "" || retries < 2; time.Sleep(10 * time.Millisecond) {
				select {
				case err := <-exited:
					t.Fatalf("run returned while Discord was down: %v\n%s", err, stderr)
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("no /healthz, or no two retries, in time:\n%s", stderr)
				}
				retries = 0
				for _, line := range strings.Split(stderr.String(), "\n") {
					var v struct{ Msg, Addr string }
					if json.Unmarshal([]byte(line), &v) != nil {
						continue
					}
					switch {
					case v.Msg == "health: serving":
						addr = v.Addr
					case strings.HasPrefix(v.Msg, "discord: could not connect"):
						retries++
					}
				}
			}
			get := func(path string) (int, string) {
				resp, err := http.Get("http://" + addr + path)
				if err != nil {
					t.Fatalf("GET %s: %v", path, err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(body)
			}
			if status, _ := get("/healthz"); status != http.StatusOK {
				t.Errorf("/healthz: %d, want 200", status)
			}
			if status, body := get("/readyz"); status != http.StatusServiceUnavailable || !strings.Contains(body, "not connected to Discord") {
				t.Errorf("/readyz: %d %q, want 503 saying Discord is not connected", status, body)
			}
			status, metrics := get("/metrics")
			for _, want := range []string{"storybot_discord_connected 0", "storybot_index_articles 5", "storybot_index_builds_total{outcome=\"ok\"} 1", "storybot_index_passages ", "go_goroutines "} {
				if status != http.StatusOK || !strings.Contains(metrics, want) {
					t.Errorf("/metrics (%d) lacks %q", status, want)
				}
			}
			if want := `storybot_discord_rest_errors_total{route="GET discord.com gateway",status="0"}`; tc.apiURL != api.URL+"/api/v10/" && !strings.Contains(metrics, want) {
				t.Errorf("/metrics lacks %s:\n%s", want, metrics)
			}
			stdout, _, err := runBot(t, map[string]string{"METRICS_ADDR": addr}, "", "healthcheck")
			if err != nil || !strings.Contains(stdout, "/healthz: ok") {
				t.Errorf("healthcheck: %q, %v; want ok", stdout, err)
			}
			stop()
			if err := <-exited; err != nil {
				t.Errorf("run, stopped while connecting: %v, want nil", err)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if !json.Valid([]byte(line)) {
					t.Errorf("LOG_FORMAT=json, yet a line of stderr is not JSON: %q", line)
				}
			}
			if tc.apiURL == api.URL+"/api/v10/" && !strings.Contains(stderr.String(), `"from":"discordgo"`) {
				t.Errorf("discordgo's own message about the gateway is not in the log:\n%s", stderr)
			}
			if strings.Contains(stderr.String(), "fake-token-0123456789") {
				t.Errorf("the token reached the log")
			}
			if _, _, err := runBot(t, map[string]string{"METRICS_ADDR": addr}, "", "healthcheck"); err == nil {
				t.Errorf("healthcheck passed after the bot stopped")
			}
		})
	}
}
