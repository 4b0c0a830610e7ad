// Package bot is storybot's Discord adapter: it registers the slash
// commands, answers interactions, direct messages and mentions, and formats
// answers within Discord's limits. It is the only package that imports
// discordgo; the answer engine and the article index are reached through the
// small Answerer and Library interfaces declared here.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/talk"
)

// Answerer is what the bot needs from the answer engine.
type Answerer interface {
	Ask(ctx context.Context, question string) (answer.Result, error)
	// Suggest returns good questions about the story matching what was
	// typed, for autocomplete.
	Suggest(ctx context.Context, typed string, n int) []string
}

// Library is what the bot needs from the article index.
type Library interface {
	Sources() []answer.Source
	// Reindex rebuilds the index; the old one serves until the new one is
	// swapped in, and concurrent calls share one build.
	Reindex(ctx context.Context) (Report, error)
	// AddArticle validates data (UTF-8, a title, sentences), saves it under a
	// safe generated name and reindexes. An invalid file gets an
	// *InvalidArticle, and changes nothing; any other error is the server's
	// (saving, reindexing) and is not shown to the sender. name is the
	// user's original file name, a hint for the extension and title only,
	// never a path.
	AddArticle(ctx context.Context, name string, data []byte) (Report, error)
	// Passages lists the passages of the article at file (a Source.File),
	// in reading order; false when no indexed article is at file.
	Passages(ctx context.Context, file string) ([]Passage, bool)
}

// InvalidArticle is why AddArticle refused a file: a fault of the file,
// written for the admin who sent it.
type InvalidArticle struct{ Reason error }

func (e *InvalidArticle) Error() string { return e.Reason.Error() }
func (e *InvalidArticle) Unwrap() error { return e.Reason }

// Report says what a reindex did.
type Report struct {
	Articles, Passages int
	Took               time.Duration
	Skipped            []Skipped
	Added              string // file name saved, if any
}

// Skipped is an article left out of the index, and why.
type Skipped struct {
	File, Reason string
}

// Config configures Run. Only Token is required.
type Config struct {
	Token    string   // raw bot token, without "Bot "
	APIURL   string   // optional DISCORD_API_URL: REST base to use instead of https://discord.com/api/vN/
	GuildID  string   // optional: also register the commands in this guild
	AdminIDs []string // BOT_ADMIN_IDS: users allowed to reindex besides guild admins
	Logger   *slog.Logger

	// RateEvery and RateBurst set each user's token bucket: RateBurst
	// requests at once, then one per RateEvery. Defaults: 3 s and 5.
	RateEvery time.Duration
	RateBurst int
	// RateMaxUsers bounds the users tracked by the rate limiter (default 10000).
	RateMaxUsers int

	// HTTPClient downloads attachments (default: 15 s timeout). It is never
	// given the bot token, and only asked for Discord's CDN, or APIURL's
	// scheme, host and port; its redirects to another host are refused.
	HTTPClient *http.Client
	// MaxAttachment bounds an uploaded article in bytes (default 1 MB).
	MaxAttachment int64
	// AskTimeout bounds answering one question (default 10 s); ReindexTimeout
	// one reindex (default 10 min).
	AskTimeout, ReindexTimeout time.Duration
	// DrainTimeout is how long shutdown waits for replies in progress
	// (default 2 s).
	DrainTimeout time.Duration

	// ShardID and ShardCount run this process as gateway shard ShardID of
	// ShardCount, as Discord requires past 2,500 servers; ShardCount 0 means
	// unsharded. Only shard 0 registers the commands (it is also the shard
	// Discord sends DMs to), so N shards starting at once make one
	// registration, not N.
	ShardID, ShardCount int

	// PublicKey, when set, selects HTTP interactions mode: it is the
	// application's hex Ed25519 public key (DISCORD_PUBLIC_KEY). The bot
	// then serves slash commands on POST /interactions instead of
	// connecting to the gateway, so plain DMs and mentions are not received.
	PublicKey string
	// HTTPAddr is where HTTP mode listens (default ":8080").
	HTTPAddr string
	// Listener, when set, is used by HTTP mode instead of listening on
	// HTTPAddr; Run closes it.
	Listener net.Listener
	// Ops, when set, is served by HTTP mode on HTTPAddr for every path but
	// /interactions: the operator's /healthz, /readyz and /metrics, the
	// same handler as on METRICS_ADDR, so one port can do for both.
	// Without it HTTP mode answers only GET /healthz, always ok.
	Ops http.Handler
	// ReplyWithin is how long /ask may take to put the answer in the
	// first response (over the gateway, or in the HTTP response itself);
	// a slower answer is deferred and then sent by editing @original, since
	// Discord waits only 3 s for the first response (default 2 s; keep it
	// under 3 s).
	ReplyWithin time.Duration

	// Feedback, when set, keeps the 👍/👎 votes on answers; without it
	// answers have no vote buttons.
	Feedback Feedback
	// Observer, when set, is told what the bot does (metrics, readiness).
	Observer Observer

	// ConnectBackoff is the first wait before retrying a failed first
	// connection (default 1 s), doubling up to a minute, with jitter;
	// ConnectTimeout is when to give up (default 15 min). A refused token
	// is never retried.
	ConnectBackoff, ConnectTimeout time.Duration
}

