package search

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/lexicon"
)

// typeWindow is how many of the best hits the verdict looks in for an
// answer of the type asked, or for the speaker asked about.
const typeWindow = 3

// sentenceWord is a word of a passage's sentence as written.
type sentenceWord struct {
	word
	surface string // as written, capitals kept
	first   bool   // the sentence's first word
}

// sentenceWords analyses one sentence of a passage at query time: only
// the few sentences that may answer are read this way.
func (ix *Index) sentenceWords(text string) []sentenceWord {
	ws := ix.an.words(text)
	out := make([]sentenceWord, len(ws))
	for i, w := range ws {
		out[i] = sentenceWord{word: w, surface: text[w.start:w.end], first: i == 0}
	}
	return out
}

// answerSentences returns the sentences of h that hold enough of the
// question to answer it: a share of its weight of at least TypeShare.
func (ix *Index) answerSentences(a Analysis, h Hit, q questionWeights) []string {
	p := h.Passage
	var out []string
	for i, s := range p.Sentences {
		if i < len(h.Sentences) && h.Sentences[i] >= ix.w.TypeShare*q.total && h.Sentences[i] > 0 {
			out = append(out, p.Text[s.Start:s.End])
		}
	}
	return out
}

// candidate returns what a sentence names of type t that the question
// does not already name: for a person, a name or a person's or group's
// role ("mediators"); for a place, a place's name or a word for one
// ("neutral locations"); for a group, a name or a word for a group. An
// outlet the sentence credits with a report counts only when sources is
// set.
func (ix *Index) candidate(t AnswerType, sentence string, asked set, sources bool) candidateKind {
	ws := ix.sentenceWords(sentence)
	found := noCandidate
	for i, w := range ws {
		if w.stop || asked.has(w.stem) || utf8.RuneCountInString(w.exact) < 2 {
			continue
		}
		if t == Place && !locative(ws, i) {
			continue
		}
		c := ix.lexicon.Classes(w.exact)
		if ix.name(w) {
			switch {
			case c.Has(lexicon.Time) || c.Has(lexicon.Quantity) || t == Name && ix.lexicon.Known(w.exact) && !ix.lexicon.ProperNoun(w.exact):
			case t == Place && c.HasFirst(lexicon.Person) && !c.Has(lexicon.Place):
			case ix.modifiesRole(sentence, ws, i), !sources && ix.source(ws, i):
			case t == Person && c.HasFirst(lexicon.Place) && !c.Has(lexicon.Person):
				// A country or a city is who did a thing only as a body
				// doing it, as a role is: the sentence must say it did.
				found = roleCandidate
			default:
				return nameCandidate
			}
			continue
		}
		switch {
		case t == Person && (c.HasFirst(lexicon.Person) || c.HasFirst(lexicon.Group)),
			t == Place && c.HasFirst(lexicon.Place), t == Group && c.HasFirst(lexicon.Group):
			found = roleCandidate
		}
	}
	return found
}

// modifiesRole reports whether the sentence's i'th word, a name, only
// says what a role after it is ("European foreign ministers", "Omani
// official"): the role is then the candidate, not the name.
func (ix *Index) modifiesRole(sentence string, ws []sentenceWord, i int) bool {
	if possessive(ws[i].surface) {
		return false // the owner of a role: "Iran's top diplomat"
	}
	joined := func(j int) bool { return ws[j].start == ws[j-1].end+1 && sentence[ws[j-1].end] == '-' }
	j := i + 1
	// The other names of a compound ("US-Iran talks") say what the noun
	// after them is, whatever noun it is.
	for j < len(ws) && joined(j) {
		j++
	}
	compound := j > i+1 || i > 0 && joined(i)
	for end := j + 2; j < min(len(ws), end); j++ {
		n := ws[j]
		r, _ := utf8.DecodeRuneInString(n.surface)
		if n.stop || !unicode.IsLower(r) {
			return false
		}
		if compound {
			return true
		}
		if c := ix.lexicon.Classes(n.exact); c.HasFirst(lexicon.Person) || c.HasFirst(lexicon.Group) ||
			ix.lexicon.Is(n.exact, lexicon.Noun) && !ix.lexicon.Is(n.exact, lexicon.Verb) {
			return true
		}
	}
	return false
}

