package search

import (
	"context"
	"slices"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// TestFilterPublished checks the bounds of a period: on or after the first
// day Since names, before the first day Before names; undated articles
// are outside every period. A filtered search finds the passages of the
// articles in the period that the search without a filter finds.
func TestFilterPublished(t *testing.T) {
	ix := realIndex(t, "")
	day := func(s string) corpus.Date {
		d, err := corpus.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	in := func(f Filter, a *corpus.Article) bool {
		p := a.Published
		return !p.IsZero() &&
			(f.Since.IsZero() || !p.Time().Before(f.Since.Time())) &&
			(f.Before.IsZero() || p.Time().Before(f.Before.Time()))
	}
	const question, all = "sanctions relief talks", 10000
	everything, err := ix.Search(context.Background(), question, all)
	if err != nil {
		t.Fatal(err)
	}
	articles := func(hits []Hit, keep func(*corpus.Article) bool) []string {
		var out []string
		for _, h := range hits {
			if keep(h.Passage.Article) {
				out = append(out, h.Passage.Article.Slug)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for _, f := range []Filter{
		{Since: day("2026-06-23")},
		{Since: day("2026-06")},
		{Since: day("2026-06-24")},
		{Before: day("2026-06-23")},
		{Before: day("2026-06-24")},
		{Before: day("2026-06")},
		{Since: day("2026-06-01"), Before: day("2026-06-02")},
		{Since: day("2026"), Before: day("2027")},
	} {
		r, err := ix.SearchWithin(context.Background(), question, all, f)
		if err != nil {
			t.Fatal(err)
		}
		got := articles(r.Hits, func(*corpus.Article) bool { return true })
		want := articles(everything.Hits, func(a *corpus.Article) bool { return in(f, a) })
		if !slices.Equal(got, want) {
			t.Errorf("since %v, before %v: hits from %v, want %v", f.Since, f.Before, got, want)
		}
	}
}