// validate checks what Run cannot default.
func (c *Config) validate() error {
	if c.Token == "" {
		return errors.New("discord: no token")
	}
	if c.ShardCount < 0 || c.ShardID < 0 || c.ShardID >= max(c.ShardCount, 1) {
		return fmt.Errorf("discord: shard %d of %d: want SHARD_COUNT ≥ 1 and 0 ≤ SHARD_ID < SHARD_COUNT", c.ShardID, c.ShardCount)
	}
	if c.PublicKey == "" {
		return nil
	}
	if c.ShardCount != 0 {
		return errors.New("discord: SHARD_ID and SHARD_COUNT shard the gateway; HTTP interactions mode (DISCORD_PUBLIC_KEY) does not connect to it")
	}
	_, err := parsePublicKey(c.PublicKey)
	return err
}

// sharded reports whether this process is one shard of several.
func (c *Config) sharded() bool { return c.ShardCount > 0 }

// httpMode reports whether interactions come over HTTP, not the gateway.
func (c *Config) httpMode() bool { return c.PublicKey != "" }

func (c *Config) setDefaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.RateEvery <= 0 {
		c.RateEvery = 3 * time.Second
	}
	if c.RateBurst <= 0 {
		c.RateBurst = 5
	}
	if c.RateMaxUsers <= 0 {
		c.RateMaxUsers = 10000
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if c.MaxAttachment <= 0 {
		c.MaxAttachment = 1 << 20
	}
	if c.AskTimeout <= 0 {
		c.AskTimeout = 10 * time.Second
	}
	if c.ReindexTimeout <= 0 {
		c.ReindexTimeout = 10 * time.Minute
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 2 * time.Second
	}
	if c.HTTPAddr == "" {
		c.HTTPAddr = ":8080"
	}
	if c.ReplyWithin <= 0 {
		c.ReplyWithin = 2 * time.Second
	}
	if c.Observer == nil {
		c.Observer = nopObserver{}
	}
	if c.ConnectBackoff <= 0 {
		c.ConnectBackoff = defaultConnectBackoff
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = defaultConnectTimeout
	}
}

