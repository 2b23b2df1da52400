package search

import (
	"unicode"
	"unicode/utf8"
)

// A capitals finds runs of capitalised words, joined by white space and
// perhaps one small word ("Joint Comprehensive Plan of Action"), in one
// pass over a text: the key phrases and the names of an article were two
// regexps over each passage, and took a tenth of analysing it. It finds
// exactly what its regexp (see capitals_test.go) finds, quirks and all,
// as the tests check on the corpus and on fuzzed text.
type capitals struct {
	first func(r rune) bool // a word's first letter
	body  func(r rune) bool // the rest of a word
	small []string          // the small words a run may hold
}

// phrases finds the key phrases of the coverage, as
//
//	\b[A-Z][\p{L}.-]*(?:\s+(?:(?:of|the|bin|al|for)\s+)?[A-Z][\p{L}.-]*)+
var phrases = capitals{
	first: func(r rune) bool { return 'A' <= r && r <= 'Z' },
	body:  func(r rune) bool { return unicode.IsLetter(r) || r == '.' || r == '-' },
	small: []string{"of", "the", "bin", "al", "for"},
}

// names finds the names of the coverage, for initialisms ("Lebanese Armed
// Forces"), as
//
//	\b\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|the|and|for|on)\s+)?\p{Lu}[\p{L}’'-]*)+
var names = capitals{
	first: unicode.IsUpper,
	body:  func(r rune) bool { return unicode.IsLetter(r) || r == '’' || r == '\'' || r == '-' },
	small: []string{"of", "the", "and", "for", "on"},
}

// FindAll returns the runs in s, leftmost first, as the regexp's
// FindAllString(s, -1) does.
func (c capitals) FindAll(s string) []string {
	var out []string
	prev := rune(-1) // none: the start of the text
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if c.first(r) && asciiWord(prev) != asciiWord(r) { // \b
			if end := c.run(s, i); end > 0 {
				out = append(out, s[i:end])
				prev, _ = utf8.DecodeLastRuneInString(s[:end])
				i = end
				continue
			}
		}
		prev = r
		i += n
	}
	return out
}

// run returns where the run that starts with a capitalised word at i
// ends, or 0 when no second word joins it.
func (c capitals) run(s string, i int) int {
	end := 0
	j := c.word(s, i)
	for {
		k := skipSpace(s, j)
		if k == j {
			return end
		}
		if m := c.smallWord(s, k); m > k {
			if w := c.word(s, m); w > m {
				j, end = w, w
				continue
			}
		}
		w := c.word(s, k)
		if w == k {
			return end
		}
		j, end = w, w
	}
}

// word returns where the capitalised word at i ends, or i if none starts
// there.
func (c capitals) word(s string, i int) int {
	r, n := utf8.DecodeRuneInString(s[i:])
	if i == len(s) || !c.first(r) {
		return i
	}
	for i += n; i < len(s); i += n {
		if r, n = utf8.DecodeRuneInString(s[i:]); !c.body(r) {
			break
		}
	}
	return i
}

// smallWord returns where the white space after a small word at k ends,
// or k if there is none.
func (c capitals) smallWord(s string, k int) int {
	for _, w := range c.small {
		if len(s)-k > len(w) && s[k:k+len(w)] == w {
			if m := skipSpace(s, k+len(w)); m > k+len(w) {
				return m
			}
		}
	}
	return k
}

// asciiWord reports whether r is a word character to \b: an ASCII letter,
// digit or underscore.
func asciiWord(r rune) bool {
	return r < utf8.RuneSelf && isWordByte(byte(r))
}
