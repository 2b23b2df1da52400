package corpus

import (
	"strings"
	"unicode"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// SentenceSplitter finds sentence boundaries in English prose. It knows
// abbreviations such as "U.S." and "Gen." from the Punkt model that ships
// with github.com/neurosnap/sentences.
type SentenceSplitter struct {
	tok *sentences.DefaultSentenceTokenizer
}

// NewSentenceSplitter loads the English sentence model.
func NewSentenceSplitter() (*SentenceSplitter, error) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	return &SentenceSplitter{tok: tok}, nil
}

// ProperNoun reports whether the English model has seen word (any case)
// only capitalised, as names are ("japan", "australia"), and never in
// lower case.
func (s *SentenceSplitter) ProperNoun(word string) bool {
	const upper, lower = 2 | 4 | 8, 16 | 32 | 64 // Punkt's orthographic context flags
	ctx, ok := s.tok.Storage.OrthoContext[strings.ToLower(word)]
	return ok && ctx&upper != 0 && ctx&lower == 0
}

// Known reports whether word is ordinary English: the English model has
// seen it, or it is built in the ordinary way from a word the model has
// seen: an inflection or derivation ("restarting", "salvaged",
// "unblocked"), a prefix ("unblock") or a compound of two words
// ("timeframe"). Rare names, terms of art and typos are not.
func (s *SentenceSplitter) Known(word string) bool {
	w := strings.ToLower(word)
	return s.seen(w) || s.derived(w) || s.prefixed(w) || s.compound(w)
}

func (s *SentenceSplitter) seen(w string) bool {
	_, ok := s.tok.Storage.OrthoContext[w]
	return ok
}

// derived reports whether w is a seen word with a suffix, or has the
// shape of an English verb or adverb form ("salvaged", "reshoring",
// "swiftly"), which names seldom have.
func (s *SentenceSplitter) derived(w string) bool {
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
			if s.seen(b) {
				return true
			}
		}
	}
	return false
}

// prefixed reports whether w is a seen or derived word with a prefix.
func (s *SentenceSplitter) prefixed(w string) bool {
	for _, prefix := range []string{"un", "re", "pre", "non", "over", "under", "out", "mis", "dis", "co", "counter", "anti", "post", "inter"} {
		if base, ok := strings.CutPrefix(w, prefix); ok && len(base) >= 3 && (s.seen(base) || s.derived(base)) {
			return true
		}
	}
	return false
}

// compound reports whether w is two seen words of four letters or more.
func (s *SentenceSplitter) compound(w string) bool {
	for i := 4; i <= len(w)-4; i++ {
		if s.seen(w[:i]) && (s.seen(w[i:]) || s.derived(w[i:])) {
			return true
		}
	}
	return false
}

// Split returns the byte ranges of the sentences in t, without the white
// space between them. Text with no sentence boundary is one sentence.
func (s *SentenceSplitter) Split(t string) []Span {
	var out []Span
	for _, sent := range s.tok.Tokenize(t) {
		// Trim white space rune by rune: a UTF-8 continuation byte such as
		// the 0xA0 ending "à" is not a space.
		text := t[sent.Start:sent.End]
		start := sent.Start + len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
		end := sent.Start + len(strings.TrimRightFunc(text, unicode.IsSpace))
		if start < end {
			out = append(out, Span{start, end})
		}
	}
	if len(out) == 0 && strings.TrimSpace(t) != "" {
		out = append(out, Span{0, len(t)})
	}
	return out
}
