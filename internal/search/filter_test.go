package search

import (
	"context"
	"slices"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// TestFilterPublished checks the bounds of a period: on or after the first
// day Since names, before the first day Before names; undated articles
// are outside every period.
func TestFilterPublished(t *testing.T) {
	ix := realIndex(t, "")
	day := func(s string) corpus.Date {
		d, err := corpus.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		f    Filter
		want []string // the articles the hits come from, sorted
	}{
		{Filter{Since: day("2026-06-23")}, []string{"unexpected-alliance"}},
		{Filter{Since: day("2026-06")}, []string{"how-peace-happens", "unexpected-alliance"}},
		{Filter{Since: day("2026-06-24")}, nil},
		{Filter{Before: day("2026-06-23")}, []string{"how-peace-happens"}},
		{Filter{Before: day("2026-06-24")}, []string{"how-peace-happens", "unexpected-alliance"}},
		{Filter{Before: day("2026-06")}, nil},
		{Filter{Since: day("2026-06-01"), Before: day("2026-06-02")}, []string{"how-peace-happens"}},
	} {
		r, err := ix.SearchWithin(context.Background(), "sanctions relief talks", 50, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range r.Hits {
			got = append(got, h.Passage.Article.Slug)
		}
		slices.Sort(got)
		if got = slices.Compact(got); !slices.Equal(got, tc.want) {
			t.Errorf("since %v, before %v: hits from %v, want %v", tc.f.Since, tc.f.Before, got, tc.want)
		}
	}
}
