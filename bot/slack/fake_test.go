package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/parley-newsroom/parley/bot"
)

// Test credentials. The fake accepts only these.
const (
	testBotToken = "xoxb-1-TESTBOTTOKEN"
	testAppToken = "xapp-1-TESTAPPTOKEN"
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	botUserID    = "U0ARCHBOT"
)

// testNow is the tests' clock, just after the sample payloads' event_time.
var testNow = time.Unix(1763690010, 0)

// wait bounds how long a test waits for something that should happen; it
// only turns a hang into a failure.
const wait = 20 * time.Second

// fakeSlack is a hand-written fake of the Slack Web API, response URLs and
// the Socket Mode websocket. It records every request, answers as Slack
// does, and returns scripted responses (errors, 429s) when told to.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	mu      sync.Mutex
	calls   []call
	script  map[string][]response // by path, used first to last
	changed chan struct{}         // closed and replaced when calls grows

	hello     []byte      // the Socket Mode greeting
	envelopes chan string // sent to the Socket Mode client
	acks      chan string // envelope IDs the client acknowledged
}

// call is one request the fake received.
type call struct {
	Path   string
	At     time.Time
	Form   url.Values     // form posts (the Web API)
	JSON   map[string]any // JSON posts (response URLs)
	Bearer string
}

// response is a scripted reply.
type response struct {
	status int
	header map[string]string
	body   string
}

var (
	notInChannel  = response{200, nil, `{"ok":false,"error":"not_in_channel"}`}
	invalidBlocks = response{200, nil, `{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0]"]}}`}
	// A 429 as Slack sends it, and one without Retry-After, as a proxy may.
	rateLimited        = response{429, map[string]string{"Retry-After": "1"}, `{"ok":false,"error":"ratelimited"}`}
	rateLimitedNoRetry = response{429, nil, `{"ok":false,"error":"ratelimited"}`}
)

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{
		t:         t,
		script:    map[string][]response{},
		changed:   make(chan struct{}),
		hello:     readPayload(t, "socketmode_hello.json"),
		envelopes: make(chan string, 16),
		acks:      make(chan string, 16),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// apiURL is the base URL to configure the adapter with.
func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

// responseURL returns a response URL on the fake.
func (f *fakeSlack) responseURL(id string) string {
	return f.srv.URL + "/hooks/commands/T0NEWS0001/" + id
}

// respond scripts the next responses for path.
func (f *fakeSlack) respond(path string, rs ...response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[path] = append(f.script[path], rs...)
}

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/link" {
		f.serveSocket(w, r)
		return
	}
	c := call{Path: r.URL.Path, At: time.Now(), Bearer: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		c.Form, err = url.ParseQuery(string(body))
	case "application/json":
		if len(body) > 0 {
			err = json.Unmarshal(body, &c.JSON)
		}
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}

	f.mu.Lock()
	f.calls = append(f.calls, c)
	close(f.changed)
	f.changed = make(chan struct{})
	var scripted *response
	if rs := f.script[c.Path]; len(rs) > 0 {
		scripted, f.script[c.Path] = &rs[0], rs[1:]
	}
	f.mu.Unlock()

	if scripted != nil {
		for k, v := range scripted.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(scripted.status)
		io.WriteString(w, scripted.body)
		return
	}
	f.answer(w, c)
}

