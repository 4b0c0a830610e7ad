package bot

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The schema check must be able to fail, or the end-to-end tests prove
// nothing.
func TestSpecRejectsInvalidBodies(t *testing.T) {
	spec := loadSpec(t)
	for _, tc := range []struct {
		name, method, path, body string
		ok                       bool
	}{
		{"valid edit", "PATCH", "/webhooks/1/tok/messages/@original", `{"content":"hi","allowed_mentions":{"parse":[]}}`, true},
		{"content too long", "PATCH", "/webhooks/1/tok/messages/@original", `{"content":"` + strings.Repeat("x", 2001) + `"}`, false},
		{"bad allowed mention type", "POST", "/interactions/1/tok/callback", `{"type":4,"data":{"allowed_mentions":{"parse":["all"]}}}`, false},
		{"unknown callback type", "POST", "/interactions/1/tok/callback", `{"type":42}`, false},
		{"command without a name", "PUT", "/applications/1/commands", `[{"description":"x"}]`, false},
		{"option type out of range", "PUT", "/applications/1/commands", `[{"name":"ask","description":"x","options":[{"type":99,"name":"q","description":"d"}]}]`, false},
		{"permissions as a decimal string", "PUT", "/applications/1/commands", `[{"name":"a","description":"x","default_member_permissions":"32"}]`, true},
		{"permissions not a number", "PUT", "/applications/1/commands", `[{"name":"a","description":"x","default_member_permissions":"admin"}]`, false},
		{"too many embeds", "POST", "/channels/1/messages", `{"embeds":[{},{},{},{},{},{},{},{},{},{},{}]}`, false},
		{"reply without message_id", "POST", "/channels/1/messages", `{"content":"x","message_reference":{"channel_id":"1"}}`, false},
		{"no such route", "POST", "/nowhere", `{}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := spec.Validate(tc.method, tc.path, []byte(tc.body))
			if (err == nil) != tc.ok {
				t.Errorf("Validate = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestPayloadProblems(t *testing.T) {
	bad := map[string]any{"content": strings.Repeat("x", 2001), "allowed_mentions": map[string]any{"parse": nil},
		"embeds": []any{map[string]any{"description": strings.Repeat("d", 4000)}, map[string]any{"description": strings.Repeat("d", 4000)}}}
	ps := payloadProblems("PATCH", "/webhooks/1/t/messages/@original", bad)
	joined := strings.Join(ps, "\n")
	for _, want := range []string{"content has 2001", "parse is <nil>", "total 8000"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems %q lack %q", joined, want)
		}
	}
	choices := map[string]any{"type": 8.0, "data": map[string]any{"choices": []any{map[string]any{"name": "", "value": "x"}}}}
	if ps := payloadProblems("POST", "/interactions/1/t/callback", choices); len(ps) == 0 {
		t.Error("an empty choice name passed")
	}
}

func TestRewriteTransport(t *testing.T) {
	var seen []string
	rt, err := newRewriteTransport("http://127.0.0.1:9/proxy/api/v10", roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Method+" "+r.URL.String()+" host="+r.Host)
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Transport: rt}
	for _, u := range []string{
		discordgo.EndpointGateway,
		discordgo.EndpointWebhookMessage("1", "tok", "@original"),
		discordgo.EndpointChannelMessages("42") + "?x=1",
		"https://cdn.discordapp.com/attachments/1/2/a.txt",
	} {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	want := []string{
		"GET http://127.0.0.1:9/proxy/api/v10/gateway host=127.0.0.1:9",
		"GET http://127.0.0.1:9/proxy/api/v10/webhooks/1/tok/messages/@original host=127.0.0.1:9",
		"GET http://127.0.0.1:9/proxy/api/v10/channels/42/messages?x=1 host=127.0.0.1:9",
		"GET https://cdn.discordapp.com/attachments/1/2/a.txt host=cdn.discordapp.com",
	}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []string{"ftp://x/", "not a url", "/relative"} {
		if _, err := newRewriteTransport(bad, nil); err == nil {
			t.Errorf("newRewriteTransport(%q) accepted it", bad)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRedact(t *testing.T) {
	b := &service{cfg: Config{Token: "sekrit"}}
	req, _ := http.NewRequest("POST", "https://discord.com/api/v9/interactions/1/itoken/callback", nil)
	rest := &discordgo.RESTError{
		Request:      req,
		Response:     &http.Response{Status: "500 Internal Server Error", StatusCode: 500},
		ResponseBody: []byte(`{"message":"you sent Bot sekrit","code":0}`),
	}
	uerr := &url.Error{Op: "Post", URL: "https://discord.com/api/v9/webhooks/1/itoken", Err: errors.New("connection refused")}
	limited := &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{
		TooManyRequests: &discordgo.TooManyRequests{RetryAfter: time.Second},
		URL:             "https://discord.com/api/v9/webhooks/1/itoken/messages/@original",
	}}
	retries := fmt.Errorf("Exceeded Max retries HTTP 502 Bad Gateway, <html>you asked for /api/v9/webhooks/1/itoken/messages/@original</html>")
	echoed := errors.New("proxy: bad upstream for /api/v9/interactions/1/itoken/callback")
	for _, err := range []error{rest, fmt.Errorf("edit reply: %w", rest), uerr, errors.New("plain sekrit"), limited, fmt.Errorf("edit reply: %w", retries), echoed} {
		got := b.redact(err)
		if strings.Contains(got, "sekrit") || strings.Contains(got, "itoken") {
			t.Errorf("redact(%v) = %q leaks a token", err, got)
		}
	}
	if got := b.redact(rest); !strings.Contains(got, "500") || !strings.Contains(got, "interactions") {
		t.Errorf("redact lost what is useful: %q", got)
	}
	if got := b.redact(fmt.Errorf("edit reply: %w", retries)); got != "edit reply: HTTP 502 Bad Gateway, after retries" {
		t.Errorf("redact(retries) = %q, want the status only", got)
	}
	if got := b.redact(limited); !strings.Contains(got, "webhooks") || !strings.Contains(got, "1s") {
		t.Errorf("redact(rate limit) = %q, want the route and the wait", got)
	}
}

func TestUserLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newUserLimiter(3*time.Second, 2, 3)
	l.now = func() time.Time { return now }

	var got []string
	for range 4 {
		ok, notify := l.Allow("a")
		got = append(got, fmt.Sprint(ok, notify))
	}
	// Two allowed, then one notice, then silence until the next refill.
	if want := "[true false true false false true false false]"; fmt.Sprint(got) != want {
		t.Errorf("Allow: %v, want %v", got, want)
	}
	now = now.Add(3 * time.Second)
	if ok, _ := l.Allow("a"); !ok {
		t.Error("no token after a refill interval")
	}

	for i := range 10 {
		now = now.Add(time.Millisecond)
		l.Allow(fmt.Sprint("user", i))
	}
	if n := l.Len(); n > 3 {
		t.Errorf("limiter tracks %d users, bound is 3", n)
	}
	// The most recent user is kept (and still limited).
	l.Allow("user9")
	if ok, _ := l.Allow("user9"); ok {
		t.Error("an active user's bucket was dropped")
	}
}

func TestRunNeedsAToken(t *testing.T) {
	err := Run(t.Context(), Config{Logger: slog.New(slog.DiscardHandler)}, &fakeAnswerer{}, &fakeLibrary{})
	if err == nil {
		t.Fatal("Run without a token succeeded")
	}
}

// The replay set forgets an ID once its request could no longer be fresh,
// and never holds more than its bound, dropping the oldest first.
func TestSeenIDs(t *testing.T) {
	t0 := time.Unix(1_750_000_000, 0)
	s := newSeenIDs(10*time.Minute, 3)
	steps := []struct {
		id    string
		at    time.Duration
		first bool
	}{
		{"a", 0, true},
		{"a", time.Minute, false},
		{"b", 2 * time.Minute, true},
		{"c", 3 * time.Minute, true},
		{"b", 4 * time.Minute, false},
		{"d", 5 * time.Minute, true}, // full: "a" goes
		{"a", 6 * time.Minute, true}, // and "b" for it
		{"c", 7 * time.Minute, false},
		{"c", 13 * time.Minute, true}, // expired
	}
	for _, st := range steps {
		if got := s.first(st.id, t0.Add(st.at)); got != st.first {
			t.Errorf("%s at %s: first = %v, want %v", st.id, st.at, got, st.first)
		}
		if len(s.at) > 3 || len(s.order) > 3 {
			t.Fatalf("set holds %d IDs, bound 3", len(s.at))
		}
	}
}

func TestFreshTimestamp(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	for ts, want := range map[string]bool{
		"1750000000": true, "1749999700": true, "1750000300": true,
		"1749999699": false, "1750000301": false, "1": false, "not-a-time": false,
		"": false, "1750000000.5": false, " 1750000000": false,
	} {
		if got := fresh(ts, now); got != want {
			t.Errorf("fresh(%q) = %v, want %v", ts, got, want)
		}
	}
}

func TestAttachmentOriginAllowed(t *testing.T) {
	allowed := attachmentOrigins("http://127.0.0.1:8080/api/v10/")
	for raw, want := range map[string]bool{
		"https://cdn.discordapp.com/attachments/1/2/a.md":     true,
		"https://CDN.discordapp.com:443/attachments/1/2/a.md": true,
		"https://media.discordapp.net/attachments/1/2/a.md":   true,
		"http://127.0.0.1:8080/cdn/a.md":                      true,
		"http://cdn.discordapp.com/attachments/1/2/a.md":      false,
		"https://cdn.discordapp.com:8443/a.md":                false,
		"https://cdn.discordapp.com.evil.example/a.md":        false,
		"https://cdn.discordapp.com@evil.example/a.md":        false,
		"https://discord.com/a.md":                            false,
		"http://127.0.0.1:8081/cdn/a.md":                      false,
		"https://127.0.0.1:8080/cdn/a.md":                     false,
		"http://localhost:8080/cdn/a.md":                      false,
		"http://169.254.169.254/latest/meta-data/":            false,
		"file:///etc/passwd":                                  false,
		"/cdn/a.md":                                           false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := allowed[originOf(u)]; got != want {
			t.Errorf("%s: allowed %v, want %v", raw, got, want)
		}
	}
	if none := attachmentOrigins(""); len(none) != 2 {
		t.Errorf("without DISCORD_API_URL, %d origins allowed, want Discord's 2", len(none))
	}
}
