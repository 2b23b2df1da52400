package bottest

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Reply is a response a fake platform gives when a test scripts one.
type Reply struct {
	Status int
	Header http.Header
	Body   string
}

// write sends r.
func (r Reply) write(w http.ResponseWriter, contentType string) {
	for k, v := range r.Header {
		w.Header()[k] = v
	}
	if w.Header().Get("Content-Type") == "" && contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(r.Status)
	io.WriteString(w, r.Body)
}

// ParseReply reads a raw HTTP response (status line, headers, body), as
// the sample payloads keep them.
func ParseReply(tb testing.TB, raw []byte) Reply {
	tb.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return Reply{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// script holds the replies tests script for a fake, by key, used first to
// last, and the gates that hold requests back.
type script struct {
	mu      sync.Mutex
	replies map[string][]Reply
	gates   map[string]chan struct{} // by path prefix; closed to let requests through
	broken  []string                 // path prefixes whose requests get their connection cut
	delay   map[string]time.Duration // by path prefix: how long requests wait before their answer
}

// push scripts replies for key.
func (s *script) push(key string, rs ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replies == nil {
		s.replies = map[string][]Reply{}
	}
	s.replies[key] = append(s.replies[key], rs...)
}

// pop returns the next scripted reply for key, if any.
func (s *script) pop(key string) (Reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.replies[key]
	if len(rs) == 0 {
		return Reply{}, false
	}
	s.replies[key] = rs[1:]
	return rs[0], true
}

// gate makes requests whose path starts with prefix wait until the
// returned function is called.
func (s *script) gate(prefix string) (open func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	if s.gates == nil {
		s.gates = map[string]chan struct{}{}
	}
	s.gates[prefix] = ch
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			if s.gates[prefix] == ch {
				delete(s.gates, prefix)
			}
			s.mu.Unlock()
			close(ch)
		})
	}
}

// cut makes requests whose path starts with prefix lose their connection
// without a response, as when a proxy resets it.
func (s *script) cut(prefix string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.broken = append(s.broken, prefix)
}

// reset cuts w's connection if path is broken, and reports whether it did.
func (s *script) reset(w http.ResponseWriter, path string) bool {
	s.mu.Lock()
	broken := false
	for _, p := range s.broken {
		broken = broken || strings.HasPrefix(path, p)
	}
	s.mu.Unlock()
	if !broken {
		return false
	}
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
	return true
}

// slow makes requests whose path starts with prefix wait d before their
// answer, as a platform under load does.
func (s *script) slow(prefix string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.delay == nil {
		s.delay = map[string]time.Duration{}
	}
	s.delay[prefix] = d
}

// wait holds r back while a gate covers path or its delay lasts, or until
// r's context ends; it reports whether r may go on.
func (s *script) wait(r *http.Request, path string) bool {
	s.mu.Lock()
	var ch chan struct{}
	for prefix, g := range s.gates {
		if strings.HasPrefix(path, prefix) {
			ch = g
		}
	}
	var d time.Duration
	for prefix, pd := range s.delay {
		if strings.HasPrefix(path, prefix) {
			d = pd
		}
	}
	s.mu.Unlock()
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return false
		}
	}
	if ch == nil {
		return true
	}
	select {
	case <-ch:
		return true
	case <-r.Context().Done():
		return false
	}
}
