package slack

import (
	"context"
	"errors"
	"time"

	"github.com/parley-newsroom/parley/internal/delivery"
)

// task is a question taken from Slack: where to answer it, how, and the
// keys that identify its delivery.
type task struct {
	// keys identify the delivery; if any was seen recently, the task is a
	// repeat and is dropped.
	keys []string
	kind replyKind
	q    question
	// responseURL answers /talks and the Share button.
	responseURL string
	arrived     time.Time
	// limited is set when the asker is over the rate limit: the reply is
	// the limit's polite sentence instead of an answer.
	limited bool
	// elsewhere is set for a mention in a channel Parley does not answer
	// in: the reply is one polite line, seen by the asker alone.
	elsewhere bool
	// action is the button pressed, for a press of "Copy citation", 👍 or
	// 👎 (and answerID the answer it is under); "" for a question.
	action   string
	answerID string
}

var errRepeat = errors.New("delivery seen before")

// take queues t unless it repeats a recent delivery (errRepeat), the queue
// is full (delivery.ErrFull) or the adapter is shutting down
// (delivery.ErrClosed). A task refused is not remembered, so Slack's next
// delivery of it is taken.
func (a *Adapter) take(t task) error {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.seen.contains(t.keys, now) {
		a.seen.add(t.keys, now)
		a.metrics.Repeat(platform)
		return errRepeat
	}
	ticket, err := a.queue.Reserve()
	if err != nil {
		reason := "queue full"
		if errors.Is(err, delivery.ErrClosed) {
			reason = "shutting down"
		}
		a.metrics.Rejected(platform, reason)
		a.refused.Add(reason)
		return err
	}
	a.seen.add(t.keys, now)
	t.arrived = now
	// A press or a share asks no question of the bot, so it is not counted.
	t.limited = t.action == "" && t.kind != sharedReply && !t.elsewhere && !a.limiter.Allow(platform+"/"+t.q.user)
	ticket.Submit(a.job(t))
	return nil
}

// job is the work of answering t.
func (a *Adapter) job(t task) delivery.Job {
	j := delivery.Job{
		Arrived: t.arrived,
		Deliver: func(ctx context.Context) error { return a.deliver(ctx, t) },
		Fail:    func(ctx context.Context, err error) { a.fail(ctx, t, err) },
	}
	if t.kind != threadReply && a.trusted(t.responseURL) {
		j.Expires = t.arrived.Add(responseURLLifetime)
	}
	return j
}
