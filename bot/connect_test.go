package bot

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// quickRetries makes connection retries follow each other at once.
func quickRetries(c *Config, _ *fakeDiscord) { c.ConnectBackoff = time.Millisecond }

// The first connection is retried while Discord cannot be reached, each
// failure logged, and then the bot serves as usual.
func TestFirstConnectionRetried(t *testing.T) {
	t.Parallel()
	var tries atomic.Int32
	h := startBot(t, nil, nil, quickRetries, func(_ *Config, f *fakeDiscord) {
		f.failStatus = http.StatusServiceUnavailable
		f.fail = func(method, path string) bool { return path == "/gateway" && tries.Add(1) <= 2 }
	})
	logs := h.logs.String()
	if got := strings.Count(logs, `level=WARN msg="discord: could not connect to the gateway; retrying"`); got != 2 {
		t.Errorf("%d failed tries logged, want 2:\n%s", got, logs)
	}
	if strings.Contains(logs, "you sent") {
		t.Errorf("a response body reached the log:\n%s", logs)
	}
}

// runToExit runs the bot against f until Run returns on its own.
func runToExit(t *testing.T, f *fakeDiscord, opts ...func(*Config)) (logs string, err error) {
	t.Helper()
	buf := &syncBuffer{}
	cfg := Config{
		Token: testToken, APIURL: f.APIURL(), ConnectBackoff: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	for _, o := range opts {
		o(&cfg)
	}
	done := make(chan error, 1)
	go func() { done <- Run(context.Background(), cfg, (&askRecorder{}).answerer(), &fakeLibrary{}) }()
	select {
	case err := <-done:
		return buf.String(), err
	case <-time.After(30 * time.Second):
		t.Fatalf("Run still going 30 s after a refused token:\n%s", buf)
		return "", nil
	}
}

// A token Discord refuses is not retried: Run returns at once with an
// error that says what to fix, over the gateway (close 4004, or 401 over
// REST) and in HTTP mode (401).
func TestRefusedTokenNotRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		refuse func(*fakeDiscord)
		mode   func(*Config)
	}{
		{"gateway closes 4004", func(f *fakeDiscord) { f.refuseGateway = true }, nil},
		{"REST 401", func(f *fakeDiscord) { f.refuseREST = true }, nil},
		{"HTTP mode, REST 401", func(f *fakeDiscord) { f.refuseREST = true }, func(c *Config) {
			c.PublicKey = strings.Repeat("ab", 32)
			c.HTTPAddr = "127.0.0.1:0"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeDiscord(t, testToken)
			tc.refuse(f)
			var opts []func(*Config)
			if tc.mode != nil {
				opts = append(opts, tc.mode)
			}
			logs, err := runToExit(t, f, opts...)
			if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN was refused") {
				t.Errorf("Run: %v; want an error saying the token was refused", err)
			}
			if strings.Contains(logs, "retrying") {
				t.Errorf("a refused token was retried:\n%s", logs)
			}
			if strings.Contains(logs, testToken) || (err != nil && strings.Contains(err.Error(), testToken)) {
				t.Errorf("the token reached the log or the error")
			}
		})
	}
}

// Stopping the bot while it is still trying to connect is a clean stop.
func TestStopWhileConnecting(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t, testToken)
	f.failStatus = http.StatusServiceUnavailable
	f.fail = func(method, path string) bool { return path == "/gateway" }
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Token: testToken, APIURL: f.APIURL(), ConnectBackoff: time.Millisecond,
			Logger: slog.New(slog.NewTextHandler(logs, nil))}, (&askRecorder{}).answerer(), &fakeLibrary{})
	}()
	waitUntil(t, "a retry", func() bool { return strings.Contains(logs.String(), "retrying") })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v, want nil after a stop while connecting", err)
	}
}

// The start is logged with the bot's name, its guilds and an invite link
// with the scopes and permissions docs/DISCORD.md lists.
func TestStartupLog(t *testing.T) {
	t.Parallel()
	const invite = "https://discord.com/oauth2/authorize?client_id=1000000000000000001&permissions=274877991936&scope=bot+applications.commands"
	check := func(t *testing.T, logs, mode string) {
		t.Helper()
		for _, want := range []string{`msg="discord: started" mode=` + mode, "user=storybot", "guilds=", `invite="` + invite + `"`} {
			if !strings.Contains(logs, want) {
				t.Errorf("the start log lacks %q:\n%s", want, logs)
			}
		}
	}
	t.Run("gateway", func(t *testing.T) {
		t.Parallel()
		check(t, startBot(t, nil, nil).logs.String(), "gateway")
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		h, _ := startHTTPBot(t, nil, nil)
		check(t, h.logs.String(), "http")
	})
}

// observed records what the bot tells its Observer.
type observed struct {
	mu        sync.Mutex
	questions []string
	commands  []string
	rest      []string
	connected []bool
}

func (o *observed) Question(frontEnd, outcome string, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.questions = append(o.questions, frontEnd+" "+outcome)
}

func (o *observed) Command(command, result string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.commands = append(o.commands, command+" "+result)
}

func (o *observed) RESTError(route string, status int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.rest = append(o.rest, route+" "+http.StatusText(status))
}

func (o *observed) Connected(up bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.connected = append(o.connected, up)
}

func (o *observed) snapshot() observed {
	o.mu.Lock()
	defer o.mu.Unlock()
	return observed{questions: append([]string(nil), o.questions...), commands: append([]string(nil), o.commands...),
		rest: append([]string(nil), o.rest...), connected: append([]bool(nil), o.connected...)}
}

// The Observer hears of connections, questions by front end and outcome,
// and failed REST calls.
func TestObserver(t *testing.T) {
	t.Parallel()
	obs := &observed{}
	h := startBot(t, nil, nil, func(c *Config, f *fakeDiscord) {
		c.Observer = obs
		f.failStatus = http.StatusTooManyRequests
		f.fail = func(method, path string) bool { return method == http.MethodPost && reChannelMsgs.MatchString(path) }
	})
	key := h.slash(t, member, "ask", strOpt("question", "how many died"))
	h.direct(t, key)
	h.f.dispatch(t, "MESSAGE_CREATE", map[string]any{
		"id": "8000000000000000001", "channel_id": "4000000000000000002", "content": "who?",
		"author": map[string]any{"id": dmUser.userID, "username": "reader", "discriminator": "0"},
	})
	waitUntil(t, "both questions observed", func() bool { return len(obs.snapshot().questions) == 2 })
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	got := obs.snapshot()
	if got.questions[0] != "slash answered" || !strings.HasPrefix(got.questions[1], "dm ") {
		t.Errorf("questions %q, want [slash answered, dm …]", got.questions)
	}
	if !contains(got.commands, "ask answered") {
		t.Errorf("commands %q lack the /ask", got.commands)
	}
	if len(got.rest) == 0 || !strings.Contains(got.rest[0], "channels Too Many Requests") {
		t.Errorf("REST errors %q, want the DM reply's 429s", got.rest)
	}
	if len(got.connected) < 2 || !got.connected[0] || got.connected[len(got.connected)-1] {
		t.Errorf("connected %v, want true first and false after stopping", got.connected)
	}
}
