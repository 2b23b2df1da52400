package slack

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// mentionEvent returns the sample app_mention as the n-th of many: its own
// event ID and post.
func mentionEvent(t *testing.T, n int) (body, ts string) {
	ts = fmt.Sprintf("1763700000.%06d", n)
	return payload(t, "app_mention_event_callback.json", "event_id", fmt.Sprint("EvBacklog", n),
		"event.ts", ts, "event.event_ts", ts), ts
}

// A backlog of questions waits in the queue, not in goroutines, while
// Slack is slow; once it answers, every question gets one reply.
func TestBacklog(t *testing.T) {
	const n = 300
	f := bottest.NewSlack(t)
	release := f.Hold("/api/chat.postMessage")
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{Workers: 4, QueueSize: n})
	before := runtime.NumGoroutine()
	for i := range n {
		body, _ := mentionEvent(t, i)
		if w := a.do(t, "/slack/events", body); w.Code != http.StatusOK {
			t.Fatalf("event %d: %d; want 200", i, w.Code)
		}
	}
	f.WaitFor("/api/chat.postMessage", 4) // the four workers wait on Slack
	// Each held request costs a few goroutines in the client and the fake;
	// a goroutine per question would be hundreds.
	if extra := runtime.NumGoroutine() - before; extra > 4*4+8 {
		t.Errorf("%d more goroutines with %d questions waiting; want them bounded by the workers", extra, n)
	}
	if d := a.queue.Depth(); d != n-4 {
		t.Errorf("queue depth %d; want %d", d, n-4)
	}
	release()
	a.drain(t)
	replies := map[string]int{}
	for _, c := range f.CallsTo("/api/chat.postMessage") {
		replies[c.Form.Get("thread_ts")]++
	}
	for i := range n {
		if _, ts := mentionEvent(t, i); replies[ts] != 1 {
			t.Errorf("question %s answered %d times; want once", ts, replies[ts])
		}
	}
}

// A full queue refuses the event with 503 so that Slack delivers it again;
// the refused event is not remembered, so its redelivery is answered, once.
func TestFullQueueRefuses(t *testing.T) {
	f := bottest.NewSlack(t)
	release := f.Hold("/api/chat.postMessage")
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{Workers: 1, QueueSize: 1})
	first, _ := mentionEvent(t, 1)
	second, _ := mentionEvent(t, 2)
	third, ts := mentionEvent(t, 3)
	a.do(t, "/slack/events", first)
	f.WaitFor("/api/chat.postMessage", 1) // the worker holds the first
	if w := a.do(t, "/slack/events", second); w.Code != http.StatusOK {
		t.Fatalf("second event: %d; want 200 (queued)", w.Code)
	}
	w := a.do(t, "/slack/events", third)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("third event with the queue full: %d %v; want 503 with Retry-After", w.Code, w.Header())
	}
	release()
	f.WaitFor("/api/chat.postMessage", 2) // the second is taken: the queue is empty
	// Slack's retry of the refused event is taken now, and answered once.
	if w := a.do(t, "/slack/events", third, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error"); w.Code != http.StatusOK {
		t.Fatalf("redelivery: %d; want 200", w.Code)
	}
	a.do(t, "/slack/events", third, "X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_error")
	a.drain(t)
	n := 0
	for _, c := range f.CallsTo("/api/chat.postMessage") {
		if c.Form.Get("thread_ts") == ts {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the refused question was answered %d times; want once", n)
	}
	if !strings.Contains(a.logs.String(), "questions refused; Slack will deliver them again") {
		t.Errorf("the refusal is not logged:\n%s", a.logs)
	}
}
