package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// The index stores, beside each passage's text and headings, a record of
// what ranking knows of it: its place in its article, its sentences, their
// stems and the kinds of answer they hold, the dates it states. A passage
// is read back only when it is a candidate for a question, so Parley holds
// nothing per passage in memory however large the archive grows.

// record is the stored form of what the index knows of one passage.
type record struct {
	ordinal int
	block   corpus.Block
	lead    int
	first   bool // the first passage under its heading
	gist    bool // the article's lead, or in its last section (see markGists)
	promo   bool // it only points to the publisher's other pages (see IsPromo)
	// group is the ordinal of the first passage of the list or table the
	// passage belongs to; leadIn, of the list or table it introduces; 0
	// for none.
	group, leadIn int
	spans         []corpus.Span
	kinds         []uint16 // per sentence: the kinds of answer it holds
	events        []corpus.Date
}

const (
	flagFirst = 1 << iota
	flagGist
	flagPromo
)

// encode writes r compactly: unsigned varints, in a fixed order.
func (r record) encode() string {
	var flags uint64
	if r.first {
		flags |= flagFirst
	}
	if r.gist {
		flags |= flagGist
	}
	if r.promo {
		flags |= flagPromo
	}
	b := make([]byte, 0, 16+6*len(r.spans)+4*len(r.events))
	for _, v := range []int{r.ordinal, int(r.block), r.lead, int(flags), r.group, r.leadIn, len(r.spans)} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	end := 0
	for i, s := range r.spans {
		// Offsets as gaps from the previous sentence's end: small numbers.
		b = binary.AppendUvarint(b, uint64(s.Start-end))
		b = binary.AppendUvarint(b, uint64(s.End-s.Start))
		b = binary.AppendUvarint(b, uint64(r.kinds[i]))
		end = s.End
	}
	b = binary.AppendUvarint(b, uint64(len(r.events)))
	for _, d := range r.events {
		b = binary.AppendUvarint(b, uint64(d.Year))
		b = binary.AppendUvarint(b, uint64(d.Month))
		b = binary.AppendUvarint(b, uint64(d.Day))
	}
	return string(b)
}

var errRecord = errors.New("corrupt passage record")

// decodeRecord reads what encode wrote.
func decodeRecord(s string) (record, error) {
	var (
		r   record
		err error
	)
	next := func() int {
		v, n := binary.Uvarint([]byte(s))
		if n <= 0 || v > 1<<31 {
			err = errRecord
			return 0
		}
		s = s[n:]
		return int(v)
	}
	r.ordinal, r.block, r.lead = next(), corpus.Block(next()), next()
	flags := next()
	r.first, r.gist, r.promo = flags&flagFirst != 0, flags&flagGist != 0, flags&flagPromo != 0
	r.group, r.leadIn = next(), next()
	n := next()
	if err != nil || n > len(s) {
		return record{}, errRecord
	}
	r.spans, r.kinds = make([]corpus.Span, n), make([]uint16, n)
	end := 0
	for i := range n {
		start := end + next()
		end = start + next()
		r.spans[i] = corpus.Span{Start: start, End: end}
		r.kinds[i] = uint16(next())
	}
	events := next()
	if err != nil || events > len(s) {
		return record{}, errRecord
	}
	for range events {
		r.events = append(r.events, corpus.Date{Year: next(), Month: time.Month(next()), Day: next()})
	}
	if err != nil || s != "" {
		return record{}, errRecord
	}
	return r, nil
}

// The stems a passage's record keeps, one line each: every sentence's,
// then the words outside any sentence (of the passage's own words, then
// of its context), then the nearest heading's, then the other headings'.
// Stems hold no white space. Each line is a set, in order, so that reading
// it back costs no sorting.
const stemLinesAfterSentences = 4

// stemLines writes the stems of the words of a passage and its headings.
func stemLines(sentences [][]string, ownRest, otherRest, section, headings []string) string {
	var b strings.Builder
	line := func(stems []string) {
		b.WriteString(strings.Join(newSet(stems), " "))
		b.WriteByte('\n')
	}
	for _, s := range sentences {
		line(s)
	}
	for _, l := range [][]string{ownRest, otherRest, section, headings} {
		line(l)
	}
	return b.String()
}

// readStems rebuilds an entry's word sets from what stemLines wrote for a
// passage of n sentences whose own words start at sentence own. The sets
// share one array of words, each word the memory of stems.
func readStems(e *entry, stems string, n, own int) error {
	stems = strings.TrimSuffix(stems, "\n")
	lines := strings.Count(stems, "\n") + 1
	if lines != n+stemLinesAfterSentences {
		return fmt.Errorf("%w: %d lines of stems for %d sentences", errRecord, lines, n)
	}
	words := make([]string, 0, strings.Count(stems, " ")+lines) // stemLines separates with spaces
	sets := make([]set, 0, lines)
	for line := range strings.SplitSeq(stems, "\n") {
		start := len(words)
		for w := range strings.FieldsSeq(line) {
			words = append(words, w)
		}
		s := set(words[start:len(words):len(words)])
		if !s.ordered() {
			s = asSet(s) // written by stemLines, it is; but a record is data
		}
		sets = append(sets, s)
	}
	e.sentences = sets[:n:n]
	e.ownRest, e.section = sets[n], sets[n+2]
	e.terms, e.ownFrom = union(sets), min(own, n)
	return nil
}

