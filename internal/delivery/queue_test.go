package delivery

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"
)

// recorder records what became of each job.
type recorder struct {
	mu        sync.Mutex
	delivered map[int]int
	failed    map[int]error
	deadlines map[int]time.Time
}

func newRecorder() *recorder {
	return &recorder{delivered: map[int]int{}, failed: map[int]error{}, deadlines: map[int]time.Time{}}
}

// job returns a job that waits for gate (or its context) and records.
func (r *recorder) job(i int, gate <-chan struct{}) Job {
	return Job{
		Deliver: func(ctx context.Context) error {
			d, _ := Deadline(ctx)
			r.mu.Lock()
			r.deadlines[i] = d
			r.mu.Unlock()
			select {
			case <-gate:
			case <-ctx.Done():
				return ctx.Err()
			}
			r.mu.Lock()
			r.delivered[i]++
			r.mu.Unlock()
			return nil
		},
		Fail: func(_ context.Context, err error) {
			r.mu.Lock()
			r.failed[i] = err
			r.mu.Unlock()
		},
	}
}

func (r *recorder) counts() (delivered, failed int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.delivered {
		delivered += n
	}
	return delivered, len(r.failed)
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// A backlog waits in the queue, not in goroutines, and every job is
// delivered once.
func TestBacklog(t *testing.T) {
	before := runtime.NumGoroutine()
	q := NewQueue("test", Config{Workers: 4, Size: 500, Timeout: time.Minute}, discard(), nil, nil)
	rec := newRecorder()
	gate := make(chan struct{})
	for i := range 500 {
		if err := q.Submit(rec.job(i, gate)); err != nil {
			t.Fatalf("Submit %d: %v", i, err)
		}
	}
	if n := runtime.NumGoroutine() - before; n > 4+2 {
		t.Errorf("%d goroutines more with 500 jobs queued; want the 4 workers", n)
	}
	if d := q.Depth(); d < 496 {
		t.Errorf("depth %d; want at least 496 waiting", d)
	}
	close(gate)
	if err := q.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	delivered, failed := rec.counts()
	if delivered != 500 || failed != 0 {
		t.Errorf("%d delivered, %d failed; want 500 and 0", delivered, failed)
	}
	for i, n := range rec.delivered {
		if n != 1 {
			t.Errorf("job %d delivered %d times", i, n)
		}
	}
}

// A full queue refuses the next job; a place given back is free again.
func TestFull(t *testing.T) {
	q := NewQueue("test", Config{Workers: 1, Size: 2, Timeout: time.Minute}, discard(), nil, nil)
	rec := newRecorder()
	gate := make(chan struct{})
	started := make(chan struct{})
	first := rec.job(0, gate)
	deliver := first.Deliver
	first.Deliver = func(ctx context.Context) error { close(started); return deliver(ctx) }
	q.Submit(first)
	<-started // the worker holds the first; two more fit
	t1, err1 := q.Reserve()
	t2, err2 := q.Reserve()
	if err1 != nil || err2 != nil {
		t.Fatalf("Reserve = %v, %v; want two places", err1, err2)
	}
	if _, err := q.Reserve(); !errors.Is(err, ErrFull) {
		t.Errorf("third Reserve = %v; want ErrFull", err)
	}
	t1.Cancel()
	t3, err := q.Reserve()
	if err != nil {
		t.Fatalf("Reserve after Cancel = %v", err)
	}
	t3.Submit(rec.job(3, gate))
	t2.Submit(rec.job(2, gate))
	close(gate)
	q.Shutdown(context.Background())
	if _, err := q.Reserve(); !errors.Is(err, ErrClosed) {
		t.Errorf("Reserve after Shutdown = %v; want ErrClosed", err)
	}
}

// The delivery deadline counts from when a worker takes the job, capped
// by when the platform stops taking replies.
func TestDeadlineFromTake(t *testing.T) {
	now := time.Date(2026, 6, 24, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	q := NewQueue("test", Config{Workers: 1, Size: 10, Timeout: 2 * time.Minute}, discard(), nil, clock)
	rec := newRecorder()
	gate := make(chan struct{})
	close(gate)
	hold := make(chan struct{})
	started := make(chan struct{})
	q.Submit(Job{Deliver: func(context.Context) error { close(started); <-hold; return nil }})
	<-started
	q.Submit(rec.job(1, gate))
	j := rec.job(2, gate)
	j.Expires = now.Add(10*time.Minute + time.Minute)
	q.Submit(j)
	mu.Lock()
	now = now.Add(10 * time.Minute) // the jobs wait ten minutes in the queue
	taken := now
	mu.Unlock()
	close(hold)
	q.Shutdown(context.Background())
	if got, want := rec.deadlines[1], taken.Add(2*time.Minute); !got.Equal(want) {
		t.Errorf("deadline %v; want %v, two minutes from when it was taken", got, want)
	}
	if got, want := rec.deadlines[2], j.Expires; !got.Equal(want) {
		t.Errorf("deadline %v; want %v, when the platform stops taking replies", got, want)
	}
}

// Shutdown finishes the queued jobs while its context lasts.
func TestShutdownDrains(t *testing.T) {
	q := NewQueue("test", Config{Workers: 2, Size: 50, Timeout: time.Minute}, discard(), nil, nil)
	rec := newRecorder()
	gate := make(chan struct{})
	for i := range 50 {
		q.Submit(rec.job(i, gate))
	}
	go func() { time.Sleep(20 * time.Millisecond); close(gate) }()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := q.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	if d, f := rec.counts(); d != 50 || f != 0 {
		t.Errorf("%d delivered, %d failed; want 50 and 0", d, f)
	}
}

// When the grace runs out, the jobs in flight are cancelled and every
// job left reports ErrShutdown, each once.
func TestShutdownGivesUp(t *testing.T) {
	q := NewQueue("test", Config{Workers: 2, Size: 20, Timeout: time.Minute}, discard(), nil, nil)
	rec := newRecorder()
	gate := make(chan struct{}) // never opened: the platform hangs
	for i := range 10 {
		q.Submit(rec.job(i, gate))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := q.Shutdown(ctx)
	if err == nil {
		t.Fatal("Shutdown = nil; want the count of questions given up")
	}
	d, f := rec.counts()
	if d != 0 || f != 10 {
		t.Errorf("%d delivered, %d failed; want 0 and 10", d, f)
	}
	for i, e := range rec.failed {
		if !errors.Is(e, ErrShutdown) {
			t.Errorf("job %d failed with %v; want ErrShutdown", i, e)
		}
	}
}