// source reports whether the sentence's i'th word, a name, is credited
// with reporting what the sentence says ("BBC reported that…", "the New
// York Times noted"): the outlet is where the answer comes from, not who
// did what a question asks.
func (ix *Index) source(ws []sentenceWord, i int) bool {
	j := i + 1
	for j < len(ws) && ix.name(ws[j]) {
		j++
	}
	if j == len(ws) {
		return false
	}
	w := ws[j].exact
	if sourcing[w] {
		return true
	}
	for _, base := range ix.lexicon.Lemmas(w) {
		if sourcing[base] {
			return true
		}
	}
	return false
}

// sourcing are the words, by their base forms, with which news text
// credits an outlet: "reported", "reporting", "noted".
var sourcing = map[string]bool{"report": true, "reporting": true, "note": true, "highlight": true, "write": true, "quote": true}

// candidateKind says what a sentence offers as an answer of a type.
type candidateKind uint8

const (
	noCandidate   candidateKind = iota
	roleCandidate               // a word for one: "mediators", "neutral locations"
	nameCandidate               // a name: "Al Busaidi", "Rome"
)

// undisclosed finds a sentence saying that what is asked has not been
// made known ("specific mediators have not been fully identified",
// "dates have not yet been disclosed"), which answers a question for a
// name, a place or a date as the coverage can: by saying it has none.
var undisclosedRE = regexp.MustCompile(`(?i)\b(not|n't|yet to be|never)\b(\s+\w+){0,3}\s+(disclosed|identified|named|announced|revealed|released|specified|made public|confirmed|determined|set|scheduled)\b|\b(remains?|still) (unclear|unknown|undisclosed|unnamed)\b`)

func undisclosed(sentence string) bool { return undisclosedRE.MatchString(sentence) }

// locative reports whether a preposition of place stands at most two
// words before the sentence's i'th word ("in Rome", "in neutral
// locations", "at the White House").
func locative(ws []sentenceWord, i int) bool {
	prep := func(j int) bool {
		switch ws[j].exact {
		case "in", "at", "to", "from", "near", "inside", "outside", "venue", "hosted":
			return true
		}
		return false
	}
	switch {
	case i >= 1 && prep(i-1):
		return true
	case i >= 2 && prep(i-2):
		between := ws[i-1]
		r, _ := utf8.DecodeRuneInString(between.surface)
		return between.stop || unicode.IsUpper(r) || !between.first && unicode.IsLower(r) && len(between.exact) > 2 && !prep(i-1)
	}
	return false
}

// name reports whether a word of a sentence is a name: capitalised, and
// not an everyday word that merely opens the sentence.
func (ix *Index) name(w sentenceWord) bool {
	r, _ := utf8.DecodeRuneInString(w.surface)
	if !unicode.IsUpper(r) {
		return false
	}
	return !w.first || ix.lexicon.ProperNoun(w.exact) || !ix.lexicon.Known(w.exact)
}

// askedStems returns the stems of the question's words and their
// aliases: a candidate answer the question already names ("Tehran" for
// "Iran") is none.
func askedStems(a Analysis) set {
	var s []string
	for _, t := range a.Terms {
		if t.Stem != "" {
			s = append(s, t.Stem)
		}
		for _, al := range t.alts {
			if al.kind == aliasAlt {
				s = append(s, al.stems...)
			}
		}
	}
	return asSet(s)
}

