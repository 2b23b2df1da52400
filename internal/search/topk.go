package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// scoredDoc is a passage the question's query finds, with its score.
type scoredDoc struct {
	id    string
	score float64
}

// topK returns the k passages the query of leaves and common clauses
// (see Index.query) scores best, best first, with the scores Bleve's
// search gives them up to rounding and one factor the same for every
// passage (Bleve's query norm): Bleve's bm25 of each term, the sum of a
// clause's terms, each disjunction's sum scaled by the share of its
// clauses a passage matches, and common clauses only adding to the
// passages the others find. Ties go to the passage indexed first, as in
// Bleve.
//
// It reads the postings of each term of the leaves once, adding up the
// scores of every passage they hold in arrays indexed by passage, where
// Bleve's disjunction merges the terms' postings passage by passage
// through a heap: at 100,000 passages, Bleve spends most of an answer
// there. The common clauses' terms are then looked up only for the
// passages found. TestTopKAsBleve holds it to Bleve's ranking.
func (ix *Index) topK(ctx context.Context, leaves, common []clause, k int) ([]scoredDoc, error) {
	if k <= 0 {
		return nil, nil
	}
	must, should := leaves, common
	if len(must) == 0 || len(should) == 0 {
		must, should = append(slices.Clone(leaves), common...), nil
	}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	s, err := newTermScorer(snap)
	if err != nil {
		return nil, err
	}
	acc := ix.accumulators.get()
	defer ix.accumulators.put(acc)
	acc.reset()
	acc.grow(s.passages)
	for _, c := range must {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		err := s.clause(c, nil, func(doc uint64, score float64) {
			if acc.mustN[doc] == 0 {
				acc.touched = append(acc.touched, doc)
				acc.marked[doc/64] |= 1 << (doc % 64)
			}
			acc.mustSum[doc] += score
			acc.mustN[doc]++
		})
		if err != nil {
			return nil, err
		}
	}
	// The score of candidate i, doc: its must clauses' and, when there
	// are common clauses, theirs, which are added up by candidate.
	score := func(i int, doc uint64) float64 {
		score := acc.mustSum[doc] * (float64(acc.mustN[doc]) / float64(len(must)))
		if len(should) > 0 {
			if m := acc.shouldN[i]; m > 0 {
				score += acc.shouldSum[i] * (float64(m) / float64(len(should)))
			}
		}
		return score
	}
	candidates := acc.touched
	if len(candidates) == 0 {
		// Common clauses only add to the passages the others find; and
		// for clause and term, no docs would mean every passage.
		return nil, nil
	}
	if len(should) > 0 {
		// Common clauses only add to the passages the others find: they
		// are looked up for those passages alone, not read through.
		docs := acc.inOrder()
		acc.growShould(len(docs))
		for _, c := range should {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			j := 0 // a clause hands its passages in order, each one of docs
			err := s.clause(c, docs, func(doc uint64, score float64) {
				for docs[j] != doc {
					j++
				}
				acc.shouldSum[j] += score
				acc.shouldN[j]++
			})
			if err != nil {
				return nil, err
			}
		}
		candidates = docs
	}
	best := make([]scored, 0, k+1)
	worse := func(a, b scored) int { // a sorts after b
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
	}
	for i, doc := range candidates {
		d := scored{doc, score(i, doc)}
		if len(best) == k && worse(d, best[k-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, d, worse)
		best = slices.Insert(best, at, d)
		if len(best) > k {
			best = best[:k]
		}
	}
	out := make([]scoredDoc, len(best))
	for i, d := range best {
		seg, local := s.locate(d.doc)
		id, err := seg.DocID(local)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out[i] = scoredDoc{id: string(id), score: d.score}
	}
	return out, nil
}

type scored struct {
	doc   uint64
	score float64
}

// accumulator adds up the scores of the passages of one question: those
// of the leaves indexed by Bleve's number of each passage, those of the
// common clauses by the passage's place among the touched ones, in order
// (a few thousand, where an archive numbers its passages by the hundred
// thousand).
type accumulator struct {
	mustSum   []float64
	mustN     []uint32
	shouldSum []float64
	shouldN   []uint32
	touched   []uint64 // the passages some clause holds
	marked    []uint64 // a bit for each passage in touched
	sorted    []uint64 // touched, in order
}

// accumulators keeps the accumulators searches are done with, for the
// next: as many as searches ran at once, up to one a CPU. A sync.Pool
// keeps one for each CPU a search ran on and drops them at garbage
// collections: at 100,000 passages, where each is 2.4 MB, it allocated
// one every 30 answers and held two to four, a tenth of the live heap.
type accumulators struct {
	mu   sync.Mutex
	free []*accumulator
}

func newAccumulators() *accumulators { return &accumulators{} }

func (p *accumulators) get() *accumulator {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		a := p.free[n-1]
		p.free = p.free[:n-1]
		return a
	}
	return &accumulator{}
}

