package bot

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// A REST call answered 429 for ever is tried maxRESTAttempts times, each
// retry logged at WARN, and then fails (the reply's failure is logged),
// instead of being retried without end by discordgo.
func TestRateLimitedCallsAreRetriedBoundedly(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(_ *Config, f *fakeDiscord) {
		f.failStatus = http.StatusTooManyRequests
		f.fail = func(method, path string) bool { return strings.HasSuffix(path, "/callback") }
	})
	key := h.slash(t, member, "ask", strOpt("question", "how many died"))
	waitUntil(t, "the failed reply in the log", func() bool { return strings.Contains(h.logs.String(), "outcome=error") })
	if got := h.f.count("POST", "^/interactions/"+key+"/callback$"); got != maxRESTAttempts {
		t.Errorf("the reply was tried %d times, want %d", got, maxRESTAttempts)
	}
	logs := h.logs.String()
	if got := strings.Count(logs, `level=WARN msg="discord: rate limited; retrying"`); got != maxRESTAttempts-1 {
		t.Errorf("%d retries logged at WARN, want %d:\n%s", got, maxRESTAttempts-1, logs)
	}
	if !strings.Contains(logs, "giving up") || !strings.Contains(logs, "rate limited on") {
		t.Errorf("the log should say the call gave up on a rate limit:\n%s", logs)
	}
}

// An interaction's token lasts 15 minutes: a rate-limited call for one
// whose time is up is not retried at all.
func TestRateLimitedCallsStopAtTheInteractionsEnd(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil, nil, func(_ *Config, f *fakeDiscord) {
		f.failStatus = http.StatusTooManyRequests
		f.fail = func(method, path string) bool { return strings.HasSuffix(path, "/callback") }
	})
	p, key := interaction(h.f, member, 2, "ask", []map[string]any{strOpt("question", "how many died")}, nil)
	// A snowflake from 2015: the interaction's 15 minutes are long over.
	old := "100000000000000000"
	p["id"] = old
	key = old + key[strings.IndexByte(key, '/'):]
	h.f.dispatch(t, "INTERACTION_CREATE", p)
	waitUntil(t, "the failed reply in the log", func() bool { return strings.Contains(h.logs.String(), "outcome=error") })
	if got := h.f.count("POST", "^/interactions/"+key+"/callback$"); got != 1 {
		t.Errorf("the reply was tried %d times, want 1", got)
	}
	if logs := h.logs.String(); !strings.Contains(logs, "past the call's expiry") {
		t.Errorf("the log should say the retry would outlive the interaction:\n%s", logs)
	}
}

// discordgo's own log lines go to the bot's logger, at their level, in
// its format, never as "[DG0] …" lines from the standard log package.
// Not parallel: discordgo has one package-wide logger.
func TestLibraryLogsGoThroughSlog(t *testing.T) {
	logs := &syncBuffer{}
	routeLibraryLogs(slog.New(slog.NewJSONHandler(logs, nil)), testToken)
	// What discordgo's Session.log does with a LogError line.
	discordgo.Logger(discordgo.LogError, 2, "error connecting to %s with Bot %s", "https://discord.com/api/v9/webhooks/1/interaction-token-x/messages/@original", testToken)
	got := logs.String()
	if !strings.Contains(got, `"level":"ERROR"`) || !strings.Contains(got, `"msg":"discordgo: error connecting`) {
		t.Errorf("want a JSON line at ERROR, got %q", got)
	}
	if strings.Contains(got, testToken) || strings.Contains(got, "interaction-token-x") {
		t.Errorf("a token reached the log: %q", got)
	}
}
