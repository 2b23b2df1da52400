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

var typeAnswers = map[AnswerType]*regexp.Regexp{
	Time: regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}\b|(19|20)\d\d\b)|` +
		`\b(January|February|March|April|June|July|August|September|October|November|December)\b|` +
		`\b(19|20)\d\d\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|` +
		`(?i)\b(yesterday|today|tomorrow|(last|next|this) (week|month|year))\b`),
	Duration: regexp.MustCompile(`(?i)\b\d+(\.\d+)?(\s*(-|–|to)\s*\d+)?\s*(hours?|days?|weeks?|months?|years?|decades?)\b|` +
		`(?i)\b(immediate(ly)?|swift(ly)?|gradual(ly)?|phased|overnight|decades?|years?|months?|weeks?)\b`),
	Quantity: regexp.MustCompile(`\d|(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|percent)\b`),
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

// typesIn returns the kinds of answer text holds, as a bit set.
func typesIn(text string) uint16 {
	var b uint16
	for k, re := range typeAnswers {
		if re.MatchString(text) {
			b |= k.bit()
		}
	}
	if future.MatchString(text) {
		b |= futureBit
	}
	return b
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
