// Package quote chooses the sentences of a passage that best answer a
// question and returns them verbatim.
package quote

import (
	"strings"
	"unicode"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Ellipsis marks sentences left out between two quoted fragments.
const Ellipsis = "…"

// MaxSentences is the most sentences a quote holds besides the lines kept
// for context (a list's introducing sentence, a table's header).
const MaxSentences = 3

// maxLen bounds a quote's length in bytes, so one long passage cannot crowd
// out the others; the best sentence is always kept whatever its length.
const maxLen = 700

// Quote is a passage's chosen text: verbatim fragments in passage order.
// Between two fragments the passage has sentences that were left out.
type Quote []string

// String joins the fragments with " … ".
func (q Quote) String() string { return strings.Join(q, " "+Ellipsis+" ") }

// Pick chooses from text, whose sentences are spans and their relevance
// scores, the 1–3 sentences that best answer the question. The first
// context spans (a list's introducing sentence, a table's header line) are
// always kept, as they give the rest its meaning. A passage where nothing
// matched is quoted from its start.
func Pick(text string, spans []corpus.Span, scores []float64, context int) Quote {
	if len(spans) == 0 {
		return nil
	}
	context = min(context, len(spans))
	chosen := make([]bool, len(spans))
	for i := range context {
		chosen[i] = true
	}
	rest := spans[context:]
	if len(rest) == 0 {
		return join(text, spans, chosen)
	}

	best := context
	for i := context; i < len(spans); i++ {
		if score(scores, i) > score(scores, best) {
			best = i
		}
	}
	chosen[best] = true
	size := spans[best].End - spans[best].Start
	n := 1
	add := func(i int) bool {
		if i < context || i >= len(spans) || chosen[i] || n == MaxSentences {
			return false
		}
		l := spans[i].End - spans[i].Start
		if size+l > maxLen {
			return false
		}
		chosen[i] = true
		size += l
		n++
		return true
	}

	// A sentence that leans on the one before ("This ...", "It ...") needs
	// it; a one-word answer before it ("No.") is the answer itself; and a
	// sentence after it that leans on it ("This policy involved ...") goes
	// on with the same subject.
	if anaphoric(text[spans[best].Start:spans[best].End]) || best > context && short(text, spans[best-1]) {
		add(best - 1)
	}
	if best+1 < len(spans) && anaphoric(text[spans[best+1].Start:spans[best+1].End]) {
		add(best + 1)
	}
	// Then the other sentences that also answer, strongest first, as long as
	// they carry at least half the best one's weight.
	top := score(scores, best)
	for n < MaxSentences {
		next := -1
		for i := context; i < len(spans); i++ {
			if !chosen[i] && score(scores, i) >= 0.5*top && score(scores, i) > 0 &&
				(next < 0 || score(scores, i) > score(scores, next)) {
				next = i
			}
		}
		if next < 0 || !add(next) {
			break
		}
	}
	// A short answer reads better with the sentence that follows it.
	if n == 1 && size < 120 {
		add(best + 1)
	}
	return join(text, spans, chosen)
}

func score(scores []float64, i int) float64 {
	if i < len(scores) {
		return scores[i]
	}
	return 0
}

// anaphoric reports whether a sentence opens with a word that points back.
func anaphoric(s string) bool {
	first := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(first) == 0 {
		return false
	}
	switch strings.ToLower(first[0]) {
	case "this", "these", "that", "those", "it", "its", "they", "their", "such", "he", "she":
		return true
	}
	return false
}

// short reports whether a sentence is a word or two: "No.", "Not yet."
func short(text string, s corpus.Span) bool {
	return len(strings.Fields(text[s.Start:s.End])) <= 2
}

// join turns chosen sentences into fragments: runs of neighbouring chosen
// sentences become one fragment, with the text between them as written.
func join(text string, spans []corpus.Span, chosen []bool) Quote {
	var q Quote
	for i := 0; i < len(spans); i++ {
		if !chosen[i] {
			continue
		}
		j := i
		for j+1 < len(spans) && chosen[j+1] {
			j++
		}
		q = append(q, text[spans[i].Start:spans[j].End])
		i = j
	}
	return q
}
