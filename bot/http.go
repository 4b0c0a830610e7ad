package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTP interactions mode: Discord POSTs each interaction, signed with the
// application's key, to an endpoint set in the Developer Portal, and takes
// the first response from the HTTP response. Nothing is held per
// connection, so any number of replicas can serve behind a load balancer.
// Discord sends interactions either this way or over the gateway, never
// both, and plain messages (DMs, mentions) only over the gateway.

// Paths served in HTTP mode.
const (
	interactionsPath = "/interactions"
	healthPath       = "/healthz"
)

// maxInteractionBody bounds a request body. Interactions are a few KB, more
// with resolved users and attachments; the signature can only be checked
// once the whole body is read.
const maxInteractionBody = 1 << 20

// parsePublicKey reads the application's hex Ed25519 public key.
func parsePublicKey(s string) (ed25519.PublicKey, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(k) != ed25519.PublicKeySize {
		return nil, errors.New("discord: DISCORD_PUBLIC_KEY: want the application's public key, 64 hex digits (Developer Portal → General Information)")
	}
	return ed25519.PublicKey(k), nil
}

// serveHTTP is Run in HTTP interactions mode: learn the application over
// REST, register the commands, then serve the endpoint until ctx is done.
func (b *service) serveHTTP(ctx context.Context, cancelBase context.CancelFunc) error {
	key, err := parsePublicKey(b.cfg.PublicKey)
	if err != nil {
		return err
	}
	app, err := b.identifyApp(ctx, key)
	if err != nil {
		return err
	}
	if err := b.registerCommands(); err != nil {
		return err
	}
	ln := b.cfg.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", b.cfg.HTTPAddr); err != nil {
			return fmt.Errorf("discord: listen on HTTP_ADDR: %w", err)
		}
	}
	srv := &http.Server{
		Handler:           b.routes(key),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	user := ""
	if app.Bot != nil {
		user = app.Bot.Username
	}
	b.logStarted("http", user, app.GuildsAbout)
	b.cfg.Observer.Connected(true)
	paths := interactionsPath + " " + healthPath
	if b.cfg.Ops != nil {
		paths = interactionsPath + " /healthz /readyz /metrics"
	}
	b.log.Info("discord: serving", "mode", "http", "addr", ln.Addr().String(), "paths", paths)

	select {
	case err := <-served:
		return fmt.Errorf("discord: serve HTTP: %w", err)
	case <-ctx.Done():
	}
	b.shutdownHTTP(srv, cancelBase)
	<-served // http.ErrServerClosed
	return nil
}

// shutdownHTTP stops accepting requests, waits for those in progress and
// then for work they deferred (a reindex editing @original), all within
// the drain timeout.
func (b *service) shutdownHTTP(srv *http.Server, cancelBase context.CancelFunc) {
	b.log.Info("discord: shutting down")
	b.cfg.Observer.Connected(false)
	deadline := time.Now().Add(b.cfg.DrainTimeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		b.log.Warn("discord: requests still open at shutdown", "err", err)
		_ = srv.Close()
	}
	b.log.Info("discord: stopped taking requests; finishing deferred replies")
	b.drain(deadline)
	cancelBase()
	b.log.Info("discord: closed")
}

// identifyApp learns the application over REST (without the gateway
// there is no READY), retrying while Discord cannot be reached, and checks
// that the configured key is this application's, so a key copied from
// another app fails at start rather than with every request.
func (b *service) identifyApp(ctx context.Context, key ed25519.PublicKey) (*appInfo, error) {
	var app *appInfo
	err := b.connect(ctx, "get the application", func() (err error) {
		app, err = b.fetchApp()
		return err
	})
	if err != nil {
		return nil, err
	}
	if app.ID == "" {
		return nil, errors.New("discord: the current application has no ID")
	}
	if app.VerifyKey != "" && !strings.EqualFold(app.VerifyKey, hex.EncodeToString(key)) {
		return nil, errors.New("discord: DISCORD_PUBLIC_KEY is not this application's public key (Developer Portal → General Information)")
	}
	b.mu.Lock()
	b.appID = app.ID
	b.mu.Unlock()
	return app, nil
}

