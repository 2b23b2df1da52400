package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"
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

// post posts m to a channel, in thread when it is set.
func (a *Adapter) post(ctx context.Context, channel, thread string, m message) error {
	opts := options(m)
	if thread != "" {
		opts = append(opts, slackgo.MsgOptionTS(thread))
	}
	return a.retry(ctx, "chat.postMessage", func(ctx context.Context) error {
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
	return a.retry(ctx, "chat.postEphemeral", func(ctx context.Context) error {
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
	return a.retry(ctx, "response_url", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, q.channel, opts...)
		return err
	})
}

// deleteOriginal deletes the message an interaction came from.
func (a *Adapter) deleteOriginal(ctx context.Context, responseURL string) error {
	return a.retry(ctx, "response_url", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "", slackgo.MsgOptionDeleteOriginal(responseURL))
		return err
	})
}

// trusted reports whether Parley may post to a response URL: one on Slack's
// own hosts, or on the host of the configured API URL (a proxy, or a fake
// in tests). Payloads are verified, so this only keeps a leaked signing
// secret from turning Parley into a client for arbitrary URLs.
func (a *Adapter) trusted(responseURL string) bool {
	u, err := url.Parse(responseURL)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == a.apiURL.Scheme && u.Host == a.apiURL.Host {
		return true
	}
	host := strings.ToLower(u.Hostname())
	return u.Scheme == "https" && (strings.HasSuffix(host, ".slack.com") || strings.HasSuffix(host, ".slack-gov.com"))
}

// retry calls call, and again after a wait when Slack rate limits it, up to
// maxAttempts calls in all. It waits as long as Slack's Retry-After asks,
// but at most maxWait; without Retry-After it backs off exponentially.
func (a *Adapter) retry(ctx context.Context, method string, call func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		err := call(ctx)
		wait, limited := a.retryWait(err, attempt)
		if !limited || attempt == maxAttempts {
			return err
		}
		a.log.Warn("rate limited", "method", method, "attempt", attempt, "wait", wait)
		if err := a.sleep(ctx, wait); err != nil {
			return fmt.Errorf("waiting to retry %s: %w", method, err)
		}
	}
}

// retryWait returns how long to wait before the next attempt when err is a
// rate limit. slack-go reports a 429 with Retry-After as a
// *RateLimitedError, but one without as a StatusCodeError.
func (a *Adapter) retryWait(err error, attempt int) (time.Duration, bool) {
	backoff := min(a.backoff<<(attempt-1), a.maxWait)
	if rl, ok := errors.AsType[*slackgo.RateLimitedError](err); ok {
		if rl.RetryAfter <= 0 {
			return backoff, true
		}
		return min(rl.RetryAfter, a.maxWait), true
	}
	if sc, ok := errors.AsType[slackgo.StatusCodeError](err); ok && sc.Code == http.StatusTooManyRequests {
		return backoff, true
	}
	if se, ok := errors.AsType[slackgo.SlackErrorResponse](err); ok && se.Err == "ratelimited" {
		return backoff, true
	}
	return 0, false
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

// postFailed logs a call to Slack that failed for good.
func (a *Adapter) postFailed(method, channel string, err error) {
	a.log.Error("post failed", "method", method, "channel", channel, "code", errorCode(err), "err", err)
}
