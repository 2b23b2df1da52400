package search

import (
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// A group is a list's items or a table's rows, in article order: passages
// that each answer a part and together answer a question about the whole
// ("what is in the roadmap?").
type group []*corpus.Passage

// groups finds the lists and tables among passages, and the paragraphs
// that introduce them: a paragraph followed by a list or table whose last
// sentence introduces it ("…provides several structural advantages:").
type groups struct {
	members map[string]group  // by group key
	of      map[string]string // passage ID -> the key of its group
	leadIn  map[string]string // paragraph ID -> the key of the group it introduces
}

func findGroups(passages []*corpus.Passage) groups {
	g := groups{members: map[string]group{}, of: map[string]string{}, leadIn: map[string]string{}}
	key := ""
	for i, p := range passages {
		var prev *corpus.Passage
		if i > 0 && passages[i-1].Article == p.Article {
			prev = passages[i-1]
		}
		switch {
		case p.Block == corpus.Paragraph:
			key = ""
			continue
		case prev == nil || prev.Block != p.Block || lead(prev) != lead(p) || prev.Section != p.Section:
			key = p.ID() // a new list or table starts here
			if prev != nil && prev.Block == corpus.Paragraph && introduces(prev, p) {
				g.leadIn[prev.ID()] = key
			}
		}
		g.members[key] = append(g.members[key], p)
		g.of[p.ID()] = key
	}
	return g
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
func (ix *Index) shape(a Analysis, hits []Hit, q questionWeights) []Hit {
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
		key := ix.groupToShow(a, h)
		if key == "" {
			out = append(out, h)
			continue
		}
		for _, m := range ix.groups.members[key] {
			if done[m.ID()] && m.ID() != id {
				continue
			}
			done[m.ID()] = true
			mh := ix.score(a, ix.entries[m.ID()], 0, q)
			if i, ok := byID[m.ID()]; ok {
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
	return out
}

// groupToShow returns the key of the group hit h stands for, or "".
func (ix *Index) groupToShow(a Analysis, h Hit) string {
	id := h.Passage.ID()
	if key, ok := ix.groups.leadIn[id]; ok && (a.List || bestSentence(h) == len(h.Sentences)-1) {
		return key
	}
	if key, ok := ix.groups.of[id]; ok && a.List {
		return key
	}
	return ""
}
