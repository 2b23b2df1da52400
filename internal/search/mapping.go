package search

import (
	"bytes"

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
	analyzerWords = "parley_words" // every word stemmed, stop words kept: alias matching
	docType       = "passage"

	fieldText      = "text"
	fieldExact     = "exact"
	fieldSection   = "section"
	fieldTitle     = "title"
	fieldArticle   = "article"
	fieldOutlet    = "outlet"
	fieldPublished = "published"
)

// Scoring models Bleve offers.
const (
	TFIDF = "tf-idf"
	BM25  = "bm25"
)

// DefaultScoring is the scoring model Parley uses: bm25. Measured with
// TestScoringModels on ../shared/eval/questions.dev.jsonl and Parley's own
// paraphrase set: ranked by Bleve alone, bm25 puts an answering passage
// higher than tf-idf does (dev MRR@10 0.958 against 0.944, paraphrases
// 0.792 against 0.767), and after the reranker both give the same
// rankings. Its known defect is checked and harmless here: v2.6 takes the
// average field length as distinct terms ÷ documents (8 here, against a
// true mean of 32 analysed words, see Explain), which penalises long
// passages; but the reranker scores the best sentence, not the passage
// length, and an index built in one batch has one segment, so scores do
// not drift as segments merge.
const DefaultScoring = BM25

// newMapping builds Parley's index mapping: the one place that says how
// passages are analysed and which fields exist. Nothing is stored, there is
// no _all field, and only the passage text keeps term vectors (for phrase
// queries): hits are translated back to passages held in memory, and
// sentence matching for quotes uses Parley's own analysis, so the index
// holds only what searching needs.
func newMapping(scoring string) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = analyzerText

	// "U.S." would analyse to "u" and "s"; "US  " keeps its four bytes so
	// token offsets still point into the original text.
	if err := m.AddCustomCharFilter("parley_acronyms", map[string]any{
		"type":    regexp.Name,
		"regexp":  `\b([A-Z])\.([A-Z])\.`,
		"replace": "$1$2  ",
	}); err != nil {
		return nil, err
	}
	// English stop words without "us": lower-cased, "US" is the United
	// States on this beat far more often than the pronoun.
	if err := m.AddCustomTokenMap("parley_stop_words", map[string]any{
		"type":   tokenmap.Name,
		"tokens": stopWords(),
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter("parley_stop", map[string]any{
		"type":           stop.Name,
		"stop_token_map": "parley_stop_words",
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, "parley_stop", porter.Name},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name},
	}); err != nil {
		return nil, err
	}

	if err := m.AddCustomAnalyzer(analyzerWords, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{"parley_acronyms"},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, porter.Name},
	}); err != nil {
		return nil, err
	}

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

	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, body)
	dm.AddFieldMappingsAt(fieldExact, text(analyzerExact))
	dm.AddFieldMappingsAt(fieldSection, text(analyzerText))
	dm.AddFieldMappingsAt(fieldTitle, text(analyzerText))
	dm.AddFieldMappingsAt(fieldArticle, keywordField)
	dm.AddFieldMappingsAt(fieldOutlet, keywordField)
	dm.AddFieldMappingsAt(fieldPublished, published)
	m.AddDocumentMapping(docType, dm)
	return m, m.Validate()
}

func stopWords() []any {
	tm := analysis.NewTokenMap()
	// LoadBytes cannot fail on the built-in list.
	_ = tm.LoadBytes(en.EnglishStopWords)
	var out []any
	for w := range tm {
		if w != "us" {
			out = append(out, w)
		}
	}
	return out
}

// analyzers are the mapping's analyzers, for analysing questions, sentences
// and alias entries exactly as the index analysed passages.
type analyzers struct {
	text, exact, words analysis.Analyzer
}

func newAnalyzers(m *mapping.IndexMappingImpl) analyzers {
	return analyzers{
		text:  m.AnalyzerNamed(analyzerText),
		exact: m.AnalyzerNamed(analyzerExact),
		words: m.AnalyzerNamed(analyzerWords),
	}
}

// stems returns the stemmed terms of s, stop words dropped, in order.
func (a analyzers) stems(s string) []string {
	var out []string
	for _, t := range a.text.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// words returns every word of s stemmed, stop words kept: the form in
// which alias entries and questions are compared, so that "threatened"
// finds the entry "threaten" and "the president" keeps its "the".
func (a analyzers) aliasWords(s string) []string {
	var out []string
	for _, t := range a.words.Analyze([]byte(s)) {
		out = append(out, string(bytes.Clone(t.Term)))
	}
	return out
}
