package discord

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/parley-newsroom/parley/bot"
)

// payload reads a sample payload (copied from ../shared/payloads).
func payload(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rawResponse reads a raw HTTP response from the sample payloads.
func rawResponse(t testing.TB, name string) reply {
	t.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(payload(t, name))), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: body}
}

// reply is a response the fake gives.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// recorded is a request the fake received.
type recorded struct {
	Method string
	Path   string // without the /api/vN prefix, so tests hold for any API version
	Header http.Header
	Body   []byte
	At     time.Time
}

// fakeDiscord is a hand-written fake of the parts of Discord's REST API and
// gateway Parley uses. It records every request; scripted replies for a
// route are given in order, then it succeeds as Discord does.
type fakeDiscord struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	requests []recorded
	scripts  map[string][]reply // by "METHOD path"
	changed  chan struct{}      // closed and replaced on every request
	identify []byte             // the gateway Identify payload
	dispatch chan []byte        // gateway events to send
}

var apiVersion = regexp.MustCompile(`^/api/v\d+`)

func newFake(t testing.TB) *fakeDiscord {
	f := &fakeDiscord{t: t, scripts: map[string][]reply{}, changed: make(chan struct{}), dispatch: make(chan []byte, 8)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the fake's base URL, for Config.APIURL.
func (f *fakeDiscord) URL() string { return f.srv.URL }

// script makes the next requests to route get replies, in order.
func (f *fakeDiscord) script(method, path string, replies ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := method + " " + path
	f.scripts[key] = append(f.scripts[key], replies...)
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/gw") {
		f.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	path := apiVersion.ReplaceAllString(r.URL.Path, "")
	f.mu.Lock()
	f.requests = append(f.requests, recorded{Method: r.Method, Path: path, Header: r.Header.Clone(), Body: body, At: time.Now()})
	close(f.changed)
	f.changed = make(chan struct{})
	key := r.Method + " " + path
	var scripted *reply
	if q := f.scripts[key]; len(q) > 0 {
		scripted, f.scripts[key] = &q[0], q[1:]
	}
	f.mu.Unlock()

	if scripted != nil {
		for k, v := range scripted.header {
			w.Header()[k] = v
		}
		w.WriteHeader(scripted.status)
		w.Write(scripted.body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && (path == "/gateway" || path == "/gateway/bot"):
		json.NewEncoder(w).Encode(map[string]any{"url": "ws://" + r.Host + "/gw", "shards": 1})
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/interactions/") && strings.HasSuffix(path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && strings.HasPrefix(path, "/webhooks/"):
		io.WriteString(w, `{"id": "1400000000000000009", "channel_id": "1000000000000000009", "content": ""}`)
	case r.Method == http.MethodPut && strings.HasPrefix(path, "/applications/"):
		w.Write(body) // the commands, as Discord echoes them (ids aside)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message": "404: Not Found", "code": 0}`)
	}
}

// serveGateway plays Discord's side of a gateway session: Hello, then
// READY once the client has identified, then the dispatches the test sends,
// acknowledging heartbeats throughout.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("gateway upgrade: %v", err)
		return
	}
	defer c.Close()
	if err := c.WriteMessage(websocket.TextMessage, payload(f.t, "discord_gateway_hello.json")); err != nil {
		return
	}
	_, identify, err := c.ReadMessage()
	if err != nil {
		return
	}
	f.mu.Lock()
	f.identify = identify
	f.mu.Unlock()
	port := strings.TrimPrefix(f.srv.URL, "http://127.0.0.1:")
	ready := bytes.ReplaceAll(payload(f.t, "discord_gateway_ready.json"), []byte("PORT"), []byte(port))
	if err := c.WriteMessage(websocket.TextMessage, ready); err != nil {
		return
	}

	heartbeats := make(chan struct{}, 8)
	go func() {
		defer close(heartbeats)
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				return
			}
			var op struct{ Op int }
			if json.Unmarshal(msg, &op) == nil && op.Op == 1 {
				heartbeats <- struct{}{}
			}
		}
	}()
	seq := 1
	for {
		select {
		case _, ok := <-heartbeats:
			if !ok {
				return // the client closed the connection
			}
			c.WriteMessage(websocket.TextMessage, []byte(`{"op": 11}`))
		case event := <-f.dispatch:
			seq++
			msg := `{"op": 0, "s": ` + strconv.Itoa(seq) + `, "t": "INTERACTION_CREATE", "d": ` + string(event) + `}`
			c.WriteMessage(websocket.TextMessage, []byte(msg))
		}
	}
}

// all returns the requests received so far that match method and a path
// pattern.
func (f *fakeDiscord) all(method, pattern string) []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	re := regexp.MustCompile("^" + pattern + "$")
	var out []recorded
	for _, r := range f.requests {
		if r.Method == method && re.MatchString(r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// await waits until n requests match method and pattern, and returns them.
// The long timeout only keeps a broken test from hanging.
func (f *fakeDiscord) await(method, pattern string, n int) []recorded {
	f.t.Helper()
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if got := f.all(method, pattern); len(got) >= n {
			return got
		}
		select {
		case <-changed:
		case <-time.After(30 * time.Second):
			f.t.Fatalf("no %d× %s %s; got %v", n, method, pattern, f.summary())
		}
	}
}

func (f *fakeDiscord) summary() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.requests {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// fakeBot is a hand-written answerer: every question gets answer (with the
// question filled in) or err.
type fakeBot struct {
	mu      sync.Mutex
	answer  bot.Answer
	err     error
	asked   []bot.Question
	block   chan struct{} // when set, Answer waits for it to close
	suggest []string
	sources []bot.Article
	asOf    string
}

func (b *fakeBot) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	b.mu.Lock()
	b.asked = append(b.asked, q)
	a, err, block := b.answer, b.err, b.block
	b.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	if err != nil {
		return bot.Answer{}, err
	}
	a.Question = bot.Normalize(q.Text)
	return a, nil
}

func (b *fakeBot) Articles() []bot.Article { return b.sources }
func (b *fakeBot) AsOf() string            { return b.asOf }

func (b *fakeBot) Suggest(typed string, n int) []string {
	var out []string
	for _, s := range b.suggest {
		if strings.Contains(strings.ToLower(s), strings.ToLower(typed)) && len(out) < n {
			out = append(out, s)
		}
	}
	return out
}

func (b *fakeBot) questions() []bot.Question {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]bot.Question(nil), b.asked...)
}

// logBuffer collects log output from many goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLog() (*slog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// clock is a settable clock for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 6, 24, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// signer signs requests to Handler as Discord does, with a key pair made
// for the test.
type signer struct {
	public  ed25519.PublicKey
	private ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

func (s signer) publicKey() string { return hex.EncodeToString(s.public) }

// request returns a POST of body to the interactions endpoint, signed with
// timestamp at.
func (s signer) request(body []byte, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.private, append([]byte(ts), body...))
	r := httptest.NewRequest(http.MethodPost, InteractionsPath, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
	return r
}

// sleeps records the waits the adapter asks for instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// withSleep replaces the adapter's waits, for tests of rate limits.
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(a *Adapter) { a.sleep = f }
}
