package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/lexicon"
)

// The question words that open what a question asks.
func whWord(w string) bool {
	switch w {
	case "what", "whats", "which", "who", "whos", "whom", "where", "wheres", "when", "how", "hows", "why", "whys":
		return true
	}
	return false
}

// auxiliary reports whether w is a verb that helps another ("did", "has").
func auxiliary(w string) bool {
	switch w {
	case "did", "does", "do", "has", "have", "had", "will", "would", "can", "could", "should", "might", "may", "must", "shall":
		return true
	}
	return false
}

// copula reports whether w is a form of "be" a question may start with.
func copula(w string) bool {
	switch w {
	case "is", "are", "was", "were", "s", "re", "be":
		return true
	}
	return false
}

// opener returns the index of the word a question's asking starts at: the
// first word after its last colon ("For a sidebar on risks: what could…"),
// or after a comma that ends a preamble without a question word, when a
// question word follows it closely ("For the explainer box, who led…").
func opener(question string, ws []word) int {
	for i := len(ws) - 1; i > 0; i-- {
		if strings.Contains(question[ws[i-1].end:ws[i].start], ":") {
			return i
		}
	}
	for i := 1; i < len(ws); i++ {
		if whWord(ws[i-1].exact) {
			return 0
		}
		if strings.Contains(question[ws[i-1].end:ws[i].start], ",") {
			for j := i; j < min(len(ws), i+2); j++ {
				if whWord(ws[j].exact) {
					return i
				}
			}
			return 0
		}
	}
	return 0
}

// questionWord returns the index of the question word that opens what a
// question asks, within its first three words from its opener ("so who
// …", "and which …"), or -1 when it opens with none.
func questionWord(question string, ws []word) int {
	start := opener(question, ws)
	for i := start; i < len(ws) && i < start+3; i++ {
		if whWord(ws[i].exact) {
			if i > 0 && strings.ContainsAny(question[ws[i-1].end:ws[i].start], "'‘\"“") {
				return -1 // a quoted phrase: "a 'what to watch' box"
			}
			return i
		}
	}
	return -1
}

// typeOfNoun returns the type of answer a question asks for when it asks
// "what/which N": a person for "which official", a place for "what city",
// a quantity for "what percentage".
func typeOfNoun(lex Lexicon, noun string) AnswerType {
	c := lex.Classes(noun)
	switch {
	case c.HasFirst(lexicon.Person):
		return Person
	case c.HasFirst(lexicon.Time):
		// "what stage", "what period": a stage is answered by an event, not
		// a date; only "when" and "what date/year/month/day" ask for one.
		return AnyAnswer
	case c.HasFirst(lexicon.Quantity):
		return Quantity
	case c.HasFirst(lexicon.Group):
		return Group
	}
	// A place is asked with "where": nouns with a place among their senses
	// are too often abstract ("position", "areas").
	return AnyAnswer
}

// wordType reads the type of answer from the question word that opens
// it: "who" a person, "where" a place, "what/which" + a noun by the noun's
// class. It is consulted when the question's opening says nothing.
func (ix *Index) wordType(question string, ws []word, focus span) AnswerType {
	for i, w := range ws {
		// "the name of the document", "Saudi FM name?", "named yet?"
		if (w.exact == "name" || w.exact == "names") && (i+1 == len(ws) || ws[i+1].exact == "of") || w.exact == "named" {
			return Name
		}
	}
	i := questionWord(question, ws)
	if i < 0 {
		return AnyAnswer
	}
	switch ws[i].exact {
	case "who", "whos", "whom":
		return Person
	case "where", "wheres":
		if standsOn(ws[i:]) {
			return AnyAnswer // "where do they stand on …" asks a stance
		}
		return Place
	}
	if focus.ok && focus.asked && len(ws[focus.head].exact) >= 3 {
		return typeOfNoun(ix.lexicon, ws[focus.head].exact)
	}
	return AnyAnswer
}

