// Package delivery gets acknowledged questions answered. Each platform has
// one bounded Queue served by a bounded pool of workers, so a burst of
// questions waits in line instead of piling up goroutines, and a full
// queue is refused before the platform is told "received". A Retrier
// calls the platform's API until the reply is delivered: network errors
// and 5xx are retried with exponential backoff and jitter, a 429 waits as
// long as its Retry-After asks, for every call on the same route, and no
// try is made after the job's deadline.
//
// A job's deadline counts from when a worker takes it, not from when it
// arrived, so time spent in the queue never eats its delivery budget; the
// platform's own validity window (Discord's 15-minute interaction token,
// Slack's 30-minute response URL) caps it.
package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/parley-newsroom/parley/internal/metrics"
)

// Errors from Reserve, Submit and the jobs' Fail.
var (
	// ErrFull: the queue holds as many questions as it may.
	ErrFull = errors.New("queue full")
	// ErrClosed: the queue no longer takes questions (shutting down).
	ErrClosed = errors.New("shutting down")
	// ErrShutdown: shutdown's grace ended before the job was delivered.
	ErrShutdown = errors.New("shut down before the reply was delivered")
)

// Job is one acknowledged question.
type Job struct {
	// Arrived is when the platform handed Parley the question.
	Arrived time.Time
	// Expires is when the platform stops taking a reply to it; the zero
	// time means never.
	Expires time.Time
	// Deliver answers the question and delivers the reply, returning nil
	// once it is delivered. Its context ends at the job's deadline, or
	// when shutdown gives up on it.
	Deliver func(ctx context.Context) error
	// Fail reports a job that will not be delivered: why (err), logged
	// with the question's IDs, and an apology where the platform allows,
	// within ctx.
	Fail func(ctx context.Context, err error)
}

// Config sizes a queue.
type Config struct {
	Workers int           // questions answered at once
	Size    int           // questions waiting at most
	Timeout time.Duration // the delivery budget, from when a worker takes a job
}

// failTimeout bounds a job's Fail (its apology) after a failed delivery.
const failTimeout = 10 * time.Second

// Queue is a bounded queue of jobs and the workers that run them.
type Queue struct {
	platform string
	cfg      Config
	log      *slog.Logger
	metrics  *metrics.Metrics
	now      func() time.Time

	jobs chan Job
	// base is every job's context; Shutdown cancels it, with ErrShutdown
	// as its cause, when the grace is up.
	base     context.Context
	giveUp   context.CancelCauseFunc
	handBack context.Context // Fail's context for jobs given up at shutdown
	// life ends when Shutdown returns, bounding every Fail.
	life    context.Context
	endLife context.CancelFunc
	drained chan struct{} // closed once closed and nothing is queued
	workers sync.WaitGroup

	mu       sync.Mutex
	reserved int // queued jobs and unused tickets
	busy     int
	closed   bool
	lost     int // jobs given up at shutdown
}

// NewQueue starts a queue and its workers for platform. A nil now means
// time.Now.
func NewQueue(platform string, cfg Config, log *slog.Logger, m *metrics.Metrics, now func() time.Time) *Queue {
	if now == nil {
		now = time.Now
	}
	cfg.Workers, cfg.Size = max(cfg.Workers, 1), max(cfg.Size, 1)
	q := &Queue{platform: platform, cfg: cfg, log: log, metrics: m, now: now,
		jobs: make(chan Job, cfg.Size), drained: make(chan struct{})}
	q.base, q.giveUp = context.WithCancelCause(context.Background())
	q.handBack = context.Background()
	q.life, q.endLife = context.WithCancel(context.Background())
	for range cfg.Workers {
		q.workers.Go(q.work)
	}
	return q
}

// Ticket is a place in the queue, taken before the platform is told the
// question was received and used once it has been.
type Ticket struct {
	q    *Queue
	once sync.Once
}

// Reserve takes a place in the queue, or returns ErrFull or ErrClosed.
func (q *Queue) Reserve() (*Ticket, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.closed:
		return nil, ErrClosed
	case q.reserved >= q.cfg.Size:
		return nil, ErrFull
	}
	q.reserved++
	q.report()
	return &Ticket{q: q}, nil
}

// Submit queues j in the ticket's place. It never blocks.
func (t *Ticket) Submit(j Job) {
	t.once.Do(func() { t.q.jobs <- j })
}

