package slack

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/internal/delivery"
)

// options returns the chat.postMessage options for m.
//
// link_names is deliberately left unset: without it Slack shows a bare
// "@channel", "@here" or "@everyone" as text, and only the <!channel> forms
// notify, which escaping rules out (see escape).
func options(m message) []slackgo.MsgOption {
	return []slackgo.MsgOption{
		slackgo.MsgOptionText(m.Text, false),
		slackgo.MsgOptionBlocks(m.Blocks...),
		slackgo.MsgOptionDisableLinkUnfurl(),
		slackgo.MsgOptionDisableMediaUnfurl(),
	}
}

// The rate-limit routes of Slack's calls. Slack limits posting per channel
// (about one message a second), so a 429 holds back that channel's posts;
// a response URL is its own route.
func postRoute(method, channel string) string { return method + "/" + channel }

func responseRoute(responseURL string) string {
	h := fnv.New64a()
	h.Write([]byte(responseURL))
	return "response_url/" + strconv.FormatUint(h.Sum64(), 36)
}

// post posts m to a channel, in thread when it is set.
func (a *Adapter) post(ctx context.Context, channel, thread string, m message) error {
	opts := options(m)
	if thread != "" {
		opts = append(opts, slackgo.MsgOptionTS(thread))
	}
	return a.retrier.Do(ctx, postRoute("chat.postMessage", channel), func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// postEphemeral posts m to a channel where only user sees it.
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, thread string, m message) error {
	opts := options(m)
	if thread != "" {
		opts = append(opts, slackgo.MsgOptionTS(thread))
	}
	return a.retrier.Do(ctx, postRoute("chat.postEphemeral", channel), func(ctx context.Context) error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}

// respond shows m to the person who used /talks or a button: through the
// interaction's response URL, which works in any conversation, or else with
// chat.postEphemeral.
func (a *Adapter) respond(ctx context.Context, responseURL string, q question, m message) error {
	if !a.trusted(responseURL) {
		return a.postEphemeral(ctx, q.channel, q.user, "", m)
	}
	opts := append(options(m), slackgo.MsgOptionResponseURL(responseURL, slackgo.ResponseTypeEphemeral))
	return a.retrier.Do(ctx, responseRoute(responseURL), func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, q.channel, opts...)
		return err
	})
}

// respondInChannel posts m for everyone in the conversation through a
// response URL, which needs Parley to be no member of it.
func (a *Adapter) respondInChannel(ctx context.Context, responseURL string, q question, m message) error {
	opts := append(options(m), slackgo.MsgOptionResponseURL(responseURL, slackgo.ResponseTypeInChannel))
	return a.retrier.Do(ctx, responseRoute(responseURL), func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, q.channel, opts...)
		return err
	})
}

// deleteOriginal deletes the message an interaction came from.
func (a *Adapter) deleteOriginal(ctx context.Context, responseURL string) error {
	return a.retrier.Do(ctx, responseRoute(responseURL), func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "", slackgo.MsgOptionDeleteOriginal(responseURL))
		return err
	})
}

// trusted reports whether Parley may post to a response URL: one on the
// host Slack's response URLs use (hooks.slack.com, hooks.slack-gov.com on
// GovSlack) over HTTPS, or on the host of the configured API URL (a
// proxy, or a fake in tests). Payloads are verified, so this only keeps a leaked signing
// secret from turning Parley into a client for arbitrary URLs.
func (a *Adapter) trusted(responseURL string) bool {
	u, err := url.Parse(responseURL)
	if err != nil || u.Host == "" || u.User != nil {
		return false
	}
	if u.Scheme == a.apiURL.Scheme && u.Host == a.apiURL.Host {
		return true
	}
	host := strings.ToLower(u.Hostname())
	return u.Scheme == "https" && (u.Port() == "" || u.Port() == "443") && (host == "hooks.slack.com" || host == "hooks.slack-gov.com")
}

// retryable are the Slack error codes that a later try may mend.
var retryable = map[string]bool{
	"internal_error": true, "fatal_error": true, "service_unavailable": true, "request_timeout": true,
}

// classify reads the outcome of a call to Slack for the retrier. slack-go
// reports a 429 with Retry-After as a *RateLimitedError, one without as a
// StatusCodeError, and Slack's own "ratelimited" code as a
// SlackErrorResponse; 5xx come as a StatusCodeError with an HTML body.
func classify(err error) delivery.Verdict {
	if err == nil {
		return delivery.Verdict{Status: "ok"}
	}
	if rl, ok := errors.AsType[*slackgo.RateLimitedError](err); ok {
		return delivery.Verdict{Status: "429", Retry: true, After: rl.RetryAfter}
	}
	if sc, ok := errors.AsType[slackgo.StatusCodeError](err); ok {
		status := strconv.Itoa(sc.Code)
		return delivery.Verdict{Status: status, Retry: sc.Code == http.StatusTooManyRequests || sc.Code >= 500}
	}
	if se, ok := errors.AsType[slackgo.SlackErrorResponse](err); ok {
		if se.Err == "ratelimited" {
			return delivery.Verdict{Status: "429", Retry: true}
		}
		return delivery.Verdict{Status: se.Err, Retry: retryable[se.Err]}
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return delivery.Verdict{Status: "timeout", Retry: true}
	}
	if _, ok := errors.AsType[*url.Error](err); ok {
		return delivery.Verdict{Status: "network", Retry: true}
	}
	return delivery.Verdict{Status: "error"}
}

// errorCode returns Slack's error code for err (not_in_channel,
// invalid_blocks, …), "ratelimited", "http_NNN" for another HTTP status,
// or "" when Slack gave none.
func errorCode(err error) string {
	if se, ok := errors.AsType[slackgo.SlackErrorResponse](err); ok {
		return se.Err
	}
	if _, ok := errors.AsType[*slackgo.RateLimitedError](err); ok {
		return "ratelimited"
	}
	if sc, ok := errors.AsType[slackgo.StatusCodeError](err); ok {
		return fmt.Sprintf("http_%d", sc.Code)
	}
	return ""
}
