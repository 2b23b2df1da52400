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
	var leaves, common []query.Query
	seen := map[string]bool{} // alternatives already asked for
	for i, t := range terms {
		if t.Stem != "" {
			if ix.common(t.Stem) {
				common = append(common, ix.wordQueries(t)...)
			} else {
				leaves = append(leaves, ix.wordQueries(t)...)
			}
		}
		if i > 0 && t.Stem != "" && terms[i-1].Stem != "" {
			if ix.common(terms[i-1].Stem, t.Stem) {
				common = append(common, ix.pairQuery(terms[i-1], t))
			} else {
				leaves = append(leaves, ix.pairQuery(terms[i-1], t))
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
					common = append(common, ix.altQueries(a)...)
				} else {
					leaves = append(leaves, ix.altQueries(a)...)
				}
			}
		}
	}
	if len(leaves) == 0 || len(common) == 0 {
		return query.NewDisjunctionQuery(append(leaves, common...))
	}
	return query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(leaves)}, common, nil)
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

// wordQueries find a content word in the passage text, the headings and
// the exact wording. (A leaf on the headline added nothing on any question
// set and is gone.)
func (ix *Index) wordQueries(t Term) []query.Query {
	g := cmp.Or(t.general, 1)
	return []query.Query{
		termQuery(fieldWords, t.Stem, g),
		termQuery(fieldHeads, t.Stem, g*ix.w.Section),
		termQuery(fieldExact, t.word, g*ix.w.Exact),
	}
}

// pairQuery finds two neighbouring content words as neighbours (stop
// words between them aside).
func (ix *Index) pairQuery(a, b Term) query.Query {
	return termQuery(fieldPairs, pair(a.Stem, b.Stem), ix.w.Phrase)
}

// altQueries find another wording of a term, at a lower weight: a word in
// the text and headings, or words that are neighbours in the text, each
// pair of them sharing the weight.
func (ix *Index) altQueries(a alt) []query.Query {
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
		return []query.Query{termQuery(fieldWords, a.stems[0], boost), termQuery(fieldHeads, a.stems[0], boost*ix.w.Section)}
	case 2:
		return []query.Query{termQuery(fieldPairs, pair(a.stems[0], a.stems[1]), boost)}
	}
	pairs := make([]query.Query, len(a.stems)-1)
	for i := range pairs {
		pairs[i] = termQuery(fieldPairs, pair(a.stems[i], a.stems[i+1]), boost/float64(len(pairs)))
	}
	return []query.Query{query.NewConjunctionQuery(pairs)}
}

func termQuery(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
