package lexicon

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Vocabulary is what a corpus says, in the words the related table may
// point to: the lower-cased words of its passages' text, their headings
// and its articles' titles, and the stretches of words between punctuation
// in which a phrase may occur. A word is letters and digits joined by
// single hyphens or apostrophes ("go-between", "don't"), without a
// possessive "'s"; a hyphenated word's parts are words too, as the search
// index splits them.
type Vocabulary struct {
	words map[string]bool
	runs  []string // each stretch of words between punctuation, as " w1 w2 ... "
}

// NewVocabulary returns the vocabulary of c.
func NewVocabulary(c *corpus.Corpus) *Vocabulary {
	v := &Vocabulary{words: map[string]bool{}}
	seen := map[string]bool{}
	add := func(text string) {
		if seen[text] {
			return
		}
		seen[text] = true
		for _, run := range runs(text) {
			for _, w := range run {
				v.words[w] = true
				if strings.Contains(w, "-") {
					for part := range strings.SplitSeq(w, "-") {
						v.words[part] = true
					}
				}
			}
			v.runs = append(v.runs, " "+strings.Join(run, " ")+" ")
		}
	}
	for _, a := range c.Articles {
		add(a.Title)
		for _, p := range a.Passages {
			for _, h := range p.Headings {
				add(h)
			}
			for _, f := range corpus.Fragments(p.Text) {
				add(f)
			}
		}
	}
	return v
}

// Words returns the vocabulary's words, sorted.
func (v *Vocabulary) Words() []string {
	return slices.Sorted(maps.Keys(v.words))
}

// Contains reports whether the corpus has phrase, a lower-cased word or
// words separated by single spaces, as such: a word anywhere, a phrase
// within one stretch of text between punctuation marks.
func (v *Vocabulary) Contains(phrase string) bool {
	if !strings.Contains(phrase, " ") {
		return v.words[phrase]
	}
	for w := range strings.SplitSeq(phrase, " ") {
		if !v.words[w] {
			return false
		}
	}
	phrase = " " + phrase + " "
	for _, r := range v.runs {
		if strings.Contains(r, phrase) {
			return true
		}
	}
	return false
}

// Fingerprint returns "sha256:" and the hex SHA-256 of the vocabulary's
// sorted words, one a line. The related table records the fingerprint of
// the corpus it was built for (see Lexicon.Fingerprint); a corpus whose
// fingerprint differs needs the table regenerated.
func (v *Vocabulary) Fingerprint() string {
	h := sha256.New()
	for _, w := range v.Words() {
		h.Write([]byte(w + "\n"))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// runs splits text into its lower-cased words, in stretches between
// punctuation.
func runs(text string) [][]string {
	t := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	var out [][]string
	var run []string
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case isWordRune(r):
			end := wordEnd(t, i)
			if w := strings.TrimSuffix(t[i:end], "'s"); w != "" {
				run = append(run, w)
			}
			i = end
		case unicode.IsSpace(r):
			i += size
		default:
			if len(run) > 0 {
				out = append(out, run)
				run = nil
			}
			i += size
		}
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

// wordEnd returns the end of the word that starts at t[i]: letters and
// digits, joined by single hyphens or apostrophes.
func wordEnd(t string, i int) int {
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if isWordRune(r) {
			i += size
			continue
		}
		if r != '-' && r != '\'' {
			break
		}
		if next, _ := utf8.DecodeRuneInString(t[i+size:]); !isWordRune(next) {
			break
		}
		i += size
	}
	return i
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
