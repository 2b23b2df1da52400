package search

import (
	"bytes"
	"maps"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Names of the analysis pieces the mapping defines.
const (
	analyzerExact = "parley_exact" // the words as written, lower-cased
	analyzerWords = "parley_words" // words Parley analysed already, one per space
	docType       = "passage"

	// Searched: the words of each passage as Parley analyses them (see
	// searchFields), never analysed again by Bleve.
	fieldWords = "words" // the stems of the text's content words
	fieldExact = "exact" // the text's words as written, lower-cased
	fieldHeads = "heads" // the stems of the headings' content words
	fieldPairs = "pairs" // each two neighbouring stems of the text (see pair)

	// Filtered on: none is stored. What a passage is read back from is
	// kept in the index's store (see store).
	fieldArticle   = "article"
	fieldOutlet    = "outlet"
	fieldPublished = "published"
	fieldGroup     = "group" // the list or table a passage belongs to (see groupKey)
)

// Scoring models Bleve offers.
const (
	TFIDF = "tf-idf"
	BM25  = "bm25"
)

// DefaultScoring is the scoring model Parley uses: bm25. Measured with
// TestScoringModels, reranked as Parley ranks: MRR@10 0.682 on
// ../shared/eval/questions.train-a.jsonl against tf-idf's 0.679, 0.769 on
// train-b against 0.757, the same 0.983 on the dev set, and 0.892 on
// Parley's own paraphrase set against 0.908: better over the four sets'
// questions. Its known defect is harmless here: v2.6 takes the average
// field length as distinct terms per segment ÷ documents, which penalises
// long passages; but the reranker scores the best sentence, not the
// passage length.
const DefaultScoring = BM25

// newMapping builds Parley's index mapping: the one place that says which
// fields exist. There is no _all field and no field keeps term vectors:
// two neighbouring words are searched for as one term of the pairs field,
// not as a phrase. The searched fields hold words Parley analysed once
// (see builder.analyse), which Bleve only splits at spaces. The text, the
// headings and the article are stored, with each passage's record and
// stems, so that a candidate is rebuilt from the index alone.
func newMapping(scoring string) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = analyzerWords
	if err := addAnalysis(m); err != nil {
		return nil, err
	}
	m.AddDocumentMapping(docType, passageMapping())
	return m, m.Validate()
}

