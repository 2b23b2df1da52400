package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// stats are the counts over the whole coverage that the analysis of
// questions reads.
type stats struct {
	DF         map[string]int // passages containing each stem (text or headings)
	Vocabulary map[string]int // words of the passages as written, lower-cased, and their counts
}

// builder turns articles into Bleve documents, counting the coverage's
// words and keeping what the index remembers of each article.
type builder struct {
	an       analyzers
	stats    stats
	headings map[string][]string // stems of each heading, analysed once
	articles []Article
}

func newBuilder(an analyzers) *builder {
	return &builder{
		an:       an,
		stats:    stats{DF: map[string]int{}, Vocabulary: map[string]int{}},
		headings: map[string][]string{},
	}
}

// article analyses each passage of one article once and hands its
// document to add.
func (b *builder) article(ctx context.Context, a *corpus.Article, passages []*corpus.Passage, add func(id string, doc bleveDoc) error) error {
	group, leadIn := groupsOf(passages)
	gist := gists(passages)
	mentions := make([][]corpus.Mention, len(passages))
	sizes := make([]uint32, 0, len(passages))
	total := int64(0)
	for i, p := range passages {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := record{
			ordinal: p.Ordinal, block: p.Block, lead: p.Lead, spans: p.Sentences,
			first: i == 0 || passages[i-1].Section != p.Section,
			gist:  gist[i], group: group[i], leadIn: leadIn[i],
			promo: IsPromo(p.Text),
		}
		mentions[i] = corpus.Mentions(p.Text)
		for _, m := range mentions[i] {
			r.events = append(r.events, m.Date)
		}
		if p.Ordinal != i+1 {
			return fmt.Errorf("index %s: passage %d of %s", p.ID(), i+1, a.Slug)
		}
		stems, analysed := b.analyse(p, &r)
		doc := passageDoc(p, r, stems, analysed)
		if total += int64(len(doc.stored)); total > math.MaxUint32 {
			return fmt.Errorf("index %s: the article is too long to store", p.ID())
		}
		sizes = append(sizes, uint32(len(doc.stored)))
		if err := add(p.ID(), doc); err != nil {
			return fmt.Errorf("index %s: %w", p.ID(), err)
		}
	}
	s := summarize(a, passages, mentions)
	s.Stored = sizes
	b.articles = append(b.articles, s)
	return nil
}

// analysed is one article file made ready to index: its documents and
// what the index keeps of it, or why it could not be read.
type analysed struct {
	docs    []pendingDoc
	article Article
	err     error
}

type pendingDoc struct {
	id  string
	doc bleveDoc
}

// file parses and analyses one article file, counting its words in b;
// once parseOnly reports that another file failed, it is only parsed, and
// once ctx is done, not even that.
func (b *builder) file(ctx context.Context, f File, parse func(string) (*corpus.Article, error), parseOnly func() bool) analysed {
	if err := ctx.Err(); err != nil {
		return analysed{err: err}
	}
	a, err := parse(f.Name)
	if err != nil || parseOnly() {
		return analysed{err: err}
	}
	var r analysed
	r.err = b.article(ctx, a, a.Passages, func(id string, doc bleveDoc) error {
		r.docs = append(r.docs, pendingDoc{id, doc})
		return nil
	})
	if r.err == nil {
		r.article = b.articles[len(b.articles)-1]
		r.article.Hash, r.article.Stamp = f.Hash, f.Stamp
	}
	b.articles = b.articles[:0]
	return r
}

// add adds the counts of o to s.
func (s stats) add(o stats) {
	for k, v := range o.DF {
		s.DF[k] += v
	}
	for k, v := range o.Vocabulary {
		s.Vocabulary[k] += v
	}
}

// analyse reads a passage once: its words give the vocabulary, the
// document frequencies of its stems, the stems its record keeps (see
// stemLines) and the words of the fields Bleve searches; each sentence's
// kinds of answer go into r.
func (b *builder) analyse(p *corpus.Passage, r *record) (string, []*analysedField) {
	ws := b.an.words(p.Text)
	exact := make([]string, 0, len(ws))
	words := make([]string, 0, len(ws))
	pairs := make([]string, 0, len(ws))
	for _, w := range ws {
		exact = append(exact, w.exact)
		if w.stop {
			continue
		}
		if len(words) > 0 {
			pairs = append(pairs, pair(words[len(words)-1], w.stem))
		}
		words = append(words, w.stem)
	}
	own := 0 // where the passage's own words start
	if p.Lead > 0 && p.Lead < len(p.Sentences) {
		own = p.Sentences[p.Lead].Start
	}
	terms := make(map[string]struct{}, len(words))
	sentences := make([][]string, len(p.Sentences))
	var ownRest, otherRest []string
	for _, w := range ws {
		b.stats.Vocabulary[w.exact]++
		if w.stop {
			continue
		}
		terms[w.stem] = struct{}{}
		i := slices.IndexFunc(p.Sentences, func(s corpus.Span) bool { return w.start >= s.Start && w.end <= s.End })
		switch {
		case i >= 0:
			sentences[i] = append(sentences[i], w.stem)
		case w.start >= own:
			ownRest = append(ownRest, w.stem)
		default:
			otherRest = append(otherRest, w.stem)
		}
	}
	var other, heads []string
	for i, h := range p.Headings {
		stems, ok := b.headings[h]
		if !ok {
			stems = b.an.stems(h)
			b.headings[h] = stems
		}
		for _, s := range stems {
			terms[s] = struct{}{}
		}
		heads = append(heads, stems...)
		if i < len(p.Headings)-1 {
			other = append(other, stems...)
		}
	}
	for t := range terms {
		b.stats.DF[t]++
	}
	for _, s := range p.Sentences {
		r.kinds = append(r.kinds, typesIn(p.Text[s.Start:s.End]))
	}
	searched := []*analysedField{
		newAnalysedField(fieldWords, words),
		newAnalysedField(fieldExact, exact),
		newAnalysedField(fieldHeads, heads),
		newAnalysedField(fieldPairs, pairs),
	}
	return stemLines(sentences, ownRest, otherRest, b.headings[p.Section], other), searched
}

