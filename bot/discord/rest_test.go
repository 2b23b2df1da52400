package discord

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/internal/delivery"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// DISCORD_API_URL changes the scheme and host of requests to Discord,
// never their path, and leaves other hosts alone.
func TestRebase(t *testing.T) {
	base, _ := url.Parse("http://127.0.0.1:8081")
	var got []string
	rt := &rebase{base: base, next: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String())
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
	})}
	tests := []struct{ in, want string }{
		{"https://discord.com/api/v9/webhooks/1/tok/messages/@original?wait=true", "http://127.0.0.1:8081/api/v9/webhooks/1/tok/messages/@original?wait=true"},
		{"https://cdn.discordapp.com/avatars/1.png", "https://cdn.discordapp.com/avatars/1.png"},
	}
	for _, tt := range tests {
		got = nil
		req, _ := http.NewRequest(http.MethodGet, tt.in, nil)
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("RoundTrip(%q) went to %q; want %q", tt.in, got, tt.want)
		}
		if req.URL.String() != tt.in {
			t.Errorf("RoundTrip changed the caller's request to %q", req.URL)
		}
	}
}

// Discord's refusals are read for the retrier: a 429 waits the longer of
// retry_after and Retry-After, globally when Discord says so; a 5xx is
// retried; other statuses are final.
func TestClassify(t *testing.T) {
	refuse := func(status int, header http.Header, body string) error {
		return refusal("PATCH /webhooks/1/[token]/messages/@original", &http.Response{StatusCode: status, Header: header}, []byte(body))
	}
	tests := []struct {
		name  string
		err   error
		want  delivery.Verdict
		wantS string
	}{
		{"ok", nil, delivery.Verdict{Status: "ok"}, ""},
		{"429", refuse(429, http.Header{"Retry-After": {"1"}}, `{"message": "You are being rate limited.", "retry_after": 0.5, "global": false}`),
			delivery.Verdict{Status: "429", Retry: true, After: time.Second}, "HTTP 429: You are being rate limited."},
		{"429 global, body only", refuse(429, nil, `{"message": "You are being rate limited.", "retry_after": 64.57, "global": true}`),
			delivery.Verdict{Status: "429", Retry: true, After: 64570 * time.Millisecond, Global: true}, ""},
		{"500", refuse(500, nil, `{"message": "500: Internal Server Error", "code": 0}`), delivery.Verdict{Status: "500", Retry: true}, ""},
		{"502 in HTML", refuse(502, nil, `<html>Bad Gateway</html>`), delivery.Verdict{Status: "502", Retry: true}, "HTTP 502: Bad Gateway"},
		{"404 unknown interaction", refuse(404, nil, `{"message": "Unknown interaction", "code": 10062}`), delivery.Verdict{Status: "404"}, "(code 10062)"},
		{"network", errors.New("PATCH /webhooks/1/[token]/messages/@original: connection reset by peer"), delivery.Verdict{Status: "network", Retry: true}, ""},
	}
	for _, tt := range tests {
		if got := classify(tt.err); got != tt.want {
			t.Errorf("%s: classify = %+v; want %+v", tt.name, got, tt.want)
		}
		if tt.wantS != "" && !strings.Contains(tt.err.Error(), tt.wantS) {
			t.Errorf("%s: error %q lacks %q", tt.name, tt.err, tt.wantS)
		}
	}
}
