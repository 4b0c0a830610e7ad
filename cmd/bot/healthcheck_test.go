package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

// In gateway mode the bot serves /healthz at METRICS_ADDR from the start,
// while it is still connecting, and `bot healthcheck` finds it there.
func TestHealthzAtMetricsAddrInGatewayMode(t *testing.T) {
	release := make(chan struct{})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/gateway") || strings.HasSuffix(r.URL.Path, "/gateway/bot") {
			<-release // still connecting until the test has checked
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"url":"ws://127.0.0.1:1","shards":1}`))
	}))
	defer api.Close()
	releaseOnce := sync.OnceFunc(func() { close(release) })
	defer releaseOnce() // before api.Close, which waits for the handler

	env := map[string]string{
		"DISCORD_TOKEN":   "fake-token-0123456789",
		"DISCORD_API_URL": api.URL + "/api/v10/",
		"METRICS_ADDR":    "127.0.0.1:0",
		"SEEDS_DIR":       seedsDir,
		"INDEX_DIR":       t.TempDir(),
		"LOG_FORMAT":      "json",
	}
	stderr := &lockedBuffer{}
	exited := make(chan error, 1)
	go func() {
		exited <- run(t.Context(), nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
	}()
	var addr string
	for deadline := time.Now().Add(60 * time.Second); addr == ""; time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-exited:
			t.Fatalf("run returned before serving /healthz: %v\n%s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never served:\n%s", stderr)
		}
		for _, line := range strings.Split(stderr.String(), "\n") {
			var v struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &v) == nil && v.Msg == "health: serving" {
				addr = v.Addr
			}
		}
	}
	stdout, _, err := runBot(t, map[string]string{"METRICS_ADDR": addr}, "", "healthcheck")
	if err != nil || !strings.Contains(stdout, "/healthz: ok") {
		t.Errorf("healthcheck: %q, %v; want ok", stdout, err)
	}
	releaseOnce()
	if err := <-exited; err == nil {
		t.Errorf("run returned nil with an unreachable gateway")
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("LOG_FORMAT=json, yet a line of stderr is not JSON: %q", line)
		}
	}
	if !strings.Contains(stderr.String(), `"from":"discordgo"`) {
		t.Errorf("discordgo's own message about the gateway is not in the log:\n%s", stderr)
	}
	if _, _, err := runBot(t, map[string]string{"METRICS_ADDR": addr}, "", "healthcheck"); err == nil {
		t.Errorf("healthcheck passed after the bot stopped")
	}
}