// Intents are the only gateway intents the bot asks for; none is
// privileged. DM content and messages that mention the bot arrive without
// MESSAGE_CONTENT.
const Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// service serves one Discord session; Run creates and drives it.
type service struct {
	cfg     Config
	log     *slog.Logger
	answers Answerer
	lib     Library
	s       *discordgo.Session
	limiter *userLimiter
	admins  map[string]bool
	work    inflight
	// seen holds the interaction IDs served in HTTP mode, against replays.
	seen *seenIDs
	// bodies bounds the large unverified bodies read at once (HTTP mode).
	bodies *bodyGate
	// deferred are the interactions whose deferred reply is still to come.
	deferred pendingReplies
	// memory holds each user's last question in each channel, for
	// follow-ups.
	memory *talk.Memory
	// download fetches attachments, only from attachOrigins.
	download      *http.Client
	attachOrigins map[string]bool

	// baseCtx outlives the Run context by the drain period, so replies in
	// progress at shutdown can still be sent.
	baseCtx context.Context

	mu     sync.Mutex
	appID  string
	selfID string
}

// Run registers the commands and serves Discord until ctx is cancelled;
// it then stops taking work, lets replies in progress finish (up to
// DrainTimeout) and returns nil. It connects to the gateway, or, when
// cfg.PublicKey is set, serves interactions over HTTP (see serveHTTP).
func Run(ctx context.Context, cfg Config, a Answerer, lib Library) error {
	if cfg.Listener != nil {
		defer cfg.Listener.Close() // Serve closes it too; a second Close is harmless
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	if a == nil || lib == nil {
		return errors.New("discord: Answerer and Library are required")
	}
	cfg.setDefaults()
	b, err := newService(cfg, a, lib)
	if err != nil {
		return err
	}
	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	b.baseCtx = base
	if cfg.httpMode() {
		err = b.serveHTTP(ctx, cancelBase)
	} else {
		err = b.serveGateway(ctx, cancelBase)
	}
	if errors.Is(err, errStopped) {
		return nil // stopped while still connecting
	}
	return err
}

// serveGateway is Run over the gateway: connect, learn who we are from
// READY, register the commands, serve until ctx is done.
func (b *service) serveGateway(ctx context.Context, cancelBase context.CancelFunc) error {
	if err := b.connect(ctx, "connect to the gateway", b.s.Open); err != nil {
		return err
	}
	b.log.Info("discord: connected")

	if err := b.identifySelf(); err != nil {
		b.shutdown(cancelBase)
		return err
	}
	if err := b.registerCommands(); err != nil {
		b.shutdown(cancelBase)
		return err
	}
	b.gatewayStarted()
	b.log.Info("discord: serving", "mode", "gateway")

	<-ctx.Done()
	b.shutdown(cancelBase)
	return nil
}

func newService(cfg Config, a Answerer, lib Library) (*service, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	var rt http.RoundTripper = http.DefaultTransport
	if cfg.APIURL != "" {
		if rt, err = newRewriteTransport(cfg.APIURL, nil); err != nil {
			return nil, err
		}
	}
	log := cfg.Logger
	if cfg.sharded() {
		log = log.With("shard", fmt.Sprintf("%d/%d", cfg.ShardID, cfg.ShardCount))
	}
	// Each try has its own timeout (see restTransport), so the client has
	// none: one would cut short the waits between retries.
	s.Client = &http.Client{Transport: &restTransport{next: rt, log: log, observe: cfg.Observer}}
	s.ShouldRetryOnRateLimit = false // restTransport retries, boundedly
	routeLibraryLogs(log, cfg.Token)
	s.Identify.Intents = Intents
	if cfg.sharded() {
		// discordgo sends Shard only when ShardCount > 1; [0, 1] is valid
		// too, and says what was configured.
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
		s.Identify.Shard = &[2]int{cfg.ShardID, cfg.ShardCount}
	}
	s.ShouldReconnectOnError = true
	// Handlers run on the gateway goroutine, in event order: they only do
	// cheap checks there and hand real work to goroutines (see handle*),
	// so ignoring a message is decided before the next event is read.
	s.SyncEvents = true
	s.LogLevel = discordgo.LogError
	b := &service{
		cfg:     cfg,
		log:     log,
		answers: a,
		lib:     lib,
		s:       s,
		limiter: newUserLimiter(cfg.RateEvery, cfg.RateBurst, cfg.RateMaxUsers),
		admins:  make(map[string]bool),
		baseCtx: context.Background(),
		seen:    newSeenIDs(2*maxClockSkew, maxSeenIDs),
		memory:  talk.NewMemory(talk.DefaultMaxEntries, talk.DefaultTTL),
		bodies:  newBodyGate(maxLargeBodies),

		download:      downloadClient(cfg.HTTPClient),
		attachOrigins: attachmentOrigins(cfg.APIURL),
	}
	for _, id := range cfg.AdminIDs {
		if id = strings.TrimSpace(id); id != "" {
			b.admins[id] = true
		}
	}
	b.watchConnection(s)
	s.AddHandler(b.onReady)
	s.AddHandler(b.onConnect)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return b, nil
}

// identifySelf reads the bot's user and application IDs from READY.
func (b *service) identifySelf() error {
	b.s.State.RLock()
	r := b.s.State.Ready
	b.s.State.RUnlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.User != nil {
		b.selfID = r.User.ID
	}
	if r.Application != nil {
		b.appID = r.Application.ID
	}
	if b.appID == "" {
		// Bots' application ID equals their user ID.
		b.appID = b.selfID
	}
	if b.appID == "" {
		return errors.New("discord: READY had no application or user ID")
	}
	return nil
}

func (b *service) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		b.mu.Lock()
		b.selfID = r.User.ID
		b.mu.Unlock()
	}
	b.log.Info("discord: ready", "session", "new")
}

