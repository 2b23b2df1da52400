// Package search is Parley's retrieval core: an in-memory Bleve index of the
// corpus passages, the analysis of questions (content words, words the
// coverage never uses, aliases), and the ranking of passages. Callers see
// passages and scores, never Bleve types.
package search

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/parley-newsroom/parley/internal/alias"
	"github.com/parley-newsroom/parley/internal/corpus"
)

// Options configure an Index.
type Options struct {
	// Scoring is TFIDF or BM25; "" means DefaultScoring.
	Scoring string
	// Aliases is the alias file (see package alias); nil means none.
	Aliases io.Reader
	// AliasesName names the alias file in errors.
	AliasesName string
	// Lexicon, if set, is what Parley knows of English beyond the corpus.
	Lexicon Lexicon
	// Weights, if set, replace the fitted weights.
	Weights Weights
	// Progress, if set, is told how many of the articles to index have
	// been read, of how many, while Sync builds.
	Progress func(done, total int)
}

// Index answers searches over a fixed set of passages. It is safe for
// concurrent use.
type Index struct {
	bi       bleve.Index
	store    *store       // what each passage is read back from
	closed   *atomic.Bool // shared with its Reweighted copies
	an       analyzers
	aliases  *alias.Table
	altStems map[string][]string // stems of each alternative the alias table offers
	// initialisms maps the initials of the coverage's multi-word names to
	// the names ("laf": "Lebanese Armed Forces").
	initialisms map[string][]string
	lexicon     Lexicon
	vocabulary  map[string]int // words of the passages as written, lower-cased, and their counts
	w           Weights
	df          map[string]int // passages containing each stem (text or headings)
	stems       []string       // the keys of df, sorted
	passages    int
	summaries   []Article
	outline     func() ([]Article, error) // see Outline
	// articles are the indexed articles by slug, and fresh how recent
	// each is among the dated ones: 1 for the newest, 0 for the oldest
	// and the undated.
	articles map[string]*corpus.Article
	fresh    map[string]float64
	// entries caches what ranking knows of the passages read back lately.
	entries *lru.Cache[string, *entry]
	// scoring is the mapping's scoring model, and accumulators what topK
	// adds up scores in, one a search at a time.
	scoring      string
	accumulators *accumulators
}

// cachedEntries is how many passages' entries an index keeps at most: the
// candidates of twenty questions, and a whole small corpus. At 100k
// passages, 20,000 entries held 150 MiB more and answered no faster.
const cachedEntries = 2000

// entry is what the index knows about one passage beyond Bleve, rebuilt
// from its stored record.
type entry struct {
	p     *corpus.Passage
	terms set // stems of the text and the headings above it
	// The stems of the passage's own words (no intro, no header) are
	// those of its sentences from ownFrom on, and ownRest (see own).
	ownFrom   int
	ownRest   set
	section   set // stems of the nearest heading
	sentences []set
	kinds     []uint16 // per sentence: the kinds of answer it holds
	promo     bool
	first     bool // the first passage under its heading
	// gist is set for the passages that sum an article up: its lead and
	// its last section before any FAQ.
	gist bool
	// fresh is how recent the passage's article is among the coverage's
	// dated articles: 1 for the newest, 0 for the oldest and the undated.
	fresh float64
	// events are the dates the passage's text states.
	events []corpus.Date
	// group is the ID of the first passage of the list or table the
	// passage belongs to, leadIn of the one it introduces; "" for none.
	group, leadIn string
}

// own returns the stems of the passage's own words. Only distinct reads
// them, for a few hits an answer: kept in every cached entry, they were a
// quarter of its memory.
func (e *entry) own() set {
	return union(append(slices.Clone(e.sentences[e.ownFrom:]), e.ownRest))
}

// set is a set of stems, sorted, without repeats. Most hold a sentence's
// words, a few dozen at most: as a sorted slice, the stems of a passage
// read back from the index take a fraction of the memory and of the time
// that maps of them took.
type set []string

// newSet returns the set of words; it does not keep words.
func newSet(words []string) set { return asSet(slices.Clone(words)) }

// asSet returns the set of words, sorting words in place to make it.
func asSet(words []string) set {
	slices.Sort(words)
	return slices.Compact(words)
}

func (s set) has(w string) bool { _, ok := slices.BinarySearch(s, w); return ok }

// ordered reports whether s is a set: in order, each word once.
func (s set) ordered() bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}

