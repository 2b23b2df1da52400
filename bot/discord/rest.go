package discord

import (
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The bounds on retrying a request Discord rate-limited.
const (
	maxAttempts  = 3
	maxRetryWait = 5 * time.Second
	minRetryWait = 250 * time.Millisecond
)

// The lifetimes of an interaction: its initial response is due within
// three seconds, and its token can edit the response for 15 minutes.
const (
	responseDeadline = discordgo.InteractionDeadline
	tokenLifetime    = 15 * time.Minute
)

// discordHost is the host discordgo sends every REST request to (the host
// of discordgo.EndpointDiscord).
const discordHost = "discord.com"

// rebase sends requests for Discord's host to another scheme and host,
// paths unchanged: for a proxy, or a fake in tests. discordgo computes its
// endpoint URLs once, at init, so the transport is the one place to change
// where they go.
type rebase struct {
	base *url.URL
	next http.RoundTripper
}

var _ http.RoundTripper = (*rebase)(nil)

func (t *rebase) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != discordHost {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.base.Scheme, t.base.Host, ""
	return t.next.RoundTrip(r)
}

// request makes one REST request with discordgo, which leaves rate limits
// to the caller (see retry).
//
// discordgo keys its rate-limit buckets by route and holds a bucket's lock
// for the whole round trip; it puts every interaction webhook in one
// bucket, so one slow edit would hold up every other answer. Interaction
// routes are limited per token by Discord, so here they share one of a few
// buckets by token: concurrent answers rarely wait on each other, and the
// bucket map stays small.
func (a *Adapter) request(ctx context.Context, method, endpoint, token string, body any) error {
	h := fnv.New32a()
	h.Write([]byte(token))
	bucket := "interaction:" + method + ":" + strconv.Itoa(int(h.Sum32()%16))
	_, err := a.session.RequestWithBucketID(method, endpoint, body, bucket,
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	return err
}

// retry calls do until it succeeds, at most maxAttempts times. Only a 429
// is retried, after the wait Discord asks for, and only when that wait is
// at most maxRetryWait and ends before deadline; anything else is final.
func (a *Adapter) retry(ctx context.Context, log *slog.Logger, deadline time.Time, do func() error) error {
	for attempt := 1; ; attempt++ {
		err := do()
		var limited *discordgo.RateLimitError
		if err == nil || !errors.As(err, &limited) || attempt == maxAttempts {
			return err
		}
		// A 429 without retry_after (a proxy's, say) still waits a little.
		wait := minRetryWait
		if limited.RateLimit != nil && limited.TooManyRequests != nil {
			wait = max(limited.RetryAfter, minRetryWait)
		}
		if wait > maxRetryWait || !a.now().Add(wait).Before(deadline) {
			return err
		}
		log.Info("discord rate limit; retrying", "status", http.StatusTooManyRequests, "retry_after", wait, "attempt", attempt)
		if err := a.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// redacted hides secrets in an error's text: discordgo puts request URLs,
// which hold interaction tokens, into some of its errors. Unwrap keeps the
// error's type for errors.As.
type redacted struct {
	err     error
	secrets []string
}

func (r redacted) Error() string {
	s := r.err.Error()
	for _, secret := range r.secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

func (r redacted) Unwrap() error { return r.err }

// redact wraps err so that its text never shows the bot token or the
// given secrets.
func (a *Adapter) redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	return redacted{err: err, secrets: append(secrets, a.token)}
}

// unknownInteraction reports whether err is Discord's "Unknown interaction"
// (10062): the interaction expired before Parley responded, or was
// already responded to.
func unknownInteraction(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Message != nil && rest.Message.Code == discordgo.ErrCodeUnknownInteraction
}

// badRequest reports whether Discord refused a request as malformed (400),
// as it does a message it considers invalid.
func badRequest(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusBadRequest
}

// logREST logs a failed REST request with its HTTP status and Discord
// error code, once, where it is handled.
func logREST(log *slog.Logger, what string, err error) {
	attrs := []any{"err", err}
	var rest *discordgo.RESTError
	var limited *discordgo.RateLimitError
	switch {
	case errors.As(err, &rest) && rest.Response != nil:
		attrs = append(attrs, "status", rest.Response.StatusCode)
		if rest.Message != nil {
			attrs = append(attrs, "code", rest.Message.Code)
		}
	case errors.As(err, &limited):
		attrs = append(attrs, "status", http.StatusTooManyRequests)
	}
	level := slog.LevelError
	switch {
	case unknownInteraction(err):
		level = slog.LevelWarn
	case errors.Is(err, context.Canceled):
		level = slog.LevelInfo
	}
	log.Log(context.Background(), level, "discord: "+what+" failed", attrs...)
}