// onConnect closes a connection that a reconnect loop inside discordgo
// opened after shutdown began: discordgo has no context to stop it.
func (b *service) onConnect(s *discordgo.Session, _ *discordgo.Connect) {
	if b.work.stopped() {
		// Not inline: Open holds the session lock while emitting Connect.
		go s.Close()
	}
}

func (b *service) ids() (appID, selfID string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.appID, b.selfID
}

// shutdown stops taking work, lets replies in progress finish (up to the
// drain timeout), then closes the gateway.
func (b *service) shutdown(cancelBase context.CancelFunc) {
	b.log.Info("discord: shutting down")
	b.drain(time.Now().Add(b.cfg.DrainTimeout))
	cancelBase()
	if err := b.s.Close(); err != nil {
		b.log.Warn("discord: close", "err", b.redact(err))
	}
	b.log.Info("discord: closed")
}

// drain waits for work in progress until shortly before deadline, then
// gives every deferred reply still pending a final edit, so that nobody is
// left on "thinking…" when the bot stops.
func (b *service) drain(deadline time.Time) {
	left := time.Until(deadline)
	b.work.stop(left - left/4) // a quarter for the final edits
	pending := b.deferred.takeAll()
	if len(pending) == 0 {
		return
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	var wg sync.WaitGroup
	for _, i := range pending {
		wg.Add(1)
		go func() {
			defer wg.Done()
			content := restarting
			embeds := []*discordgo.MessageEmbed{}
			_, err := b.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{
				Content: &content, Embeds: &embeds, AllowedMentions: noMentions(),
			}, discordgo.WithContext(withInteractionExpiry(ctx, i)))
			if err != nil {
				b.log.Warn("discord: final edit at shutdown", "err", b.redact(err))
			}
		}()
	}
	wg.Wait()
	b.log.Warn("discord: replies still in progress at shutdown were abandoned", "abandoned", len(pending))
}

const restarting = "The bot is restarting, so this was not finished. Please try again in a minute."

// pendingReplies holds the interactions that were deferred and not yet
// answered. Whoever takes one first sends its reply: the work that
// deferred it, or shutdown with a final edit.
type pendingReplies struct {
	mu sync.Mutex
	m  map[string]*discordgo.Interaction
}

func (p *pendingReplies) add(i *discordgo.Interaction) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = make(map[string]*discordgo.Interaction)
	}
	p.m[i.ID] = i
}