// union returns the words of any of sets, merging them two by two.
func union(sets []set) set {
	switch len(sets) {
	case 0:
		return nil
	case 1:
		return sets[0]
	}
	half := len(sets) / 2
	a, b := union(sets[:half]), union(sets[half:])
	out := make(set, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func (s set) hasAll(ws []string) bool {
	for _, w := range ws {
		if !s.has(w) {
			return false
		}
	}
	return len(ws) > 0
}

// New builds an in-memory index of passages: whole articles, one after
// another, each article's passages in order (ordinals 1, 2, ...).
func New(ctx context.Context, passages []*corpus.Passage, opts Options) (*Index, error) {
	m, err := newMapping(cmp.Or(opts.Scoring, DefaultScoring))
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	// An in-memory scorch index: bleve.NewMemOnly would build the
	// deprecated upsidedown engine, which ignores the scoring model.
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	b := newBuilder(newAnalyzers(m))
	batch := newBatcher(bi, m)
	var parts bytes.Buffer
	add := storing{w: newStoreWriter(&parts), next: batch.add}
	for len(passages) > 0 {
		n := 1
		for n < len(passages) && passages[n].Article == passages[0].Article {
			n++
		}
		if err := b.article(ctx, passages[0].Article, passages[:n], add.add); err != nil {
			bi.Close()
			return nil, err
		}
		passages = passages[n:]
	}
	if err := batch.flush(); err != nil {
		bi.Close()
		return nil, err
	}
	add.w.place(b.articles)
	st, err := memStore(parts.Bytes(), b.articles)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	ix, err := assemble(bi, st, m, opts, b.stats, b.articles, nil)
	if err != nil {
		bi.Close()
	}
	return ix, err
}

// assemble makes an Index of a Bleve index built with mapping m and what
// the build counted and kept of its articles. outline, if set, reads the
// articles back whole, and the index keeps none of their headings and key
// phrases.
func assemble(bi bleve.Index, st *store, m *mapping.IndexMappingImpl, opts Options, counts stats, articles []Article, outline func() ([]Article, error)) (*Index, error) {
	ix := &Index{
		bi:           bi,
		store:        st,
		outline:      outline,
		closed:       new(atomic.Bool),
		an:           newAnalyzers(m),
		lexicon:      opts.Lexicon,
		vocabulary:   counts.Vocabulary,
		w:            cmp.Or(opts.Weights, Fitted()),
		initialisms:  map[string][]string{},
		df:           counts.DF,
		summaries:    articles,
		articles:     make(map[string]*corpus.Article, len(articles)),
		scoring:      m.ScoringModel,
		accumulators: newAccumulators(),
	}
	if ix.lexicon == nil {
		ix.lexicon = noLexicon{}
	}
	var err error
	if ix.entries, err = lru.New[string, *entry](cachedEntries); err != nil {
		return nil, err
	}
	if err := ix.readAliases(opts); err != nil {
		return nil, err
	}
	metas := make([]*corpus.Article, len(articles))
	for i := range articles {
		a := &articles[i]
		metas[i] = &a.Meta
		ix.articles[a.Meta.Slug] = &a.Meta
		ix.passages += a.Passages
		ix.addInitialisms(a.Names)
		a.Names = nil  // read once: at 100,000 passages, 65,000 names held 2.3 MB
		a.Stored = nil // the store keeps where each passage is
		if outline != nil {
			// At 100,000 passages, 3.7 MB: a process that only answers
			// never reads them, one that offers them to autocomplete once.
			a.Headings, a.Phrases = nil, nil
		}
	}
	if ix.outline == nil {
		ix.outline = func() ([]Article, error) { return ix.summaries, nil }
	}
	ix.fresh = freshness(metas)
	ix.stems = make([]string, 0, len(ix.df))
	for stem := range ix.df {
		ix.stems = append(ix.stems, stem)
	}
	slices.Sort(ix.stems)
	return ix, nil
}

// Articles returns what the index keeps of each of its articles, in the
// order they were indexed. The caller must not modify them. An index on
// disk keeps no headings and key phrases of its articles: see Outline.
func (ix *Index) Articles() []Article { return ix.summaries }

// Outline returns the articles as Articles does, with their headings and
// key phrases, which an index on disk reads back from the disk at each
// call. The caller must not modify them.
func (ix *Index) Outline() ([]Article, error) {
	if err := ix.checkOpen(); err != nil {
		return nil, err
	}
	return ix.outline()
}

// readAliases parses the alias table, if any, and analyses each of its
// alternative wordings once.
func (ix *Index) readAliases(opts Options) error {
	if opts.Aliases == nil {
		return nil
	}
	t, err := alias.Parse(opts.Aliases, cmp.Or(opts.AliasesName, "aliases"), ix.an.aliasWords)
	if err != nil {
		return err
	}
	ix.aliases = t
	ix.altStems = map[string][]string{}
	for _, a := range t.Alternatives() {
		ix.altStems[a.Text] = ix.an.stems(a.Text)
	}
	return nil
}

// Reweighted returns an index that shares ix's passages and Bleve index
// but ranks and judges with w: for the fitting program, which tries many
// weights on one index. Closing either closes both.
func (ix *Index) Reweighted(w Weights) *Index {
	c := *ix
	c.w = w
	return &c
}

// Close releases the index. Searches after it are errors, and closing it
// again does nothing (Bleve's index would panic).
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil
	}
	return errors.Join(ix.bi.Close(), ix.store.close())
}

// IsPromo reports whether a passage only points the reader to the
// publisher's other pages ("For more context, see our guide on ..."). Such
// passages are the article's words, but they never answer a question.
func IsPromo(text string) bool {
	if !containsFoldASCII(text, "our ") {
		return false // every cue holds it: lower-casing every candidate cost 4% of answering
	}
	t := strings.ToLower(text)
	for _, cue := range []string{"see our ", "read our ", "check out our ", "sign up for our "} {
		if strings.Contains(t, cue) {
			return len(strings.Fields(t)) < 40
		}
	}
	return false
}

// containsFoldASCII reports whether s holds sub, whose letters are
// lower-case ASCII, with its letters in either case: whether
// strings.ToLower(s) holds sub, for a sub like "our " that no letter
// outside ASCII lower-cases into.
func containsFoldASCII(s, sub string) bool {
	match := func(b, c byte) bool {
		if 'a' <= c && c <= 'z' {
			return b|0x20 == c
		}
		return b == c
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && match(s[i+j], sub[j]) {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}
