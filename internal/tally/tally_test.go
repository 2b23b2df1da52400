package tally

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

// fakeTimers runs scheduled flushes when the test says.
type fakeTimers struct{ due []func() }

func (f *fakeTimers) after(_ time.Duration, fn func()) func() bool {
	f.due = append(f.due, fn)
	return func() bool { return true }
}

func (f *fakeTimers) fire() {
	due := f.due
	f.due = nil
	for _, fn := range due {
		fn()
	}
}

func TestTally(t *testing.T) {
	var buf strings.Builder
	log := slog.New(slog.NewTextHandler(&buf, nil))
	timers := &fakeTimers{}
	tl := New(log, slog.LevelWarn, "rejected unauthenticated requests", time.Minute)
	tl.after = timers.after

	tl.Add("bad signature")
	for range 41 {
		tl.Add("bad signature")
	}
	tl.Add("stale timestamp")
	if n := strings.Count(buf.String(), "\n"); n != 1 {
		t.Fatalf("%d lines before the minute is up; want 1:\n%s", n, buf.String())
	}
	timers.fire()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "count=42") || !strings.Contains(lines[1], `reasons="bad signature (41), stale timestamp (1)"`) {
		t.Fatalf("after a minute: %q; want one line counting 42", lines)
	}
	// A quiet minute ends the interval; the next event is logged at once.
	timers.fire()
	tl.Add("bad signature")
	if n := strings.Count(buf.String(), "\n"); n != 3 {
		t.Errorf("%d lines; want 3:\n%s", n, buf.String())
	}
}