// predicate finds the verb a "who" question asks the doer of: the word
// after "who" when it is a verb and not a form of "be" or "have" ("who
// leads the delegation").
func (ix *Index) predicate(question string, ws []word) span {
	i := questionWord(question, ws)
	if i < 0 || i+1 >= len(ws) || ws[i].exact != "who" && ws[i].exact != "whos" {
		return span{}
	}
	v := ws[i+1]
	if v.stop || copula(v.exact) || auxiliary(v.exact) || !ix.lexicon.Is(v.exact, lexicon.Verb) {
		return span{}
	}
	return span{start: i + 1, end: i + 2, head: i + 1, ok: true}
}

// standsOn reports whether a "where" question asks where someone stands.
func standsOn(ws []word) bool {
	for _, w := range ws[:min(len(ws), 6)] {
		if w.exact == "stand" || w.exact == "stands" {
			return true
		}
	}
	return false
}

// span is a run of a question's words: the noun phrase it asks about, or
// whom it asks about.
type span struct {
	start, end int // word range [start, end)
	head       int // the phrase's main word
	ok         bool
	// asked is set for a noun that a question word governs ("which
	// official", "how many barrels"), not one a terse question opens with.
	asked bool
}

// text returns the span as the question writes it, without a
// possessive at its end ("Khamenei's comments": Khamenei).
func (s span) text(question string, ws []word) string {
	t := question[ws[s.start].start:ws[s.end-1].end]
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if b, ok := strings.CutSuffix(t, p); ok {
			return b
		}
	}
	return t
}

// noun reports whether w can be the noun a question asks about: WordNet
// has it as a noun, and it is not a stop word or a question word.
func (ix *Index) noun(w word) bool {
	return !w.stop && !whWord(w.exact) && !ordinal(w.exact) && !cardinal(w.exact) &&
		!strings.ContainsAny(w.exact, "0123456789") && ix.lexicon.Is(w.exact, lexicon.Noun)
}

// focus finds the noun phrase a question asks about: the noun its
// question word governs ("how many barrels", "what deadline", "what's the
// death toll", "which senior Iranian commander"). A question about what
// someone did ("what did Trump warn…") or without a question word has
// none. The phrase runs over the nouns that follow one another, and its
// head is the last ("oil prices"); names and adjectives before it are
// passed over ("what is Washington's hard line").
func (ix *Index) focus(question string, ws []word) span {
	i := questionWord(question, ws)
	if i < 0 {
		return span{}
	}
	var start int
	switch {
	case ws[i].exact == "how" && i+1 < len(ws) && (ws[i+1].exact == "many" || ws[i+1].exact == "much"):
		start = i + 2
	case ws[i].exact == "what" || ws[i].exact == "whats" || ws[i].exact == "which":
		start = i + 1
		if start < len(ws) && auxiliary(ws[start].exact) {
			return span{}
		}
	default:
		return span{}
	}
	for start < len(ws) && ix.beforeNoun(question, ws[start]) {
		start++
	}
	if start == len(ws) || !ix.noun(ws[start]) {
		return span{}
	}
	end := start + 1
	for end < len(ws) && ix.noun(ws[end]) && (question[ws[end-1].end:ws[end].start] == " " || question[ws[end-1].end:ws[end].start] == "-") {
		end++
	}
	return span{start: start, end: end, head: end - 1, ok: true, asked: true}
}

// beforeNoun reports whether w may stand between a question word and the
// noun it asks about: "is", "the", "main", an adjective, or a name
// ("Washington's").
func (ix *Index) beforeNoun(question string, w word) bool {
	r, _ := utf8.DecodeRuneInString(question[w.start:])
	return copula(w.exact) || w.stop || modifier(w.exact) || ix.adjective(w) || unicode.IsUpper(r)
}

// adjective reports whether w is an adjective and not a noun ("iranian"
// is both, and stays).
func (ix *Index) adjective(w word) bool {
	return !w.stop && ix.lexicon.Is(w.exact, lexicon.Adj) && !ix.lexicon.Is(w.exact, lexicon.Noun)
}

