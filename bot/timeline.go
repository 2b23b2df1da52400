package bot

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/search"
)

// maxEvents bounds a timeline.
const maxEvents = 30

// Event is a dated event the coverage reports: a sentence that states a
// date, quoted verbatim with its citation.
type Event struct {
	// Date is the date the sentence states, for a reader ("April 17,
	// 2025", "2018"); Published is the same as 2025-04-17 or 2018.
	Date, Published string
	Quote           Quote
}

// Timeline is the dated events of the coverage, oldest first.
type Timeline struct {
	// Topic is what the events are about, "" for all of them.
	Topic  string
	Events []Event
	// Note says why there are none, when there are none.
	Note string
	// Scope says what part of the coverage the topic's filters searched.
	Scope string
	AsOf  string
}

// Timeline returns the dated events the coverage reports, oldest first:
// every sentence that states a date (never a date it does not state), one
// event each, about topic when it is given (filters such as since:2025
// work as in a question).
func (b *Bot) Timeline(ctx context.Context, topic string) (Timeline, error) {
	topic = Normalize(topic)
	if utf8.RuneCountInString(topic) > MaxQuestionLen {
		return Timeline{}, ErrQuestionTooLong
	}
	t := Timeline{Topic: topic, AsOf: b.asOf}
	s, err := b.parseFilters(topic)
	if err != nil {
		return Timeline{}, err
	}
	if len(s.scope) > 0 {
		t.Scope = "Searched coverage " + strings.Join(s.scope, ", ")
	}
	passages, err := b.timelinePassages(ctx, s)
	if err != nil {
		return Timeline{}, err
	}
	t.Events = events(passages, s.text != "")
	if len(t.Events) == 0 {
		t.Note = "The coverage states no dates about that."
	}
	return t, nil
}

// timelinePassages returns the passages a timeline reads, as hits: those
// about the topic, with how much of it each sentence holds, or all of the
// filter's.
func (b *Bot) timelinePassages(ctx context.Context, s scoped) ([]search.Hit, error) {
	var out []search.Hit
	if s.text == "" {
		for _, p := range b.corpus.Passages() {
			if admits(s.filter, p) {
				out = append(out, search.Hit{Passage: p})
			}
		}
		return out, nil
	}
	res, err := b.search.SearchWithin(ctx, s.text, maxEvents, s.filter)
	if err != nil {
		return nil, err
	}
	if !res.Verdict.Answered() && !res.Verdict.Closest {
		return nil, nil
	}
	out = res.Hits
	// In article order, so that events on one date read as written.
	slices.SortFunc(out, func(a, b search.Hit) int {
		return cmp.Or(cmp.Compare(a.Passage.Article.Slug, b.Passage.Article.Slug), cmp.Compare(a.Passage.Ordinal, b.Passage.Ordinal))
	})
	return out, nil
}

// admits reports whether a filter lets a passage through.
func admits(f search.Filter, p *corpus.Passage) bool {
	a := p.Article
	switch {
	case f.Outlet != "" && a.Outlet != f.Outlet, f.Article != "" && a.Slug != f.Article:
		return false
	case !f.Since.IsZero() && (a.Published.IsZero() || f.Since.After(a.Published)):
		return false
	case !f.Before.IsZero() && (a.Published.IsZero() || !f.Before.After(a.Published)):
		return false
	}
	return true
}

// events turns the sentences of hits that state a date into events,
// each sentence once, oldest first. About a topic, a sentence must hold at
// least half as much of it as the sentence that holds most.
func events(hits []search.Hit, about bool) []Event {
	type dated struct {
		date corpus.Date
		ev   Event
	}
	var best float64
	for _, h := range hits {
		for _, s := range h.Sentences {
			best = max(best, s)
		}
	}
	var all []dated
	seen := map[string]bool{}
	for _, h := range hits {
		p := h.Passage
		for i, s := range p.Sentences {
			text := p.Text[s.Start:s.End]
			if about && (i >= len(h.Sentences) || h.Sentences[i] < best/2 || best == 0) {
				continue
			}
			ms := corpus.Mentions(text)
			if len(ms) == 0 || seen[text] || i < p.Lead || search.IsPromo(text) {
				continue
			}
			seen[text] = true
			q := passage(0, search.Hit{Passage: p}, map[string]bool{})
			q.Fragments = []string{text}
			q.Citation.Attribution = attributed(q.Fragments)
			all = append(all, dated{ms[0].Date, Event{Date: ms[0].Date.Human(), Published: ms[0].Date.String(), Quote: q}})
		}
	}
	slices.SortStableFunc(all, func(a, b dated) int { return a.date.Time().Compare(b.date.Time()) })
	var out []Event
	for i, d := range all[:min(len(all), maxEvents)] {
		d.ev.Quote.Rank = i + 1
		out = append(out, d.ev)
	}
	return out
}
