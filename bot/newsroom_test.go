package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/feedback"
)

// Filters typed in a question narrow the search and are echoed; a filter
// that cannot apply is one line listing what works.
func TestFilters(t *testing.T) {
	b, _ := newBot(t)
	ctx := context.Background()
	tests := []struct {
		question string
		scope    string
		articles []string // every quote from one of these
	}{
		{"What did Trump warn Iran about? since:2026-06-20", "Searched coverage since June 20, 2026", []string{"unexpected-alliance"}},
		{"since:2026-06 what are the phases of the roadmap", "Searched coverage since June 2026", []string{"unexpected-alliance", "how-peace-happens"}},
		{"sanctions relief outlet:euractiv", "Searched coverage from Euractiv", []string{"iran-us-talks-breakthrough"}},
		{"what role do mediators play article:how-peace-happens", "Searched coverage in “This Is How Peace Happens: The Framework Behind the US-Iran Breakthrough”", []string{"how-peace-happens"}},
		{"what did the mediators say before:2026-06", "Searched coverage before June 2026", nil},
	}
	for _, tt := range tests {
		a, err := b.Answer(ctx, bot.Question{Text: tt.question})
		if err != nil {
			t.Fatalf("Answer(%q): %v", tt.question, err)
		}
		if a.Scope != tt.scope {
			t.Errorf("Answer(%q).Scope = %q; want %q", tt.question, a.Scope, tt.scope)
		}
		for _, q := range a.Quotes {
			if !contains(tt.articles, q.Citation.Article) {
				t.Errorf("Answer(%q) quotes %s; want only %v", tt.question, q.Citation.Article, tt.articles)
			}
		}
	}
	for _, tt := range []struct{ question, want string }{
		{"sanctions outlet:Reuters", `outlet: no article in the coverage is from "Reuters"; outlets: Euractiv.`},
		{"sanctions since:June", `since: "June" is not a date; write it as 2026-06-01, 2026-06 or 2026.`},
		{"sanctions article:nope", `article: the coverage has no article "nope"; articles: how-peace-happens, iran-us-talks-breakthrough, iran-us-talks-complex-path or unexpected-alliance.`},
	} {
		_, err := b.Answer(ctx, bot.Question{Text: tt.question})
		var fe *bot.FilterError
		if !errors.As(err, &fe) || bot.UserMessage(err) != tt.want {
			t.Errorf("Answer(%q) error %v; want %q", tt.question, err, tt.want)
		}
	}
	if _, err := b.Answer(ctx, bot.Question{Text: "since:2026-06"}); !errors.Is(err, bot.ErrEmptyQuestion) {
		t.Errorf("a question of filters alone: %v; want ErrEmptyQuestion", err)
	}
}

func contains(list []string, s string) bool {
	if list == nil {
		return true
	}
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Every answer says how current the coverage is; every citation gives a
// date; a quote names whom it attributes its words to; each quote has a
// line to paste into a story.
func TestDatesAttributionCite(t *testing.T) {
	b, _ := newBot(t)
	a, err := b.Answer(context.Background(), bot.Question{Text: "What did the Omani official say?", K: 1})
	if err != nil || len(a.Quotes) != 1 {
		t.Fatalf("Answer = %+v, %v", a, err)
	}
	if a.Footer() != "Coverage as of June 23, 2026" {
		t.Errorf("Footer() = %q", a.Footer())
	}
	q := a.Quotes[0]
	if q.Citation.When() != "undated" || q.Citation.Attribution != "Al Busaidi, an Omani official" {
		t.Errorf("citation = %+v; want undated, attributed to Al Busaidi, an Omani official", q.Citation)
	}
	want := "“" + q.Fragments[0] + "” — Iran-US Talks: Navigating The Complex Path To Diplomacy, undated"
	if got := q.CopyLine(); got != want {
		t.Errorf("CopyLine() = %q; want %q", got, want)
	}
}

// A timeline holds only dates the coverage states, oldest first, each
// with its sentence verbatim.
func TestTimeline(t *testing.T) {
	b, _ := newBot(t)
	tl, err := b.Timeline(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) < 5 || tl.Events[0].Date != "1979" {
		t.Fatalf("Timeline() = %d events, first %+v; want the 1979 revolution first", len(tl.Events), tl.Events)
	}
	for i, e := range tl.Events {
		frag := e.Quote.Fragments[0]
		if !strings.Contains(e.Quote.Passage, frag) || !strings.Contains(frag, strings.Fields(e.Date)[len(strings.Fields(e.Date))-1]) {
			t.Errorf("event %d: %q is not a sentence of its passage stating %s", i, frag, e.Date)
		}
		if i > 0 && tl.Events[i-1].Published > e.Published && len(tl.Events[i-1].Published) == len(e.Published) {
			t.Errorf("events %d and %d out of order: %s then %s", i-1, i, tl.Events[i-1].Published, e.Published)
		}
	}
	about, err := b.Timeline(context.Background(), "Saudi defense minister meeting in Tehran")
	if err != nil || len(about.Events) == 0 || about.Events[0].Date != "April 17, 2025" {
		t.Errorf("Timeline(Saudi meeting) = %+v, %v; want the April 17, 2025 meeting first", about.Events, err)
	}
	none, err := b.Timeline(context.Background(), "Japan")
	if err != nil || len(none.Events) != 0 || none.Note == "" {
		t.Errorf("Timeline(Japan) = %+v, %v; want no events and a note", none, err)
	}
}

// A serving bot records the questions it cannot answer and readers'
// votes, for parley gaps.
func TestRecordsGaps(t *testing.T) {
	b, _ := newBot(t)
	dir := filepath.Join(t.TempDir(), "data")
	l, err := feedback.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b.RecordTo(l)
	ctx := context.Background()
	if _, err := b.Answer(ctx, bot.Question{Text: "What did Japan say?", Platform: "slack", User: "U1"}); err != nil {
		t.Fatal(err)
	}
	a, err := b.Answer(ctx, bot.Question{Text: "What did Trump warn Iran about?", Platform: "discord", User: "42"})
	if err != nil || !a.Answered {
		t.Fatal(a, err)
	}
	b.Cast(bot.Vote{Platform: "discord", User: "42", Question: a.Question, Up: false, Passages: []bot.Citation{a.Quotes[0].Citation}})
	recs, bad, err := feedback.ReadFile(dir)
	if err != nil || bad != 0 || len(recs) != 2 {
		t.Fatalf("records %+v, %d bad, %v; want 2", recs, bad, err)
	}
	if r := recs[0]; r.Kind != feedback.NotCovered || r.User != "U1" || r.Note != "The coverage doesn't mention Japan." {
		t.Errorf("first record %+v", r)
	}
	if r := recs[1]; r.Kind != feedback.Vote || r.Up || len(r.Passages) != 1 || r.Passages[0] != "unexpected-alliance#16" {
		t.Errorf("second record %+v", r)
	}
}
