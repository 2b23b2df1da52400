// Package tally logs a repeated event in aggregate: instead of one line
// each, one line at most once per interval, with how many there were and
// why. Parley tallies requests it refuses for a bad signature, which
// anyone on the internet can send as fast as they like.
package tally

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// Tally counts events by reason and logs the counts at most once per
// interval. It is safe for concurrent use.
type Tally struct {
	log      *slog.Logger
	level    slog.Level
	msg      string
	interval time.Duration
	after    func(time.Duration, func()) func() bool // time.AfterFunc, for tests

	mu      sync.Mutex
	counts  map[string]int
	pending func() bool // stops the scheduled flush; nil when none is
}

// New returns a Tally that logs msg at level, at most once per interval.
func New(log *slog.Logger, level slog.Level, msg string, interval time.Duration) *Tally {
	return &Tally{log: log, level: level, msg: msg, interval: interval, counts: map[string]int{},
		after: func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }}
}

// Add counts one event for reason. The first event of a quiet period is
// logged at once; the rest are logged together when the interval ends.
func (t *Tally) Add(reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending == nil {
		t.pending = t.after(t.interval, t.Flush)
		t.emit(map[string]int{reason: 1})
		return
	}
	t.counts[reason]++
}

// Flush logs the events counted since the last line, if any, and ends the
// interval.
func (t *Tally) Flush() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending != nil {
		t.pending()
		t.pending = nil
	}
	if len(t.counts) == 0 {
		return
	}
	t.emit(t.counts)
	t.counts = map[string]int{}
	// Events that keep coming keep the line to one per interval.
	t.pending = t.after(t.interval, t.Flush)
}

// emit writes one line for counts.
func (t *Tally) emit(counts map[string]int) {
	total := 0
	var reasons []string
	for _, r := range slices.Sorted(maps.Keys(counts)) {
		total += counts[r]
		reasons = append(reasons, fmt.Sprintf("%s (%d)", r, counts[r]))
	}
	t.log.Log(context.Background(), t.level, t.msg, "count", total, "reasons", strings.Join(reasons, ", "), "per", t.interval)
}
