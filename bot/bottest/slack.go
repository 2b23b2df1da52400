package bottest

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// The credentials the fake Slack accepts.
const (
	SlackBotToken = "xoxb-1-TESTBOTTOKEN"
	SlackAppToken = "xapp-1-TESTAPPTOKEN"
	SlackSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	// SlackBotUser is Parley's own user ID, as auth.test reports it.
	SlackBotUser = "U0ARCHBOT"
)

// Wait bounds how long a test waits for something that should happen; it
// only turns a hang into a failure.
const Wait = 20 * time.Second

//go:embed testdata/payloads
var payloads embed.FS

// payload returns one of the kit's own sample payloads.
func payload(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := payloads.ReadFile("testdata/payloads/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// Slack is a hand-written fake of the Slack Web API, of response URLs and
// of the Socket Mode websocket. It records every request, answers as Slack
// does, and gives scripted replies (errors, 429s) when told to.
type Slack struct {
	tb  testing.TB
	srv *httptest.Server
	script

	mu      sync.Mutex
	calls   []SlackCall
	changed chan struct{} // closed and replaced when calls grows

	hello     []byte      // the Socket Mode greeting
	envelopes chan string // sent to the Socket Mode client
	acks      chan string // envelope IDs the client acknowledged
}

// SlackCall is one request the fake Slack received.
type SlackCall struct {
	Path   string
	At     time.Time
	Form   url.Values     // form posts (the Web API)
	JSON   map[string]any // JSON posts (response URLs)
	Bearer string
}

// Replies as Slack gives them.
var (
	SlackNotInChannel  = Reply{Status: 200, Body: `{"ok":false,"error":"not_in_channel"}`}
	SlackInvalidBlocks = Reply{Status: 200, Body: `{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0]"]}}`}
	// SlackRateLimited is a 429 as Slack sends it; SlackRateLimitedBare is
	// one without Retry-After, as a proxy may send it.
	SlackRateLimited     = Reply{Status: 429, Header: http.Header{"Retry-After": {"1"}}, Body: `{"ok":false,"error":"ratelimited"}`}
	SlackRateLimitedBare = Reply{Status: 429, Body: `{"ok":false,"error":"ratelimited"}`}
	// SlackServerError is a 500 as Slack's edge sends it, in HTML.
	SlackServerError = Reply{Status: 500, Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><body>Internal Server Error</body></html>"}
)

// SlackRetryAfter is a 429 asking to wait d.
func SlackRetryAfter(d time.Duration) Reply {
	return Reply{Status: 429, Header: http.Header{"Retry-After": {fmt.Sprint(int(d.Seconds()))}}, Body: `{"ok":false,"error":"ratelimited"}`}
}

// NewSlack starts a fake Slack, closed when the test ends.
func NewSlack(tb testing.TB) *Slack {
	f := &Slack{
		tb:        tb,
		changed:   make(chan struct{}),
		hello:     payload(tb, "slack_socketmode_hello.json"),
		envelopes: make(chan string, 16),
		acks:      make(chan string, 16),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.srv.Close)
	return f
}

// APIURL is the Web API base URL to configure the adapter with.
func (f *Slack) APIURL() string { return f.srv.URL + "/api/" }

// Client returns an HTTP client for the fake.
func (f *Slack) Client() *http.Client { return f.srv.Client() }

// ResponseURL returns a response URL on the fake.
func (f *Slack) ResponseURL(id string) string {
	return f.srv.URL + "/hooks/commands/T0NEWS0001/" + id
}

// Respond scripts the next replies for path.
func (f *Slack) Respond(path string, rs ...Reply) { f.push(path, rs...) }

// Slow makes requests to paths starting with prefix wait d before their
// answer.
func (f *Slack) Slow(prefix string, d time.Duration) { f.slow(prefix, d) }

// Cut makes requests to paths starting with prefix lose their connection
// without a response.
func (f *Slack) Cut(prefix string) { f.cut(prefix) }

// Hold makes requests to paths starting with prefix wait until release is
// called (or the client gives up); they are recorded when they arrive.
func (f *Slack) Hold(prefix string) (release func()) { return f.gate(prefix) }

func (f *Slack) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/link" {
		f.serveSocket(w, r)
		return
	}
	c, err := readSlackCall(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()

	if !f.wait(r, c.Path) || f.reset(w, c.Path) {
		return
	}
	if scripted, ok := f.pop(c.Path); ok {
		scripted.write(w, "application/json; charset=utf-8")
		return
	}
	f.answer(w, c)
}

// readSlackCall reads a request to the fake.
func readSlackCall(r *http.Request) (SlackCall, error) {
	c := SlackCall{Path: r.URL.Path, At: time.Now(), Bearer: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return c, err
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
	return c, err
}

// answer replies to a call as Slack does when all is well.
func (f *Slack) answer(w http.ResponseWriter, c SlackCall) {
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
	case strings.HasPrefix(c.Path, "/api/") && c.Path != "/api/apps.connections.open" && c.Form.Get("token") != SlackBotToken:
		fail("invalid_auth")
	case c.Path == "/api/auth.test":
		ok(map[string]any{"url": "https://newsroom.slack.com/", "team": "Newsroom", "user": "parley",
			"team_id": "T0NEWS0001", "user_id": SlackBotUser, "bot_id": "B0ARCHBOT01"})
	case c.Path == "/api/chat.postMessage":
		ok(map[string]any{"channel": c.Form.Get("channel"), "ts": "1763690000.000900",
			"message": map[string]any{"type": "message", "bot_id": "B0ARCHBOT01", "text": c.Form.Get("text")}})
	case c.Path == "/api/chat.postEphemeral":
		ok(map[string]any{"message_ts": "1763690000.000950"})
	case c.Path == "/api/apps.connections.open":
		if c.Bearer != SlackAppToken {
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
// sends the envelopes queued with Send and reports acknowledgements.
func (f *Slack) serveSocket(w http.ResponseWriter, r *http.Request) {
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

// Send queues an envelope for the Socket Mode client.
func (f *Slack) Send(envelope string) { f.envelopes <- envelope }

// Ack waits for the next acknowledgement and returns its envelope ID.
func (f *Slack) Ack() string {
	f.tb.Helper()
	select {
	case id := <-f.acks:
		return id
	case <-time.After(Wait):
		f.tb.Fatalf("no acknowledgement; calls %v", f.CallsTo("/"))
		return ""
	}
}

// NoAck reports whether no acknowledgement arrives within d.
func (f *Slack) NoAck(d time.Duration) bool {
	select {
	case <-f.acks:
		return false
	case <-time.After(d):
		return true
	}
}

// CallsTo returns the calls to path so far. A path ending in "/" matches
// the paths under it.
func (f *Slack) CallsTo(path string) []SlackCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var cs []SlackCall
	for _, c := range f.calls {
		if c.Path == path || (strings.HasSuffix(path, "/") && strings.HasPrefix(c.Path, path)) {
			cs = append(cs, c)
		}
	}
	return cs
}

// WaitFor waits until path has had n calls and returns them (see
// CallsTo).
func (f *Slack) WaitFor(path string, n int) []SlackCall {
	f.tb.Helper()
	deadline := time.After(Wait)
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if cs := f.CallsTo(path); len(cs) >= n {
			return cs
		}
		select {
		case <-changed:
		case <-deadline:
			f.tb.Fatalf("waited for %d calls to %s; got %d", n, path, len(f.CallsTo(path)))
		}
	}
}

// Blocks decodes a call's Block Kit blocks.
func (c SlackCall) Blocks(tb testing.TB) []map[string]any {
	tb.Helper()
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
		tb.Fatalf("blocks %q: %v", c.Form.Get("blocks"), err)
	}
	return out
}

// BlockText returns the text of the block with id, or "".
func BlockText(blocks []map[string]any, id string) string {
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
