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

// maxSentences is the most sentences a quote holds besides the lines kept
// for context (a list's introducing sentence, a table's header).
const maxSentences = 3

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
	p := &picker{text: text, spans: spans, scores: scores, context: min(context, len(spans)), chosen: make([]bool, len(spans))}
	for i := range p.context {
		p.chosen[i] = true
	}
	if p.context == len(spans) {
		return join(text, spans, p.chosen)
	}
	best := p.context
	for i := p.context; i < len(spans); i++ {
		if score(scores, i) > score(scores, best) {
			best = i
		}
	}
	p.chosen[best] = true
	p.size, p.n = spans[best].End-spans[best].Start, 1

	// A sentence that leans on the one before ("This ...", "It ...") needs
	// it; a one-word answer before it ("No.") is the answer itself; and a
	// sentence after it that leans on it ("This policy involved ...") goes
	// on with the same subject.
	if anaphoric(p.sentence(best)) || best > p.context && short(text, spans[best-1]) {
		p.add(best - 1)
	}
	if best+1 < len(spans) && anaphoric(p.sentence(best+1)) {
		p.add(best + 1)
	}
	p.addAnswering(score(scores, best))
	// A short answer reads better with the sentence that follows it.
	if p.n == 1 && p.size < 120 {
		p.add(best + 1)
	}
	return join(text, spans, p.chosen)
}

// picker is a quote being chosen: the sentences chosen so far, how many
// and how long.
type picker struct {
	text    string
	spans   []corpus.Span
	scores  []float64
	context int
	chosen  []bool
	size, n int
}

func (p *picker) sentence(i int) string { return p.text[p.spans[i].Start:p.spans[i].End] }

// add chooses sentence i too, if it is not context, not yet chosen, and
// fits the quote's bounds.
func (p *picker) add(i int) bool {
	if i < p.context || i >= len(p.spans) || p.chosen[i] || p.n == maxSentences {
		return false
	}
	l := p.spans[i].End - p.spans[i].Start
	if p.size+l > maxLen {
		return false
	}
	p.chosen[i] = true
	p.size += l
	p.n++
	return true
}

// addAnswering adds the other sentences that also answer, strongest
// first, as long as they carry at least half the best one's weight, top.
func (p *picker) addAnswering(top float64) {
	for p.n < maxSentences {
		next := -1
		for i := p.context; i < len(p.spans); i++ {
			s := score(p.scores, i)
			if !p.chosen[i] && s >= 0.5*top && s > 0 && (next < 0 || s > score(p.scores, next)) {
				next = i
			}
		}
		if next < 0 || !p.add(next) {
			return
		}
	}
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
