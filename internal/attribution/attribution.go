// Package attribution finds, in a sentence of news text, whom the sentence
// attributes its words or its report to ("Al Busaidi, an Omani official,
// stated…", "According to reports from CNBC and NPR…", "BBC reported…"),
// as the text writes it, so that a reporter can attribute a quote
// correctly. It never guesses: a sentence without such a construction
// attributes nothing.
package attribution

import (
	"regexp"
	"strings"
)

// name is a run of capitalised words as news text writes a person's or a
// body's name: "President Donald Trump", "Radio Free Europe/Radio Liberty",
// "Prince Khalid bin Salman", "the New York Times".
const name = `(?:[Tt]he\s+)?\p{Lu}[\p{L}.’'/-]*(?:\s+(?:(?:of|the|bin|al|and|for|de|von)\s+)?\p{Lu}[\p{L}.’'/-]*)*`

// verbs are the reporting verbs that follow a speaker.
const verbs = `(?:stated|said|says|warned|warns|reported|reports|noted|notes|told|announced|argued|insisted|added|wrote|writes|highlighted|described|called|explained|confirmed|denied|declared|emphasized|stressed|urged|cautioned|acknowledged|indicated|suggested|claimed|observed)`

var patterns = []*regexp.Regexp{
	// "According to reports from CNBC and NPR", "according to Euractiv"
	regexp.MustCompile(`(?i:according to)\s+(?:(?i:reports?|reporting|a report|an analysis|analysis|sources?)\s+(?:from|by|in)\s+)?(` + name + `(?:(?:,\s*|\s+and\s+)` + name + `)*)`),
	// "As reported by Parisa Hafezi and John Irish"
	regexp.MustCompile(`(?i:as reported by|reported by|in a report by)\s+(` + name + `(?:(?:,\s*|\s+and\s+)` + name + `)*)`),
	// "Al Busaidi, an Omani official, stated", "Majid Farahani, an official with the Iranian presidency, explicitly stated"
	regexp.MustCompile(`(` + name + `,\s+(?:an?|the)\s+[^,]{2,80}),\s+(?:\w+ly\s+)?` + verbs + `\b`),
	// "President Trump issued a direct warning", "BBC reporting on", "Trump warned"
	regexp.MustCompile(`(` + name + `)\s+(?:(?:\w+ly|has|have|had|also)\s+)?(?:` + verbs + `|reporting|issued a (?:direct |stern )?(?:warning|statement))\b`),
}

// Find returns whom sentence attributes its words or report to, as the
// sentence writes it, or "" when it attributes them to no one.
func Find(sentence string) string {
	for _, re := range patterns {
		for _, m := range re.FindAllStringSubmatch(sentence, -1) {
			if who := strings.TrimSpace(m[1]); speakerLike(who) {
				return who
			}
		}
	}
	return ""
}

// speakerLike rules out capitalised words that start a sentence but name
// no one ("This", "The agreement").
func speakerLike(who string) bool {
	first := strings.Fields(who)[0]
	switch strings.ToLower(strings.Trim(first, ",.")) {
	case "this", "that", "these", "those", "it", "they", "he", "she", "we", "i", "such", "both", "each", "either", "neither", "a", "an":
		return false
	}
	if strings.EqualFold(first, "the") && len(strings.Fields(who)) < 2 {
		return false
	}
	return true
}
