package discord

import (
	"net/http"
	"net/url"
	"testing"
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
