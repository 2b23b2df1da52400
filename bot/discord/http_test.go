package discord

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// Handler verifies every request before doing any work: a bad or missing
// signature, a stale timestamp or an oversized body is refused.
func TestHandlerVerifies(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	ping := payload(t, "discord_ping.json")
	ask := payload(t, "discord_application_command.json")
	now := h.clock.Now()
	other := newSigner(t)

	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		body   string
	}{
		{"ping", func() *http.Request { return h.sign.request(ping, now) }, http.StatusOK, `{"type":1}`},
		{"ping, four minutes old", func() *http.Request { return h.sign.request(ping, now.Add(-4*time.Minute)) }, http.StatusOK, `{"type":1}`},
		{"signed by another key", func() *http.Request { return other.request(ask, now) }, http.StatusUnauthorized, ""},
		{"body changed after signing", func() *http.Request {
			r := h.sign.request(ask, now)
			r.Body = httpBody(bytes.Replace(ask, []byte("Trump"), []byte("Biden"), 1))
			return r
		}, http.StatusUnauthorized, ""},
		{"timestamp changed after signing", func() *http.Request {
			r := h.sign.request(ask, now)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix()+1, 10))
			return r
		}, http.StatusUnauthorized, ""},
		{"stale", func() *http.Request { return h.sign.request(ask, now.Add(-6*time.Minute)) }, http.StatusUnauthorized, ""},
		{"from the future", func() *http.Request { return h.sign.request(ask, now.Add(6*time.Minute)) }, http.StatusUnauthorized, ""},
		{"unsigned", func() *http.Request {
			r := h.sign.request(ask, now)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, http.StatusUnauthorized, ""},
		{"signature not hex", func() *http.Request {
			r := h.sign.request(ask, now)
			r.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", 64))
			return r
		}, http.StatusUnauthorized, ""},
		{"timestamp not a number", func() *http.Request {
			r := h.sign.request(ask, now)
			r.Header.Set("X-Signature-Timestamp", "now")
			return r
		}, http.StatusUnauthorized, ""},
		{"too large", func() *http.Request {
			return h.sign.request(bytes.Repeat([]byte(" "), maxBody+1), now)
		}, http.StatusRequestEntityTooLarge, ""},
		{"signed, not JSON", func() *http.Request { return h.sign.request([]byte("{"), now) }, http.StatusBadRequest, ""},
		{"signed, unknown type", func() *http.Request { return h.sign.request([]byte(`{"type": 99}`), now) }, http.StatusBadRequest, ""},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, InteractionsPath, nil) }, http.StatusMethodNotAllowed, ""},
		{"other path", func() *http.Request { return httptest.NewRequest(http.MethodPost, "/discord/other", nil) }, http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.a.Handler().ServeHTTP(rec, tt.req())
			h.a.work.Wait()
			if rec.Code != tt.status {
				t.Errorf("status %d; want %d (%s)", rec.Code, tt.status, rec.Body)
			}
			if tt.body != "" && rec.Body.String() != tt.body {
				t.Errorf("body %s; want %s", rec.Body, tt.body)
			}
		})
	}
	if q := h.bot.questions(); len(q) != 0 {
		t.Errorf("refused requests reached the bot: %v", q)
	}
	if r := h.fake.Summary(); len(r) != 0 {
		t.Errorf("refused requests made REST calls: %v", r)
	}
}

func httpBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// Without a public key the endpoint does not exist.
func TestHandlerWithoutPublicKey(t *testing.T) {
	a, err := New(Config{BotToken: "FAKE.BOT.TOKEN"}, &fakeBot{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, newSigner(t).request(payload(t, "discord_ping.json"), time.Now()))
	if rec.Code != http.StatusNotFound {
		t.Errorf("status %d; want 404", rec.Code)
	}
}

// The sample command, signed, answered by the real bot: the deferral in
// the HTTP response, then the quotes and citations edited in.
func TestHTTPAskRealBot(t *testing.T) {
	fake := bottest.NewDiscord(t)
	sign := newSigner(t)
	log, buf := bottest.Log()
	a, err := New(Config{PublicKey: sign.publicKey(), APIURL: fake.URL()}, bottest.New(t), log)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Shutdown(context.Background())

	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, sign.request(payload(t, "discord_application_command.json"), time.Now()))
	if rec.Code != http.StatusOK || responseType(t, rec.Body.Bytes()) != 5 {
		t.Fatalf("response %d %s; want 200 and a deferral", rec.Code, rec.Body)
	}
	m := checkMessage(t, fake.Await(http.MethodPatch, cmdEdit, 1)[0].Body)
	e := m.Embeds[0]
	for _, want := range []string{"**[1]**\n> ", "result in consequences"} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, e.Description)
		}
	}
	if len(e.Fields) != perPage || !strings.Contains(e.Fields[0].Value, "The Unexpected Alliance") {
		t.Errorf("fields %+v; want %d citations, the first from The Unexpected Alliance", e.Fields, perPage)
	}
	if e.Footer == nil || !strings.HasSuffix(e.Footer.Text, "Coverage as of June 23, 2026") {
		t.Errorf("footer %+v", e.Footer)
	}
	if a.Shutdown(context.Background()); !strings.Contains(buf.String(), "msg=answered") {
		t.Errorf("no answered line in the log:\n%s", buf)
	}
}