// unbroken reports whether no stop word stands among ws.
func unbroken(ws []word) bool {
	for _, w := range ws {
		if w.stop {
			return false
		}
	}
	return true
}

// maxSpeakerWords bounds the words of whom a question asks to be quoted.
const maxSpeakerWords = 10

// speaker finds whom a question asks to be quoted or characterised:
// "what did X say", "how has X responded", "X's reaction", "X comments on
// …". It returns the run of X's words.
func (ix *Index) speaker(question string, ws []word) span {
	for i, w := range ws {
		switch {
		case (w.exact == "what" || w.exact == "how") && i+2 < len(ws) && auxiliary(ws[i+1].exact):
			// A speaker's name and title may run long ("Supreme Leader
			// Ayatollah Ali Khamenei", "the International Atomic Energy
			// Agency"); words past the fourth make one only when no stop
			// word breaks them ("the meeting between X and Y" is none).
			for j := i + 3; j < len(ws) && j <= i+maxSpeakerWords+2; j++ {
				if reportingVerb(ws[j].exact) {
					if s := (span{start: i + 2, end: j, head: j - 1, ok: true}); (j <= i+6 || unbroken(ws[i+3:j])) && ix.named(question, ws, s) {
						return s
					}
					break
				}
			}
		case reportingNoun(w.exact) && i > 0:
			start := i
			for start > 0 && i-start < 2 && ix.someone(question, ws[start-1]) {
				start--
			}
			if s := (span{start: start, end: i, head: i - 1, ok: true}); start < i && ix.named(question, ws, s) {
				return s
			}
		}
	}
	return span{}
}

// someone reports whether w may name a speaker: a name, or a word for a
// person or a body ("officials", "government").
func (ix *Index) someone(question string, w word) bool {
	if w.stop || whWord(w.exact) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(question[w.start:])
	c := ix.lexicon.Classes(w.exact)
	return unicode.IsUpper(r) || !ix.lexicon.Known(w.exact) || c.HasFirst(lexicon.Person) || c.HasFirst(lexicon.Group) || c.HasFirst(lexicon.Place)
}

// named reports whether a span names someone in particular: it has a
// name (capitalised, or a name or a word WordNet does not know), not only
// words for someone ("the conclusion", "each country").
func (ix *Index) named(question string, ws []word, s span) bool {
	for _, w := range ws[s.start:s.end] {
		if w.stop || filler(w.exact) || reportingVerb(w.exact) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(question[w.start:])
		if unicode.IsUpper(r) || ix.lexicon.ProperNoun(w.exact) || !ix.lexicon.Known(w.exact) ||
			ix.lexicon.Classes(w.exact).HasFirst(lexicon.Place) {
			return true
		}
	}
	return false
}

// reportingVerb reports whether a question's verb asks what someone said
// or thinks. The list is narrow on purpose: WordNet counts "differ", "sum
// up" and "lay out" as verbs of communication too.
func reportingVerb(w string) bool {
	switch w {
	case "say", "said", "says", "saying", "report", "reported", "reports", "write", "wrote", "think", "thought", "thinks", "comment", "commented",
		"respond", "responded", "react", "reacted", "state", "stated", "claim", "claimed",
		"announce", "announced", "warn", "warned", "tell", "told", "argue", "argued", "insist", "insisted",
		"view", "see", "feel", "felt", "describe", "described", "characterize", "characterise":
		return true
	}
	return false
}

// reportingNoun reports whether a question's noun asks for what someone
// said ("Khamenei's comments", "Hezbollah's reaction").
func reportingNoun(w string) bool {
	switch w {
	case "reaction", "reactions", "response", "responses", "comment", "comments", "statement", "statements", "remarks", "stance", "stances", "position", "positions":
		return true
	}
	return false
}

