package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a fake clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestBar(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		after    time.Duration // how long the job has run at its third step
		want     []string      // in the output; nil for no output at all
	}{
		{"not a terminal", false, 5 * time.Second, nil},
		{"quick job", true, 900 * time.Millisecond, nil},
		{"slow job", true, 2 * time.Second, []string{"importing", "3/10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			c := &clock{t: time.Date(2026, 6, 24, 9, 0, 0, 0, time.UTC)}
			b := newBar(&out, 10, "importing", tt.terminal, c.now)
			b.Add(2)
			c.advance(tt.after)
			b.Add(1)
			got := out.String()
			if tt.want == nil && got != "" {
				t.Errorf("output %q; want none", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output %q; want it to contain %q", got, w)
				}
			}
			b.Finish()
			n := out.Len()
			b.Add(1)
			if out.Len() != n {
				t.Errorf("Add after Finish wrote %q", out.String()[n:])
			}
		})
	}
}

func TestNotTerminal(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, 3, "building")
	for range 3 {
		b.Add(1)
	}
	b.Clear()
	b.Finish()
	if out.Len() != 0 {
		t.Errorf("New(buffer) wrote %q; want nothing", out.String())
	}
}

func TestNil(t *testing.T) {
	var b *Bar
	b.Add(1)
	b.Clear()
	b.Finish()
}

func TestConcurrent(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Date(2026, 6, 24, 9, 0, 0, 0, time.UTC)}
	b := newBar(&out, 100, "indexing", true, c.now)
	c.advance(2 * time.Second)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 25 {
				b.Add(1)
			}
		})
	}
	wg.Wait()
	b.Finish()
	if b.done != 100 {
		t.Errorf("done = %d; want 100", b.done)
	}
}
