package search

import (
	"regexp"
	"strings"
)

// AnswerType is what sort of answer a question asks for, when its wording says.
type AnswerType int

// The kinds of answer Parley recognises. A question of a kind is answered
// only by a passage that holds such a thing.
const (
	AnyAnswer AnswerType = iota
	Time                 // "When ...?": a date, a year, a day of the week
	Duration             // "How long ...?": "3-6 months", "immediate"
	Quantity             // "How many ...?", "What percentage ...?": a number
	Person               // "Who ...?", "Which official ...?": a name, or who someone is
	Place                // "Where ...?", "What city ...?": a place
	Group                // "Which agency ...?": an organisation, a country or an outlet
	Name                 // "What is the name of ...?": a proper name
)

var typeCues = []struct {
	kind AnswerType
	re   *regexp.Regexp
}{
	{Time, regexp.MustCompile(`(?i)^(when|what (date|day|year|month)|on what (date|day)|in what (year|month))\b`)},
	{Duration, regexp.MustCompile(`(?i)^(how (long|soon|quickly|fast)|in how many (days|weeks|months|years)|what (is the )?(timeline|timeframe|time frame))\b`)},
	{Quantity, regexp.MustCompile(`(?i)^(how many|what (percentage|percent|number|figure|amount|level|rate|share)|by how much|how much (money|oil|uranium))\b`)},
}

