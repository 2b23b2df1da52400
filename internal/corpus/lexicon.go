package corpus

import (
	"strings"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// Lexicon is what the English sentence model knows of words: which it has
// seen, and in which case. The search index uses it to tell everyday
// English from names and typos in questions.
type Lexicon struct {
	storage *sentences.Storage
}

// NewLexicon loads the English model's vocabulary.
func NewLexicon() (*Lexicon, error) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	return &Lexicon{storage: tok.Storage}, nil
}

// ProperNoun reports whether the English model has seen word (any case)
// only capitalised, as names are ("japan", "australia"), and never in
// lower case.
func (l *Lexicon) ProperNoun(word string) bool {
	const upper, lower = 2 | 4 | 8, 16 | 32 | 64 // Punkt's orthographic context flags
	ctx, ok := l.storage.OrthoContext[strings.ToLower(word)]
	return ok && ctx&upper != 0 && ctx&lower == 0
}

// Known reports whether word is ordinary English: the English model has
// seen it, or it is built in the ordinary way from a word the model has
// seen: an inflection or derivation ("restarting", "salvaged",
// "unblocked"), a prefix ("unblock") or a compound of two words
// ("timeframe"). Rare names, terms of art and typos are not.
func (l *Lexicon) Known(word string) bool {
	w := strings.ToLower(word)
	return l.seen(w) || l.derived(w) || l.prefixed(w) || l.compound(w)
}

func (l *Lexicon) seen(w string) bool {
	_, ok := l.storage.OrthoContext[w]
	return ok
}

// derived reports whether w is a seen word with a suffix, or has the
// shape of an English verb or adverb form ("salvaged", "reshoring",
// "swiftly"), which names seldom have.
func (l *Lexicon) derived(w string) bool {
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
			if l.seen(b) {
				return true
			}
		}
	}
	return false
}

// prefixed reports whether w is a seen or derived word with a prefix.
func (l *Lexicon) prefixed(w string) bool {
	for _, prefix := range []string{"un", "re", "pre", "non", "over", "under", "out", "mis", "dis", "co", "counter", "anti", "post", "inter"} {
		if base, ok := strings.CutPrefix(w, prefix); ok && len(base) >= 3 && (l.seen(base) || l.derived(base)) {
			return true
		}
	}
	return false
}

// compound reports whether w is two seen words of four letters or more.
func (l *Lexicon) compound(w string) bool {
	for i := 4; i <= len(w)-4; i++ {
		if l.seen(w[:i]) && (l.seen(w[i:]) || l.derived(w[i:])) {
			return true
		}
	}
	return false
}
