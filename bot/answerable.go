package bot

import (
	"slices"
	"strings"

	"github.com/parley-newsroom/parley/internal/search"
)

// The answerability thresholds. They are shares of a question's weight
// (each content word weighs its idf over the corpus), so they carry over to
// a larger corpus; measured on the dev question set, see the package tests.
const (
	// minKnownShare: below it, most of what the question is about is
	// absent from the coverage.
	minKnownShare = 0.5
	// minEvidence: the best passage must hold at least this share of the
	// question's weight to be offered as an answer.
	minEvidence = 0.25
)

// typeNote says that the coverage lacks the kind of answer asked for.
var typeNote = map[search.AnswerType]string{
	search.Time:     "The coverage doesn't say when.",
	search.Duration: "The coverage doesn't say how long.",
	search.Quantity: "The coverage doesn't give a figure for that.",
}

// verdict is the decision whether the hits answer the question.
type verdict struct {
	answered    bool
	showClosest bool // when not answered: whether the hits are worth showing
	note        string
}

// judge decides whether a search result answers question. A newsroom must
// never be handed a confident quote that does not answer the question, so
// each way of failing has its own plain note.
func judge(question string, res *search.Result) verdict {
	if len(res.Terms) == 0 {
		return verdict{note: "That doesn't look like a question about the coverage. Try asking about the talks, the roadmap or the people involved."}
	}
	share := res.KnownShare()
	var evidence float64
	if len(res.Hits) > 0 {
		evidence = share * res.Hits[0].Coverage
	}
	closest := share >= minKnownShare && evidence >= minEvidence

	if names := phrases(question, res.Terms, true); len(names) > 0 {
		return verdict{note: "The coverage doesn't mention " + list(names) + ".", showClosest: closest}
	}
	if share < minKnownShare {
		return verdict{note: "The coverage doesn't mention " + list(phrases(question, res.Terms, false)) + "."}
	}
	if len(res.Hits) == 0 {
		return verdict{note: "The coverage doesn't address that question."}
	}
	if evidence < minEvidence {
		return verdict{note: "The coverage doesn't directly answer that; these are the closest passages.", showClosest: true}
	}
	if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.HoldsType }) {
		return verdict{note: typeNote[res.Wants], showClosest: true}
	}
	return verdict{answered: true}
}

// phrases returns the parts of the question the coverage lacks, as the
// reader wrote them. With names set, it returns runs of names and numbers
// ("2022 FIFA World Cup") holding a word the coverage never uses; otherwise
// runs of content words holding such a word ("boiling point", "water").
func phrases(question string, terms []search.Term, names bool) []string {
	part := func(t search.Term) bool { return !names || t.Salient }
	var out []string
	for i := 0; i < len(terms); i++ {
		if !part(terms[i]) {
			continue
		}
		j := i
		for j+1 < len(terms) && part(terms[j+1]) && adjacent(question, terms[j], terms[j+1]) {
			j++
		}
		if slices.ContainsFunc(terms[i:j+1], func(t search.Term) bool { return !t.Known }) {
			end := terms[j].End
			// "second" alone says little; "the second round" says what is missing.
			if names && terms[j].Numeric && j+1 < len(terms) && adjacent(question, terms[j], terms[j+1]) {
				end = terms[j+1].End
			}
			p := question[terms[i].Start:end]
			if names && strings.HasSuffix(strings.ToLower(question[:terms[i].Start]), "the ") {
				p = "the " + p
			}
			out = append(out, p)
		}
		i = j
	}
	return out
}

// adjacent reports whether only white space separates two terms.
func adjacent(question string, a, b search.Term) bool {
	return strings.TrimSpace(question[a.End:b.Start]) == ""
}

// list joins items as "a", "a or b", "a, b or c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return "what you asked about"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