// pair is the term of the pairs field for two neighbouring stems: the
// stems with a "+" between, which no word the analyzer emits holds.
func pair(a, b string) string { return a + "+" + b }

// forget takes a passage out of the counts, from its stored text and
// stems: the reverse of what analyse counted.
func (b *builder) forget(text, stems string) {
	for _, w := range b.an.words(text) {
		if b.stats.Vocabulary[w.exact]--; b.stats.Vocabulary[w.exact] <= 0 {
			delete(b.stats.Vocabulary, w.exact)
		}
	}
	for _, t := range newSet(strings.Fields(stems)) {
		if b.stats.DF[t]--; b.stats.DF[t] <= 0 {
			delete(b.stats.DF, t)
		}
	}
}

// freshness ranks articles by date, by slug: 1 for the newest, 0 for the
// oldest; undated articles are left out.
func freshness(articles []*corpus.Article) map[string]float64 {
	var dates []time.Time
	for _, a := range articles {
		if d := a.Published; !d.IsZero() {
			dates = append(dates, d.Time())
		}
	}
	slices.SortFunc(dates, time.Time.Compare)
	dates = slices.CompactFunc(dates, time.Time.Equal)
	fresh := map[string]float64{}
	for _, a := range articles {
		d := a.Published
		if d.IsZero() {
			continue
		}
		i, _ := slices.BinarySearchFunc(dates, d.Time(), time.Time.Compare)
		f := 1.0
		if len(dates) > 1 {
			f = float64(i) / float64(len(dates)-1)
		}
		fresh[a.Slug] = f
	}
	return fresh
}

// gists marks each passage of an article's lead and of its last section
// that is not a question (an FAQ's answers are not its summary).
func gists(passages []*corpus.Passage) []bool {
	last := ""
	for _, p := range passages {
		if p.Section != "" && !strings.HasSuffix(p.Section, "?") && !strings.EqualFold(p.Section, "FAQ") {
			last = p.Section
		}
	}
	out := make([]bool, len(passages))
	for i, p := range passages {
		out[i] = p.Ordinal == 1 || last != "" && p.Section == last
	}
	return out
}

// batchSize bounds a Bleve batch: one batch of a whole archive would hold
// every analysed passage in memory at once.
const batchSize = 1000

// batcher adds documents to a Bleve index in batches of batchSize.
type batcher struct {
	bi    bleve.Index
	m     indexMapping
	batch *bleve.Batch
}

func newBatcher(bi bleve.Index, m *mapping.IndexMappingImpl) *batcher {
	return &batcher{bi: bi, m: indexMapping{m}, batch: bi.NewBatch()}
}

func (b *batcher) add(id string, doc bleveDoc) error {
	d := document.NewDocument(id)
	if err := b.m.MapDocument(d, doc); err != nil {
		return err
	}
	if err := b.batch.IndexAdvanced(d); err != nil {
		return err
	}
	if b.batch.Size() >= batchSize {
		return b.flush()
	}
	return nil
}

func (b *batcher) flush() error {
	if b.batch.Size() == 0 {
		return nil
	}
	if err := b.bi.Batch(b.batch); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	b.batch.Reset()
	return nil
}

// bleveDoc is a passage as Bleve indexes it: the values of the fields
// Bleve's mapping analyses, and the fields whose words Parley analysed
// (see indexMapping); and the part of it the store keeps, for the article
// slug.
type bleveDoc struct {
	values   bleveValues
	analysed []*analysedField
	slug     string
	ordinal  int
	stored   []byte
}

// bleveValues are the values of a passage's fields that Bleve's mapping
// analyses.
type bleveValues map[string]any

// BleveType tells Bleve which document mapping applies.
func (bleveValues) BleveType() string { return docType }

func passageDoc(p *corpus.Passage, r record, stems string, analysed []*analysedField) bleveDoc {
	d := bleveValues{
		fieldArticle: p.Article.Slug,
		fieldOutlet:  p.Article.Outlet,
	}
	if r.group > 0 {
		d[fieldGroup] = groupKey(p.Article.Slug, r.group)
	}
	if !p.Article.Published.IsZero() {
		d[fieldPublished] = p.Article.Published.Time().Format(time.DateOnly)
	}
	part := stored{text: p.Text, section: strings.Join(p.Headings, "\n"), record: r.encode(), stems: stems}
	return bleveDoc{values: d, analysed: analysed, slug: p.Article.Slug, ordinal: p.Ordinal, stored: part.encode()}
}

// groupKey names a list or table by its first passage's ID.
func groupKey(slug string, ordinal int) string {
	return (&corpus.Passage{Article: &corpus.Article{Slug: slug}, Ordinal: ordinal}).ID()
}
