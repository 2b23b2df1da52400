// Package redact keeps secrets and capability URLs out of Parley's logs.
// One Redactor knows the configured secrets and the shapes of the others
// (Slack and Discord tokens, Slack response URLs, Discord interaction and
// webhook tokens); its Handler wraps the log's slog.Handler and rewrites
// every message and attribute before it is written, so no call site has to
// remember.
package redact

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Mark replaces whatever is redacted.
const Mark = "[redacted]"

// minSecret is the shortest configured secret redacted by value: a
// shorter one would blot out ordinary words.
const minSecret = 8

// Redactor rewrites text so that it holds no secret. It is safe for
// concurrent use.
type Redactor struct {
	secrets []string // longest first, so a secret inside another goes too
}

// New returns a Redactor for the given secrets (tokens, signing secrets)
// besides the shapes it always knows. Empty and short values are ignored.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		if s = strings.TrimSpace(s); len(s) >= minSecret && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
	return r
}

var (
	// tokens are credentials by their shape: Slack bot, user and app
	// tokens, Discord bot tokens (three dotted parts), and a bearer
	// token in a header.
	tokens = regexp.MustCompile(`\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+|` +
		`\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}|` +
		`(?i:\bbearer\s+)[A-Za-z0-9._~+/=-]{16,}`)
	urls = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^\s"'<>\\` + "`" + `]+`)
	// Paths kept as they are: Slack Web API methods, and Parley's own
	// endpoints. Discord's API paths are kept with their tokens taken out.
	slackMethod = regexp.MustCompile(`^(/api)?/[a-z]+(\.[A-Za-z]+)+/?$`)
	ownPath     = regexp.MustCompile(`^/(healthz|readyz|metrics|slack/(events|commands|interactions)|discord/interactions)?$`)
	discordAPI  = regexp.MustCompile(`^/api(/v\d+)?/`)
	// A Discord interaction or webhook token is the path segment after
	// the interaction's or application's ID.
	discordToken = regexp.MustCompile(`(/(?:webhooks|interactions)/[0-9]+/)[^/?#]+`)
)

// String returns s with every secret, token and capability URL in it
// replaced by Mark. A URL keeps its scheme and host, and its path only
// when the path carries no capability.
func (r *Redactor) String(s string) string {
	// URLs first: a secret in a URL's user info goes with it.
	if strings.Contains(s, "://") {
		s = urls.ReplaceAllStringFunc(s, redactURL)
	}
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, Mark)
		}
	}
	return tokens.ReplaceAllString(s, Mark)
}

// redactURL rewrites one URL found in text.
func redactURL(raw string) string {
	trail := ""
	// A URL at the end of a sentence or in parentheses takes the
	// punctuation with it; leave that outside. (Not "]": Mark ends so.)
	for len(raw) > 1 && strings.ContainsAny(raw[len(raw)-1:], ".,;:)") {
		trail = raw[len(raw)-1:] + trail
		raw = raw[:len(raw)-1]
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return Mark + trail
	}
	out := u.Scheme + "://" + u.Host
	switch path := u.EscapedPath(); {
	case slackMethod.MatchString(path), ownPath.MatchString(path):
		out += path
	case discordAPI.MatchString(path):
		out += discordToken.ReplaceAllString(path, "${1}"+Mark)
	default:
		out += "/" + Mark
	}
	if u.RawQuery != "" {
		out += "?" + Mark
	}
	return out + trail
}

// Err returns err with its text redacted; errors.Is and errors.As still
// see through it.
func (r *Redactor) Err(err error) error {
	if err == nil {
		return nil
	}
	return redacted{err: err, text: r.String(err.Error())}
}

type redacted struct {
	err  error
	text string
}

func (e redacted) Error() string { return e.text }
func (e redacted) Unwrap() error { return e.err }

// sensitive are attribute keys whose values are secret whatever they
// hold.
var sensitive = map[string]bool{
	"token": true, "bot_token": true, "app_token": true, "secret": true, "signing_secret": true,
	"password": true, "authorization": true, "response_url": true, "webhook": true,
	"webhook_url": true, "interaction_token": true, "trigger_id": true,
}

// Attr returns a with its value redacted; a group's attributes are
// redacted one by one.
func (r *Redactor) Attr(a slog.Attr) slog.Attr {
	a.Value = a.Value.Resolve()
	if sensitive[strings.ToLower(a.Key)] {
		return slog.String(a.Key, Mark)
	}
	switch a.Value.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(r.String(a.Value.String()))
	case slog.KindGroup:
		group := a.Value.Group()
		out := make([]slog.Attr, len(group))
		for i, g := range group {
			out[i] = r.Attr(g)
		}
		a.Value = slog.GroupValue(out...)
	case slog.KindAny:
		v := a.Value.Any()
		if err, ok := v.(error); ok {
			a.Value = slog.StringValue(r.String(err.Error()))
			break
		}
		if s := fmt.Sprint(v); r.String(s) != s {
			a.Value = slog.StringValue(r.String(s))
		}
	}
	return a
}

// Handler returns a slog.Handler that redacts every record's message and
// attributes, then passes it to next.
func (r *Redactor) Handler(next slog.Handler) slog.Handler { return handler{r: r, next: next} }

type handler struct {
	r    *Redactor
	next slog.Handler
}

var _ slog.Handler = handler{}

func (h handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.r.Attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.r.Attr(a)
	}
	return handler{r: h.r, next: h.next.WithAttrs(out)}
}

func (h handler) WithGroup(name string) slog.Handler {
	return handler{r: h.r, next: h.next.WithGroup(name)}
}
