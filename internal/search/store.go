package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/golang/snappy"
)

// What a passage is read back from when it is a candidate (its text, its
// headings, its record and its stems) is kept outside Bleve, in a store:
// one file a build, each passage's part compressed on its own, an
// article's passages one after another in their order. The file is read
// with ReadAt, not mapped as Bleve's segments are, so the candidates read
// back over a day of questions stay in the system's page cache instead of
// the process's memory: at 100,000 passages they were 55 MB of Bleve's
// stored fields, nearly all of them mapped after a few hundred questions.
// Nothing in Bleve points into the store: each article remembers where its
// passages start and how long each is (Article.At, Article.Stored), so an
// update copies the unchanged articles' parts to a new store without
// touching Bleve's documents.

// stored is the part of a passage its store keeps.
type stored struct {
	text, section, record, stems string
}

// encode writes s compressed: the lengths of the first three fields as
// unsigned varints before each, the stems last.
func (s stored) encode() []byte {
	raw := make([]byte, 0, len(s.text)+len(s.section)+len(s.record)+len(s.stems)+3*binary.MaxVarintLen32)
	for _, f := range []string{s.text, s.section, s.record} {
		raw = binary.AppendUvarint(raw, uint64(len(f)))
		raw = append(raw, f...)
	}
	raw = append(raw, s.stems...)
	return snappy.Encode(nil, raw)
}

// decodeStored reads what encode wrote.
func decodeStored(b []byte) (stored, error) {
	// A damaged length would have Decode allocate whatever it claims;
	// snappy expands a block some 22 times at most.
	if n, err := snappy.DecodedLen(b); err != nil || n > 32*len(b)+64 {
		return stored{}, fmt.Errorf("%w: a part of %d bytes claims %d", errRecord, len(b), n)
	}
	raw, err := snappy.Decode(nil, b)
	if err != nil {
		return stored{}, fmt.Errorf("%w: %w", errRecord, err)
	}
	all := string(raw) // one copy, which the fields share
	var fields [3]string
	at := 0
	for i := range fields {
		n, k := binary.Uvarint(raw[at:])
		if k <= 0 || n > uint64(len(raw)-at-k) {
			return stored{}, errRecord
		}
		at += k
		fields[i] = all[at : at+int(n)]
		at += int(n)
	}
	return stored{text: fields[0], section: fields[1], record: fields[2], stems: all[at:]}, nil
}

// storeWriter appends passages' parts to a store, noting where each
// article's start.
type storeWriter struct {
	w      io.Writer
	at     int64
	starts map[string]int64 // by article slug
	last   string
}

func newStoreWriter(w io.Writer) *storeWriter {
	return &storeWriter{w: w, starts: map[string]int64{}}
}

// add appends the part of passage ordinal (1-based) of article slug: an
// article's passages come one after another, in order, and each article
// once.
func (sw *storeWriter) add(slug string, ordinal int, part []byte) error {
	switch {
	case ordinal == 1:
		if err := sw.begin(slug); err != nil {
			return err
		}
	case slug != sw.last:
		return fmt.Errorf("store: the passages of %s are not one after another", slug)
	}
	n, err := sw.w.Write(part)
	sw.at += int64(n)
	if err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	return nil
}

// begin notes that article slug starts where the store is now.
func (sw *storeWriter) begin(slug string) error {
	if _, ok := sw.starts[slug]; ok {
		return fmt.Errorf("store: two articles are named %s", slug)
	}
	sw.starts[slug], sw.last = sw.at, slug
	return nil
}

// place sets the start of each article written to where it was written.
func (sw *storeWriter) place(articles []Article) {
	for i := range articles {
		if at, ok := sw.starts[articles[i].Meta.Slug]; ok {
			articles[i].At = at
		}
	}
}

// storing is an add of documents that writes each document's part to a
// store before handing it to add.
type storing struct {
	w    *storeWriter
	next func(id string, doc bleveDoc) error
}

func (s storing) add(id string, doc bleveDoc) error {
	if err := s.w.add(doc.slug, doc.ordinal, doc.stored); err != nil {
		return err
	}
	return s.next(id, doc)
}