// answer replies to a call as Slack does when all is well.
func (f *fakeSlack) answer(w http.ResponseWriter, c call) {
	ok := func(v map[string]any) {
		v["ok"] = true
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(v)
	}
	fail := func(code string) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, code)
	}
	switch {
	case c.Path == "/api/auth.test":
		if c.Form.Get("token") != testBotToken {
			fail("invalid_auth")
			return
		}
		ok(map[string]any{"url": "https://newsroom.slack.com/", "team": "Newsroom", "user": "parley",
			"team_id": "T0NEWS0001", "user_id": botUserID, "bot_id": "B0ARCHBOT01"})
	case c.Path == "/api/chat.postMessage":
		if c.Form.Get("token") != testBotToken {
			fail("invalid_auth")
			return
		}
		ok(map[string]any{"channel": c.Form.Get("channel"), "ts": "1763690000.000900",
			"message": map[string]any{"type": "message", "bot_id": "B0ARCHBOT01", "text": c.Form.Get("text")}})
	case c.Path == "/api/chat.postEphemeral":
		if c.Form.Get("token") != testBotToken {
			fail("invalid_auth")
			return
		}
		ok(map[string]any{"message_ts": "1763690000.000950"})
	case c.Path == "/api/apps.connections.open":
		if c.Bearer != testAppToken {
			fail("invalid_auth")
			return
		}
		ok(map[string]any{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/link?ticket=fake-ticket"})
	case strings.HasPrefix(c.Path, "/hooks/"):
		// Response URLs answer in plain text.
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "ok")
	default:
		http.NotFound(w, nil)
	}
}

// serveSocket is Slack's end of a Socket Mode connection: it says hello,
// sends the envelopes queued with send and reports acknowledgements.
func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("ticket") != "fake-ticket" {
		http.Error(w, "bad ticket", http.StatusUnauthorized)
		return
	}
	// slack-go dials with Origin: https://api.slack.com.
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	if err := conn.WriteMessage(websocket.TextMessage, f.hello); err != nil {
		return
	}
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ack struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(data, &ack) == nil {
				f.acks <- ack.EnvelopeID
			}
		}
	}()
	for {
		select {
		case env := <-f.envelopes:
			if err := conn.WriteMessage(websocket.TextMessage, []byte(env)); err != nil {
				return
			}
		case <-closed:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// send queues an envelope for the Socket Mode client.
func (f *fakeSlack) send(envelope string) { f.envelopes <- envelope }

// ack waits for the next acknowledgement and returns its envelope ID.
func (f *fakeSlack) ack() string {
	f.t.Helper()
	select {
	case id := <-f.acks:
		return id
	case <-time.After(wait):
		f.t.Fatalf("no acknowledgement; calls %v", f.callsTo("/"))
		return ""
	}
}

// callsTo returns the calls to path so far.
func (f *fakeSlack) callsTo(path string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var cs []call
	for _, c := range f.calls {
		if c.Path == path || (strings.HasSuffix(path, "/") && strings.HasPrefix(c.Path, path)) {
			cs = append(cs, c)
		}
	}
	return cs
}

// waitFor waits until path has had n calls and returns them. A path ending
// in "/" matches the paths under it.
func (f *fakeSlack) waitFor(path string, n int) []call {
	f.t.Helper()
	deadline := time.After(wait)
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if cs := f.callsTo(path); len(cs) >= n {
			return cs
		}
		select {
		case <-changed:
		case <-deadline:
			f.t.Fatalf("waited for %d calls to %s; got %d", n, path, len(f.callsTo(path)))
		}
	}
}

// blocks decodes a call's blocks.
func (c call) blocks(t testing.TB) []map[string]any {
	t.Helper()
	if c.JSON != nil {
		bs, _ := c.JSON["blocks"].([]any)
		var out []map[string]any
		for _, b := range bs {
			out = append(out, b.(map[string]any))
		}
		return out
	}
	var out []map[string]any
	if err := json.Unmarshal([]byte(c.Form.Get("blocks")), &out); err != nil {
		t.Fatalf("blocks %q: %v", c.Form.Get("blocks"), err)
	}
	return out
}

// blockText returns the text of the block with id, or "".
func blockText(blocks []map[string]any, id string) string {
	for _, b := range blocks {
		if b["block_id"] != id {
			continue
		}
		if t, ok := b["text"].(map[string]any); ok {
			return t["text"].(string)
		}
		if els, ok := b["elements"].([]any); ok && len(els) > 0 {
			if t, ok := els[0].(map[string]any)["text"].(string); ok {
				return t
			}
		}
	}
	return ""
}

// fakeAnswerer answers every question with the same answer and records
// the questions.
type fakeAnswerer struct {
	answer bot.Answer
	err    error
	block  chan struct{} // when set, Answer waits for it to close

	mu    sync.Mutex
	asked []string
}

func (f *fakeAnswerer) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q.Text)
	f.mu.Unlock()
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	if f.err != nil {
		return bot.Answer{}, f.err
	}
	text := bot.Normalize(q.Text)
	if text == "" {
		return bot.Answer{}, bot.ErrEmptyQuestion
	}
	a := f.answer
	a.Question = text
	return a, nil
}

