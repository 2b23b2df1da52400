package search

import (
	"slices"
	"strings"
)

// Reason says why a search result does or does not answer its question.
type Reason int

// The reasons, in the order they are checked.
const (
	// Answers: the hits answer the question.
	Answers Reason = iota
	// NotAQuestion: the question has no content words.
	NotAQuestion
	// MissingNames: names or numbers the question is about are absent
	// from the coverage (Verdict.Missing names them).
	MissingNames
	// MostlyUnknown: most of what the question is about is absent from
	// the coverage (Verdict.Missing names it).
	MostlyUnknown
	// NoHits: nothing in the coverage matches.
	NoHits
	// WeakEvidence: the best passages hold too little of the question.
	WeakEvidence
	// MissingFocus: the noun the question asks about is absent from the
	// coverage (Verdict.Missing names it).
	MissingFocus
	// MissingSpeaker: the passages about the question do not say what
	// the person or body it asks about said or thinks (Verdict.Missing
	// names them).
	MissingSpeaker
	// MissingType: the passages about the question hold no answer of the
	// type it asks for (Analysis.Wants).
	MissingType
)

// Verdict is the decision whether a result answers its question. A
// newsroom must never be handed a confident quote that does not answer
// the question, so each way of failing has its own reason.
type Verdict struct {
	Reason Reason
	// Missing are the parts of the question the coverage lacks, as the
	// asker wrote them, for MissingNames and MostlyUnknown.
	Missing []string
	// Closest reports, when the question is not answered, whether the hits
	// are worth showing as the closest passages.
	Closest bool
}

// Answered reports whether the hits answer the question.
func (v Verdict) Answered() bool { return v.Reason == Answers }

// judge decides whether hits answer the question analysed as a.
func (ix *Index) judge(question string, a Analysis, hits []Hit) Verdict {
	if len(a.Terms) == 0 {
		return Verdict{Reason: NotAQuestion}
	}
	share := a.knownShare(ix.w.EverydayShare)
	var evidence float64
	if len(hits) > 0 {
		evidence = share * hits[0].Coverage
	}
	closest := share >= ix.w.MinKnownShare && evidence >= ix.w.MinEvidence
	if names := missing(question, a.Terms, true); len(names) > 0 {
		// Close passages are worth showing beside a missing name when the
		// coverage knows enough else of the question ("the second round of
		// talks"), not when the name is most of it ("the 2022 FIFA World Cup").
		closest = share >= ix.w.ClosestShare && hits != nil && hits[0].Coverage >= ix.w.MinEvidence
		return Verdict{Reason: MissingNames, Missing: names, Closest: closest}
	}
	if f := a.focus; ix.checksFocus(question, a) && !ix.focusCovered(a, a.words, question) {
		return Verdict{Reason: MissingFocus, Missing: []string{f.text(question, a.words)}, Closest: closest}
	}
	if share < ix.w.MinKnownShare {
		return Verdict{Reason: MostlyUnknown, Missing: missing(question, a.Terms, false)}
	}
	if len(hits) == 0 {
		return Verdict{Reason: NoHits}
	}
	if evidence < ix.w.MinEvidence {
		return Verdict{Reason: WeakEvidence, Closest: true}
	}
	if s := a.speaker; s.ok && !ix.quotes(a, hits) {
		return Verdict{Reason: MissingSpeaker, Missing: []string{s.text(question, a.words)}, Closest: true}
	}
	if !slices.ContainsFunc(hits[:min(len(hits), typeWindow)], func(h Hit) bool { return h.HoldsType }) {
		return Verdict{Reason: MissingType, Missing: asked(question, a), Closest: true}
	}
	return Verdict{Reason: Answers}
}

// missing returns the parts of the question the coverage lacks, as the
// reader wrote them. With names set, it returns runs of names and numbers
// ("2022 FIFA World Cup") holding a word the coverage never uses;
// otherwise runs of content words holding such a word ("boiling point",
// "water").
func missing(question string, terms []Term, names bool) []string {
	part := func(t Term) bool { return !names || t.Salient }
	var out []string
	for i := 0; i < len(terms); i++ {
		if !part(terms[i]) {
			continue
		}
		j := i
		for j+1 < len(terms) && part(terms[j+1]) && adjacent(question, terms[j], terms[j+1]) {
			j++
		}
		if slices.ContainsFunc(terms[i:j+1], func(t Term) bool { return !t.Known }) {
			end := terms[j].End
			// "second" alone says little; "the second round" says what is missing.
			if names && terms[j].Numeric && j+1 < len(terms) && adjacent(question, terms[j], terms[j+1]) {
				end = terms[j+1].End
			}
			p := withoutPossessive(question[terms[i].Start:end])
			if names && strings.HasSuffix(strings.ToLower(question[:terms[i].Start]), "the ") {
				p = "the " + p
			}
			out = append(out, p)
		}
		i = j
	}
	return out
}

// withoutPossessive drops the possessive endings of the words of what
// the coverage lacks: it does not mention "Qatar's", it does not mention
// Qatar.
func withoutPossessive(p string) string {
	for _, s := range possessives {
		p = strings.TrimSuffix(strings.ReplaceAll(p, s+" ", " "), s)
	}
	return p
}

// adjacent reports whether only white space separates two terms.
func adjacent(question string, a, b Term) bool {
	return strings.TrimSpace(question[a.End:b.Start]) == ""
}

// asked returns what a question whose answer is missing asks, for the
// reader: the clause a "who" opens when it is the subject ("who led the
// US delegation"), or the noun it asks about ("outlet"); nil for neither.
func asked(question string, a Analysis) []string {
	ws := a.words
	for i, w := range ws {
		if !whWord(w.exact) {
			continue
		}
		if (w.exact == "who" || w.exact == "whos") && i+1 < len(ws) && !auxiliary(ws[i+1].exact) {
			clause := strings.TrimRight(question[w.start:], " ?!.")
			return []string{strings.ToLower(clause[:1]) + clause[1:]}
		}
		break
	}
	if a.focus.ok && a.focus.asked {
		return []string{a.focus.text(question, ws)}
	}
	return nil
}