// checkTypes sets HoldsType on the best hits for the types the sentence
// kinds cannot tell (a person, a place, a group), and for a quantity
// asked of a noun ("how many barrels") requires the number to stand near
// that noun.
func (ix *Index) checkTypes(a Analysis, hits []Hit, q questionWeights) {
	asked := askedStems(a)
	// An outlet credited with a report answers which outlet or body, and
	// who reported, said or wrote; not who did something else.
	sources := a.Wants != Person || a.predicate.ok && ix.stanceVerb(a.words[a.predicate.head].exact)
	for i := range hits[:min(len(hits), 2*typeWindow)] {
		h := &hits[i]
		if a.Wants != AnyAnswer && q.names > 0 {
			// An answer of the type about another thing than the one the
			// question names is none: the year of another agreement.
			if !ix.holdsNames(a, h.e.terms) {
				h.HoldsType = false
				continue
			}
		}
		switch a.Wants {
		case Person, Place, Group, Name:
			h.HoldsType = false
			e := h.e
			for i, s := range h.Passage.Sentences {
				text := h.Passage.Text[s.Start:s.End]
				if h.Sentences[i] < ix.w.TypeShare*q.total || h.Sentences[i] == 0 {
					continue
				}
				if c := ix.candidate(a.Wants, text, asked, sources); c == nameCandidate || c == roleCandidate && ix.holdsPredicate(a, e.sentences[i]) || undisclosed(text) {
					h.HoldsType = true
					break
				}
			}
		case Time:
			if h.HoldsType {
				h.HoldsType = ix.statesTime(a, *h, q, asked)
			}
		case Quantity:
			if h.HoldsType && a.focus.ok && a.focus.asked {
				h.HoldsType = ix.numberNear(a, *h, q)
			}
		}
	}
}

// statesTime reports whether a sentence of h that answers states a time
// the question does not already name ("When was the Good Friday
// Agreement signed?" is not answered by its "Friday"), outside a name.
func (ix *Index) statesTime(a Analysis, h Hit, q questionWeights, asked set) bool {
	for _, s := range ix.answerSentences(a, h, q) {
		for _, m := range typeAnswers[Time].FindAllStringIndex(s, -1) {
			if unicode.IsLetter(rune(s[m[0]])) && ix.inName(s, m[0], m[1]) {
				continue
			}
			for _, st := range ix.an.stems(s[m[0]:m[1]]) {
				if !asked.has(st) {
					return true
				}
			}
		}
	}
	return false
}

// inName reports whether the word s[start:end] is part of a name: an
// everyday English word, capitalised as in a name and neither a time nor
// a possessive, stands right before it (not opening the sentence) or
// right after it ("Good Friday Agreement", "Friday Prayers"). A name
// beside it ("told CNN Sunday", "On Sunday Araghchi told") does not make
// it one.
func (ix *Index) inName(s string, start, end int) bool {
	partOfName := func(w string) bool {
		w = strings.TrimRight(w, ".,;:!?\"”’)")
		r, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		if !unicode.IsUpper(r) || possessive(w) || !unicode.IsLetter(last) || typeAnswers[Time].MatchString(w) {
			return false
		}
		lw := strings.ToLower(w)
		return ix.lexicon.Known(lw) && !ix.lexicon.ProperNoun(lw)
	}
	before := strings.Fields(s[:start])
	if strings.HasSuffix(s[:start], " ") && len(before) > 1 && partOfName(before[len(before)-1]) {
		return true
	}
	if rest, ok := strings.CutPrefix(s[end:], " "); ok {
		if f := strings.Fields(rest); len(f) > 0 && partOfName(f[0]) {
			return true
		}
	}
	return false
}

// possessives are the endings of a possessive as written.
var possessives = []string{"'s", "’s"}