// copyArticle copies the parts of article a from the store r to sw. A
// failure to read r is errDamaged; to write, not.
func (sw *storeWriter) copyArticle(r io.ReaderAt, a Article) error {
	n := int64(0)
	for _, size := range a.Stored {
		n += int64(size)
	}
	if n == 0 {
		return nil
	}
	if err := sw.begin(a.Meta.Slug); err != nil {
		return err
	}
	buf := make([]byte, min(n, 64<<10))
	for at := a.At; at < a.At+n; {
		chunk := buf[:min(int64(len(buf)), a.At+n-at)]
		if _, err := r.ReadAt(chunk, at); err != nil {
			return fmt.Errorf("%w: read store: %s: %w", errDamaged, a.Meta.Slug, err)
		}
		m, err := sw.w.Write(chunk)
		sw.at += int64(m)
		if err != nil {
			return fmt.Errorf("write store: %w", err)
		}
		at += int64(len(chunk))
	}
	return nil
}

// store reads passages' parts back.
type store struct {
	r     io.ReaderAt
	spans map[string]parts // by article slug
	close func() error
}

// parts is where an article's passages' parts are in a store: from at, the
// part of passage i (1-based) running from ends[i-2] (0 for the first) to
// ends[i-1].
type parts struct {
	at   int64
	ends []uint32
}

// newStore reads the parts of articles from r, a store of size bytes.
// Where the articles say their parts are is checked against size and
// against each other, so that no read goes astray or allocates more than
// the store holds.
func newStore(r io.ReaderAt, size int64, articles []Article, close func() error) (*store, error) {
	s := &store{r: r, spans: make(map[string]parts, len(articles)), close: close}
	type extent struct{ from, to int64 }
	var extents []extent
	for _, a := range articles {
		if len(a.Stored) != a.Passages {
			return nil, fmt.Errorf("%w: %s: %d parts for %d passages", errRecord, a.Meta.Slug, len(a.Stored), a.Passages)
		}
		if len(a.Stored) == 0 {
			continue
		}
		if _, ok := s.spans[a.Meta.Slug]; ok {
			return nil, fmt.Errorf("%w: two articles are named %s", errRecord, a.Meta.Slug)
		}
		ends := make([]uint32, len(a.Stored))
		end := int64(0)
		for i, n := range a.Stored {
			end += int64(n)
			if n == 0 || end > math.MaxUint32 {
				return nil, fmt.Errorf("%w: %s: part %d of %d bytes", errRecord, a.Meta.Slug, i+1, n)
			}
			ends[i] = uint32(end)
		}
		if a.At < 0 || a.At+end > size {
			return nil, fmt.Errorf("%w: %s: parts at %d-%d of a store of %d bytes", errRecord, a.Meta.Slug, a.At, a.At+end, size)
		}
		s.spans[a.Meta.Slug] = parts{at: a.At, ends: ends}
		extents = append(extents, extent{a.At, a.At + end})
	}
	slices.SortFunc(extents, func(x, y extent) int { return cmp.Compare(x.from, y.from) })
	for i := 1; i < len(extents); i++ {
		if extents[i].from < extents[i-1].to {
			return nil, fmt.Errorf("%w: two articles' parts overlap at %d", errRecord, extents[i].from)
		}
	}
	return s, nil
}

// size returns how long the store's file is: where its last part ends.
func (s *store) size() int64 {
	var n int64
	for _, sp := range s.spans {
		n = max(n, sp.at+int64(sp.ends[len(sp.ends)-1]))
	}
	return n
}

// memStore is a store held in memory, for an index built in memory.
func memStore(data []byte, articles []Article) (*store, error) {
	return newStore(bytes.NewReader(data), int64(len(data)), articles, func() error { return nil })
}

// passageID splits the ID of a passage (see corpus.Passage.ID) into its
// article's slug and its ordinal; ok is false for anything else, "a#01"
// and "a#0" too.
func passageID(id string) (slug string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	ordinal, err := strconv.Atoi(id[i+1:])
	if err != nil || ordinal < 1 || strconv.Itoa(ordinal) != id[i+1:] {
		return "", 0, false
	}
	return id[:i], ordinal, true
}

// read returns the part of passage id.
func (s *store) read(id string) (stored, error) {
	slug, ordinal, ok := passageID(id)
	if !ok {
		return stored{}, fmt.Errorf("read passages: %q is not a passage", id)
	}
	sp, ok := s.spans[slug]
	if !ok || ordinal > len(sp.ends) {
		return stored{}, fmt.Errorf("read passages: %s is not in the index", id)
	}
	start := uint32(0)
	if ordinal > 1 {
		start = sp.ends[ordinal-2]
	}
	b := make([]byte, sp.ends[ordinal-1]-start)
	if _, err := s.r.ReadAt(b, sp.at+int64(start)); err != nil {
		return stored{}, fmt.Errorf("read passage %s: %w", id, err)
	}
	st, err := decodeStored(b)
	if err != nil {
		return stored{}, fmt.Errorf("passage %s: %w", id, err)
	}
	return st, nil
}
