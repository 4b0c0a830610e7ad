package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// healthTimeout bounds one health check; Docker's HEALTHCHECK has its own
// timeout, but a check must never hang on a stuck process.
const healthTimeout = 5 * time.Second

// runHealthcheck asks the running bot's /healthz, at METRICS_ADDR if set,
// else at HTTP_ADDR (in HTTP interactions mode, the default :8080 when it
// is unset), and fails unless it answers 200. It reads the same
// environment as the bot, so in a container it finds the bot's address.
func runHealthcheck(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	name, addr := "METRICS_ADDR", strings.TrimSpace(getenv("METRICS_ADDR"))
	if addr == "" {
		name, addr = "HTTP_ADDR", strings.TrimSpace(getenv("HTTP_ADDR"))
	}
	if addr == "" && strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")) != "" {
		name, addr = "HTTP_ADDR (default)", defaultHTTPAddr
	}
	if addr == "" {
		return errors.New("healthcheck: neither METRICS_ADDR nor HTTP_ADDR is set, so there is no /healthz to ask: set the one the bot serves on")
	}
	url, err := healthURL(addr)
	if err != nil {
		return fmt.Errorf("healthcheck: %s=%q: %w", name, addr, err)
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	// Straight to the bot: never through a proxy from the environment.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %s (from %s) does not answer: %w", url, name, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s (from %s) answered %s: %s", url, name, resp.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(stdout, "%s: %s\n", url, strings.TrimSpace(string(body)))
	return nil
}

// defaultHTTPAddr is where HTTP interactions mode listens when HTTP_ADDR
// is unset (the bot package's default).
const defaultHTTPAddr = ":8080"

// healthURL turns a listen address into the URL of its /healthz on this
// machine: a wildcard or empty host is asked on the loopback address.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", errors.New("want host:port or :port")
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
