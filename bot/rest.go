package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// REST calls answered 429 are retried here, not by discordgo: its own loop
// (Session.ShouldRetryOnRateLimit) retries a 429 for ever, sleeping
// retry_after each time with no cap, no context and no log line. The
// session is created with ShouldRetryOnRateLimit off, so a 429 this
// transport gives up on reaches the caller as a *discordgo.RateLimitError.
const (
	// maxRESTAttempts bounds the tries of one REST call on 429.
	maxRESTAttempts = 5
	// interactionLife is how long an interaction's token lasts: no retry
	// is worth waiting for past it.
	interactionLife = 15 * time.Minute
	// restAttemptTimeout bounds one try (discordgo's own default is 20 s
	// for the whole call).
	restAttemptTimeout = 20 * time.Second
)

// restTransport sends discordgo's REST calls: it retries a 429 after the
// retry_after Discord asks for, at most maxRESTAttempts tries in all and
// never past the call's expiry (its context's deadline, the end of the
// interaction it answers, and at most interactionLife from the first try),
// logging each retry at WARN; and it tells the observer of each error
// status.
type restTransport struct {
	next    http.RoundTripper
	log     *slog.Logger
	observe Observer
}

func (t *restTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	expiry := time.Now().Add(interactionLife)
	if e, ok := ctx.Value(expiryKey{}).(time.Time); ok && e.Before(expiry) {
		expiry = e
	}
	if d, ok := ctx.Deadline(); ok && d.Before(expiry) {
		expiry = d
	}
	route := req.Method + " " + routeOf(req.URL)
	for attempt := 1; ; attempt++ {
		try := req
		if attempt > 1 {
			try = req.Clone(ctx)
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				try.Body = body
			}
		}
		resp, err := t.once(try)
		if err != nil {
			t.observe.RESTError(route, 0)
			return nil, err
		}
		if resp.StatusCode < 400 {
			return resp, nil
		}
		t.observe.RESTError(route, resp.StatusCode)
		if resp.StatusCode != http.StatusTooManyRequests {
			return resp, nil
		}
		wait := retryAfter(resp)
		switch {
		case attempt >= maxRESTAttempts:
			t.log.Warn("discord: rate limited; giving up", "route", route, "attempts", attempt)
			return resp, nil
		case time.Now().Add(wait).After(expiry):
			t.log.Warn("discord: rate limited past the call's expiry; giving up", "route", route, "attempts", attempt, "retry_after", wait)
			return resp, nil
		}
		t.log.Warn("discord: rate limited; retrying", "route", route, "attempt", attempt, "max_attempts", maxRESTAttempts, "retry_after", wait)
		resp.Body.Close()
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

// once makes one try, bounded by restAttemptTimeout until its body is
// closed.
func (t *restTransport) once(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), restAttemptTimeout)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// retryAfter reads how long a 429 asks to wait: retry_after in the JSON
// body (seconds, fractional), else the Retry-After header. It leaves the
// body readable for discordgo.
func retryAfter(resp *http.Response) time.Duration {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var v struct {
		RetryAfter float64 `json:"retry_after"`
	}
	if err == nil && json.Unmarshal(body, &v) == nil && v.RetryAfter > 0 {
		return time.Duration(v.RetryAfter * float64(time.Second))
	}
	if s, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	return 0
}

type expiryKey struct{}

// forInteraction is the request option for a REST call answering i: the
// call ends with the bot's base context, and a 429 is not retried past
// the end of i's token, interactionLife after i was created (its ID is a
// snowflake, which holds the time).
func (b *service) forInteraction(i *discordgo.Interaction) discordgo.RequestOption {
	return discordgo.WithContext(withInteractionExpiry(b.baseCtx, i))
}

func withInteractionExpiry(ctx context.Context, i *discordgo.Interaction) context.Context {
	created, err := discordgo.SnowflakeTimestamp(i.ID)
	if err != nil {
		return ctx
	}
	return context.WithValue(ctx, expiryKey{}, created.Add(interactionLife))
}
