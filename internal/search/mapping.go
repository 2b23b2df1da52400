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
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Names of the analysis pieces the mapping defines.
const (
	analyzerText  = "parley_en"    // stemmed English: passage text, headings
	analyzerExact = "parley_exact" // the words as written, lower-cased
	docType       = "passage"

	fieldText      = "text"
	fieldExact     = "exact"
	fieldSection   = "section"
	fieldArticle   = "article"
	fieldOutlet    = "outlet"
	fieldPublished = "published"
	fieldGroup     = "group"  // the list or table a passage belongs to (see groupKey)
	fieldRecord    = "record" // stored only: see record
	fieldStems     = "stems"  // stored only: see stemLines
)

// Scoring models Bleve offers.
const (
	TFIDF = "tf-idf"
	BM25  = "bm25"
)

// DefaultScoring is the scoring model Parley uses: bm25. Measured with
// TestScoringModels on ../shared/eval/questions.dev.jsonl and Parley's own
// paraphrase set, ranked by Bleve alone: bm25 scores MRR@10 0.967 on the
// dev set against tf-idf's 0.920, and 0.805 on the paraphrases against
// 0.815, better on the two together. After the reranker they differ by one
// question. Its known defect is harmless here: v2.6 takes the average
// field length as distinct terms per segment ÷ documents (about 9 against
// a true mean of 31 analysed words on the seed passages, see Explain),
// which penalises long passages; but the reranker scores the best sentence,
// not the passage length, and an index built in one batch has one segment,
// so scores do not drift as segments merge.
const DefaultScoring = BM25

// newMapping builds Parley's index mapping: the one place that says how
// passages are analysed and which fields exist. There is no _all field,
// and only the passage text keeps term vectors (for phrase queries). The
// text, the headings and the article are stored, with each passage's
// record and stems, so that a candidate is rebuilt from the index alone.
func newMapping(scoring string) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = analyzerText
	if err := addAnalysis(m); err != nil {
		return nil, err
	}
	m.AddDocumentMapping(docType, passageMapping())
	return m, m.Validate()
}

// addAnalysis defines Parley's analyzers: stemmed English for the text and
// headings, and the words as written for exact wording.
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
	// English stop words without "us": lower-cased, "US" is the United
	// States on this beat far more often than the pronoun.
	if err := m.AddCustomTokenMap("parley_stop_words", map[string]any{
		"type":   tokenmap.Name,
		"tokens": stopWords(),
	}); err != nil {
		return err
	}
	if err := m.AddCustomTokenFilter("parley_stop", map[string]any{
		"type":           stop.Name,
		"stop_token_map": "parley_stop_words",
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, "parley_stop", porter.Name},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name},
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
	published := mapping.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = false

	// Phrase queries check word positions, which Bleve keeps only as term
	// vectors: the passage text keeps them, no other field needs them.
	body := text(analyzerText)
	body.IncludeTermVectors = true
	body.Store = true
	headings := text(analyzerText)
	headings.Store = true
	article := text(keyword.Name)
	article.Store = true
	stored := text(keyword.Name)
	stored.Index = false
	stored.Store = true

	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, body)
	dm.AddFieldMappingsAt(fieldExact, text(analyzerExact))
	dm.AddFieldMappingsAt(fieldSection, headings)
	dm.AddFieldMappingsAt(fieldArticle, article)
	dm.AddFieldMappingsAt(fieldGroup, keywordField)
	dm.AddFieldMappingsAt(fieldRecord, stored)
	dm.AddFieldMappingsAt(fieldStems, stored)
	dm.AddFieldMappingsAt(fieldOutlet, keywordField)
	dm.AddFieldMappingsAt(fieldPublished, published)
	return dm
}

// stopWords returns Bleve's English stop words but "us", sorted: the
// mapping, and so the version of an index built with it, is the same on
// every run.
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
	stem       string // stemmed, as the text field has it unless stop is set
	stop       bool   // a stop word, which the text field leaves out
	start, end int    // byte range in the analysed text
}

// analyzers analyse questions, passages and alias entries exactly as the
// mapping analyses passages, in one pass per text.
type analyzers struct {
	exact   analysis.Analyzer
	stemmer analysis.TokenFilter
	stop    analysis.TokenMap
}

func newAnalyzers(m *mapping.IndexMappingImpl) analyzers {
	stop := analysis.NewTokenMap()
	for _, w := range stopWords() {
		stop.AddToken(w.(string))
	}
	return analyzers{
		exact:   m.AnalyzerNamed(analyzerExact),
		stemmer: porter.NewPorterStemmer(),
		stop:    stop,
	}
}

// words analyses s once into its words: the exact analyzer's tokens, each
// with its stem. The text analyzer is the exact one followed by the stop
// filter and the stemmer, so the stems of the words that are not stop
// words are what the text field holds.
func (a analyzers) words(s string) []word {
	toks := a.exact.Analyze([]byte(s))
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
// the text field holds.
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
