package delivery

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// statusError is an API error with an HTTP status and an optional
// Retry-After.
type statusError struct {
	status int
	after  time.Duration
}

func (e statusError) Error() string { return "HTTP " + strconv.Itoa(e.status) }

func classify(err error) Verdict {
	var se statusError
	switch {
	case err == nil:
		return Verdict{Status: "ok"}
	case errors.As(err, &se) && se.status == http.StatusTooManyRequests:
		return Verdict{Status: "429", Retry: true, After: se.after}
	case errors.As(err, &se) && se.status >= 500:
		return Verdict{Status: strconv.Itoa(se.status), Retry: true}
	case errors.As(err, &se):
		return Verdict{Status: strconv.Itoa(se.status)}
	}
	return Verdict{Status: "network", Retry: true}
}

// testClock is a clock whose sleeps take no time.
type testClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *testClock) Now() time.Time { return c.now }

func (c *testClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return nil
}

func newTestRetrier(c *testClock) *Retrier {
	r := NewRetrier("test", DefaultPolicy, classify, slog.New(slog.DiscardHandler), nil).WithClock(c.Now, c.Sleep)
	r.jitter = func() float64 { return 0.5 }
	return r
}

// script returns a call that fails with errs in turn, then succeeds, and
// counts its calls.
func script(calls *int, errs ...error) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		if len(errs) == 0 {
			return nil
		}
		err := errs[0]
		errs = errs[1:]
		return err
	}
}

// deadlineIn returns a context whose delivery deadline is d after c's now.
func deadlineIn(c *testClock, d time.Duration) (context.Context, context.CancelFunc) {
	return withDeadline(context.Background(), c.now.Add(d), c.Now)
}

func TestRetryServerErrorsBackOff(t *testing.T) {
	c := &testClock{now: time.Unix(1_800_000_000, 0)}
	r := newTestRetrier(c)
	ctx, cancel := deadlineIn(c, 2*time.Minute)
	defer cancel()
	calls := 0
	e500 := statusError{status: 500}
	storm := []error{e500, e500, e500, e500, e500, e500, e500, errors.New("connection reset by peer")}
	if err := r.Do(ctx, "chat.postMessage", script(&calls, storm...)); err != nil {
		t.Fatalf("Do = %v; want the reply delivered after the storm", err)
	}
	if calls != 9 {
		t.Errorf("%d calls; want 9", calls)
	}
	// Exponential from 500 ms, capped at 20 s, each cut by a jitter of a
	// quarter here (the test's jitter is fixed at the middle).
	want := []time.Duration{375 * time.Millisecond, 750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second,
		6 * time.Second, 12 * time.Second, 15 * time.Second, 15 * time.Second}
	if diff := cmp.Diff(want, c.waits); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestRetryJitterBounds(t *testing.T) {
	for _, j := range []float64{0, 0.999} {
		c := &testClock{now: time.Unix(1_800_000_000, 0)}
		r := newTestRetrier(c)
		r.jitter = func() float64 { return j }
		calls := 0
		r.Do(context.Background(), "r", script(&calls, statusError{status: 503}, statusError{status: 503}))
		for i, w := range c.waits {
			full := DefaultPolicy.First << i
			if w < full/2 || w > full {
				t.Errorf("jitter %v: wait %d = %v; want within [%v, %v]", j, i, w, full/2, full)
			}
		}
	}
}

func TestRetryAfterInFull(t *testing.T) {
	c := &testClock{now: time.Unix(1_800_000_000, 0)}
	r := newTestRetrier(c)
	ctx, cancel := deadlineIn(c, 2*time.Minute)
	defer cancel()
	calls := 0
	if err := r.Do(ctx, "webhook/1", script(&calls, statusError{status: 429, after: 30 * time.Second})); err != nil {
		t.Fatalf("Do = %v", err)
	}
	if diff := cmp.Diff([]time.Duration{30 * time.Second}, c.waits); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	// The route stays held for the next call until the 30 s are up; a call
	// on another route goes at once.
	c.waits = nil
	c.now = c.now.Add(-10 * time.Second) // 20 s after the 429, as another caller sees it
	r.Do(ctx, "webhook/1", script(&calls))
	r.Do(ctx, "webhook/2", script(&calls))
	if diff := cmp.Diff([]time.Duration{10 * time.Second}, c.waits); diff != "" {
		t.Errorf("waits on the held route (-want +got):\n%s", diff)
	}
}

func TestRetryAfterPastTheDeadline(t *testing.T) {
	c := &testClock{now: time.Unix(1_800_000_000, 0)}
	r := newTestRetrier(c)
	ctx, cancel := deadlineIn(c, 20*time.Second)
	defer cancel()
	calls := 0
	err := r.Do(ctx, "chat.postMessage", script(&calls, statusError{status: 429, after: 30 * time.Second}))
	var f *Failure
	if !errors.As(err, &f) || f.Reason != "deadline" || f.Status != "429" || f.Attempts != 1 {
		t.Fatalf("Do = %v; want a deadline failure after one 429", err)
	}
	if len(c.waits) != 0 {
		t.Errorf("waited %v for a retry that could not be in time", c.waits)
	}
	// A later call on the held route gives up at once, without a call.
	calls = 0
	ctx2, cancel2 := deadlineIn(c, 5*time.Second)
	defer cancel2()
	if err := r.Do(ctx2, "chat.postMessage", script(&calls)); !errors.As(err, &f) || calls != 0 {
		t.Errorf("Do on a route held past the deadline = %v after %d calls; want a failure and none", err, calls)
	}
}

func TestRetryRefusedAndBounded(t *testing.T) {
	c := &testClock{now: time.Unix(1_800_000_000, 0)}
	r := newTestRetrier(c)
	calls := 0
	err := r.Do(context.Background(), "r", script(&calls, statusError{status: 400}))
	var f *Failure
	if !errors.As(err, &f) || f.Reason != "refused" || calls != 1 {
		t.Errorf("a 400: Do = %v after %d calls; want refused after 1", err, calls)
	}
	r.policy.Attempts = 3
	calls = 0
	err = r.Do(context.Background(), "r", script(&calls, statusError{status: 500}, statusError{status: 500}, statusError{status: 500}, statusError{status: 500}))
	if !errors.As(err, &f) || f.Reason != "attempts" || calls != 3 {
		t.Errorf("500s: Do = %v after %d calls; want attempts after 3", err, calls)
	}
}