// Cancel gives the ticket's place back unused.
func (t *Ticket) Cancel() {
	t.once.Do(func() {
		t.q.mu.Lock()
		defer t.q.mu.Unlock()
		t.q.reserved--
		t.q.report()
		t.q.checkDrained()
	})
}

// Submit queues j, or returns ErrFull or ErrClosed.
func (q *Queue) Submit(j Job) error {
	t, err := q.Reserve()
	if err != nil {
		return err
	}
	t.Submit(j)
	return nil
}

// Depth returns how many questions wait for a worker.
func (q *Queue) Depth() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.reserved
}

// report publishes the queue's depth; q.mu is held.
func (q *Queue) report() { q.metrics.Queue(q.platform, q.reserved, q.busy) }

// checkDrained closes drained once the queue is closed and empty; q.mu is
// held.
func (q *Queue) checkDrained() {
	if q.closed && q.reserved == 0 {
		select {
		case <-q.drained:
		default:
			close(q.drained)
		}
	}
}

// work runs jobs until the queue is closed and drained.
func (q *Queue) work() {
	for {
		select {
		case j := <-q.jobs:
			q.took(1)
			q.run(j)
			q.mu.Lock()
			q.busy--
			q.report()
			q.mu.Unlock()
		case <-q.drained:
			return
		}
	}
}

// took accounts for a job taken from the queue, busy more workers busy.
func (q *Queue) took(busy int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.reserved--
	q.busy += busy
	q.report()
	q.checkDrained()
}

// run delivers one job within its deadline, or reports its failure.
func (q *Queue) run(j Job) {
	deadline := q.now().Add(q.cfg.Timeout)
	if !j.Expires.IsZero() && j.Expires.Before(deadline) {
		deadline = j.Expires
	}
	if q.base.Err() != nil {
		q.abandon(j)
		return
	}
	ctx, cancel := withDeadline(q.base, deadline, q.now)
	err := j.Deliver(ctx)
	cancel()
	switch {
	case err == nil:
		return
	case errors.Is(context.Cause(ctx), ErrShutdown):
		q.abandon(j)
		return
	}
	ctx, cancel = withDeadline(q.life, q.now().Add(failTimeout), q.now)
	if !j.Expires.IsZero() {
		ctx, cancel = withDeadline(ctx, j.Expires, q.now)
	}
	defer cancel()
	j.Fail(ctx, err)
}

// abandon reports a job given up at shutdown.
func (q *Queue) abandon(j Job) {
	q.mu.Lock()
	q.lost++
	ctx := q.handBack
	q.mu.Unlock()
	j.Fail(ctx, ErrShutdown)
}

// Shutdown stops taking jobs and waits for the queued ones to be
// delivered. When ctx is within handBackTime of its deadline (or done),
// it gives up: it cancels the jobs in flight and has every job left
// report its failure, within what is left of ctx. It returns nil when
// every job was delivered or failed on its own, else an error counting
// the jobs given up.
func (q *Queue) Shutdown(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	q.checkDrained()
	q.mu.Unlock()
	done := make(chan struct{})
	go func() {
		q.workers.Wait()
		close(done)
	}()
	drain, cancel := context.WithCancel(ctx)
	defer cancel()
	if d, ok := ctx.Deadline(); ok {
		drain, cancel = context.WithDeadline(ctx, d.Add(-handBackTime(time.Until(d))))
		defer cancel()
	}
	select {
	case <-done:
		return nil
	case <-drain.Done():
	}
	defer q.endLife()
	q.mu.Lock()
	q.handBack = ctx
	q.mu.Unlock()
	q.giveUp(ErrShutdown)
	// Report what is still queued here as well as in the workers, so that
	// every question is logged even if a worker is stuck.
	for more := true; more; {
		select {
		case j := <-q.jobs:
			q.took(0)
			q.abandon(j)
		default:
			more = false
		}
	}
	select {
	case <-done:
	case <-ctx.Done():
		// The jobs in flight were cancelled; give them a moment to say so.
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return fmt.Errorf("%s: %d questions not answered before the grace ran out", q.platform, q.lost+q.reserved)
}

// handBackTime is the part of the grace kept for reporting and apologising
// for the jobs given up: a tenth, at most a second. A delivery still under
// way is worth more than an apology, which a slow platform would not take
// in time anyway.
func handBackTime(grace time.Duration) time.Duration {
	return min(grace/10, time.Second)
}
