package search

import (
	"strings"

	"github.com/parley-newsroom/parley/internal/lexicon"
)

// Lexicon is general knowledge of English words (see package lexicon),
// for reading questions typed without capitals and telling everyday words
// from names and typos.
type Lexicon interface {
	// Known reports whether a word, or its base form, is everyday English.
	Known(word string) bool
	// ProperNoun reports whether a word is first of all a name, written
	// with a capital ("japan").
	ProperNoun(word string) bool
	// Related returns the corpus words WordNet relates to a lower-cased
	// word or phrase.
	Related(phrase string) []lexicon.Link
	// Classes returns the semantic classes of a word's noun senses.
	Classes(word string) lexicon.Class
	// Lemmas returns a word's base forms.
	Lemmas(word string) []string
	// Is reports whether a word is a part of speech.
	Is(word string, pos lexicon.POS) bool
	// Plural reports whether a word is a plural noun.
	Plural(word string) bool
	// Frequency returns how common a word is in general English.
	Frequency(word string) int
}

// noLexicon knows no English: the index works without one, telling names
// from everyday words by their capitals alone.
type noLexicon struct{}

func (noLexicon) Known(string) bool             { return false }
func (noLexicon) ProperNoun(string) bool        { return false }
func (noLexicon) Related(string) []lexicon.Link { return nil }
func (noLexicon) Classes(string) lexicon.Class  { return 0 }
func (noLexicon) Lemmas(string) []string        { return nil }
func (noLexicon) Is(string, lexicon.POS) bool   { return false }
func (noLexicon) Plural(string) bool            { return false }
func (noLexicon) Frequency(string) int          { return 0 }

// everyday reports whether a lower-cased word is ordinary English: the
// lexicon knows it, or it is built in the ordinary way from a word the
// lexicon knows: a derivation ("reshoring", "salvageable"), a prefix
// ("unblock") or a compound of two words ("timeframe"). Rare names, terms
// of art and typos are not.
func everyday(lex Lexicon, w string) bool {
	return functionWord(w) || lex.Known(w) || derived(lex, w) || prefixed(lex, w) || compound(lex, w)
}

// functionWord reports whether w is one of English's closed classes of
// words, which WordNet leaves out: pronouns, determiners, prepositions,
// conjunctions ("everyone", "whatever", "amid").
func functionWord(w string) bool {
	switch w {
	case "everyone", "everybody", "everything", "everywhere", "anyone", "anybody", "anything", "anywhere",
		"someone", "somebody", "something", "somewhere", "noone", "nobody", "nothing", "nowhere",
		"whatever", "whoever", "whichever", "whenever", "wherever", "however", "whom", "whose",
		"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves",
		"mine", "yours", "hers", "ours", "theirs", "each", "either", "neither", "both", "several", "many",
		"much", "few", "fewer", "less", "least", "more", "most", "such", "own", "other", "others", "another",
		"amid", "amidst", "among", "amongst", "toward", "towards", "upon", "within", "without", "throughout",
		"despite", "unlike", "versus", "via", "per", "whether", "although", "though", "unless", "whereas",
		"thus", "hence", "therefore", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless":
		return true
	}
	return false
}

// derived reports whether w is a known word with a suffix, or has the
// shape of an English verb or adverb form ("salvaged", "reshoring",
// "swiftly"), which names seldom have.
func derived(lex Lexicon, w string) bool {
	for _, suffix := range []string{"ed", "ing", "ly"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && len(base) >= 4 {
			return true
		}
	}
	for _, suffix := range []string{"s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "ies", "ied",
		"ment", "ments", "ness", "tion", "tions", "able", "ible", "ful", "less", "ize", "ise", "ized", "ised", "ous", "ive", "al"} {
		base, ok := strings.CutSuffix(w, suffix)
		if !ok || len(base) < 3 {
			continue
		}
		for _, b := range []string{base, base + "e", base + "y", base[:len(base)-1]} {
			if lex.Known(b) {
				return true
			}
		}
	}
	return false
}

// prefixed reports whether w is a known or derived word with a prefix.
func prefixed(lex Lexicon, w string) bool {
	for _, prefix := range []string{"un", "re", "pre", "non", "over", "under", "out", "mis", "dis", "co", "counter", "anti", "post", "inter"} {
		if base, ok := strings.CutPrefix(w, prefix); ok && len(base) >= 3 && (lex.Known(base) || derived(lex, base)) {
			return true
		}
	}
	return false
}

// compound reports whether w is two known words of four letters or more.
func compound(lex Lexicon, w string) bool {
	for i := 4; i <= len(w)-4; i++ {
		if lex.Known(w[:i]) && (lex.Known(w[i:]) || derived(lex, w[i:])) {
			return true
		}
	}
	return false
}
