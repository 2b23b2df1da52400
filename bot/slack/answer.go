package slack

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/metrics"
)

// replyKind says where a reply goes, which decides what it shows.
type replyKind int

const (
	threadReply  replyKind = iota // under the question: no need to repeat it
	privateReply                  // /talks: the question, and a button to share
	sharedReply                   // shared from /talks: the question
)

// reply is a composed reply and what the log and metrics say of it.
type reply struct {
	m        message
	private  bool   // for the asker alone, whatever the task's kind
	outcome  string // a metrics outcome: answered, not_covered, error, …
	passages int
	answer   time.Duration // the bot's time
	err      error         // the bot's error, when outcome is error
}

// deliver answers t and delivers the reply, returning nil once Slack has
// it.
func (a *Adapter) deliver(ctx context.Context, t task) error {
	if t.action != "" {
		return a.press(ctx, t)
	}
	a.log.Debug("question", "channel", t.q.channel, "message", t.q.message, "question", t.q.text)
	r := a.compose(ctx, t)
	var err error
	private := r.private || r.outcome == metrics.RateLimited || r.outcome == metrics.Elsewhere
	switch {
	case t.kind == threadReply && private:
		err = a.postEphemeral(ctx, t.q.channel, t.q.user, t.q.thread, r.m)
	case t.kind == threadReply:
		if t.q.thread != "" {
			// Before posting: a reply may follow the answer at once.
			a.answeredIn(t.q.channel, t.q.thread)
		}
		err = a.post(ctx, t.q.channel, t.q.thread, r.m)
	case t.kind == privateReply, r.err != nil, private:
		// Only the person sharing needs to hear that sharing failed.
		err = a.respond(ctx, t.responseURL, t.q, r.m)
	default:
		err = a.shareInChannel(ctx, t, r.m)
	}
	if err != nil {
		return err
	}
	elapsed := a.now().Sub(t.arrived)
	a.metrics.Question(platform, r.outcome, r.answer)
	a.metrics.Delivered(platform, elapsed)
	a.log.Info("answered", "channel", t.q.channel, "message", t.q.message, "outcome", r.outcome,
		"passages", r.passages, "elapsed", elapsed, "answer", r.answer)
	return nil
}

// shareInChannel posts a shared answer for everyone and removes the
// private copy it was shared from. It posts through the /talks command's
// response URL, which works where Parley is no member (a channel it was
// not invited to, a DM between people), while that URL lasts; otherwise,
// or when Slack refuses it, as Parley itself.
func (a *Adapter) shareInChannel(ctx context.Context, t task, m message) error {
	e, ok := a.shown.get(t.answerID, a.now())
	posted := false
	if ok && a.trusted(e.commandURL) && a.now().Before(e.arrived.Add(responseURLLifetime)) {
		err := a.respondInChannel(ctx, e.commandURL, t.q, m)
		if err != nil && ctx.Err() != nil {
			return err
		}
		if err != nil {
			a.log.Warn("could not share through the command's response URL; posting instead", "channel", t.q.channel, "code", errorCode(err), "err", err)
		}
		posted = err == nil
	}
	if !posted {
		if err := a.post(ctx, t.q.channel, "", m); err != nil {
			return err
		}
	}
	if a.trusted(t.responseURL) {
		if err := a.deleteOriginal(ctx, t.responseURL); err != nil {
			a.log.Warn("could not remove the private answer", "channel", t.q.channel, "code", errorCode(err), "err", err)
		}
	}
	return nil
}

// press answers a press of "Copy citation", 👍 or 👎, to whoever pressed
// it only: the answer's citations ready to paste, or thanks for the vote,
// which is recorded once per reader and answer.
func (a *Adapter) press(ctx context.Context, t task) error {
	var m message
	switch t.action {
	case copyAction:
		e, ok := a.shown.get(t.answerID, a.now())
		switch {
		case !ok:
			m = renderText(bot.Expired)
		case len(e.quotes) == 0:
			m = renderText(bot.NothingToCopy)
		default:
			m = renderCopy(e.quotes)
		}
	default:
		e, first, ok := a.shown.vote(t.answerID, t.q.user, a.now())
		switch {
		case !ok:
			m = renderText(bot.Expired)
		case !first:
			m = renderText(bot.AlreadyVoted)
		default:
			v := bot.Vote{Platform: platform, User: t.q.user, Question: e.question, Up: t.action == upAction, Answered: e.answered, Note: e.note}
			for _, q := range e.quotes {
				v.Passages = append(v.Passages, q.Citation)
			}
			a.answerer.Cast(v)
			m = renderText(bot.Thanks)
		}
	}
	if err := a.respond(ctx, t.responseURL, t.q, m); err != nil {
		return err
	}
	a.log.Info("pressed", "channel", t.q.channel, "message", t.q.message, "action", t.action)
	return nil
}

// fail reports a question whose reply could not be delivered: at ERROR,
// with its channel and message, in the metrics, and to the asker, when
// Slack takes that, as one polite sentence.
func (a *Adapter) fail(ctx context.Context, t task, err error) {
	reason, attrs := failure(err)
	a.metrics.Unanswered(platform, reason)
	a.log.Error("gave up: delivery failed", append([]any{"channel", t.q.channel, "message", t.q.message,
		"user", t.q.user, "reason", reason, "elapsed", a.now().Sub(t.arrived)}, attrs...)...)
	m := renderText(apology(err))
	var told error
	if t.kind == threadReply {
		told = a.postEphemeral(ctx, t.q.channel, t.q.user, t.q.thread, m)
	} else {
		told = a.respond(ctx, t.responseURL, t.q, m)
	}
	if told != nil {
		a.log.Warn("could not tell the asker", "channel", t.q.channel, "message", t.q.message, "code", errorCode(told), "err", told)
	}
}

