package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/parley-newsroom/parley/internal/metrics"
	"github.com/parley-newsroom/parley/internal/tally"
)

// Policy bounds the retries of one delivery.
type Policy struct {
	// First is the first backoff after a 5xx or network error, doubled
	// for each further one up to Max; each wait is jittered down by up to
	// half. A 429's Retry-After is waited in full, whatever Max says.
	First, Max time.Duration
	// Attempts bounds the calls made for one delivery.
	Attempts int
}

// DefaultPolicy: from half a second to 20 seconds between tries, at most
// 30 tries; a delivery deadline of minutes ends it long before that.
var DefaultPolicy = Policy{First: 500 * time.Millisecond, Max: 20 * time.Second, Attempts: 30}

// Verdict is what a platform's answer to one call means for the next.
type Verdict struct {
	// Status names the outcome for metrics and logs: "ok", an HTTP status
	// ("500", "429"), "network", "timeout", or the platform's error code.
	Status string
	// Retry says whether to try again.
	Retry bool
	// After is the wait the platform asked for (Retry-After); 0 means
	// back off by the policy.
	After time.Duration
	// Global makes the wait hold for every route, not only the call's.
	Global bool
}

// Failure is a delivery given up: the last error, the calls made, and the
// last status.
type Failure struct {
	Err      error
	Attempts int
	Status   string
	// Reason says why Parley stopped: "refused" (the platform will never
	// take it), "deadline" (the next try would come too late), "attempts"
	// or "cancelled".
	Reason string
}

func (f *Failure) Error() string {
	return fmt.Sprintf("gave up after %d calls (%s, last status %s): %v", f.Attempts, f.Reason, f.Status, f.Err)
}

func (f *Failure) Unwrap() error { return f.Err }

// Retrier makes a platform's API calls, retrying them by its policy.
type Retrier struct {
	platform string
	policy   Policy
	classify func(error) Verdict
	log      *slog.Logger
	metrics  *metrics.Metrics
	routes   *routes
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
	jitter   func() float64 // in [0, 1)
	failing  *tally.Tally
}

// NewRetrier returns a Retrier for platform that reads each call's outcome
// with classify. Retries are logged at Debug, and in aggregate at Warn at
// most once a minute.
func NewRetrier(platform string, p Policy, classify func(error) Verdict, log *slog.Logger, m *metrics.Metrics) *Retrier {
	return &Retrier{platform: platform, policy: p, classify: classify, log: log, metrics: m,
		routes: newRoutes(), now: time.Now, sleep: Sleep, jitter: rand.Float64,
		failing: tally.New(log, slog.LevelWarn, platform+" API calls failing; retrying", time.Minute)}
}

// WithClock makes r read the time from now and wait with sleep; for tests.
func (r *Retrier) WithClock(now func() time.Time, sleep func(context.Context, time.Duration) error) *Retrier {
	r.now, r.sleep = now, sleep
	return r
}

// Do calls call until it returns nil or the verdict on its error says not
// to retry, the policy's attempts are spent, or the next try would come
// after ctx's deadline. route names the call's rate-limit bucket: a 429
// holds back every call on the route (or, when global, every call) until
// its Retry-After has passed. A give-up is a *Failure.
func (r *Retrier) Do(ctx context.Context, route string, call func(context.Context) error) error {
	deadline, hasDeadline := Deadline(ctx)
	var last error
	var v Verdict
	for attempt := 1; ; attempt++ {
		if until := r.routes.until(route); until.After(r.now()) {
			if hasDeadline && until.After(deadline) {
				held := fmt.Errorf("%s held back by a rate limit until %s, after the deadline", route, until.Format(time.RFC3339))
				return r.giveUp(cmpErr(last, held), attempt-1, cmpStatus(v.Status, "429"), "deadline")
			}
			if err := r.sleep(ctx, until.Sub(r.now())); err != nil {
				return r.giveUp(cmpErr(last, err), attempt-1, v.Status, "cancelled")
			}
		}
		last = call(ctx)
		v = r.classify(last)
		r.metrics.Attempt(r.platform, v.Status)
		switch {
		case last == nil:
			return nil
		case ctx.Err() != nil:
			return r.giveUp(last, attempt, v.Status, "cancelled")
		case !v.Retry:
			return r.giveUp(last, attempt, v.Status, "refused")
		case attempt >= r.policy.Attempts:
			return r.giveUp(last, attempt, v.Status, "attempts")
		}
		wait := r.wait(route, v, attempt)
		// A try must start before the deadline, when there is still time
		// for it to finish.
		if hasDeadline && !r.now().Add(wait).Before(deadline) {
			return r.giveUp(last, attempt, v.Status, "deadline")
		}
		r.metrics.Retry(r.platform, v.Status)
		r.failing.Add(v.Status)
		r.log.Debug("retrying", "route", route, "status", v.Status, "attempt", attempt, "wait", wait, "err", last)
		if err := r.sleep(ctx, wait); err != nil {
			return r.giveUp(last, attempt, v.Status, "cancelled")
		}
	}
}

// wait returns how long to wait before the next try, and holds the route
// back for that long when the platform asked for it.
func (r *Retrier) wait(route string, v Verdict, attempt int) time.Duration {
	if v.After > 0 {
		key := route
		if v.Global {
			key = globalRoute
		}
		r.routes.hold(key, r.now().Add(v.After), r.now())
		return v.After
	}
	d := r.policy.First << min(attempt-1, 30)
	if d <= 0 || d > r.policy.Max {
		d = r.policy.Max
	}
	// Equal jitter: between half the backoff and all of it, so that
	// callers that failed together do not retry together.
	d = d/2 + time.Duration(r.jitter()*float64(d/2))
	if v.Status == "429" {
		// A 429 without Retry-After still holds the route back.
		r.routes.hold(route, r.now().Add(d), r.now())
	}
	return d
}

func (r *Retrier) giveUp(err error, attempts int, status, reason string) error {
	if err == nil {
		err = errors.New("no call made")
	}
	r.metrics.Failure(r.platform, status)
	return &Failure{Err: err, Attempts: attempts, Status: status, Reason: reason}
}

func cmpStatus(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// Sleep waits for d or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type deadlineKey struct{}

// withDeadline returns a context that ends at deadline as read by now:
// it carries the deadline for Deadline, and a real timer for the time
// until it.
func withDeadline(parent context.Context, deadline time.Time, now func() time.Time) (context.Context, context.CancelFunc) {
	if d, ok := Deadline(parent); ok && d.Before(deadline) {
		deadline = d
	}
	ctx, cancel := context.WithTimeout(parent, deadline.Sub(now()))
	return context.WithValue(ctx, deadlineKey{}, deadline), cancel
}

// Deadline returns the delivery deadline ctx carries, by the queue's
// clock; without one, ctx's own deadline.
func Deadline(ctx context.Context) (time.Time, bool) {
	if d, ok := ctx.Value(deadlineKey{}).(time.Time); ok {
		return d, true
	}
	return ctx.Deadline()
}
