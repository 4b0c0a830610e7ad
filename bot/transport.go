package bot

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// discordAPIPrefix is where discordgo sends every REST call
// (discordgo.EndpointAPI, "https://discord.com/api/v9/" in v0.29.0).
var discordAPIPrefix = discordgo.EndpointAPI

// rewriteTransport sends the REST calls discordgo makes to
// https://discord.com/api/vN/… to another base URL (a rate-limit proxy, or a
// fake Discord in tests) instead. Rewriting here, rather than changing
// discordgo's endpoint variables, keeps the package globals untouched and
// the rewrite local to this session. Requests to other hosts (attachment
// downloads) pass through unchanged.
type rewriteTransport struct {
	base *url.URL // e.g. http://127.0.0.1:1234/api/v10/
	next http.RoundTripper
}

func newRewriteTransport(apiURL string, next http.RoundTripper) (*rewriteTransport, error) {
	u, err := url.Parse(apiURL)
	if err != nil {
		return nil, fmt.Errorf("DISCORD_API_URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("DISCORD_API_URL: want an absolute http(s) URL such as http://proxy:8080/api/v10/")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return &rewriteTransport{base: u, next: next}, nil
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	orig := req.URL.String()
	rest, ok := strings.CutPrefix(orig, discordAPIPrefix)
	if !ok {
		return t.next.RoundTrip(req)
	}
	target, err := t.base.Parse(rest)
	if err != nil {
		return nil, fmt.Errorf("rewrite discord endpoint: %w", err)
	}
	// A RoundTripper must not modify the caller's request.
	r := req.Clone(req.Context())
	r.URL = target
	r.Host = target.Host
	return t.next.RoundTrip(r)
}