// entriesOf returns what the index knows of passages, in the order of
// ids: from the cache, and for the others from the store.
func (ix *Index) entriesOf(ctx context.Context, ids []string) ([]*entry, error) {
	if err := ix.checkOpen(); err != nil {
		return nil, err // even for cached passages
	}
	out := make([]*entry, len(ids))
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := ix.entry(id)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// holding hands each passage whose field holds one of terms to each, at
// most limit of them, in the order of the terms and then of the index,
// with its entry.
func (ix *Index) holding(ctx context.Context, field string, terms []string, limit int, each func(id string, e *entry)) error {
	snap, err := ix.snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	var it segment.PostingsIterator
	for _, term := range terms {
		for _, seg := range snap.Segments() {
			if err := ctx.Err(); err != nil {
				return err
			}
			dict, err := seg.Segment().Dictionary(field)
			if err != nil {
				return err
			}
			pl, err := dict.PostingsList([]byte(term), seg.Deleted(), nil)
			if err != nil {
				return err
			}
			it = pl.Iterator(false, false, false, it)
			for {
				p, err := it.Next()
				if err != nil {
					return err
				}
				if p == nil {
					break
				}
				if limit <= 0 {
					return nil
				}
				limit--
				id, err := seg.DocID(p.Number())
				if err != nil {
					return fmt.Errorf("search: %w", err)
				}
				e, err := ix.entry(string(id))
				if err != nil {
					return err
				}
				each(string(id), e)
			}
		}
	}
	return nil
}

// entriesFound returns what the index knows of passages a search found,
// in their order.
func (ix *Index) entriesFound(ctx context.Context, found []scoredDoc) ([]*entry, error) {
	ids := make([]string, len(found))
	for i, d := range found {
		ids[i] = d.id
	}
	return ix.entriesOf(ctx, ids)
}

// entry returns what the index knows of passage id: from the cache, or
// rebuilt from the store, and cached.
func (ix *Index) entry(id string) (*entry, error) {
	if e, ok := ix.entries.Get(id); ok {
		return e, nil
	}
	st, err := ix.store.read(id)
	if err != nil {
		return nil, err
	}
	e, err := ix.entryOf(id, st)
	if err != nil {
		return nil, err
	}
	ix.entries.Add(id, e)
	return e, nil
}

// entryOf rebuilds what the index knows of passage id from its part of
// the store.
func (ix *Index) entryOf(id string, st stored) (*entry, error) {
	slug, ordinal, _ := passageID(id)
	a := ix.articles[slug]
	if a == nil {
		return nil, fmt.Errorf("passage %s: %w: article %q is not indexed", id, errRecord, slug)
	}
	r, err := decodeRecord(st.record)
	if err == nil && r.ordinal != ordinal {
		err = fmt.Errorf("%w: the part of passage %d", errRecord, r.ordinal) // the store's offsets are astray
	}
	if err != nil {
		return nil, fmt.Errorf("passage %s: %w", id, err)
	}
	p := &corpus.Passage{Article: a, Ordinal: r.ordinal, Block: r.block, Text: st.text, Sentences: r.spans, Lead: r.lead}
	if st.section != "" {
		p.Headings = strings.Split(st.section, "\n")
		p.Section = p.Headings[len(p.Headings)-1]
	}
	for _, s := range r.spans {
		if s.Start > s.End || s.End > len(p.Text) {
			return nil, fmt.Errorf("passage %s: %w: sentence beyond the text", id, errRecord)
		}
	}
	e := &entry{p: p, kinds: r.kinds, promo: r.promo, first: r.first, gist: r.gist, fresh: ix.fresh[a.Slug], events: r.events}
	if r.group > 0 {
		e.group = groupKey(a.Slug, r.group)
	}
	if r.leadIn > 0 {
		e.leadIn = groupKey(a.Slug, r.leadIn)
	}
	own := 0
	if p.Lead > 0 && p.Lead < len(p.Sentences) {
		own = p.Lead
	}
	if err := readStems(e, st.stems, len(p.Sentences), own); err != nil {
		return nil, fmt.Errorf("passage %s: %w", id, err)
	}
	return e, nil
}

// Passages reads passages back by ID. An ID the index does not hold is an
// error.
func (ix *Index) Passages(ctx context.Context, ids []string) (map[string]*corpus.Passage, error) {
	entries, err := ix.entriesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*corpus.Passage, len(ids))
	for i, e := range entries {
		out[ids[i]] = e.p
	}
	return out, nil
}
