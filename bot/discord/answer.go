package discord

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/metrics"
)

// job is the work of answering k once Discord has its deferral. work
// counts it until it is delivered or its failure reported.
func (a *Adapter) job(k *ask) delivery.Job {
	a.work.Add(1)
	return delivery.Job{
		Arrived: k.received,
		Expires: k.received.Add(tokenLifetime),
		Deliver: func(ctx context.Context) error {
			err := a.answer(ctx, k)
			if err == nil {
				a.work.Done()
			}
			return err
		},
		Fail: func(ctx context.Context, err error) {
			defer a.work.Done()
			a.fail(ctx, k, err)
		},
	}
}

// answer answers an /ask or a /timeline and edits the answer into the
// deferred response.
func (a *Adapter) answer(ctx context.Context, k *ask) error {
	k.log.Debug("question", "question", k.question, "private", k.private, "timeline", k.timeline)
	start := a.now()
	m, outcome, passages := a.compose(ctx, k)
	took := a.now().Sub(start)
	err := a.edit(ctx, k, m)
	if status(err) == http.StatusBadRequest {
		// Discord refused the answer as sent: say so rather than leave
		// the user with "Parley is thinking…" until the token expires.
		k.log.Warn("Discord refused the answer; sending an apology instead", "status", status(err), "code", code(err), "err", err)
		err, outcome = a.edit(ctx, k, notice(bot.Unshowable)), metrics.Error
	}
	if err != nil {
		return err
	}
	elapsed := a.now().Sub(k.received)
	a.metrics.Question(platform, outcome, took)
	a.metrics.Delivered(platform, elapsed)
	k.log.Info("answered", "outcome", outcome, "passages", passages, "private", k.private, "elapsed", elapsed, "answer", took)
	return nil
}

// compose asks the bot and renders its reply: an answer, whose first page
// is shown and which is kept for the buttons under it ("More sources"
// pages through it without searching again), or a timeline. If the bot
// fails, the reply is one polite sentence and the error is logged here.
func (a *Adapter) compose(ctx context.Context, k *ask) (m message, outcome string, passages int) {
	if k.timeline {
		tl, err := a.bot.Timeline(ctx, k.question)
		if err != nil {
			return a.failed(ctx, k, err), metrics.Error, 0
		}
		return renderTimeline(tl), metrics.Timeline, len(tl.Events)
	}
	ans, err := a.bot.Answer(ctx, bot.Question{Text: k.question, K: bot.MaxPassages, Platform: platform, User: userID(k.in)})
	if err != nil {
		return a.failed(ctx, k, err), metrics.Error, 0
	}
	m, _ = renderAnswer(page{answer: ans, more: a.pages.put(ans)})
	outcome = metrics.NotCovered
	if ans.Answered {
		outcome = metrics.Answered
	}
	return m, outcome, len(ans.Quotes)
}

// failed logs the bot's error and returns the notice that tells the asker
// in one polite sentence.
func (a *Adapter) failed(ctx context.Context, k *ask, err error) message {
	level := slog.LevelError
	var fe *bot.FilterError
	if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) || errors.As(err, &fe) {
		level = slog.LevelInfo
	}
	k.log.Log(ctx, level, "no answer", "err", err)
	return notice(bot.UserMessage(err))
}

// edit replaces the deferred response to k with m.
func (a *Adapter) edit(ctx context.Context, k *ask, m message) error {
	appID := a.applicationID(k.in)
	if appID == "" {
		return errors.New("no application ID to edit the response with; set the application ID")
	}
	path := "/webhooks/" + appID + "/" + k.in.Token + "/messages/@original"
	return a.retrier.Do(ctx, "edit/"+k.in.ID, func(ctx context.Context) error {
		return a.call(ctx, http.MethodPatch, path, "PATCH /webhooks/"+appID+"/[token]/messages/@original", m.edit())
	})
}

// fail reports a question whose answer could not be delivered: at ERROR,
// with its channel and interaction, in the metrics, and, where Discord
// still takes it, to the asker, whose "thinking…" becomes a one-line
// apology.
func (a *Adapter) fail(ctx context.Context, k *ask, err error) {
	reason, attrs := failure(err)
	a.metrics.Unanswered(platform, reason)
	k.log.Error("gave up: delivery failed", append([]any{"user", userID(k.in), "reason", reason,
		"elapsed", a.now().Sub(k.received)}, attrs...)...)
	if code(err) == codeUnknownInteraction {
		return // the interaction is gone: there is nothing to replace
	}
	msg := bot.Late
	if errors.Is(err, delivery.ErrShutdown) {
		msg = bot.Restarting
	}
	if err := a.edit(ctx, k, notice(msg)); err != nil {
		k.log.Warn("could not replace the thinking… with an apology", "status", status(err), "code", code(err), "err", err)
	}
}

// failure returns why a delivery failed, for the metrics, and what the
// log should say of it.
func failure(err error) (reason string, attrs []any) {
	if errors.Is(err, delivery.ErrShutdown) {
		return "shutdown", []any{"err", err}
	}
	if f, ok := errors.AsType[*delivery.Failure](err); ok {
		return f.Reason, []any{"attempts", f.Attempts, "status", f.Status, "code", code(f.Err), "err", f.Err}
	}
	return "error", []any{"err", err}
}
