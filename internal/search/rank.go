package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Hit is a passage that matches a question.
type Hit struct {
	Passage *corpus.Passage
	Score   float64
	// Coverage is the share of the question's known weight that the
	// passage or its headings contain.
	Coverage float64
	// Sentences scores each of Passage.Sentences for how much of the
	// question it holds.
	Sentences []float64
	// HoldsType reports whether the passage holds the kind of answer the
	// question asks for (a date for "When ...?"); true for other questions.
	HoldsType bool
	// group is the key of the list or table the hit is shown as part of.
	group string
	e     *entry
}

// Result is the outcome of a search.
type Result struct {
	Analysis
	// Hits are the best passages, best first, near-duplicates removed.
	Hits []Hit
	// Verdict says whether the hits answer the question.
	Verdict Verdict
}

// candidates is how many passages Bleve hands to the reranker.
const candidates = 100

// Search returns up to k passages of the whole coverage for a question,
// best first.
//
// Bleve finds and scores candidates; Parley then reranks them by how much
// of the question each covers (a passage that matches one word many times
// should not beat one that matches every word), by whether it holds the
// kind of answer asked for, and against passages that only advertise the
// publisher's other pages.
func (ix *Index) Search(ctx context.Context, question string, k int) (*Result, error) {
	return ix.SearchWithin(ctx, question, k, Filter{})
}

// SearchWithin is Search over the part of the coverage f lets through.
func (ix *Index) SearchWithin(ctx context.Context, question string, k int, f Filter) (*Result, error) {
	a := ix.Analyse(question)
	res := &Result{Analysis: a}
	if len(a.Terms) == 0 || k <= 0 {
		res.Verdict = ix.judge(question, a, nil)
		return res, nil
	}
	found, err := ix.find(ctx, a.Terms, max(2*k, candidates), f)
	if err != nil {
		return nil, err
	}

	q := ix.weightsOf(a)
	var maxBleve float64
	for _, d := range found {
		maxBleve = max(maxBleve, d.score)
	}
	entries, err := ix.entriesFound(ctx, found)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(found))
	for i, d := range found {
		hits = append(hits, ix.score(a, entries[i], d.score/maxBleve, q))
	}
	// Ties go to article order, so items of one list read in their order.
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(a.Passage.Article.Slug, b.Passage.Article.Slug),
			cmp.Compare(a.Passage.Ordinal, b.Passage.Ordinal))
	})
	shaped, err := ix.shape(ctx, a, hits, q)
	if err != nil {
		return nil, err
	}
	res.Hits = listOrder(distinct(shaped, max(k, typeWindow)))
	ix.checkTypes(a, res.Hits, q)
	res.Verdict = ix.judge(question, a, res.Hits)
	res.Hits = res.Hits[:min(len(res.Hits), k)]
	return res, nil
}

// find returns the n passages the query of a question's terms scores
// best, best first: by topK, or by Bleve's search for a filtered search
// or another scoring model than bm25.
func (ix *Index) find(ctx context.Context, terms []Term, n int, f Filter) ([]scoredDoc, error) {
	if f.IsZero() && ix.scoring == BM25 {
		leaves, common := ix.clauses(terms)
		return ix.topK(ctx, leaves, common, n)
	}
	req := bleve.NewSearchRequestOptions(f.within(ix.query(terms)), n, 0, false)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]scoredDoc, len(sr.Hits))
	for i, h := range sr.Hits {
		out[i] = scoredDoc{id: h.ID, score: h.Score}
	}
	return out, nil
}

// listOrder puts the items of a list shown whole (see shape) back in the
// list's order, in the places they hold: a reader expects "first, second,
// third".
func listOrder(hits []Hit) []Hit {
	key := func(h Hit) string { return h.group }
	for i := range hits {
		k := key(hits[i])
		if k == "" {
			continue
		}
		var slots []int
		for j := i; j < len(hits); j++ {
			if key(hits[j]) == k {
				slots = append(slots, j)
			}
		}
		items := make([]Hit, len(slots))
		for n, j := range slots {
			items[n] = hits[j]
		}
		slices.SortStableFunc(items, func(a, b Hit) int { return cmp.Compare(a.Passage.Ordinal, b.Passage.Ordinal) })
		for n, j := range slots {
			hits[j] = items[n]
		}
	}
	return hits
}

// score reranks one candidate. The final score mixes, by weight of the
// question's words: how much of the question the passage and its headings
// hold (coverage), how much its best sentence holds on its own (a passage
// that answers says it in one place, so long passages are not favoured
// for merely mentioning more words), how much its heading holds, and
// Bleve's own score, relative to the best candidate's, which brings phrase
// matches and term rarity.
func (ix *Index) score(a Analysis, e *entry, bleveRel float64, q questionWeights) Hit {
	w := ix.w
	hit := Hit{Passage: e.p, e: e}
	matched, names := ix.coverage(a, e)
	if q.known > 0 {
		hit.Coverage = matched / q.known
	}
	best := ix.scoreSentences(a, e, q.total, &hit)
	var sent, head float64
	if q.total > 0 {
		sent = min(best/q.total, 1)
		for _, t := range a.Terms {
			head += t.match(e.section, w) * t.Weight
		}
		head /= q.total
	}
	hit.Score = w.Coverage*hit.Coverage + w.Sentence*sent + w.Heading*head + w.Bleve*bleveRel
	if q.names > 0 {
		hit.Score *= w.EntityFloor + (1-w.EntityFloor)*names/q.names
	}
	if e.promo {
		hit.Score *= w.Promo
	}
	if a.Summary && e.gist {
		hit.Score *= w.Gist
	}
	// At similar relevance the newer article's passage ranks first, the
	// more so when the question asks for the latest.
	hit.Score *= 1 + w.Recency*e.fresh
	if a.Latest {
		hit.Score *= 1 + w.Latest*e.fresh
	}
	if !a.Period.IsZero() && e.about(a.Period) {
		hit.Score *= w.Period
	}
	if a.Wants != AnyAnswer && hit.HoldsType {
		hit.Score *= w.AnswerType
	}
	if e.first {
		// Between near-equals, the paragraph that opens a section is the
		// one that introduces its subject.
		hit.Score *= w.Lead
	}
	return hit
}

