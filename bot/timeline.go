package bot

import (
	"cmp"
	"context"
	"slices"
	"strings"

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
	t := Timeline{Topic: topic, AsOf: b.asOf}
	s, err := b.readFilters(topic)
	if err != nil {
		return Timeline{}, err
	}
	if len(s.scope) > 0 {
		t.Scope = "Searched coverage " + strings.Join(s.scope, ", ")
	}
	if s.text == "" {
		t.Events, err = b.allEvents(ctx, s.filter)
	} else {
		t.Events, err = b.eventsAbout(ctx, s)
	}
	if err != nil {
		return Timeline{}, err
	}
	if len(t.Events) == 0 {
		t.Note = "The coverage states no dates about that."
	}
	return t, nil
}

// allEvents returns the oldest of the dated sentences of the articles f
// lets through, as events, each sentence once. It reads back only the
// passages it quotes.
func (b *Bot) allEvents(ctx context.Context, f search.Filter) ([]Event, error) {
	type ref struct {
		slug string
		search.Dated
	}
	var refs []ref
	for _, a := range b.search.Articles() {
		if admits(f, &a.Meta) {
			for _, d := range a.Dated {
				refs = append(refs, ref{a.Meta.Slug, d})
			}
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return a.Date.Time().Compare(b.Date.Time()) })
	var out []Event
	seen := map[string]bool{}
	for len(refs) > 0 && len(out) < maxEvents {
		chunk := refs[:min(len(refs), maxEvents)]
		refs = refs[len(chunk):]
		ids := make([]string, len(chunk))
		for i, r := range chunk {
			ids[i] = r.ID(r.slug)
		}
		passages, err := b.search.Passages(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, r := range chunk {
			p := passages[ids[i]]
			if r.Sentence >= len(p.Sentences) {
				continue
			}
			s := p.Sentences[r.Sentence]
			if text := p.Text[s.Start:s.End]; !seen[text] && len(out) < maxEvents {
				seen[text] = true
				out = append(out, event(len(out)+1, p, text, r.Date))
			}
		}
	}
	return out, nil
}

// eventsAbout returns the events of the passages a search for the topic
// finds.
func (b *Bot) eventsAbout(ctx context.Context, s scoped) ([]Event, error) {
	res, err := b.search.SearchWithin(ctx, s.text, maxEvents, s.filter)
	if err != nil {
		return nil, err
	}
	if !res.Verdict.Answered() && !res.Verdict.Closest {
		return nil, nil
	}
	hits := res.Hits
	// In article order, so that events on one date read as written.
	slices.SortFunc(hits, func(a, b search.Hit) int {
		return cmp.Or(cmp.Compare(a.Passage.Article.Slug, b.Passage.Article.Slug), cmp.Compare(a.Passage.Ordinal, b.Passage.Ordinal))
	})
	return events(hits), nil
}

// admits reports whether a filter lets an article through.
func admits(f search.Filter, a *corpus.Article) bool {
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
// each sentence once, oldest first. A sentence must hold at least half as
// much of the topic as the sentence that holds most.
func events(hits []search.Hit) []Event {
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
			if i >= len(h.Sentences) || h.Sentences[i] < best/2 || best == 0 {
				continue
			}
			ms := corpus.Mentions(text)
			if len(ms) == 0 || seen[text] || i < p.Lead || search.IsPromo(text) {
				continue
			}
			seen[text] = true
			all = append(all, dated{ms[0].Date, event(0, p, text, ms[0].Date)})
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

// event quotes sentence text of p, which states date, as the rank-th
// event of a timeline.
func event(rank int, p *corpus.Passage, text string, date corpus.Date) Event {
	q := passage(rank, search.Hit{Passage: p}, map[string]bool{})
	q.Fragments = []string{text}
	q.Citation.Attribution = attributed(q.Fragments)
	return Event{Date: date.Human(), Published: date.String(), Quote: q}
}
