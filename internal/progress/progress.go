// Package progress shows how far a long job has come: a bar on a terminal
// that appears once the job has run for a second, and nothing at all when
// the output is not a terminal (a log file, a pipe, a test).
package progress

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// delay is how long a job runs before its bar appears: shorter jobs
// finish without one.
const delay = time.Second

// Bar counts a job's steps. Its methods may be called from several
// goroutines, and on a nil *Bar, which does nothing.
type Bar struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	label string
	now   func() time.Time
	start time.Time
	done  int
	shown *progressbar.ProgressBar // nil until the bar appears
	off   bool                     // not a terminal, or finished
}

// New returns a bar of total steps, labelled label, that draws on w when
// w is a terminal and does nothing otherwise.
func New(w io.Writer, total int, label string) *Bar {
	return newBar(w, total, label, isTerminal(w), time.Now)
}

func newBar(w io.Writer, total int, label string, terminal bool, now func() time.Time) *Bar {
	return &Bar{w: w, total: total, label: label, now: now, start: now(), off: !terminal}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// Add counts n more steps done and redraws the bar, drawing it first once
// the job has run for a second.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	if b.off {
		return
	}
	if b.shown == nil {
		if b.now().Sub(b.start) < delay {
			return
		}
		b.shown = progressbar.NewOptions(b.total,
			progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription(b.label),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	// Drawing to a terminal that went away is no reason to stop the job.
	_ = b.shown.Set(b.done)
}

// Clear erases the bar, so that a line can be printed where it was; the
// next Add draws it again.
func (b *Bar) Clear() { b.erase(false) }

// Finish erases the bar for good.
func (b *Bar) Finish() { b.erase(true) }

func (b *Bar) erase(finish bool) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.shown != nil && !b.off {
		// As in Add: a terminal that went away is no reason to stop.
		_ = b.shown.Clear()
	}
	b.off = b.off || finish
}
