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
