package redact_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/internal/redact"
)

func TestString(t *testing.T) {
	r := redact.New("8f742231b10e8888abcd99yyyzzz85a5", "short", "")
	tests := []struct{ in, want string }{
		// Configured secrets, by value.
		{"signing secret 8f742231b10e8888abcd99yyyzzz85a5 leaked", "signing secret [redacted] leaked"},
		{"a short one stays: short", "a short one stays: short"},
		// Tokens, by shape.
		{"token xoxb-1111-2222-RELPROBEBOTTOKENSECRET rejected", "token [redacted] rejected"},
		{"app token xapp-1-A0-123-abc", "app token [redacted]"},
		{"Authorization: Bot MTIwMDAwMDAwMDAwMDAwMDAwMQ.RELPROBE.DiscordBotTokenSecretValue", "Authorization: Bot [redacted]"},
		{"Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: [redacted]"},
		// Slack response URLs: anything but a Web API method loses its path.
		{`Post "https://hooks.slack.com/commands/T0NEWS0001/1234/AbCdEf": EOF`, `Post "https://hooks.slack.com/[redacted]": EOF`},
		{`Post "http://127.0.0.1:4567/resp/T0NEWS0001/RESPURLSECRET1234567890": read: connection reset`, `Post "http://127.0.0.1:4567/[redacted]": read: connection reset`},
		{"calling https://slack.com/api/chat.postMessage failed", "calling https://slack.com/api/chat.postMessage failed"},
		{"http://127.0.0.1:9/api/auth.test.", "http://127.0.0.1:9/api/auth.test."},
		// Discord: interaction and webhook tokens go, the route stays.
		{"PATCH https://discord.com/api/v10/webhooks/1200000000000000001/LOADTOKEN000001abc/messages/@original: 500",
			"PATCH https://discord.com/api/v10/webhooks/1200000000000000001/[redacted]/messages/@original: 500"},
		{"POST http://127.0.0.1:80/api/v10/interactions/1300000000000000002/FAKE_TOKEN/callback",
			"POST http://127.0.0.1:80/api/v10/interactions/1300000000000000002/[redacted]/callback"},
		{"GET https://discord.com/api/v10/gateway/bot", "GET https://discord.com/api/v10/gateway/bot"},
		// Queries and user info go; ticket=, token= and passwords with them.
		{"dial ws://127.0.0.1:5/link?ticket=fake-ticket", "dial ws://127.0.0.1:5/[redacted]?[redacted]"},
		{"ftp://user:8f742231b10e8888abcd99yyyzzz85a5@127.0.0.1/", "ftp://127.0.0.1/"},
		{"see (https://example.com/a/b).", "see (https://example.com/[redacted])."},
		{"nothing to hide here", "nothing to hide here"},
	}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("String(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestHandler(t *testing.T) {
	const secret = "DiscordBotTokenSecretValue"
	r := redact.New(secret)
	var buf bytes.Buffer
	log := slog.New(r.Handler(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	err := fmt.Errorf("edit: %w", &fs.PathError{Op: "PATCH", Path: "https://discord.com/api/v10/webhooks/1/INTERACTIONTOKENSECRET0123456789/messages/@original", Err: fs.ErrClosed})
	log = log.With("bot", secret)
	log.WithGroup("slack").Error("post failed "+secret,
		"err", err,
		"response_url", "https://hooks.slack.com/commands/T/1/x",
		"trigger_id", "TRIGSECRET1",
		slog.Group("req", "url", "http://127.0.0.1/resp/RESPURLSECRET"),
		"urls", []string{"http://127.0.0.1/resp/RESPURLSECRET2"},
		"count", 3)
	out := buf.String()
	for _, leak := range []string{secret, "INTERACTIONTOKENSECRET", "/commands/T/1/x", "TRIGSECRET", "RESPURLSECRET"} {
		if strings.Contains(out, leak) {
			t.Errorf("the log holds %q:\n%s", leak, out)
		}
	}
	for _, keep := range []string{"msg=\"post failed [redacted]\"", "bot=[redacted]", "slack.count=3", "webhooks/1/[redacted]/messages/@original", "file already closed"} {
		if !strings.Contains(out, keep) {
			t.Errorf("the log lacks %q:\n%s", keep, out)
		}
	}
}

func TestErr(t *testing.T) {
	r := redact.New()
	base := errors.New("auth.test with xoxb-1-TESTBOTTOKEN: invalid_auth")
	err := r.Err(fmt.Errorf("slack: %w", base))
	if got, want := err.Error(), "slack: auth.test with [redacted]: invalid_auth"; got != want {
		t.Errorf("Err = %q; want %q", got, want)
	}
	if !errors.Is(err, base) {
		t.Error("the redacted error no longer wraps the original")
	}
	if r.Err(nil) != nil {
		t.Error("Err(nil) != nil")
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"https://x/y?z", "xoxb-1 http://a:b@c/d", "://", "http://[::1]/a/b.", "a.b.c"} {
		f.Add(s)
	}
	r := redact.New("0123456789abcdef")
	f.Fuzz(func(t *testing.T, s string) {
		out := r.String(s)
		if strings.Contains(out, "0123456789abcdef") {
			t.Errorf("String(%q) = %q keeps the secret", s, out)
		}
		if r.String(out) != out {
			t.Errorf("String is not idempotent on %q: %q then %q", s, out, r.String(out))
		}
	})
}