func (f *fakeAnswerer) questions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

// trumpAnswer is an answered question, as the bot gives it.
var trumpAnswer = bot.Answer{
	Answered: true,
	Quotes: []bot.Quote{{
		Rank:      1,
		Fragments: []string{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments outlined in the roadmap would result in consequences."},
		Citation: bot.Citation{
			Article: "unexpected-alliance", Title: "The Unexpected Alliance: How Washington and Tehran Found Common Ground",
			Published: "2026-06-23", Date: "June 23, 2026", Section: "Trump’s Warning: Consequences for Non-Compliance", Paragraph: 16,
			URL: "https://example.com/news/unexpected-alliance?utm=a&b=c",
		},
	}},
}

// testAdapter is an Adapter wired to a fake Slack, with the tests' clock
// and a sleep that records waits instead of waiting.
type testAdapter struct {
	*Adapter
	fake  *fakeSlack
	ans   *fakeAnswerer
	logs  *syncBuffer
	mu    sync.Mutex
	waits []time.Duration
}

func newTestAdapter(t testing.TB, f *fakeSlack, ans answerer, cfg Config) *testAdapter {
	t.Helper()
	if cfg.BotToken == "" {
		cfg.BotToken = testBotToken
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		cfg.SigningSecret = testSecret
	}
	cfg.APIURL = strings.TrimSuffix(f.apiURL(), "/") // New adds the slash
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := New(cfg, ans, log, WithClock(func() time.Time { return testNow }), WithHTTPClient(f.srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ta := &testAdapter{Adapter: a, fake: f, logs: logs}
	if fa, ok := ans.(*fakeAnswerer); ok {
		ta.ans = fa
	}
	a.sleep = func(ctx context.Context, d time.Duration) error {
		ta.mu.Lock()
		defer ta.mu.Unlock()
		ta.waits = append(ta.waits, d)
		return ctx.Err()
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("adapter log:\n%s", logs)
		}
		// No test may leak a credential into the log.
		for _, secret := range []string{testBotToken, testAppToken, testSecret} {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("the log holds a credential:\n%s", logs.String())
			}
		}
	})
	return ta
}

// drain waits for every answer in flight; afterwards the fake's calls are
// final.
func (ta *testAdapter) drain(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := ta.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
}

// do serves a request signed at testNow.
func (ta *testAdapter) do(t testing.TB, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := signed(path, body, testNow, testSecret)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	ta.Handler().ServeHTTP(w, r)
	return w
}

// signed returns a POST request signed as Slack signs them.
func signed(path, body string, at time.Time, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":"+body)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	if strings.HasPrefix(body, "{") {
		r.Header.Set("Content-Type", "application/json")
	} else {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return r
}

// readPayload reads a sample payload from testdata/payloads.
func readPayload(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/payloads/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// payload returns a sample payload with its JSON fields changed: each
// pair is a dotted path ("event.text") and the new value (nil deletes).
func payload(t testing.TB, name string, changes ...any) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(readPayload(t, name), &v); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(changes); i += 2 {
		path := strings.Split(changes[i].(string), ".")
		m := v
		for _, p := range path[:len(path)-1] {
			m = m[p].(map[string]any)
		}
		if changes[i+1] == nil {
			delete(m, path[len(path)-1])
		} else {
			m[path[len(path)-1]] = changes[i+1]
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
