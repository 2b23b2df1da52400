package search

import (
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Filter narrows a search to some of the coverage: articles published in
// a period, by an outlet, or one article. The zero Filter narrows nothing.
// Articles without a date are outside any period.
type Filter struct {
	// Since and Before bound the publication date: on or after the first
	// day Since names, and before the first day Before names.
	Since, Before corpus.Date
	// Outlet and Article, when set, are an outlet's name and an article's
	// slug as the corpus writes them.
	Outlet, Article string
}

// IsZero reports whether the filter narrows nothing.
func (f Filter) IsZero() bool { return f == Filter{} }

// within wraps q so that it finds only passages the filter lets through.
func (f Filter) within(q query.Query) query.Query {
	if f.IsZero() {
		return q
	}
	b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	if !f.Since.IsZero() || !f.Before.IsZero() {
		// Dates written as 2006-01-02 sort as they follow each other; an
		// empty end leaves that end of the range open.
		day := func(d corpus.Date) string {
			if d.IsZero() {
				return ""
			}
			return d.Time().Format(time.DateOnly)
		}
		yes, no := true, false
		r := query.NewTermRangeInclusiveQuery(day(f.Since), day(f.Before), &yes, &no)
		r.SetField(fieldPublished)
		b.AddFilter(r)
	}
	for field, v := range map[string]string{fieldOutlet: f.Outlet, fieldArticle: f.Article} {
		if v != "" {
			t := query.NewTermQuery(v)
			t.SetField(field)
			b.AddFilter(t)
		}
	}
	return b
}
