package bot

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/search"
)

// maxSuggestionLen bounds a suggestion's length in characters: a phrase
// longer than a heading is not a key phrase.
const maxSuggestionLen = 200

// suggestion is a phrase from the corpus offered while a user types.
type suggestion struct {
	text  string
	lower string
	count int  // how often the corpus uses it
	asked bool // a question the coverage itself asks (an FAQ heading)
}

// suggestions collects the section headings and key phrases of the
// coverage.
func suggestions(articles []search.Article) []suggestion {
	byText := map[string]*suggestion{}
	add := func(text string, asked bool) {
		text = strings.TrimSpace(strings.TrimPrefix(text, "The "))
		if utf8.RuneCountInString(text) < 3 || utf8.RuneCountInString(text) > maxSuggestionLen {
			return
		}
		key := strings.ToLower(text)
		s, ok := byText[key]
		if !ok {
			s = &suggestion{text: text, lower: key}
			byText[key] = s
		}
		s.count++
		s.asked = s.asked || asked
	}
	for _, a := range articles {
		for _, h := range a.Headings {
			add(h, strings.HasSuffix(h, "?"))
		}
		for _, p := range a.Phrases {
			add(p, false)
		}
	}
	out := make([]suggestion, 0, len(byText))
	for _, s := range byText {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b suggestion) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.text, b.text))
	})
	return out
}

// Suggest returns up to n headings and key phrases of the coverage that
// match what a user has typed so far, best first: phrases that start with
// it, then phrases with a word that starts with it, then phrases holding
// every word typed. With nothing typed it offers the questions the
// coverage itself answers. It reads only memory, so it is fast enough for
// an autocomplete deadline (the first call gathers the phrases, from the
// disk for an index on disk: some 50 ms for an archive of 100,000
// passages).
func (b *Bot) Suggest(typed string, n int) []string {
	typed = strings.ToLower(Normalize(typed))
	type ranked struct {
		s    *suggestion
		rank int
	}
	var found []ranked
	words := strings.Fields(typed)
	all := b.suggest()
	for i := range all {
		s := &all[i]
		rank := -1
		switch {
		case typed == "":
			if s.asked {
				rank = 0
			}
		case strings.HasPrefix(s.lower, typed):
			rank = 0
		case wordPrefix(s.lower, typed):
			rank = 1
		case len(words) > 1 && allIn(s.lower, words):
			rank = 2
		}
		if rank >= 0 {
			found = append(found, ranked{s, rank})
		}
	}
	slices.SortStableFunc(found, func(a, b ranked) int { return cmp.Compare(a.rank, b.rank) })
	var out []string
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.s.text)
	}
	return out
}

// wordPrefix reports whether typed starts a word of s past its first.
func wordPrefix(s, typed string) bool {
	for i := strings.Index(s, typed); i > 0; {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		next := strings.Index(s[i+1:], typed)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func allIn(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