// reporting are the verbs with which news text attributes words or a
// stance to someone, by their base forms. WordNet's verbs of
// communication are too many for this: they include "talk", "negotiate"
// and "discuss", which a story about talks uses of everyone.
var reporting = map[string]bool{
	"say": true, "state": true, "tell": true, "warn": true, "announce": true, "claim": true, "insist": true,
	"argue": true, "note": true, "comment": true, "express": true, "describe": true, "urge": true,
	"stress": true, "emphasize": true, "emphasise": true, "highlight": true, "report": true, "confirm": true,
	"deny": true, "reject": true, "welcome": true, "suggest": true, "indicate": true, "respond": true,
	"react": true, "reply": true, "accuse": true, "praise": true, "criticize": true, "criticise": true,
	"condemn": true, "acknowledge": true, "declare": true, "affirm": true, "reiterate": true, "caution": true,
	"demand": true, "call": true, "think": true, "believe": true, "view": true, "see": true, "regard": true,
	"perceive": true, "consider": true, "feel": true, "characterize": true, "characterise": true, "signal": true,
	"explain": true, "add": true, "write": true, "quote": true, "assert": true, "vow": true, "pledge": true,
}

// stanceVerb reports whether a sentence's word attributes words or a
// stance: one of the reporting verbs, in any form.
func (ix *Index) stanceVerb(w string) bool {
	if reporting[w] {
		return true
	}
	for _, base := range ix.lexicon.Lemmas(w) {
		if reporting[base] && ix.lexicon.Is(w, lexicon.Verb) {
			return true
		}
	}
	return false
}

// stanceNoun reports whether a sentence's word names what someone said
// or thinks.
func stanceNoun(w string) bool {
	switch w {
	case "reaction", "reactions", "response", "responses", "comment", "comments", "statement", "statements",
		"position", "positions", "stance", "view", "views", "remarks", "perception", "warning", "support":
		return true
	}
	return false
}

// focusCovered reports whether the coverage uses the focus's head, or a
// noun WordNet gives as its synonym or derived form in its commonest
// senses, or, when the focus is followed by "of" ("a rundown of …", "the
// scope of …"), whether it names what follows.
func (ix *Index) focusCovered(a Analysis, ws []word, question string) bool {
	f := a.focus
	head := ws[f.head]
	if ix.df[head.stem] > 0 {
		return true
	}
	if i := termOf(a.Terms, head.stem); i >= 0 && a.Terms[i].Known {
		return true
	}
	phrase := strings.ToLower(f.text(question, ws))
	for _, key := range []string{phrase, head.exact} {
		for _, l := range ix.lexicon.Related(key) {
			if l.POS == lexicon.Noun && l.Sense <= 2 && (l.Rel == lexicon.Synonym || l.Rel == lexicon.Derived) &&
				ix.docFreqAll(ix.an.stems(l.Target)) > 0 {
				return true
			}
		}
	}
	// "what percentage of …": a measure asks about what follows it.
	return f.end < len(ws) && ws[f.end].exact == "of" && ix.lexicon.Classes(head.exact).HasFirst(lexicon.Quantity) &&
		a.words[questionWord(question, ws)].exact != "how"
}

// termOf returns the index of the term whose word has stem, or -1.
func termOf(terms []Term, stem string) int {
	for i, t := range terms {
		if t.Stem == stem || t.word != "" && t.Stem != "" && stem == t.Stem {
			return i
		}
	}
	return -1
}

// checksFocus reports whether a question's focus must be in the coverage
// for it to be answered: a noun it counts ("how many barrels") or asks a
// time, amount or place of ("what deadline", "what city"). A person or a
// body asked for ("which commander") is checked by the answer's type.
func (ix *Index) checksFocus(question string, a Analysis) bool {
	f := a.focus
	if !f.ok {
		return false
	}
	if i := questionWord(question, a.words); i >= 0 && a.words[i].exact == "how" {
		return true
	}
	c := ix.lexicon.Classes(a.words[f.head].exact)
	return c.HasFirst(lexicon.Time) || c.HasFirst(lexicon.Quantity) || c.HasFirst(lexicon.Place)
}
