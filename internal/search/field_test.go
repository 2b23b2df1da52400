package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// TestAnalysedFieldsAsMapped checks that the searched fields Parley hands
// Bleve already analysed are what Bleve itself makes of them as the
// mapping says: the words analyzer over each field's terms, one space
// between each, for every passage of the built-in corpus.
func TestAnalysedFieldsAsMapped(t *testing.T) {
	m, err := newMapping(DefaultScoring)
	if err != nil {
		t.Fatal(err)
	}
	an := newAnalyzers(m)
	b := newBuilder(an)
	passages := builtInPassages(t)
	if len(passages) == 0 {
		t.Fatal("no passages")
	}
	for _, ps := range passages {
		var r record
		_, analysed := b.analyse(ps, &r)

		// The fields' terms, written out as the mapping would read them.
		var words, exact, pairs, heads []string
		for _, w := range an.words(ps.Text) {
			exact = append(exact, w.exact)
			if !w.stop {
				words = append(words, w.stem)
			}
		}
		for i := 1; i < len(words); i++ {
			pairs = append(pairs, words[i-1]+"+"+words[i])
		}
		for _, h := range ps.Headings {
			heads = append(heads, an.stems(h)...)
		}
		values := bleveValues{
			fieldWords: strings.Join(words, " "),
			fieldExact: strings.Join(exact, " "),
			fieldHeads: strings.Join(heads, " "),
			fieldPairs: strings.Join(pairs, " "),
		}
		doc := document.NewDocument(ps.ID())
		if err := m.MapDocument(doc, values); err != nil {
			t.Fatal(err)
		}
		if len(doc.CompositeFields) > 0 {
			t.Errorf("%s: the mapping adds composite fields (_all): %v", ps.ID(), doc.CompositeFields)
		}
		mapped := map[string]document.Field{}
		for _, f := range doc.Fields {
			f.Analyze()
			mapped[f.Name()] = f
		}
		if len(analysed) != len(values) {
			t.Fatalf("%s: %d analysed fields, want %d", ps.ID(), len(analysed), len(values))
		}
		for _, got := range analysed {
			want := mapped[got.Name()]
			if want == nil {
				if got.AnalyzedLength() > 0 {
					t.Errorf("%s: field %s: %d terms, the mapping none", ps.ID(), got.Name(), got.AnalyzedLength())
				}
				continue
			}
			if got.Options() != want.Options() || got.EncodedFieldType() != want.EncodedFieldType() ||
				got.AnalyzedLength() != want.AnalyzedLength() || got.NumPlainTextBytes() != want.NumPlainTextBytes() ||
				len(got.ArrayPositions()) != len(want.ArrayPositions()) {
				t.Errorf("%s: field %s: options %v, type %c, %d terms, %d bytes; the mapping %v, %c, %d, %d", ps.ID(), got.Name(),
					got.Options(), got.EncodedFieldType(), got.AnalyzedLength(), got.NumPlainTextBytes(),
					want.Options(), want.EncodedFieldType(), want.AnalyzedLength(), want.NumPlainTextBytes())
			}
			if g, w := frequencies(got.AnalyzedTokenFrequencies()), frequencies(want.AnalyzedTokenFrequencies()); g != w {
				t.Errorf("%s: field %s: terms\n%s\nthe mapping\n%s", ps.ID(), got.Name(), g, w)
			}
		}
	}
}

// frequencies writes out a field's terms and their counts, sorted.
func frequencies(tf index.TokenFrequencies) string {
	var lines []string
	for term, f := range tf {
		if string(f.Term) != term {
			lines = append(lines, "term "+string(f.Term)+" under "+term)
		}
		lines = append(lines, term+" "+strings.Repeat("|", f.Frequency()))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