// take reports whether i's reply is still the caller's to send.
func (p *pendingReplies) take(i *discordgo.Interaction) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.m[i.ID]
	delete(p.m, i.ID)
	return ok
}

func (p *pendingReplies) takeAll() []*discordgo.Interaction {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*discordgo.Interaction, 0, len(p.m))
	for _, i := range p.m {
		out = append(out, i)
	}
	p.m = nil
	return out
}

// inflight tracks replies in progress so shutdown can wait for them.
// Adding happens under the same lock as stopping, so no work starts after
// stop has begun waiting.
type inflight struct {
	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

// start registers one unit of work; false means shutting down.
func (w *inflight) start() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closing {
		return false
	}
	w.wg.Add(1)
	return true
}

func (w *inflight) done() { w.wg.Done() }

func (w *inflight) stopped() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closing
}

func (w *inflight) stop(timeout time.Duration) {
	w.mu.Lock()
	w.closing = true
	w.mu.Unlock()
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout):
	}
}

// redact turns an error into a loggable string that holds neither the bot
// token nor an interaction token. discordgo's REST errors carry the whole
// response body (which may echo request headers) and url.Errors carry the
// request URL (interaction tokens are path segments), so both are reduced to
// what is useful: the status, Discord's error code, the operation.
func (b *service) redact(err error) string {
	if err == nil {
		return ""
	}
	var msg string
	var rest *discordgo.RESTError
	var limited *discordgo.RateLimitError
	var uerr *url.Error
	switch {
	case errors.As(err, &limited) && limited.RateLimit != nil && limited.TooManyRequests != nil:
		msg = "rate limited on " + routeOf(mustParse(limited.URL)) + ", retry after " + limited.RetryAfter.String()
	case errors.As(err, &rest) && rest.Response != nil:
		msg = "HTTP " + rest.Response.Status
		if rest.Message != nil && rest.Message.Code != 0 {
			msg += fmt.Sprintf(" (discord code %d)", rest.Message.Code)
		}
		if rest.Request != nil {
			msg = rest.Request.Method + " " + routeOf(rest.Request.URL) + ": " + msg
		}
	case errors.As(err, &uerr):
		msg = uerr.Op + " " + routeOf(mustParse(uerr.URL)) + ": " + uerr.Err.Error()
	case errors.Is(err, discordgo.ErrJSONUnmarshal):
		msg = "discord: unreadable response"
	default:
		// discordgo's other errors hold whole response bodies ("Exceeded
		// Max retries HTTP 502 Bad Gateway, <body>"): keep the status.
		msg = retriesBody.ReplaceAllString(err.Error(), "HTTP $1, after retries")
	}
	return scrubInteractionTokens(scrub(msg, b.cfg.Token))
}

var (
	retriesBody = regexp.MustCompile(`(?s)Exceeded Max retries HTTP ([^,]*),.*`)
	// tokenPath is an interaction token in a webhook or callback URL.
	tokenPath = regexp.MustCompile(`\b(webhooks|interactions)/([0-9]+)/[A-Za-z0-9_.\-]+`)
)

// scrubInteractionTokens replaces interaction tokens in webhook and
// callback paths, wherever an error quoted one.
func scrubInteractionTokens(s string) string {
	return tokenPath.ReplaceAllString(s, "$1/$2/[token]")
}

// scrub removes secret from s, as a last line of defence.
func scrub(s, secret string) string {
	if secret != "" {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}

// routeOf names a Discord REST URL by its first path segments after the API
// version, dropping IDs and tokens: "interactions", "webhooks", "channels".
func routeOf(u *url.URL) string {
	if u == nil {
		return ""
	}
	p := u.Path
	if i := strings.Index(p, "/api/"); i >= 0 {
		p = p[i+len("/api/"):]
		if j := strings.IndexByte(p, '/'); j >= 0 { // skip "vN/"
			p = p[j+1:]
		}
	}
	if i := strings.IndexByte(p, '/'); i >= 0 {
		p = p[:i]
	}
	return u.Host + " " + p
}