// failure returns why a delivery failed, for the metrics, and what the
// log should say of it.
func failure(err error) (reason string, attrs []any) {
	if errors.Is(err, delivery.ErrShutdown) {
		return "shutdown", []any{"err", err}
	}
	if f, ok := errors.AsType[*delivery.Failure](err); ok {
		return f.Reason, []any{"attempts", f.Attempts, "status", f.Status, "code", errorCode(f.Err), "err", f.Err}
	}
	return "error", []any{"code", errorCode(err), "err", err}
}

// compose answers t's question and renders the reply. If the bot fails,
// the reply is one polite sentence and the error is logged here.
func (a *Adapter) compose(ctx context.Context, t task) reply {
	q := t.q
	switch {
	case t.elsewhere:
		return reply{m: renderText(bot.Elsewhere), outcome: metrics.Elsewhere}
	case t.limited:
		return reply{m: renderText(bot.RateLimited), outcome: metrics.RateLimited}
	case isHelp(q.text) || (t.kind == privateReply && strings.TrimSpace(q.text) == ""):
		return reply{m: helpMessage(), outcome: metrics.Help}
	}
	if t.kind == sharedReply {
		return a.composeShare(t)
	}
	o := renderOptions{id: newID()}
	if t.kind == privateReply {
		o.question, o.share = q.text, true
	}
	if topic, ok := timelineTopic(q.text); ok {
		return a.composeTimeline(ctx, t, topic, o)
	}
	start := a.now()
	ans, err := a.answerer.Answer(ctx, bot.Question{Text: q.text, Platform: platform, User: q.user})
	took := a.now().Sub(start)
	if err != nil {
		return a.failed(ctx, q, err, took)
	}
	if o.question != "" {
		o.question = ans.Question
	}
	m := render(ans, o)
	e := shownAnswer{question: ans.Question, answered: ans.Answered, note: ans.Note, quotes: m.shown, arrived: t.arrived}
	if t.kind == privateReply {
		shared := render(ans, renderOptions{question: ans.Question, id: o.id})
		shared.shown = nil // kept in e.quotes, without their passages
		e.commandURL, e.share = t.responseURL, &shared
	}
	a.shown.put(o.id, e, a.now())
	outcome := metrics.NotCovered
	if ans.Answered {
		outcome = metrics.Answered
	}
	return reply{m: m, outcome: outcome, passages: len(ans.Quotes), answer: took}
}

// composeShare returns the private answer t shares as the channel sees
// it, without asking the bot again: the channel gets what the asker saw,
// and a share is no question (not rate-limited, not logged as one). An
// answer Parley no longer remembers is not shared; its asker is told.
func (a *Adapter) composeShare(t task) reply {
	e, ok := a.shown.get(t.answerID, a.now())
	if !ok || e.share == nil {
		return reply{m: renderText(bot.Expired), outcome: metrics.Expired, private: true}
	}
	return reply{m: *e.share, outcome: metrics.Shared, passages: len(e.quotes)}
}

// composeTimeline renders the timeline of topic, and remembers a private
// one for its "Share in channel" button.
func (a *Adapter) composeTimeline(ctx context.Context, t task, topic string, o renderOptions) reply {
	start := a.now()
	tl, err := a.answerer.Timeline(ctx, topic)
	took := a.now().Sub(start)
	if err != nil {
		return a.failed(ctx, t.q, err, took)
	}
	m := renderTimeline(tl, o)
	if t.kind == privateReply {
		shared := renderTimeline(tl, renderOptions{question: o.question})
		shared.shown = nil
		a.shown.put(o.id, shownAnswer{question: t.q.text, arrived: t.arrived, commandURL: t.responseURL, share: &shared}, a.now())
	}
	return reply{m: m, outcome: metrics.Timeline, passages: len(tl.Events), answer: took}
}

// failed logs the bot's error and returns the reply that tells the asker
// in one polite sentence.
func (a *Adapter) failed(ctx context.Context, q question, err error, took time.Duration) reply {
	level := slog.LevelError
	var fe *bot.FilterError
	if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) || errors.As(err, &fe) {
		level = slog.LevelInfo
	}
	a.log.Log(ctx, level, "no answer", "channel", q.channel, "message", q.message, "err", err)
	return reply{m: renderText(bot.UserMessage(err)), outcome: metrics.Error, answer: took, err: err}
}

// isHelp reports whether text asks for help.
func isHelp(text string) bool {
	return strings.EqualFold(strings.Trim(text, " \t\n?!."), "help")
}

// apology returns the sentence telling a user that their reply could not
// be delivered, chosen by Slack's error code.
func apology(err error) string {
	if errors.Is(err, delivery.ErrShutdown) {
		return bot.Restarting
	}
	switch errorCode(err) {
	case "not_in_channel", "channel_not_found":
		return bot.NotInvited
	case "is_archived":
		return bot.Archived
	case "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel":
		return bot.Restricted
	case "ratelimited", "http_429":
		return bot.PlatformBusy("Slack")
	}
	return bot.NotPosted
}
