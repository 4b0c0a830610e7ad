package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