// possessive reports whether a word as written ends in "'s".
func possessive(w string) bool {
	for _, s := range possessives {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// holdsPredicate reports whether a sentence holds what a "who" question
// says the person did ("who leads the delegation": lead), when it says.
func (ix *Index) holdsPredicate(a Analysis, s set) bool {
	p := a.predicate
	if !p.ok {
		return true
	}
	i := termOf(a.Terms, a.words[p.head].stem)
	if i < 0 {
		return true
	}
	// As written, in its family or through the alias table: WordNet's
	// related words are too loose for what someone did ("led": "producing").
	t := a.Terms[i]
	if s.has(t.Stem) {
		return true
	}
	for _, al := range t.alts {
		if al.kind != lexicalAlt && s.hasAll(al.stems) {
			return true
		}
	}
	return false
}

// numberNear reports whether a sentence of h holds a number within a few
// words of the noun the question counts.
func (ix *Index) numberNear(a Analysis, h Hit, q questionWeights) bool {
	const near = 6
	head := termOf(a.Terms, a.words[a.focus.head].stem)
	if head < 0 {
		return true
	}
	t := a.Terms[head]
	for _, s := range ix.answerSentences(a, h, q) {
		ws := ix.sentenceWords(s)
		for i, w := range ws {
			if t.match(set{w.stem}, ix.w) == 0 {
				continue
			}
			for j := max(0, i-near); j < min(len(ws), i+near+1); j++ {
				if typeAnswers[Quantity].MatchString(ws[j].surface) {
					return true
				}
			}
		}
	}
	return false
}

// quotes reports whether one of the best hits has a sentence that names
// everything the question says of the speaker and says what they said or
// think: a word of saying or judging within a few words after the speaker
// ("Al Busaidi, an Omani official, stated"), or the speaker after
// "according to".
func (ix *Index) quotes(a Analysis, hits []Hit) bool {
	var terms []Term
	for _, t := range a.Terms {
		if t.Start >= a.words[a.speaker.start].start && t.End <= a.words[a.speaker.end-1].end && ix.nameTerm(a, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return true
	}
	for _, h := range hits[:min(len(hits), typeWindow)] {
		e := h.e
		for i, s := range h.Passage.Sentences {
			if holdsAll(terms, e.sentences[i], ix.w) && ix.attributes(terms, ix.sentenceWords(h.Passage.Text[s.Start:s.End])) {
				return true
			}
		}
	}
	return false
}

// attributes reports whether a sentence attributes words or a stance to
// the speaker named by terms.
func (ix *Index) attributes(terms []Term, ws []sentenceWord) bool {
	const after, before = 15, 3
	var stems []string // that place the speaker in a sentence
	for _, t := range terms {
		stems = append(stems, t.Stem)
		for _, a := range t.alts {
			if a.kind == aliasAlt && len(a.stems) > 0 {
				stems = append(stems, a.stems[len(a.stems)-1])
			}
		}
	}
	at := asSet(stems)
	for i, w := range ws {
		if !at.has(w.stem) {
			continue
		}
		for j := i + 1; j < min(len(ws), i+1+after); j++ {
			if stanceNoun(ws[j].exact) || ix.stanceVerb(ws[j].exact) {
				return true
			}
		}
		for j := max(0, i-before); j+1 < i; j++ {
			if ws[j].exact == "according" && ws[j+1].exact == "to" {
				return true
			}
		}
	}
	return false
}

// nameTerm reports whether a term of the speaker names them, rather than
// saying what they are ("oman's mediator": Oman).
func (ix *Index) nameTerm(a Analysis, t Term) bool {
	for _, w := range a.words {
		if w.start == t.Start {
			r, _ := utf8.DecodeRuneInString(t.Text)
			return unicode.IsUpper(r) || ix.lexicon.ProperNoun(w.exact) || !ix.lexicon.Known(w.exact) ||
				ix.lexicon.Classes(w.exact).HasFirst(lexicon.Place)
		}
	}
	return false
}

// holdsAll reports whether s holds every one of terms.
func holdsAll(terms []Term, s set, w Weights) bool {
	for _, t := range terms {
		if t.match(s, w) == 0 {
			return false
		}
	}
	return true
}

// holdsAny reports whether s holds one of terms.
func holdsAny(terms []Term, s set, w Weights) bool {
	for _, t := range terms {
		if t.match(s, w) > 0 {
			return true
		}
	}
	return false
}

// holdsNames reports whether s holds, as written or another way, every
// name the reranker insists on.
func (ix *Index) holdsNames(a Analysis, s set) bool {
	for _, t := range a.Terms {
		if ix.insists(t) && t.match(s, ix.w) == 0 {
			return false
		}
	}
	return true
}
