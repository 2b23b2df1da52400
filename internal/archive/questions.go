package archive

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/eval"
)

// Questions returns n questions to ask of an archive: the real ones first
// (as many as fit), then questions built from the archive's sentences,
// each expecting the sentence it was built from. The same archive and the
// same real questions give the same questions.
func (g *Generator) Questions(c *corpus.Corpus, real []eval.Item, n int) []eval.Item {
	// Templates in the registers reporters use: a full question, a
	// request, Slack shorthand.
	templates := [...]string{
		"What did the coverage say about %s?",
		"What is known about %s?",
		"What happened with %s?",
		"Tell me about %s",
		"%s?",
		"any news on %s",
	}
	out := append([]eval.Item(nil), real[:min(len(real), n)]...)
	passages := c.Passages()
	if len(passages) == 0 {
		return out
	}
	r := rand.New(rand.NewPCG(Seed, uint64(len(passages))))
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		p := passages[r.IntN(len(passages))]
		if p.Block != corpus.Paragraph {
			continue
		}
		s := p.Sentences[r.IntN(len(p.Sentences))]
		sentence := p.Text[s.Start:s.End]
		topic := g.topic(r, sentence)
		if topic == "" {
			continue
		}
		out = append(out, eval.Item{
			ID:        fmt.Sprintf("g%03d", len(out)+1),
			Kind:      "synthetic",
			Question:  fmt.Sprintf(templates[r.IntN(len(templates))], topic),
			ExpectAny: []string{sentence},
		})
	}
	return out
}

// topic returns three to five consecutive content words of a sentence
// (function words and punctuation dropped), or "" when it has too few.
func (g *Generator) topic(r *rand.Rand, sentence string) string {
	var words []string
	for _, w := range strings.Fields(sentence) {
		_, core, _ := split(w)
		if core != "" && !g.stop[strings.ToLower(core)] {
			words = append(words, core)
		}
	}
	size := 3 + r.IntN(3)
	if len(words) < size {
		return ""
	}
	start := r.IntN(len(words) - size + 1)
	return strings.Join(words[start:start+size], " ")
}
