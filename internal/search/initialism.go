package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// addInitialisms records the initialisms of multi-word names, so that a
// question may write "LAF" for "Lebanese Armed Forces". Each name gives
// its initials with and without its small words ("JCPOA", "JCPA").
func (ix *Index) addInitialisms(found []string) {
	for _, name := range found {
		name = strings.TrimPrefix(name, "The ")
		words := strings.Fields(name)
		if len(words) < 2 {
			continue
		}
		var all, big strings.Builder
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			all.WriteRune(unicode.ToLower(r))
			if unicode.IsUpper(r) {
				big.WriteRune(unicode.ToLower(r))
			}
		}
		for _, in := range []string{all.String(), big.String()} {
			if len(in) >= 3 && !containsString(ix.initialisms[in], name) {
				ix.initialisms[in] = append(ix.initialisms[in], name)
			}
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// expansions returns the names of the coverage that w, a word the coverage
// does not use, may be the initialism of: w is two to six letters, typed in
// capitals or in lower case.
func (ix *Index) expansions(surface string) []string {
	n := utf8.RuneCountInString(surface)
	if n < 3 || n > 6 || strings.ContainsFunc(surface, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return nil
	}
	if surface != strings.ToUpper(surface) && surface != strings.ToLower(surface) {
		return nil
	}
	return ix.initialisms[strings.ToLower(surface)]
}