// typeAnswers find, in a passage's sentence, a thing of a kind: typesIn
// says the same thing faster, and answertype_scan_test.go checks that the
// two agree on every sentence of the corpus and on fuzzed text.
var typeAnswers = map[AnswerType]*regexp.Regexp{
	Time: regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}\b|(19|20)\d\d\b)|` +
		`\b(January|February|March|April|June|July|August|September|October|November|December)\b|` +
		`\b(19|20)\d\d\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|` +
		`(?i)\b(yesterday|today|tomorrow|(last|next|this) (week|month|year))\b`),
	Duration: regexp.MustCompile(`(?i)\b\d+(\.\d+)?(\s*(-|–|to)\s*\d+)?\s*(hours?|days?|weeks?|months?|years?|decades?)\b|` +
		`(?i)\b(immediate(ly)?|swift(ly)?|gradual(ly)?|phased|overnight|decades?|years?|months?|weeks?)\b`),
	Quantity: regexp.MustCompile(`\d|(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|percent)\b`),
}

// asking returns the part of a question its asking starts at (see opener).
func asking(question string, ws []word) string {
	if i := opener(question, ws); i > 0 {
		return question[ws[i].start:]
	}
	return question
}

// askedType reads the kind of answer from how a question starts.
func askedType(question string) AnswerType {
	q := strings.TrimSpace(question)
	for _, c := range typeCues {
		if c.re.MatchString(q) {
			return c.kind
		}
	}
	return AnyAnswer
}

// future finds words that put a question or a sentence in time to come.
var future = regexp.MustCompile(`(?i)\b(will|won't|next|upcoming|scheduled|set to|expected to|planned|going to|later this|coming (days|weeks|months))\b`)

// futureBit marks, in a sentence's kinds, that it speaks of time to come.
const futureBit = 1 << 15

// The bits of a sentence's kinds that typesIn sets, and all of them.
const (
	timeBit     = 1 << Time
	durationBit = 1 << Duration
	quantityBit = 1 << Quantity
	allBits     = timeBit | durationBit | quantityBit | futureBit
)

// typesIn returns the kinds of answer text holds, as a bit set: exactly the
// bits that matching typeAnswers[Time], [Duration] and [Quantity] and future
// against text would set. It runs for every sentence of every passage, where
// the four regexps took most of the time of building an index, so it finds
// the same things in one pass over text's words instead.
func typesIn(text string) uint16 {
	var b uint16
	for i := 0; i < len(text) && b != allBits; {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j, digits := wordEnd(text, i)
		if digits {
			b |= quantityBit // typeAnswers[Quantity] takes any digit at all
		}
		b = kindsOfWord(text, i, j, b)
		b = kindsAfterWord(text, j, b)
		i = j
	}
	return b
}

// A kindCue is a word or phrase that, standing as whole words, tells of a
// kind of answer or of time to come. Its letters are lower-case ASCII and
// match either case, as under (?i); its other bytes (a space, an apostrophe)
// match only themselves, so "last  week" with two spaces is no cue, as in
// the regexps.
type kindCue struct {
	words string
	bit   uint16
}

// kindCues are the case-insensitive words of typeAnswers and future, spelled
// out ("decade" and "decades" are two cues) and filed by first letter, so
// that a word is compared only with the cues it could begin.
var kindCues = [26][]kindCue{
	'b' - 'a': {{"billion", quantityBit}, {"billions", quantityBit}},
	'c' - 'a': {{"coming days", futureBit}, {"coming weeks", futureBit}, {"coming months", futureBit}},
	'd' - 'a': {{"decade", durationBit}, {"decades", durationBit}, {"dozen", quantityBit}, {"dozens", quantityBit}},
	'e' - 'a': {{"eight", quantityBit}, {"eleven", quantityBit}, {"expected to", futureBit}},
	'f' - 'a': {{"four", quantityBit}, {"five", quantityBit}},
	'g' - 'a': {{"gradual", durationBit}, {"gradually", durationBit}, {"going to", futureBit}},
	'h' - 'a': {{"hundred", quantityBit}, {"hundreds", quantityBit}},
	'i' - 'a': {{"immediate", durationBit}, {"immediately", durationBit}},
	'l' - 'a': {{"last week", timeBit}, {"last month", timeBit}, {"last year", timeBit}, {"later this", futureBit}},
	'm' - 'a': {{"month", durationBit}, {"months", durationBit}, {"million", quantityBit}, {"millions", quantityBit}},
	'n' - 'a': {{"next week", timeBit}, {"next month", timeBit}, {"next year", timeBit}, {"nine", quantityBit}, {"next", futureBit}},
	'o' - 'a': {{"overnight", durationBit}},
	'p' - 'a': {{"phased", durationBit}, {"percent", quantityBit}, {"planned", futureBit}},
	's' - 'a': {{"swift", durationBit}, {"swiftly", durationBit}, {"six", quantityBit}, {"seven", quantityBit}, {"scheduled", futureBit}, {"set to", futureBit}},
	't' - 'a': {
		{"today", timeBit}, {"tomorrow", timeBit}, {"this week", timeBit}, {"this month", timeBit}, {"this year", timeBit},
		{"two", quantityBit}, {"three", quantityBit}, {"ten", quantityBit}, {"twelve", quantityBit}, {"thousand", quantityBit}, {"thousands", quantityBit},
	},
	'u' - 'a': {{"upcoming", futureBit}},
	'w' - 'a': {{"week", durationBit}, {"weeks", durationBit}, {"will", futureBit}, {"won't", futureBit}},
	'y' - 'a': {{"yesterday", timeBit}, {"year", durationBit}, {"years", durationBit}},
}

// timeUnits are the units that make a number a length of time ("3 days"),
// in either case, as in typeAnswers[Duration].
var timeUnits = [...]string{"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"}

// The only two runes that Unicode case folding, which (?i) uses, maps onto
// ASCII letters: the Kelvin sign folds to k and the long s to s. So "weeKs"
// (with a Kelvin sign) is the cue "weeks" to the regexps, and is one here
// too.
const (
	kelvin = "\u212A"
	longS  = "\u017F"
)

// kindsOfWord adds to b the kinds that the word text[i:j] (a whole run of
// ASCII letters, digits and underscores) begins: a name of a month or a day,
// a year, a length of time, or a cue that starts with it.
func kindsOfWord(text string, i, j int, b uint16) uint16 {
	w := text[i:j]
	switch c := w[0]; {
	case isDigit(c):
		if b&timeBit == 0 && isYear(w) {
			b |= timeBit
		}
		if b&durationBit == 0 && durationAt(text, i) {
			b |= durationBit
		}
	case 'a' <= c|0x20 && c|0x20 <= 'z':
		if b&timeBit == 0 && (isDateName(w) || w == "May" && dayOrYearAt(text, j)) {
			b |= timeBit
		}
		b = cuesAt(text, i, j, c|0x20, b)
	}
	return b
}

// kindsAfterWord adds to b the cues that begin right after a word, at j.
// Only a cue spelled with a Kelvin sign or a long s first can: those two are
// not word characters to \b, so "aſix" (a long s) has a word boundary
// between "a" and "ſix", and the regexps find "six" in it.
func kindsAfterWord(text string, j int, b uint16) uint16 {
	switch rest := text[j:]; {
	case strings.HasPrefix(rest, longS):
		b = cuesAt(text, j, j, 's', b)
	case strings.HasPrefix(rest, kelvin):
		b = cuesAt(text, j, j, 'k', b)
	}
	return b
}

// cuesAt adds to b the bits of the cues with first letter c that stand at
// i, skipping the kinds b already has. There is a word boundary before i,
// and text[i:j] is the run of ASCII word characters there.
func cuesAt(text string, i, j int, c byte, b uint16) uint16 {
	// Most words are followed by neither of the runes that fold to letters.
	// Then only a cue whose first word is as long as the run can stand
	// there, and testing that first saves spelling out most cues.
	folded := strings.HasPrefix(text[j:], longS) || strings.HasPrefix(text[j:], kelvin)
	for _, q := range kindCues[c-'a'] {
		if b&q.bit == 0 && (folded || wordEndsAt(q.words, j-i)) && wordsAt(text, i, q.words) {
			b |= q.bit
		}
	}
	return b
}

// wordEndsAt reports whether a cue's words have no letter at n, so that a
// word of n letters may be the first of them: it may begin "won't" or
// "set to" only if it is three letters long.
func wordEndsAt(words string, n int) bool {
	return n == len(words) || n < len(words) && (words[n] < 'a' || words[n] > 'z')
}

// isDateName reports whether w is the name of a month other than May, or of
// a day of the week, capitalised as in typeAnswers[Time]. "May" alone is
// too often the verb; it is a month only before a day or a year.
func isDateName(w string) bool {
	switch w {
	case "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	return false
}

// dayOrYearAt reports whether text, from j, is white space and then a day of
// the month (one or two digits, a whole word) or a year: "May 5", "May 2024".
func dayOrYearAt(text string, j int) bool {
	k := skipSpace(text, j)
	if k == j {
		return false
	}
	end, _ := wordEnd(text, k)
	w := text[k:end]
	return (len(w) == 1 || len(w) == 2) && isDigit(w[0]) && isDigit(w[len(w)-1]) || isYear(w)
}

// isYear reports whether w, a whole word, is a year from 1900 to 2099.
func isYear(w string) bool {
	return len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && isDigit(w[2]) && isDigit(w[3])
}

// durationAt reports whether the number at i, after a word boundary, is a
// length of time: digits, perhaps a decimal part, perhaps a range ("-", "–"
// or "to" and more digits), then a unit of time, with or without white space
// between: "3 days", "2.5 hours", "3-6 months", "10 to 12 weeks", "5years".
// Every part can match in only one way (its digits are all the digits there,
// its spaces all the spaces), so unlike the regexp it never backtracks.
func durationAt(text string, i int) bool {
	i = skipDigits(text, i)
	if i+1 < len(text) && text[i] == '.' && isDigit(text[i+1]) {
		i = skipDigits(text, i+1)
	}
	i = skipSpace(text, i)
	if n := dashLen(text[i:]); n > 0 {
		// No unit begins with "-", "–" or "t", so a dash or "to" not
		// followed by a number ends the length of time here.
		i = skipSpace(text, i+n)
		if i == len(text) || !isDigit(text[i]) {
			return false
		}
		i = skipSpace(text, skipDigits(text, i))
	}
	for _, u := range timeUnits {
		if wordsAt(text, i, u) {
			return true
		}
	}
	return false
}

// dashLen returns the length of the "-", "–" or "to" (in either case) that s
// begins with, which joins the two numbers of a range, or 0 if none.
func dashLen(s string) int {
	switch {
	case strings.HasPrefix(s, "-"):
		return 1
	case strings.HasPrefix(s, "–"):
		return len("–")
	}
	if end, ok := foldedAt(s, 0, "to"); ok {
		return end
	}
	return 0
}

// wordsAt reports whether text, from i, holds words (a cue's spelling) and
// then a word boundary.
func wordsAt(text string, i int, words string) bool {
	end, ok := foldedAt(text, i, words)
	return ok && isWordByte(text[end-1]) != (end < len(text) && isWordByte(text[end]))
}

// foldedAt reports whether text, from i, begins with words, its letters in
// either case, and where they end.
func foldedAt(text string, i int, words string) (int, bool) {
	for k := 0; k < len(words); k++ {
		n := foldedLen(text[i:], words[k])
		if n == 0 {
			return 0, false
		}
		i += n
	}
	return i, true
}

// foldedLen returns how many bytes at the start of s the byte c of a cue
// matches, or 0 if it does not. A lower-case letter matches itself in either
// case, and k and s also the Kelvin sign and the long s, as under (?i).
func foldedLen(s string, c byte) int {
	switch {
	case s == "":
		return 0
	case s[0] == c, 'a' <= c && c <= 'z' && s[0] == c-'a'+'A':
		return 1
	case c == 'k' && strings.HasPrefix(s, kelvin):
		return len(kelvin)
	case c == 's' && strings.HasPrefix(s, longS):
		return len(longS)
	}
	return 0
}

// wordEnd returns where the run of word characters from i ends, and whether
// it holds a digit.
func wordEnd(text string, i int) (j int, digits bool) {
	for j = i; j < len(text) && isWordByte(text[j]); j++ {
		digits = digits || isDigit(text[j])
	}
	return j, digits
}

// skipDigits returns where the run of ASCII digits from i ends.
func skipDigits(text string, i int) int {
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	return i
}

// skipSpace returns where the run of white space from i ends. White space
// is what \s means in Go: tab, newline, form feed, carriage return and
// space, but not a vertical tab or any space outside ASCII.
func skipSpace(text string, i int) int {
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	return i
}

// isSpace reports whether c is white space as \s means it.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isDigit reports whether c is an ASCII digit, all that \d matches in Go.
func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}

// isWordByte reports whether c is a word character to \b, which in Go is
// an ASCII letter, digit or underscore. Every byte of a rune outside ASCII
// is 0x80 or more, so a non-ASCII rune is never one, as in the regexps.
func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c == '_'
}

