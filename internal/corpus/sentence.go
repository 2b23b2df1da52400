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

// Known reports whether the English model has seen word, or the word it
// inflects ("restarting" from "restart", "dialing" from "dial"): whether it
// is ordinary English rather than a rare name, a term of art or a typo.
func (s *SentenceSplitter) Known(word string) bool {
	w := strings.ToLower(word)
	if _, ok := s.tok.Storage.OrthoContext[w]; ok {
		return true
	}
	for _, suffix := range []string{"s", "es", "ed", "d", "ing", "er", "ers", "ly", "ies", "ied"} {
		base, ok := strings.CutSuffix(w, suffix)
		if !ok || len(base) < 3 {
			continue
		}
		for _, b := range []string{base, base + "e", base + "y", base[:len(base)-1]} {
			if _, ok := s.tok.Storage.OrthoContext[b]; ok {
				return true
			}
		}
	}
	return false
}

// Split returns the byte ranges of the sentences in t, without the white
// space between them. Text with no sentence boundary is one sentence.
func (s *SentenceSplitter) Split(t string) []Span {
	var out []Span
	for _, sent := range s.tok.Tokenize(t) {
		start, end := sent.Start, sent.End
		for start < end && unicode.IsSpace(rune(t[start])) {
			start++
		}
		for end > start && unicode.IsSpace(rune(t[end-1])) {
			end--
		}
		if start < end {
			out = append(out, Span{start, end})
		}
	}
	if len(out) == 0 && strings.TrimSpace(t) != "" {
		out = append(out, Span{0, len(t)})
	}
	return out
}
