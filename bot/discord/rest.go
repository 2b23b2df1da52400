package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/internal/delivery"
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
// where its requests (the gateway, command registration) go.
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

// restError is Discord's refusal of a REST call: its HTTP status, its JSON
// error code and message, and for a 429 how long to wait.
type restError struct {
	call       string // method and route, without the interaction token
	status     int
	code       int
	message    string
	retryAfter time.Duration
	global     bool
}

func (e *restError) Error() string {
	return fmt.Sprintf("%s: HTTP %d: %s (code %d)", e.call, e.status, e.message, e.code)
}

// Discord's JSON error codes Parley acts on.
const (
	codeUnknownInteraction = discordgo.ErrCodeUnknownInteraction // 10062: expired, or answered already
	codeAlreadyAcked       = 40060                               // the interaction has been acknowledged
)

// call makes one REST call of Parley's own: an interaction's callback or an
// edit of its response. Both are authorised by the interaction's token in
// the path, so no bot token is sent. name names the call in errors: its
// method and path with the token left out. discordgo is not used: it puts every interaction
// webhook in one rate-limit bucket whose lock it holds for the whole round
// trip, and its errors carry the URL, token and all.
func (a *Adapter) call(ctx context.Context, method, path, name string, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.api+"/api/v"+discordgo.APIVersion+path, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: bad request", name)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "DiscordBot (https://github.com/parley-newsroom/parley, 1)")
	resp, err := a.client.Do(req)
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err // its URL holds the token
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 300 {
		return nil
	}
	return refusal(name, resp, reply)
}

// refusal reads an error response.
func refusal(call string, resp *http.Response, body []byte) *restError {
	var msg struct {
		Message    string  `json:"message"`
		Code       int     `json:"code"`
		RetryAfter float64 `json:"retry_after"`
		Global     bool    `json:"global"`
	}
	json.Unmarshal(body, &msg)
	e := &restError{call: call, status: resp.StatusCode, code: msg.Code, message: msg.Message,
		global: msg.Global || resp.Header.Get("X-RateLimit-Global") == "true"}
	if e.message == "" {
		e.message = http.StatusText(resp.StatusCode)
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		// The body's retry_after is exact, the header's Retry-After
		// rounded up: wait the longer, to honour both in full.
		e.retryAfter = max(seconds(msg.RetryAfter), header(resp.Header, "Retry-After", "X-RateLimit-Reset-After"))
	}
	return e
}

// seconds converts Discord's fractional seconds to a duration.
func seconds(s float64) time.Duration {
	if s <= 0 || s > 24*3600 {
		return 0
	}
	return time.Duration(math.Round(s*1000)) * time.Millisecond
}

// header returns the first of the headers that holds seconds.
func header(h http.Header, names ...string) time.Duration {
	for _, n := range names {
		if s, err := strconv.ParseFloat(h.Get(n), 64); err == nil && s > 0 {
			return seconds(s)
		}
	}
	return 0
}

// classify reads the outcome of one of Parley's own REST calls for the
// retrier: 5xx and network errors are retried with backoff, a 429 after
// its retry_after, anything else is final.
func classify(err error) delivery.Verdict {
	if err == nil {
		return delivery.Verdict{Status: "ok"}
	}
	if re, ok := errors.AsType[*restError](err); ok {
		status := strconv.Itoa(re.status)
		switch {
		case re.status == http.StatusTooManyRequests:
			return delivery.Verdict{Status: status, Retry: true, After: re.retryAfter, Global: re.global}
		case re.status >= 500:
			return delivery.Verdict{Status: status, Retry: true}
		}
		return delivery.Verdict{Status: status}
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return delivery.Verdict{Status: "timeout", Retry: true}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return delivery.Verdict{Status: "cancelled"}
	}
	return delivery.Verdict{Status: "network", Retry: true}
}

// code returns Discord's JSON error code for err, or 0.
func code(err error) int {
	if re, ok := errors.AsType[*restError](err); ok {
		return re.code
	}
	return 0
}

// status returns the HTTP status of Discord's refusal, or 0.
func status(err error) int {
	if re, ok := errors.AsType[*restError](err); ok {
		return re.status
	}
	return 0
}
