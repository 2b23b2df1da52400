package main

import (
	"context"
	"testing"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

func loadFixture(t *testing.T) *bot.Bot {
	t.Helper()
	b, err := bot.Load(context.Background(), bot.Source{Files: bottest.Corpus(), Name: "fixture"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A swap serves the new bot at once; a question in flight on the old one
// finishes on it, and the old one is closed only after.
func TestLiveBotSwap(t *testing.T) {
	old, next := loadFixture(t), loadFixture(t)
	l := newLiveBot(old)
	q := bot.Question{Text: "What did Trump warn Iran about?"}

	inflight := l.acquire() // a question being answered on the old bot
	l.swap(next)
	if got := l.acquire(); got.bot != next {
		t.Fatal("after the swap, questions still go to the old bot")
	} else {
		got.release()
	}
	if _, err := inflight.bot.Answer(context.Background(), q); err != nil {
		t.Fatalf("the question in flight failed on the old bot: %v", err)
	}
	inflight.release()
	l.retiring.Wait()
	if _, err := old.Answer(context.Background(), q); err == nil {
		t.Error("the old bot still answers after its questions finished; want it closed")
	}
	if a, err := l.Answer(context.Background(), q); err != nil || !a.Answered {
		t.Errorf("the new bot: %v, answered %v", err, a.Answered)
	}
	l.Close()
	if _, err := l.Answer(context.Background(), q); err == nil || l.Ready() == nil {
		t.Error("a closed liveBot still answers or says it is ready")
	}
}

// Timeline and Cast reach the current bot, and after Close neither fails
// loudly: a timeline is an error, a vote is dropped.
func TestLiveBotTimelineAndCast(t *testing.T) {
	l := newLiveBot(loadFixture(t))
	tl, err := l.Timeline(context.Background(), "")
	if err != nil || len(tl.Events) == 0 {
		t.Errorf("Timeline = %d events, %v; want the fixture's dated events", len(tl.Events), err)
	}
	l.Cast(bot.Vote{Platform: "slack", User: "U1", Question: "q", Up: true})
	l.Close()
	if _, err := l.Timeline(context.Background(), ""); err == nil {
		t.Error("a closed liveBot still gives a timeline")
	}
	l.Cast(bot.Vote{Platform: "slack", User: "U1", Question: "q"})
}
