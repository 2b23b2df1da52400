package bottest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// DiscordAppID is the application ID of the fake Discord's READY.
const DiscordAppID = "1200000000000000001"

// Discord is a hand-written fake of the parts of Discord's REST API and
// gateway Parley uses. It records every request; scripted replies for a
// route are given in order, then it succeeds as Discord does.
type Discord struct {
	tb  testing.TB
	srv *httptest.Server
	script

	mu       sync.Mutex
	requests []DiscordRequest
	changed  chan struct{}     // closed and replaced on every request
	identify []byte            // the gateway Identify payload
	guilds   []string          // the guilds READY names
	commands map[string][]byte // registered commands, by path
	// Dispatch takes gateway events (INTERACTION_CREATE data) to send.
	Dispatch chan []byte
}

// DiscordRequest is a request the fake Discord received.
type DiscordRequest struct {
	Method string
	Path   string // without the /api/vN prefix, so tests hold for any API version
	Header http.Header
	Body   []byte
	At     time.Time
}

var apiVersion = regexp.MustCompile(`^/api/v\d+`)

// DiscordServerError is a 500 as Discord sends it.
var DiscordServerError = Reply{Status: 500, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{"message": "500: Internal Server Error", "code": 0}`}

// DiscordRetryAfter is a 429 asking to wait d.
func DiscordRetryAfter(d time.Duration) Reply {
	return Reply{Status: 429, Header: http.Header{
		"Content-Type":      {"application/json"},
		"Retry-After":       {strconv.Itoa(int(d.Seconds()))},
		"X-Ratelimit-Scope": {"user"},
	}, Body: `{"message": "You are being rate limited.", "retry_after": ` + strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + `, "global": false}`}
}

// NewDiscord starts a fake Discord, closed when the test ends.
func NewDiscord(tb testing.TB) *Discord {
	f := &Discord{tb: tb, changed: make(chan struct{}), Dispatch: make(chan []byte, 8), commands: map[string][]byte{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.srv.Close)
	return f
}

// URL is the fake's base URL, for the adapter's API URL setting.
func (f *Discord) URL() string { return f.srv.URL }

// Script makes the next requests to the route (a method and a path
// without the API version) get replies, in order.
func (f *Discord) Script(method, path string, replies ...Reply) { f.push(method+" "+path, replies...) }

// Guilds makes READY name the guilds with these IDs, the servers the bot
// is in.
func (f *Discord) Guilds(ids ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.guilds = ids
}

// SetCommands makes the commands registered at path (a path without the
// API version, like /applications/ID/commands) be cmds, a JSON array, as
// if registered before.
func (f *Discord) SetCommands(path, cmds string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commands[path] = []byte(cmds)
}

// Slow makes requests to paths starting with prefix wait d before their
// answer.
func (f *Discord) Slow(prefix string, d time.Duration) { f.slow(prefix, d) }

// Cut makes requests to paths (without the API version) starting with
// prefix lose their connection without a response.
func (f *Discord) Cut(prefix string) { f.cut(prefix) }

// Hold makes requests to paths (without the API version) starting with
// prefix wait until release is called; they are recorded when they arrive.
func (f *Discord) Hold(prefix string) (release func()) { return f.gate(prefix) }

func (f *Discord) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/gw") {
		f.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	path := apiVersion.ReplaceAllString(r.URL.Path, "")
	f.mu.Lock()
	f.requests = append(f.requests, DiscordRequest{Method: r.Method, Path: path, Header: r.Header.Clone(), Body: body, At: time.Now()})
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()

	if !f.wait(r, path) || f.reset(w, path) {
		return
	}
	if scripted, ok := f.pop(r.Method + " " + path); ok {
		scripted.write(w, "")
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
		f.mu.Lock()
		f.commands[path] = body
		f.mu.Unlock()
		w.Write(body) // the commands, as Discord echoes them (ids aside)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/applications/") && strings.HasSuffix(path, "/commands"):
		f.mu.Lock()
		cmds, ok := f.commands[path]
		f.mu.Unlock()
		if !ok {
			cmds = []byte("[]")
		}
		w.Write(cmds)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message": "404: Not Found", "code": 0}`)
	}
}

// serveGateway plays Discord's side of a gateway session: Hello, then
// READY once the client has identified, then the dispatches the test sends,
// acknowledging heartbeats throughout.
func (f *Discord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.tb.Errorf("gateway upgrade: %v", err)
		return
	}
	defer c.Close()
	if err := c.WriteMessage(websocket.TextMessage, payload(f.tb, "discord_gateway_hello.json")); err != nil {
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
	ready := bytes.ReplaceAll(payload(f.tb, "discord_gateway_ready.json"), []byte("PORT"), []byte(port))
	f.mu.Lock()
	var guilds []string
	for _, id := range f.guilds {
		guilds = append(guilds, `{"id": "`+id+`", "unavailable": true}`)
	}
	f.mu.Unlock()
	ready = bytes.Replace(ready, []byte(`"guilds": []`), []byte(`"guilds": [`+strings.Join(guilds, ", ")+`]`), 1)
	if err := c.WriteMessage(websocket.TextMessage, ready); err != nil {
		return
	}
	f.dispatch(c)
}

// dispatch sends the test's events and acknowledges heartbeats until the
// client closes the connection.
func (f *Discord) dispatch(c *websocket.Conn) {
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
		case event := <-f.Dispatch:
			seq++
			msg := `{"op": 0, "s": ` + strconv.Itoa(seq) + `, "t": "INTERACTION_CREATE", "d": ` + string(event) + `}`
			c.WriteMessage(websocket.TextMessage, []byte(msg))
		}
	}
}

// Identify returns the gateway Identify payload the client sent.
func (f *Discord) Identify() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.identify
}

// All returns the requests received so far that match method and a path
// pattern (a regular expression for the whole path).
func (f *Discord) All(method, pattern string) []DiscordRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	re := regexp.MustCompile("^" + pattern + "$")
	var out []DiscordRequest
	for _, r := range f.requests {
		if r.Method == method && re.MatchString(r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// Await waits until n requests match method and pattern, and returns them.
func (f *Discord) Await(method, pattern string, n int) []DiscordRequest {
	f.tb.Helper()
	deadline := time.After(Wait)
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if got := f.All(method, pattern); len(got) >= n {
			return got
		}
		select {
		case <-changed:
		case <-deadline:
			f.tb.Fatalf("no %d× %s %s; got %v", n, method, pattern, f.Summary())
		}
	}
}

// Summary lists the requests received so far, as "METHOD path".
func (f *Discord) Summary() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.requests {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}
