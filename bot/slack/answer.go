package slack

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/parley-newsroom/parley/bot"
)

// replyKind says where a reply goes, which decides what it shows.
type replyKind int

const (
	threadReply  replyKind = iota // under the question: no need to repeat it
	privateReply                  // /talks: the question, and a button to share
	sharedReply                   // shared from /talks: the question
)

// reply answers a question asked in a conversation, in its thread. If
// Slack refuses the reply, the asker is told why where Slack allows.
func (a *Adapter) reply(ctx context.Context, q question) {
	start := time.Now()
	m, hits, _ := a.compose(ctx, q, threadReply)
	if a.gaveUp(ctx, q) {
		return
	}
	if err := a.post(ctx, q.channel, q.thread, m); err != nil {
		a.postFailed("chat.postMessage", q.channel, err)
		if err := a.postEphemeral(ctx, q.channel, q.user, q.thread, renderText(apology(err))); err != nil {
			a.postFailed("chat.postEphemeral", q.channel, err)
		}
		return
	}
	a.log.Info("answered", "channel", q.channel, "hits", hits, "elapsed", time.Since(start))
}

// answerPrivately answers /talks where only the asker sees it.
func (a *Adapter) answerPrivately(ctx context.Context, q question, responseURL string) {
	start := time.Now()
	m, hits, _ := a.compose(ctx, q, privateReply)
	if a.gaveUp(ctx, q) {
		return
	}
	if err := a.respond(ctx, responseURL, q, m); err != nil {
		a.postFailed("response_url", q.channel, err)
		return
	}
	a.log.Info("answered privately", "channel", q.channel, "hits", hits, "elapsed", time.Since(start))
}

// share posts the answer to a /talks question in the channel for everyone,
// asking the question again, and removes the private copy.
func (a *Adapter) share(ctx context.Context, q question, responseURL string) {
	start := time.Now()
	m, hits, err := a.compose(ctx, q, sharedReply)
	if a.gaveUp(ctx, q) {
		return
	}
	if err != nil {
		// Only the person sharing needs to hear that it failed.
		if err := a.respond(ctx, responseURL, q, m); err != nil {
			a.postFailed("response_url", q.channel, err)
		}
		return
	}
	if err := a.post(ctx, q.channel, "", m); err != nil {
		a.postFailed("chat.postMessage", q.channel, err)
		if err := a.respond(ctx, responseURL, q, renderText(apology(err))); err != nil {
			a.postFailed("response_url", q.channel, err)
		}
		return
	}
	if a.trusted(responseURL) {
		if err := a.deleteOriginal(ctx, responseURL); err != nil {
			a.log.Warn("could not remove the private answer", "channel", q.channel, "code", errorCode(err), "err", err)
		}
	}
	a.log.Info("shared", "channel", q.channel, "hits", hits, "elapsed", time.Since(start))
}

// gaveUp reports whether the question's time ran out or Shutdown cancelled
// it, in which case there is no one left to tell.
func (a *Adapter) gaveUp(ctx context.Context, q question) bool {
	if ctx.Err() == nil {
		return false
	}
	a.log.Warn("gave up on a question", "channel", q.channel, "err", ctx.Err())
	return true
}

// compose answers q and renders the reply. If the bot fails, the reply is
// one polite sentence and err says why; the error is logged here.
func (a *Adapter) compose(ctx context.Context, q question, kind replyKind) (m message, hits int, err error) {
	if isHelp(q.text) || (kind == privateReply && strings.TrimSpace(q.text) == "") {
		return helpMessage(), 0, nil
	}
	ans, err := a.answerer.Answer(ctx, bot.Question{Text: q.text})
	if err != nil {
		level := slog.LevelError
		if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) {
			level = slog.LevelInfo
		}
		a.log.Log(ctx, level, "no answer", "channel", q.channel, "err", err)
		return renderText(bot.UserMessage(err)), 0, err
	}
	var o renderOptions
	switch kind {
	case privateReply:
		o = renderOptions{question: ans.Question, share: true}
	case sharedReply:
		o = renderOptions{question: ans.Question}
	}
	return render(ans, o), len(ans.Quotes), nil
}

// isHelp reports whether text asks for help.
func isHelp(text string) bool {
	return strings.EqualFold(strings.Trim(text, " \t\n?!."), "help")
}

// apology returns the sentence telling a user that Slack refused a reply.
func apology(err error) string {
	switch errorCode(err) {
	case "not_in_channel", "channel_not_found":
		return "I couldn't post in this channel — please invite me with /invite @Parley."
	case "is_archived":
		return "I can't post in an archived channel."
	case "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel":
		return "I'm not allowed to post in this channel."
	case "ratelimited", "http_429":
		return "Slack is busy right now; please ask me again in a minute."
	}
	return "Sorry, I couldn't post my answer; please try again in a moment."
}
