// Package search is Parley's retrieval core: an in-memory Bleve index of the
// corpus passages, the analysis of questions (content words, words the
// coverage never uses, aliases), and the ranking of passages. Callers see
// passages and scores, never Bleve types.
package search

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

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
}

// Index answers searches over a fixed set of passages. It is safe for
// concurrent use.
type Index struct {
	bi       bleve.Index
	an       analyzers
	aliases  *alias.Table
	altStems map[string][]string // stems of each alternative the alias table offers
	// initialisms maps the initials of the coverage's multi-word names to
	// the names ("laf": "Lebanese Armed Forces").
	initialisms map[string][]string
	groups      groups
	lexicon     Lexicon
	vocabulary  map[string]int // words of the passages as written, lower-cased, and their counts
	w           Weights
	entries     map[string]*entry // by passage ID
	df          map[string]int    // passages containing each stem (text or headings)
	stems       []string          // the keys of df, sorted
	passages    int
}

// entry is what the index knows about one passage beyond Bleve.
type entry struct {
	p         *corpus.Passage
	terms     set // stems of the text and the headings above it
	own       set // stems of the passage's own words (no intro, no header)
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
}

type set map[string]struct{}

func newSet(words []string) set {
	s := make(set, len(words))
	for _, w := range words {
		s[w] = struct{}{}
	}
	return s
}

func (s set) has(w string) bool { _, ok := s[w]; return ok }

func (s set) hasAll(ws []string) bool {
	for _, w := range ws {
		if !s.has(w) {
			return false
		}
	}
	return len(ws) > 0
}

// New builds an in-memory index of passages.
func New(ctx context.Context, passages []*corpus.Passage, opts Options) (*Index, error) {
	scoring := cmp.Or(opts.Scoring, DefaultScoring)
	m, err := newMapping(scoring)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	ix := &Index{
		an:          newAnalyzers(m),
		lexicon:     opts.Lexicon,
		vocabulary:  map[string]int{},
		w:           cmp.Or(opts.Weights, Fitted()),
		entries:     map[string]*entry{},
		initialisms: map[string][]string{},
		df:          map[string]int{},
		passages:    len(passages),
	}
	if err := ix.readAliases(opts); err != nil {
		return nil, err
	}
	// An in-memory scorch index: bleve.NewMemOnly would build the
	// deprecated upsidedown engine, which ignores the scoring model.
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	if err := ix.add(ctx, bi, passages); err != nil {
		bi.Close()
		return nil, err
	}
	ix.bi = bi
	ix.groups = findGroups(passages)
	ix.markGists(passages)
	ix.markFreshness(passages)
	for stem := range ix.df {
		ix.stems = append(ix.stems, stem)
	}
	slices.Sort(ix.stems)
	return ix, nil
}

// markFreshness ranks the passages' articles by date.
func (ix *Index) markFreshness(passages []*corpus.Passage) {
	var dates []time.Time
	for _, p := range passages {
		if d := p.Article.Published; !d.IsZero() && !slices.ContainsFunc(dates, d.Time().Equal) {
			dates = append(dates, d.Time())
		}
	}
	slices.SortFunc(dates, time.Time.Compare)
	for _, p := range passages {
		d := p.Article.Published
		if d.IsZero() {
			continue
		}
		i := slices.IndexFunc(dates, d.Time().Equal)
		f := 1.0
		if len(dates) > 1 {
			f = float64(i) / float64(len(dates)-1)
		}
		ix.entries[p.ID()].fresh = f
	}
}

