package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/search"
)

// FilterError is a filter typed in a question that Parley cannot apply:
// a malformed date, an outlet or article the coverage does not have. Its
// message is the one line a user sees, listing the values that work.
type FilterError struct{ Msg string }

func (e *FilterError) Error() string { return e.Msg }

// filterRE finds the filters a question may carry anywhere in its text:
// since:2026-06-01, before:2026-01, outlet:Euractiv, article:some-slug,
// the value quoted when it has spaces (outlet:"Radio Free Europe").
var filterRE = regexp.MustCompile(`(?i)(?:^|\s)(since|before|outlet|article):("[^"]*"|“[^”]*”|\S+)`)

// scoped is a question with its filters taken out: what to search, the
// filter to search within, and how to tell the reader what was searched.
type scoped struct {
	text   string
	filter search.Filter
	scope  []string // "since June 1, 2026", "from Euractiv"
}

// readFilters takes the filters out of a normalized question, checking
// its length (see MaxQuestionLen) and the filters against the coverage.
func (b *Bot) readFilters(text string) (scoped, error) {
	if utf8.RuneCountInString(text) > 2*MaxQuestionLen {
		return scoped{}, ErrQuestionTooLong
	}
	s, err := b.parseFilters(text)
	if err == nil && utf8.RuneCountInString(s.text) > MaxQuestionLen {
		return scoped{}, ErrQuestionTooLong
	}
	return s, err
}

// parseFilters takes the filters out of a question and checks them
// against the coverage.
func (b *Bot) parseFilters(text string) (scoped, error) {
	s := scoped{text: text}
	ms := filterRE.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return s, nil
	}
	for _, m := range ms {
		key := strings.ToLower(text[m[2]:m[3]])
		value := strings.Trim(text[m[4]:m[5]], `"“”`)
		if err := b.applyFilter(&s, key, value); err != nil {
			return s, err
		}
	}
	s.text = Normalize(filterRE.ReplaceAllString(text, " "))
	return s, nil
}

func (b *Bot) applyFilter(s *scoped, key, value string) error {
	switch key {
	case "since", "before":
		d, err := corpus.ParseDate(value)
		if err != nil || d.IsZero() {
			return &FilterError{fmt.Sprintf("%s: %q is not a date; write it as 2026-06-01, 2026-06 or 2026.", key, value)}
		}
		if key == "since" {
			s.filter.Since = d
			s.scope = append(s.scope, "since "+d.Human())
		} else {
			s.filter.Before = d
			s.scope = append(s.scope, "before "+d.Human())
		}
	case "outlet":
		outlet, ok := b.outlet(value)
		if !ok {
			return &FilterError{fmt.Sprintf("outlet: no article in the coverage is from %q; outlets: %s.", value, list(b.outlets()))}
		}
		s.filter.Outlet = outlet
		s.scope = append(s.scope, "from "+outlet)
	case "article":
		a, ok := b.article(value)
		if !ok {
			return &FilterError{fmt.Sprintf("article: the coverage has no article %q; articles: %s.", value, list(b.slugs()))}
		}
		s.filter.Article = a.Article
		s.scope = append(s.scope, "in “"+a.Headline()+"”")
	}
	return nil
}

// outlets returns the outlets the coverage's articles name, in order.
func (b *Bot) outlets() []string {
	var out []string
	for _, a := range b.articles {
		if a.Outlet != "" && !slices.Contains(out, a.Outlet) {
			out = append(out, a.Outlet)
		}
	}
	if len(out) == 0 {
		return []string{"none (no article names its outlet)"}
	}
	return out
}

// outlet finds an outlet by name, ignoring case and spaces.
func (b *Bot) outlet(name string) (string, bool) {
	key := compact(name)
	for _, a := range b.articles {
		if a.Outlet != "" && compact(a.Outlet) == key {
			return a.Outlet, true
		}
	}
	return "", false
}

func (b *Bot) slugs() []string {
	var out []string
	for _, a := range b.articles {
		out = append(out, a.Article)
	}
	return out
}

// article finds an article by its slug, ignoring case.
func (b *Bot) article(slug string) (Article, bool) {
	for _, a := range b.articles {
		if strings.EqualFold(a.Article, slug) {
			return a, true
		}
	}
	return Article{}, false
}

// compact lower-cases s and drops its spaces and punctuation.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' || r == '.' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}