func (k AnswerType) bit() uint16 {
	if k == AnyAnswer {
		return 0
	}
	return 1 << uint(k)
}

// listCues are words with which a question asks for the parts of a whole.
var listCues = map[string]bool{
	"list": true, "lists": true, "rundown": true, "breakdown": true, "overview": true,
}

// asksForList reports whether a question asks for the parts of a whole:
// it names a list, asks "what's in …", or asks for a plural noun: "what
// are the main planks", "which countries". After a bare "what" a word in
// -s is more often a verb ("what happens"), so it needs "are" first.
func asksForList(ws []word) bool {
	for i, w := range ws {
		if listCues[w.exact] {
			return true
		}
		if i+1 >= len(ws) || w.exact != "what" && w.exact != "whats" && w.exact != "which" {
			continue
		}
		rest := ws[i+1:]
		if rest[0].exact == "s" && len(rest) > 1 && rest[1].exact == "in" || rest[0].exact == "in" {
			return true // "what's in", "what is in"
		}
		if w.exact != "which" {
			if len(rest) > 1 && plural(rest[0].exact) && (auxiliary(rest[1].exact) || copula(rest[1].exact)) {
				return true // "what factors could derail it"
			}
			if rest[0].exact != "are" && rest[0].exact != "were" && rest[0].exact != "re" {
				continue
			}
			rest = rest[1:]
		}
		for _, n := range rest[:min(len(rest), 3)] {
			if plural(n.exact) {
				return true
			}
			if n.exact != "the" && !modifier(n.exact) {
				break
			}
		}
	}
	return false
}

// plural reports whether a word has the shape of a plural noun.
func plural(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// modifier reports whether a word may stand before the noun a what/which
// question asks for ("what are the main …").
func modifier(w string) bool {
	switch w {
	case "main", "key", "major", "biggest", "big", "other", "specific", "chief", "core", "principal", "top":
		return true
	}
	return false
}

// summaryCue finds a question that asks for the gist of the coverage
// ("bottom line", "sum up", "one-line version", "how big a deal").
var summaryCue = regexp.MustCompile(`(?i)\b(sum(s|med)? up|summar(y|ise|ize)|bottom line|one[- ]line|big picture|overall|gist|in short|tl;?dr|nutshell|how big a deal|wrap[- ]up|conclusion)\b`)

// latestCue finds a question that asks for the newest coverage.
var latestCue = regexp.MustCompile(`(?i)\b(latest|newest|most recent|recent(ly)?|lately|update|updates|so far|right now|these days)\b`)
