package search

import (
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Article is what an index keeps of an article besides its passages: its
// front matter, where it came from, and the little a bot reads of the
// whole coverage at once (headings and key phrases to suggest, the
// sentences that state a date for a timeline). An index built on disk
// reads these back without parsing any article.
type Article struct {
	// Meta is the article's front matter and slug; its Passages are empty.
	Meta corpus.Article
	// Hash is the content hash of the file it was read from ("" for an
	// index built in memory); see FileHash.
	Hash string
	// Stamp is the file's stamp when it was read, if it had one it could
	// trust (see Stamp).
	Stamp    string
	Passages int
	// Headings are the headings above each section's first passage,
	// outermost first, section by section.
	Headings []string
	// Phrases are the runs of capitalised words of its text ("Joint
	// Comprehensive Plan of Action"), each time it uses one.
	Phrases []string
	// Names are its multi-word names, each once, for initialisms. The
	// index reads them when it opens and keeps none.
	Names []string
	// Dated are its sentences that state a date, in article order.
	Dated []Dated
	// At is where its passages' parts start in its index's store, and
	// Stored how long each passage's part is, in order (see store). An
	// open index reads them into its store and keeps no Stored.
	At     int64
	Stored []uint32
}

// Dated is a sentence that states a date: the first date it states.
type Dated struct {
	Ordinal  int // of the passage
	Sentence int // index in the passage's Sentences
	Date     corpus.Date
}

// ID returns the ID of the passage that holds the sentence.
func (d Dated) ID(slug string) string { return groupKey(slug, d.Ordinal) }

// summarize collects what the index keeps of an article from its passages.
// mentions are the dates each passage states.
func summarize(a *corpus.Article, passages []*corpus.Passage, mentions [][]corpus.Mention) Article {
	s := Article{Meta: *a, Passages: len(passages)}
	s.Meta.Passages = nil
	seen := map[string]bool{}
	for i, p := range passages {
		if i == 0 || p.Section != passages[i-1].Section {
			s.Headings = append(s.Headings, p.Headings...)
		}
		for _, ph := range phrases.FindAll(p.Text) {
			s.Phrases = append(s.Phrases, strings.TrimRight(ph, ".-"))
		}
		for _, n := range names.FindAll(p.Text) {
			if !seen[n] {
				seen[n] = true
				s.Names = append(s.Names, n)
			}
		}
		s.Dated = append(s.Dated, dated(p, mentions[i])...)
	}
	return s
}

// dated returns the sentences of p's own words that state a date, outside
// promotions, with the first date each states; ms are the dates p states.
func dated(p *corpus.Passage, ms []corpus.Mention) []Dated {
	var out []Dated
	for i, sp := range p.Sentences {
		if i < p.Lead || IsPromo(p.Text[sp.Start:sp.End]) {
			continue
		}
		for _, m := range ms {
			if m.Start >= sp.Start && m.End <= sp.End {
				out = append(out, Dated{Ordinal: p.Ordinal, Sentence: i, Date: m.Date})
				break
			}
		}
	}
	return out
}