// addAnalysis defines Parley's analyzers: the words as written, from which
// analyzers.words derives the stems; and the words already analysed.
func addAnalysis(m *mapping.IndexMappingImpl) error {
	// "U.S." would analyse to "u" and "s"; "US  " keeps its four bytes so
	// token offsets still point into the original text.
	if err := m.AddCustomCharFilter("parley_acronyms", map[string]any{
		"type":    regexp.Name,
		"regexp":  `\b([A-Z])\.([A-Z])\.`,
		"replace": "$1$2  ",
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(analyzerWords, map[string]any{
		"type":      custom.Name,
		"tokenizer": whitespace.Name,
	})
}

// passageMapping says which fields a passage has and how each is indexed.
func passageMapping() *mapping.DocumentMapping {
	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := text(keyword.Name)

	dm := mapping.NewDocumentStaticMapping()
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	for _, f := range []string{fieldWords, fieldExact, fieldHeads, fieldPairs} {
		dm.AddFieldMappingsAt(f, text(analyzerWords))
	}
	dm.AddFieldMappingsAt(fieldArticle, keywordField)
	dm.AddFieldMappingsAt(fieldGroup, keywordField)
	dm.AddFieldMappingsAt(fieldOutlet, keywordField)
	// The day an article was published, as 2006-01-02: one term a
	// passage, where a date field would index sixteen.
	dm.AddFieldMappingsAt(fieldPublished, keywordField)
	return dm
}

// stopWords returns Bleve's English stop words but "us", sorted.
// Lower-cased, "US" is the United States on this beat far more often than
// the pronoun.
func stopWords() []any {
	tm := analysis.NewTokenMap()
	// LoadBytes cannot fail on the built-in list.
	_ = tm.LoadBytes(en.EnglishStopWords)
	words := slices.Sorted(maps.Keys(tm))
	out := make([]any, 0, len(words))
	for _, w := range words {
		if w != "us" {
			out = append(out, w)
		}
	}
	return out
}

// word is one word of a text as the index analyses it.
type word struct {
	exact      string // as written, lower-cased: the exact-wording field's term
	stem       string // stemmed, as the words field has it unless stop is set
	stop       bool   // a stop word, which the words field leaves out
	start, end int    // byte range in the analysed text
}

// analyzers analyse questions, passages and alias entries alike, in one
// pass per text: the words of passages they find are what the index holds.
type analyzers struct {
	exact analysis.Analyzer
	// plain is exact without its character filter, for the texts it
	// would leave as they are: run over every passage, its regexp took a
	// tenth of analysing it.
	plain   analysis.Analyzer
	stemmer analysis.TokenFilter
	stop    analysis.TokenMap
}

func newAnalyzers(m *mapping.IndexMappingImpl) analyzers {
	stop := analysis.NewTokenMap()
	for _, w := range stopWords() {
		stop.AddToken(w.(string))
	}
	an := analyzers{
		exact:   m.AnalyzerNamed(analyzerExact),
		stemmer: porter.NewPorterStemmer(),
		stop:    stop,
	}
	an.plain = an.exact
	if d, ok := an.exact.(*analysis.DefaultAnalyzer); ok {
		plain := *d
		plain.CharFilters = nil
		an.plain = &plain
	}
	return an
}

// mayHoldAcronym reports whether s may hold what the acronyms character
// filter rewrites: a capital letter, a dot, a capital letter and a dot
// ("U.S."), as the filter's regexp finds them after a word boundary.
func mayHoldAcronym(s string) bool {
	upper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	for i := 0; i+3 < len(s); i++ {
		if s[i+1] == '.' && s[i+3] == '.' && upper(s[i]) && upper(s[i+2]) {
			return true
		}
	}
	return false
}

// words analyses s once into its words: the exact analyzer's tokens, each
// with its stem. Of a passage, the exact words are what the exact field
// holds, and the stems of the words that are not stop words what the words
// field holds.
func (a analyzers) words(s string) []word {
	an := a.plain
	if mayHoldAcronym(s) {
		an = a.exact
	}
	toks := an.Analyze([]byte(s))
	out := make([]word, len(toks))
	for i, t := range toks {
		// "why'd", "they'll", "we're": the clitic says nothing searched.
		if base, ok := clitic(t.Term); ok {
			t.Term = base
		}
		out[i] = word{exact: string(t.Term), start: t.Start, end: t.End}
		_, out[i].stop = a.stop[out[i].exact]
	}
	// The stemmer replaces each token's term, leaving the exact words
	// copied above as they were.
	for i, t := range a.stemmer.Filter(toks) {
		out[i].stem = string(t.Term)
	}
	return out
}

// clitic returns term without a trailing "'d", "'ll", "'re" or "'ve"
// (straight or curly apostrophe), and whether it had one.
func clitic(term []byte) ([]byte, bool) {
	for _, c := range []string{"'d", "’d", "'ll", "’ll", "'re", "’re", "'ve", "’ve"} {
		if base, ok := bytes.CutSuffix(term, []byte(c)); ok && len(base) > 0 {
			return base, true
		}
	}
	return term, false
}

// stems returns the stemmed terms of s, stop words dropped, in order: what
// the words field holds of a passage.
func (a analyzers) stems(s string) []string {
	return contentStems(a.words(s))
}

// contentStems returns the stems of the words that are not stop words.
func contentStems(ws []word) []string {
	var out []string
	for _, w := range ws {
		if !w.stop {
			out = append(out, w.stem)
		}
	}
	return out
}

// aliasWords returns every word of s stemmed, stop words kept: the form in
// which alias entries and questions are compared, so that "threatened"
// finds the entry "threaten" and "the president" keeps its "the".
func (a analyzers) aliasWords(s string) []string {
	ws := a.words(s)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.stem
	}
	return out
}