// markGists marks each article's lead and the passages of its last
// section that is not a question (an FAQ's answers are not its summary).
func (ix *Index) markGists(passages []*corpus.Passage) {
	last := map[*corpus.Article]string{}
	for _, p := range passages {
		if p.Ordinal == 1 {
			ix.entries[p.ID()].gist = true
		}
		if p.Section != "" && !strings.HasSuffix(p.Section, "?") && !strings.EqualFold(p.Section, "FAQ") {
			last[p.Article] = p.Section
		}
	}
	for _, p := range passages {
		if s, ok := last[p.Article]; ok && p.Section == s {
			ix.entries[p.ID()].gist = true
		}
	}
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

// add analyses each passage once, for Parley's ranking, and indexes it in
// bi in one batch.
func (ix *Index) add(ctx context.Context, bi bleve.Index, passages []*corpus.Passage) error {
	headings := map[string][]string{} // stems of each heading, analysed once
	batch := bi.NewBatch()
	for i, p := range passages {
		if err := ctx.Err(); err != nil {
			return err
		}
		e := ix.analyse(p, headings)
		ix.addInitialisms(p.Text)
		e.first = i == 0 || passages[i-1].Article != p.Article || passages[i-1].Section != p.Section
		ix.entries[p.ID()] = e
		for t := range e.terms {
			ix.df[t]++
		}
		if err := batch.Index(p.ID(), document(p)); err != nil {
			return fmt.Errorf("index %s: %w", p.ID(), err)
		}
	}
	if err := bi.Batch(batch); err != nil {
		return fmt.Errorf("build index: %w", err)
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

// Close releases the index.
func (ix *Index) Close() error { return ix.bi.Close() }

// bleveDoc is a passage as Bleve indexes it.
type bleveDoc map[string]any

// BleveType tells Bleve which document mapping applies.
func (bleveDoc) BleveType() string { return docType }

func document(p *corpus.Passage) bleveDoc {
	d := bleveDoc{
		fieldText:    p.Text,
		fieldExact:   p.Text,
		fieldSection: strings.Join(p.Headings, "\n"),
		fieldArticle: p.Article.Slug,
		fieldOutlet:  p.Article.Outlet,
	}
	if !p.Article.Published.IsZero() {
		d[fieldPublished] = p.Article.Published.Time()
	}
	return d
}

// analyse reads a passage once: its words give the vocabulary, the
// passage's stems, its own words' and each sentence's. headings caches the
// stems of each heading across passages.
func (ix *Index) analyse(p *corpus.Passage, headings map[string][]string) *entry {
	e := &entry{p: p, promo: IsPromo(p.Text), terms: set{}, own: set{}}
	for _, m := range corpus.Mentions(p.Text) {
		e.events = append(e.events, m.Date)
	}
	ws := ix.an.words(p.Text)
	own := 0 // where the passage's own words start
	if p.Lead > 0 && p.Lead < len(p.Sentences) {
		own = p.Sentences[p.Lead].Start
	}
	for _, w := range ws {
		ix.vocabulary[w.exact]++
		if w.stop {
			continue
		}
		e.terms[w.stem] = struct{}{}
		if w.start >= own {
			e.own[w.stem] = struct{}{}
		}
	}
	for _, h := range p.Headings {
		stems, ok := headings[h]
		if !ok {
			stems = ix.an.stems(h)
			headings[h] = stems
		}
		for _, s := range stems {
			e.terms[s] = struct{}{}
		}
	}
	e.section = newSet(headings[p.Section])
	for _, s := range p.Sentences {
		sentence := set{}
		for _, w := range ws {
			if !w.stop && w.start >= s.Start && w.end <= s.End {
				sentence[w.stem] = struct{}{}
			}
		}
		e.sentences = append(e.sentences, sentence)
		e.kinds = append(e.kinds, typesIn(p.Text[s.Start:s.End]))
	}
	return e
}

// IsPromo reports whether a passage only points the reader to the
// publisher's other pages ("For more context, see our guide on ..."). Such
// passages are the article's words, but they never answer a question.
func IsPromo(text string) bool {
	t := strings.ToLower(text)
	for _, cue := range []string{"see our ", "read our ", "check out our ", "sign up for our "} {
		if strings.Contains(t, cue) {
			return len(strings.Fields(t)) < 40
		}
	}
	return false
}
