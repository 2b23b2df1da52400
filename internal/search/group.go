package search

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// A group is a list's items or a table's rows, in article order: passages
// that each answer a part and together answer a question about the whole
// ("what is in the roadmap?"). A group is known by its first passage's ID
// (see groupKey); the paragraph whose last sentence introduces it ("…
// provides several structural advantages:") leads into it.

// groupsOf finds the lists and tables among the passages of one article,
// in order: for each passage the ordinal of the first passage of its
// group, and of the group it leads into; 0 for none.
func groupsOf(passages []*corpus.Passage) (group, leadIn []int) {
	group, leadIn = make([]int, len(passages)), make([]int, len(passages))
	first := 0
	for i, p := range passages {
		var prev *corpus.Passage
		if i > 0 {
			prev = passages[i-1]
		}
		switch {
		case p.Block == corpus.Paragraph:
			first = 0
			continue
		case prev == nil || prev.Block != p.Block || lead(prev) != lead(p) || prev.Section != p.Section:
			first = p.Ordinal // a new list or table starts here
			if prev != nil && prev.Block == corpus.Paragraph && introduces(prev, p) {
				leadIn[i-1] = first
			}
		}
		group[i] = first
	}
	return group, leadIn
}

// lead returns a passage's context lines: a list item's introducing
// sentence, a table row's header; "" for none.
func lead(p *corpus.Passage) string {
	if p.Lead == 0 || len(p.Sentences) < p.Lead {
		return ""
	}
	return p.Text[p.Sentences[0].Start:p.Sentences[p.Lead-1].End]
}

// introduces reports whether paragraph p's last sentence introduces the
// list or table that starts with first: it is the items' introducing
// sentence, or it ends with a colon.
func introduces(p, first *corpus.Passage) bool {
	if len(p.Sentences) == 0 {
		return false
	}
	s := p.Sentences[len(p.Sentences)-1]
	last := p.Text[s.Start:s.End]
	return last == lead(first) || strings.HasSuffix(last, ":")
}

// shape puts lists and tables whole in place of what stands for them: a
// paragraph whose best sentence is the one introducing a list gives its
// place to the list's items, and for a question about a whole (Analysis.
// List), so does any item or row. The items keep the place's score, in
// their order.
func (ix *Index) shape(ctx context.Context, a Analysis, hits []Hit, q questionWeights) ([]Hit, error) {
	byID := make(map[string]int, len(hits))
	for i, h := range hits {
		byID[h.Passage.ID()] = i
	}
	out := make([]Hit, 0, len(hits))
	done := map[string]bool{}
	for _, h := range hits {
		id := h.Passage.ID()
		if done[id] {
			continue
		}
		done[id] = true
		key := groupToShow(a, h)
		if key == "" {
			out = append(out, h)
			continue
		}
		members, err := ix.members(ctx, key)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			mid := m.p.ID()
			if done[mid] && mid != id {
				continue
			}
			done[mid] = true
			mh := ix.score(a, m, 0, q)
			if i, ok := byID[mid]; ok {
				mh = hits[i]
			}
			// The items stand in for the hit: they keep its rank and the
			// evidence it gave.
			mh.Score, mh.group = h.Score, key
			mh.Coverage = max(mh.Coverage, h.Coverage)
			mh.HoldsType = mh.HoldsType || h.HoldsType
			out = append(out, mh)
		}
	}
	return out, nil
}

// groupToShow returns the key of the group hit h stands for, or "".
func groupToShow(a Analysis, h Hit) string {
	if key := h.e.leadIn; key != "" && (a.List || bestSentence(h) == len(h.Sentences)-1) {
		return key
	}
	if a.List {
		return h.e.group
	}
	return ""
}

// members returns the entries of a group's passages, in article order.
func (ix *Index) members(ctx context.Context, key string) ([]*entry, error) {
	var out []*entry
	err := ix.holding(ctx, fieldGroup, []string{key}, maxGroup, func(_ string, e *entry) { out = append(out, e) })
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *entry) int { return cmp.Compare(a.p.Ordinal, b.p.Ordinal) })
	return out, nil
}

// maxGroup bounds the passages of a list or table shown whole.
const maxGroup = 200
