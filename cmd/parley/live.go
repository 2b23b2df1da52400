package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/metrics"
)

// liveBot is the bot serve answers with, which a reload replaces while it
// serves: the new bot is built beside the old one and swapped in at once;
// questions already asked finish on the old one, which is closed after
// them. It has the methods the adapters use.
type liveBot struct {
	mu  sync.RWMutex
	cur *held
	// retiring counts old bots waiting for their questions to finish.
	retiring sync.WaitGroup
}

// held is one bot and the calls in flight on it.
type held struct {
	bot      *bot.Bot
	inflight sync.WaitGroup
}

func newLiveBot(b *bot.Bot) *liveBot { return &liveBot{cur: &held{bot: b}} }

// acquire returns the current bot, counted in flight until release.
func (l *liveBot) acquire() *held {
	l.mu.RLock()
	defer l.mu.RUnlock()
	h := l.cur
	// Added under the read lock: swap, under the write lock, cannot start
	// waiting for h's calls between reading l.cur and counting this one.
	h.inflight.Add(1)
	return h
}

func (h *held) release() { h.inflight.Done() }

var errClosed = errors.New("the corpus is closed")

// Answer answers q with the current bot.
func (l *liveBot) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return bot.Answer{}, errClosed
	}
	return h.bot.Answer(ctx, q)
}

// Timeline returns the current bot's timeline of topic.
func (l *liveBot) Timeline(ctx context.Context, topic string) (bot.Timeline, error) {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return bot.Timeline{}, errClosed
	}
	return h.bot.Timeline(ctx, topic)
}

// Cast records a reader's vote with the current bot.
func (l *liveBot) Cast(v bot.Vote) {
	h := l.acquire()
	defer h.release()
	if h.bot != nil {
		h.bot.Cast(v)
	}
}

// Articles lists the current bot's articles.
func (l *liveBot) Articles() []bot.Article {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return nil
	}
	return h.bot.Articles()
}

// AsOf returns the current bot's newest date.
func (l *liveBot) AsOf() string {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return ""
	}
	return h.bot.AsOf()
}

// Suggest offers the current bot's suggestions.
func (l *liveBot) Suggest(typed string, n int) []string {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return nil
	}
	return h.bot.Suggest(typed, n)
}

// Ready reports whether a corpus is indexed and served.
func (l *liveBot) Ready() error {
	h := l.acquire()
	defer h.release()
	if h.bot == nil {
		return errClosed
	}
	return nil
}

// swap serves b from now on, and closes the bot it replaces once the
// questions asked of it have been answered. A nil b serves nothing.
func (l *liveBot) swap(b *bot.Bot) {
	l.mu.Lock()
	old := l.cur
	l.cur = &held{bot: b}
	l.mu.Unlock()
	l.retiring.Go(func() {
		old.inflight.Wait()
		if old.bot != nil {
			old.bot.Close()
		}
	})
}

// Close stops serving and closes the bot once its questions are answered.
func (l *liveBot) Close() {
	l.swap(nil)
	l.retiring.Wait()
}

// corpusMetrics publishes the size and date of b's corpus.
func corpusMetrics(m *metrics.Metrics, b *bot.Bot) {
	passages := 0
	var newest time.Time
	for _, a := range b.Articles() {
		passages += a.Passages
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if t, err := time.Parse(layout, a.Published); err == nil {
				if t.After(newest) {
					newest = t
				}
				break
			}
		}
	}
	m.Corpus(len(b.Articles()), passages, newest)
}
