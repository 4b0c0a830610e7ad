package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/cenkalti/backoff/v5"
	"github.com/gorilla/websocket"
)

// The first connection to Discord (the gateway, or in HTTP mode the
// application's details over REST) is retried with capped exponential
// backoff and jitter: Discord, DNS or the network being briefly away at
// start should not cost a restart loop. A refused token or a bad setting is
// not retried: the bot exits at once saying what to fix.
const (
	defaultConnectBackoff = time.Second
	maxConnectBackoff     = time.Minute
	// defaultConnectTimeout is how long the bot keeps trying before it
	// gives up and exits (a restart policy then takes over).
	defaultConnectTimeout = 15 * time.Minute
)

// errStopped is a connection abandoned because Run's context ended.
var errStopped = errors.New("discord: stopped before connecting")

// connect runs op until it succeeds, fails for good, ConnectTimeout passes
// or ctx ends (errStopped), logging each failed try.
func (b *service) connect(ctx context.Context, what string, op func() error) error {
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = b.cfg.ConnectBackoff
	bo.MaxInterval = maxConnectBackoff
	tries := 0
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		tries++
		err := op()
		if err != nil && permanent(err) {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	},
		backoff.WithBackOff(bo),
		backoff.WithMaxElapsedTime(b.cfg.ConnectTimeout),
		backoff.WithNotify(func(err error, next time.Duration) {
			b.log.Warn("discord: could not "+what+"; retrying", "attempt", tries, "retry_in", next.Round(time.Millisecond), "err", b.redact(err))
		}))
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return errStopped
	case refusedToken(err):
		return errors.New("discord: DISCORD_TOKEN was refused (401 Unauthorized or gateway close 4004): it is wrong or has been reset; copy the bot's token from the Developer Portal (Bot → Reset Token)")
	case permanent(err):
		return fmt.Errorf("discord: %s: %s", what, b.redact(err))
	}
	return fmt.Errorf("discord: %s: gave up after %d tries: %s", what, tries, b.redact(err))
}

// permanent reports whether retrying err cannot help: the token was
// refused, or the gateway closed for a reason of the bot's own making
// (shards, intents, version).
func permanent(err error) bool {
	if refusedToken(err) {
		return true
	}
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusForbidden {
		return true
	}
	var closed *websocket.CloseError
	if errors.As(err, &closed) {
		switch closed.Code {
		case 4010, 4011, 4012, 4013, 4014: // invalid shard, sharding required, invalid version, invalid or disallowed intents
			return true
		}
	}
	return false
}

// refusedToken reports whether Discord refused the token: 401 over REST,
// close code 4004 on the gateway.
func refusedToken(err error) bool {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
		return true
	}
	if errors.Is(err, discordgo.ErrUnauthorized) {
		return true
	}
	var closed *websocket.CloseError
	return errors.As(err, &closed) && closed.Code == 4004
}

// invitePermissions are the permissions docs/DISCORD.md lists for the
// invite: View Channels, Send Messages, Send Messages in Threads, Embed
// Links and Read Message History (274877991936).
const invitePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory

// InviteURL is the link that adds the application's bot to a server, with
// the scopes and permissions it needs.
func InviteURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", fmt.Sprint(invitePermissions))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// logStarted says who the bot is, where, and how to invite it.
func (b *service) logStarted(mode, user string, guilds int) {
	appID, _ := b.ids()
	attrs := []any{"mode", mode, "user", user, "guilds", guilds, "invite", InviteURL(appID)}
	if mode == "gateway" && b.cfg.sharded() {
		attrs = append(attrs, "guilds_counted", "this shard's")
	}
	b.log.Info("discord: started", attrs...)
}

// gatewayStarted logs the start from READY.
func (b *service) gatewayStarted() {
	b.s.State.RLock()
	r := b.s.State.Ready
	b.s.State.RUnlock()
	user := ""
	if r.User != nil {
		user = r.User.Username
	}
	b.logStarted("gateway", user, len(r.Guilds))
}

// appInfo is GET /oauth2/applications/@me, with the fields discordgo's
// Application lacks.
type appInfo struct {
	discordgo.Application
	Bot         *discordgo.User `json:"bot"`
	GuildsAbout int             `json:"approximate_guild_count"`
}

// fetchApp reads the current application over REST.
func (b *service) fetchApp() (*appInfo, error) {
	endpoint := discordgo.EndpointOAuth2Application("@me")
	body, err := b.s.RequestWithBucketID(http.MethodGet, endpoint, nil, endpoint)
	if err != nil {
		return nil, err
	}
	var app appInfo
	if err := json.Unmarshal(body, &app); err != nil {
		return nil, fmt.Errorf("%w: %v", discordgo.ErrJSONUnmarshal, err)
	}
	return &app, nil
}