// routes is the HTTP mode's handler: the interactions endpoint, and the
// operator's endpoints (Config.Ops) or else a health check for load
// balancers.
func (b *service) routes(key ed25519.PublicKey) http.Handler {
	mux := http.NewServeMux()
	// Method patterns: anything but POST gets 405 with an Allow header.
	mux.HandleFunc("POST "+interactionsPath, func(w http.ResponseWriter, r *http.Request) {
		b.serveInteraction(w, r, key)
	})
	if b.cfg.Ops != nil {
		// Everything else is the operator's. /interactions keeps its 405,
		// which the catch-all would otherwise turn into the Ops's 404.
		mux.HandleFunc(interactionsPath, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		})
		mux.Handle("/", b.cfg.Ops)
		return mux
	}
	mux.HandleFunc("GET "+healthPath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	return mux
}

// serveInteraction checks a POSTed interaction's signature and answers it:
// PONG to a PING, commands and autocomplete as over the gateway.
func (b *service) serveInteraction(w http.ResponseWriter, r *http.Request, key ed25519.PublicKey) {
	body, release, err := b.bodies.read(w, r, func() {
		b.log.Debug("discord: reading a large unverified body", "remote", r.RemoteAddr)
	})
	if err != nil {
		berr := err.(*bodyError)
		if berr.status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, berr.msg, berr.status)
		return
	}
	ok := fresh(r.Header.Get("X-Signature-Timestamp"), time.Now()) && verified(r, body, key)
	release()
	if !ok {
		// Discord itself sends badly signed requests to check that they
		// are refused; at debug level, so they do not flood the log.
		b.log.Debug("discord: refused a request with a missing, invalid or stale signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "the body is not an interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		_ = writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	if i.ID == "" {
		http.Error(w, "the interaction has no id", http.StatusBadRequest)
		return
	}
	if !b.seen.first(i.ID, time.Now()) {
		b.log.Warn("discord: refused a replayed interaction", "interaction", i.ID, "user", userOf(&i))
		_ = writeResponse(w, replayResponse(&i))
		return
	}
	b.serveCommand(r.Context(), w, &i)
}

// replayResponse answers an interaction already acted on without acting
// again: Discord itself never sends one twice, so whoever did gets a
// private note, or no suggestions.
func replayResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         "This request was already handled.",
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}

// verified checks the Ed25519 signature Discord puts on the timestamp and
// body. fresh checks the timestamp itself.
func verified(r *http.Request, body []byte, key ed25519.PublicKey) bool {
	// VerifyInteraction reads the body it checks: give it the bytes read.
	r.Body = io.NopCloser(bytes.NewReader(body))
	return discordgo.VerifyInteraction(r, key)
}

// serveCommand hands a command to the same code as the gateway and writes
// its first response; work after that (editing @original) carries on
// after the request is over.
func (b *service) serveCommand(ctx context.Context, w http.ResponseWriter, i *discordgo.Interaction) {
	if _, ok := interactionName(i); !ok {
		http.Error(w, "unsupported interaction", http.StatusBadRequest)
		return
	}
	first := newFirstResponse()
	defer first.close()
	done, ok := b.start(&call{Interaction: i, send: first.send, replyWithin: b.cfg.ReplyWithin})
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	select {
	case resp := <-first.resp:
		first.written <- writeResponse(w, resp)
	case <-done:
		// It failed (a panic, logged) before answering.
		http.Error(w, "no response", http.StatusInternalServerError)
	case <-ctx.Done():
		// Discord hung up; the command's send fails and is logged.
	}
}

// firstResponse carries a command's first response to the HTTP handler
// waiting to write it, and the write's error back.
type firstResponse struct {
	resp    chan *discordgo.InteractionResponse
	written chan error
	over    chan struct{} // closed when the handler has returned
}

func newFirstResponse() *firstResponse {
	return &firstResponse{
		resp:    make(chan *discordgo.InteractionResponse),
		written: make(chan error, 1),
		over:    make(chan struct{}),
	}
}

// send is the call's send: it fails once the request is over.
func (f *firstResponse) send(r *discordgo.InteractionResponse) error {
	select {
	case f.resp <- r:
		return <-f.written
	case <-f.over:
		return errors.New("the interaction's HTTP request is over")
	}
}

func (f *firstResponse) close() { close(f.over) }

// writeResponse writes an interaction response as the HTTP response.
func writeResponse(w http.ResponseWriter, r *discordgo.InteractionResponse) error {
	body, err := json.Marshal(r)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return fmt.Errorf("encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("write response: %w", err)
	}
	return nil
}
