package search

import (
	"cmp"

	"github.com/blevesearch/bleve/v2/search/query"
)

// query builds the Bleve query for a question's terms: a disjunction of
// the leaf queries below. Only leaf queries carry boosts (Bleve ignores
// boosts on disjunctions), and user text never reaches a query-string
// parser: "+", "*", ":" and "/" in a question are just text.
//
// In a large archive, the leaves of words most passages hold only add to
// the score of passages the other leaves find (Lucene's "common terms"):
// otherwise every question would score most of the archive. WordNet's
// related words are not searched for at all once that many passages hold
// them: at 100k passages this halves the time to answer and finds the
// expected passage first as often.
func (ix *Index) query(terms []Term) query.Query {
	leaves, common := ix.clauses(terms)
	lq, cq := bleveQueries(leaves), bleveQueries(common)
	if len(lq) == 0 || len(cq) == 0 {
		return query.NewDisjunctionQuery(append(lq, cq...))
	}
	return query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(lq)}, cq, nil)
}

// clause is one leaf of a question's query: a term of a field, or the
// terms a passage must all hold (the neighbouring words of a wording of
// several words); its score is the sum of its terms'.
type clause []leaf

// leaf is a term of a field, with its boost.
type leaf struct {
	field, term string
	boost       float64
}

// clauses returns the leaves of a question's query: those that find
// passages, and those of common words that only add to their score (see
// query).
func (ix *Index) clauses(terms []Term) (leaves, common []clause) {
	seen := map[string]bool{} // alternatives already asked for
	for i, t := range terms {
		if t.Stem != "" {
			if ix.common(t.Stem) {
				common = append(common, ix.wordClauses(t)...)
			} else {
				leaves = append(leaves, ix.wordClauses(t)...)
			}
		}
		if i > 0 && t.Stem != "" && terms[i-1].Stem != "" {
			if ix.common(terms[i-1].Stem, t.Stem) {
				common = append(common, ix.pairClause(terms[i-1], t))
			} else {
				leaves = append(leaves, ix.pairClause(terms[i-1], t))
			}
		}
		for _, a := range t.alts {
			if a.kind == lexicalAlt && ix.docFreqAll(a.stems) > commonPassages {
				// A related word hundreds of passages hold finds more
				// passages than it could help rank; it still counts for
				// the passages the question's own words find.
				continue
			}
			if !seen[a.text] {
				seen[a.text] = true
				if ix.common(a.stems...) {
					common = append(common, ix.altClauses(a)...)
				} else {
					leaves = append(leaves, ix.altClauses(a)...)
				}
			}
		}
	}
	return leaves, common
}

// bleveQueries returns the Bleve queries of clauses.
func bleveQueries(cs []clause) []query.Query {
	out := make([]query.Query, 0, len(cs))
	for _, c := range cs {
		if len(c) == 1 {
			out = append(out, termQuery(c[0].field, c[0].term, c[0].boost))
			continue
		}
		all := make([]query.Query, len(c))
		for i, l := range c {
			all[i] = termQuery(l.field, l.term, l.boost)
		}
		out = append(out, query.NewConjunctionQuery(all))
	}
	return out
}

// Common words: those more than commonShare of the passages hold, in an
// index of more than commonPassages / commonShare passages (a small
// corpus has no words too common to search for).
const (
	commonShare    = 0.05
	commonPassages = 500
)

// common reports whether stems are all too common to find candidates
// by: a phrase of common words is as slow to look for as each.
func (ix *Index) common(stems ...string) bool {
	for _, s := range stems {
		if df := ix.df[s]; df <= commonPassages || float64(df) <= commonShare*float64(ix.passages) {
			return false
		}
	}
	return len(stems) > 0
}

// wordClauses find a content word in the passage text, the headings and
// the exact wording. (A leaf on the headline added nothing on any question
// set and is gone.)
func (ix *Index) wordClauses(t Term) []clause {
	g := cmp.Or(t.general, 1)
	return []clause{
		{{fieldWords, t.Stem, g}},
		{{fieldHeads, t.Stem, g * ix.w.Section}},
		{{fieldExact, t.word, g * ix.w.Exact}},
	}
}

// pairClause finds two neighbouring content words as neighbours (stop
// words between them aside).
func (ix *Index) pairClause(a, b Term) clause {
	return clause{{fieldPairs, pair(a.Stem, b.Stem), ix.w.Phrase}}
}

// altClauses find another wording of a term, at a lower weight: a word in
// the text and headings, or words that are neighbours in the text, each
// pair of them sharing the weight.
func (ix *Index) altClauses(a alt) []clause {
	boost := ix.w.AliasBoost
	if a.kind == lexicalAlt {
		boost = ix.w.LexicalBoost * a.weight(ix.w) / max(ix.w.Lexical, 1e-9)
	}
	if boost <= 0 {
		return nil
	}
	switch len(a.stems) {
	case 0:
		return nil
	case 1:
		return []clause{{{fieldWords, a.stems[0], boost}}, {{fieldHeads, a.stems[0], boost * ix.w.Section}}}
	}
	pairs := make(clause, len(a.stems)-1)
	for i := range pairs {
		pairs[i] = leaf{fieldPairs, pair(a.stems[i], a.stems[i+1]), boost / float64(len(pairs))}
	}
	return []clause{pairs}
}

func termQuery(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