func (p *accumulators) put(a *accumulator) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) < runtime.GOMAXPROCS(0) {
		p.free = append(p.free, a)
	}
}

// reset clears what the last question added up.
func (a *accumulator) reset() {
	for _, d := range a.touched {
		a.mustSum[d], a.mustN[d] = 0, 0
		a.marked[d/64] = 0
	}
	a.touched = a.touched[:0]
}

// inOrder returns the touched passages in order. Reading them off the
// bits costs a pass over one word per 64 passages, far less than sorting
// the thousands a question touches.
func (a *accumulator) inOrder() []uint64 {
	out := a.sorted[:0]
	for i, w := range a.marked {
		for w != 0 {
			out = append(out, uint64(i)*64+uint64(bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	a.sorted = out
	return out
}

// grow makes room for n passages.
func (a *accumulator) grow(n uint64) {
	if n <= uint64(len(a.mustSum)) {
		return
	}
	a.mustSum = append(a.mustSum, make([]float64, int(n)-len(a.mustSum))...)
	a.mustN = append(a.mustN, make([]uint32, int(n)-len(a.mustN))...)
	a.marked = append(a.marked, make([]uint64, int(n+63)/64-len(a.marked))...)
}

// growShould makes room for the common clauses' scores of n passages, at
// zero.
func (a *accumulator) growShould(n int) {
	if n > len(a.shouldSum) {
		size := max(n, 2*len(a.shouldSum))
		a.shouldSum, a.shouldN = make([]float64, size), make([]uint32, size)
		return
	}
	clear(a.shouldSum[:n])
	clear(a.shouldN[:n])
}

// termScorer scores the postings of terms as Bleve's bm25 does, reading
// them from the index's segments directly: through Bleve's term readers,
// each posting's number would be written out and read back, and its
// norm's square root taken, only for the scorer to square it again.
type termScorer struct {
	r        *scorch.IndexSnapshot
	segments []*scorch.SegmentSnapshot
	offsets  []uint64 // of each segment's first passage, as the snapshot numbers them
	passages uint64   // the numbers passages take, deleted ones too
	docs     uint64
	average  map[string]float64 // average length of each field, as Bleve takes it
	lengths  []float64          // the field length Bleve's norm keeps, by true length
}

// checkOpen fails once the index is closed, as Bleve's search does.
func (ix *Index) checkOpen() error {
	if ix.closed.Load() {
		return fmt.Errorf("search: %w", bleve.ErrorIndexClosed)
	}
	return nil
}

// snapshot returns the index's snapshot now, whose segments are read
// directly; the caller closes it. A closed index is an error, as it is
// for Bleve's search.
func (ix *Index) snapshot() (*scorch.IndexSnapshot, error) {
	if err := ix.checkOpen(); err != nil {
		return nil, err
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	switch {
	case !ok:
		r.Close()
		return nil, fmt.Errorf("search: the index is not a scorch snapshot but %T", r)
	case snap == nil:
		return nil, fmt.Errorf("search: %w", bleve.ErrorIndexClosed)
	}
	return snap, nil
}

func newTermScorer(snap *scorch.IndexSnapshot) (*termScorer, error) {
	docs, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	s := &termScorer{r: snap, segments: snap.Segments(), docs: docs, average: map[string]float64{}}
	for _, seg := range s.segments {
		s.offsets = append(s.offsets, s.passages)
		s.passages += seg.Segment().Count()
	}
	return s, nil
}

// locate returns the segment of passage doc, and its number there.
// As in Bleve, it is the last segment starting at or before doc: an empty
// segment starts where the next does.
func (s *termScorer) locate(doc uint64) (*scorch.SegmentSnapshot, uint64) {
	i := sort.Search(len(s.offsets), func(x int) bool { return s.offsets[x] > doc }) - 1
	return s.segments[i], doc - s.offsets[i]
}

// averageLength is the average length of field as Bleve's bm25 takes it:
// the field's distinct terms ÷ passages, rounded up.
func (s *termScorer) averageLength(field string) (float64, error) {
	if a, ok := s.average[field]; ok {
		return a, nil
	}
	n, err := s.r.FieldCardinality(field)
	if err != nil {
		return 0, err
	}
	a := 0.0
	if s.docs > 0 {
		a = math.Ceil(float64(n) / float64(s.docs))
	}
	s.average[field] = a
	return a, nil
}

// fieldLength is the length of a field of n terms as Bleve's bm25 reads
// it back from the posting's norm: 1/√n, rounded to a float32, squared
// and inverted.
func (s *termScorer) fieldLength(n uint64) float64 {
	if n >= 1<<12 {
		return normLength(n)
	}
	for uint64(len(s.lengths)) <= n {
		s.lengths = append(s.lengths, normLength(uint64(len(s.lengths))))
	}
	return s.lengths[n]
}

func normLength(n uint64) float64 {
	norm := float64(float32(1 / math.Sqrt(float64(n))))
	return 1 / (norm * norm)
}

// clause hands each passage that holds every term of c to add, in order,
// with the sum of the terms' scores: each of docs (in order) that does,
// or for nil docs every one. The passages of a conjunction's first term
// are looked up in the postings of the others.
func (s *termScorer) clause(c clause, docs []uint64, add func(doc uint64, score float64)) error {
	if len(c) == 1 {
		return s.term(c[0], docs, add)
	}
	var found, next []uint64
	var sums []float64
	err := s.term(c[0], docs, func(doc uint64, score float64) {
		found = append(found, doc)
		sums = append(sums, score)
	})
	if err != nil {
		return err
	}
	for _, l := range c[1:] {
		if len(found) == 0 {
			return nil
		}
		next = next[:0]
		j := 0
		err := s.term(l, found, func(doc uint64, score float64) {
			for found[j] != doc {
				j++
			}
			sums[len(next)] = sums[j] + score
			next = append(next, doc)
		})
		if err != nil {
			return err
		}
		found, next = next, found
		sums = sums[:len(found)]
	}
	for i, doc := range found {
		add(doc, sums[i])
	}
	return nil
}

// rawNorm is what zap's postings offer beside Norm: the field's length,
// from which Norm computes 1/√length.
type rawNorm interface{ NormUint64() uint64 }

// postings are a term's postings in each segment, with what its bm25
// is computed from.
type postings struct {
	lists   []segment.PostingsList
	df      uint64  // the passages that hold the term
	weight  float64 // the boost and the term's idf twice
	average float64 // the field's average length
}

func (s *termScorer) postings(l leaf) (postings, error) {
	avg, err := s.averageLength(l.field)
	if err != nil {
		return postings{}, err
	}
	lists := make([]segment.PostingsList, len(s.segments))
	var df uint64
	for i, seg := range s.segments {
		dict, err := seg.Segment().Dictionary(l.field)
		if err != nil {
			return postings{}, err
		}
		if lists[i], err = dict.PostingsList([]byte(l.term), seg.Deleted(), nil); err != nil {
			return postings{}, err
		}
		df += lists[i].Count()
	}
	idf := math.Log(1 + (float64(s.docs)-float64(df)+0.5)/(float64(df)+0.5))
	return postings{lists, df, l.boost * idf * idf, avg}, nil
}

// score is Bleve's bm25 of a posting of t: of √tf and the field length
// its norm keeps, times the boost and the term's idf again (Bleve's query
// weight, its query norm aside).
func (s *termScorer) score(t postings, p segment.Posting) float64 {
	var length float64
	if raw, ok := p.(rawNorm); ok {
		length = s.fieldLength(raw.NormUint64())
	} else {
		norm := p.Norm()
		length = 1 / (norm * norm)
	}
	tf := math.Sqrt(float64(p.Frequency()))
	k1, b := search.BM25_k1, search.BM25_b
	return t.weight * (tf * k1) / (tf + k1*(1-b+b*length/t.average))
}

// term hands each passage whose field holds l's term to add, in order,
// with its score: each of docs (in order) that does, or for nil docs
// every one.
func (s *termScorer) term(l leaf, docs []uint64, add func(doc uint64, score float64)) error {
	t, err := s.postings(l)
	if err != nil {
		return err
	}
	var it segment.PostingsIterator
	probe := docs != nil && uint64(len(docs))*probeCost < t.df
	for i, pl := range t.lists {
		it = pl.Iterator(true, true, false, it)
		if !probe {
			for {
				p, err := it.Next()
				if err != nil {
					return err
				}
				if p == nil {
					break
				}
				doc := s.offsets[i] + p.Number()
				if docs != nil {
					// Merged with docs, both in order.
					for len(docs) > 0 && docs[0] < doc {
						docs = docs[1:]
					}
					if len(docs) == 0 {
						break
					}
					if docs[0] != doc {
						continue
					}
				}
				add(doc, s.score(t, p))
			}
			continue
		}
		// The docs of this segment, looked up one by one.
		end := s.passages
		if i+1 < len(s.offsets) {
			end = s.offsets[i+1]
		}
		var p segment.Posting
		for ; len(docs) > 0 && docs[0] < end; docs = docs[1:] {
			local := docs[0] - s.offsets[i]
			if p == nil || p.Number() < local {
				if p, err = it.Advance(local); err != nil {
					return err
				}
				if p == nil {
					docs = docs[sort.Search(len(docs), func(x int) bool { return docs[x] >= end }):]
					break
				}
			}
			if p.Number() == local {
				add(docs[0], s.score(t, p))
			}
		}
	}
	return nil
}

// probeCost is about how many postings reading a term's postings through
// costs as much as looking up one passage in them.
const probeCost = 4