// about reports whether the passage speaks of the period: its text states
// a date in it, or its article was published in it.
func (e *entry) about(period corpus.Date) bool {
	if period.Contains(e.p.Article.Published) {
		return true
	}
	for _, d := range e.events {
		if period.Contains(d) {
			return true
		}
	}
	return false
}

// questionWeights are the sums of a question's term weights the reranker
// divides by.
type questionWeights struct {
	known, total float64
	// names is the weight of the names the reranker insists on (see
	// Weights.EntityWeight).
	names float64
}

func (ix *Index) weightsOf(a Analysis) questionWeights {
	q := questionWeights{known: a.knownWeight()}
	for _, t := range a.Terms {
		q.total += t.Weight
		if ix.insists(t) {
			q.names += t.Weight
		}
	}
	return q
}

// insists reports whether a term is a name the reranker insists on: a
// known name of at least Weights.EntityWeight.
func (ix *Index) insists(t Term) bool {
	return t.Known && t.Salient && t.Weight >= ix.w.EntityWeight
}

// coverage returns the weight of the question's known terms that the
// passage or its headings hold, and the part of it that names hold.
func (ix *Index) coverage(a Analysis, e *entry) (matched, names float64) {
	for _, t := range a.Terms {
		w := 0.0
		if t.Known {
			w = t.match(e.terms, ix.w) * t.Weight
		}
		matched += w
		if ix.insists(t) {
			names += w
		}
	}
	return matched, names
}

// scoreSentences scores each of the passage's sentences into
// hit.Sentences, sets hit.HoldsType, and returns the best sentence's score
// with the context its list's introducing sentence lends it.
func (ix *Index) scoreSentences(a Analysis, e *entry, total float64, hit *Hit) float64 {
	hit.Sentences = make([]float64, len(e.sentences))
	var lead set
	if e.p.Lead > 0 {
		lead = e.sentences[0]
	}
	// Score each sentence by the question's words it holds, and its list's
	// introducing sentence by the words that lend the item its meaning.
	context := make([]float64, len(e.sentences))
	top := 0
	for i, s := range e.sentences {
		for _, t := range a.Terms {
			if m := t.match(s, ix.w); m > 0 {
				hit.Sentences[i] += m * t.Weight
			} else if i >= e.p.Lead && lead != nil {
				context[i] += ix.w.Alias * t.match(lead, ix.w) * t.Weight
			}
		}
		if hit.Sentences[i]+context[i] > hit.Sentences[top]+context[top] {
			top = i
		}
	}
	// The passage holds the type of answer asked for when the sentence
	// that best answers holds it and a third of the question: a year in
	// a sentence about something else does not say when.
	bit := a.Wants.bit()
	if a.Future {
		bit |= futureBit
	}
	hit.HoldsType = a.Wants == AnyAnswer || e.kinds[top]&bit == bit && hit.Sentences[top] >= ix.w.TypeShare*total
	var best float64
	for i := range e.sentences {
		// For ranking and quoting, any sentence about the question that
		// holds the type of answer counts for more.
		if bit != 0 && e.kinds[i]&bit == bit && hit.Sentences[i] >= ix.w.TypeShare*total {
			hit.Sentences[i] += total / float64(len(a.Terms))
		}
		best = max(best, hit.Sentences[i]+context[i])
	}
	return best
}

// distinct keeps the first k hits that do not repeat an earlier one: an FAQ
// answer that restates the body, say. Two hits repeat each other when most
// of one passage's words are in the other, or when their best sentences,
// the ones a reader is shown, say nearly the same.
func distinct(hits []Hit, k int) []Hit {
	var (
		out  []Hit
		owns []set // of out
	)
	for _, h := range hits {
		e := h.e
		best, own := e.sentences[bestSentence(h)], e.own()
		dup := false
		for j, o := range out {
			if h.group != "" && h.group == o.group {
				continue // items of one list shown whole
			}
			if similar(own, owns[j], 0.8) || similar(best, o.e.sentences[bestSentence(o)], 0.75) {
				dup = true
				break
			}
		}
		if !dup {
			out, owns = append(out, h), append(owns, own)
			if len(out) == k {
				break
			}
		}
	}
	return out
}

// bestSentence returns the index of a hit's highest-scoring sentence.
func bestSentence(h Hit) int {
	best := 0
	for i, s := range h.Sentences {
		if s > h.Sentences[best] {
			best = i
		}
	}
	return best
}

// similar reports whether two texts say nearly the same thing: at least
// share of the smaller one's words are in the larger one.
func similar(a, b set, share float64) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 5 {
		return false
	}
	shared := 0
	for _, w := range a {
		if b.has(w) {
			shared++
		}
	}
	return float64(shared) >= share*float64(len(a))
}
