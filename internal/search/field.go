package search

import (
	"unsafe"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// indexMapping is Parley's mapping as Bleve's builder and batches use it:
// a passage's fields whose words Parley analysed (bleveDoc.analysed) go
// into its document as they are, and the mapping maps the rest. Bleve
// analyses a document's fields one after another as it indexes it, while
// Parley analyses the articles on every CPU: handed over already
// analysed, the searched fields are not split into words a second time.
type indexMapping struct {
	*mapping.IndexMappingImpl
}

// MapDocument maps a passage's bleveDoc into doc, and any other value as
// the mapping says.
func (m indexMapping) MapDocument(doc *document.Document, data any) error {
	d, ok := data.(bleveDoc)
	if !ok {
		return m.IndexMappingImpl.MapDocument(doc, data)
	}
	if err := m.IndexMappingImpl.MapDocument(doc, d.values); err != nil {
		return err
	}
	for _, f := range d.analysed {
		doc.AddField(f)
	}
	return nil
}

// analysedField is a searched field of a passage, made of the terms Parley
// analysed: exactly what Bleve makes of the field mapped as the mapping
// says (the words analyzer over the terms, one space between each; see
// TestAnalysedFieldsAsMapped), without analysing anything.
type analysedField struct {
	name   string
	length int
	bytes  uint64 // of the terms, one space between each
	freqs  index.TokenFrequencies
}

// analysedFieldOptions are the indexing options the mapping gives the
// searched fields: indexed, neither stored nor with term vectors.
const analysedFieldOptions = index.IndexField

// newAnalysedField counts the terms of a field. The terms' frequencies,
// and their bytes, are allocated together: one by one, they were a sixth
// of what building an archive allocated.
func newAnalysedField(name string, terms []string) *analysedField {
	f := &analysedField{name: name, length: len(terms), freqs: make(index.TokenFrequencies, len(terms))}
	n := 0
	for _, t := range terms {
		n += len(t)
	}
	tfs := make([]index.TokenFreq, 0, len(terms))
	buf := make([]byte, 0, n)
	for i, t := range terms {
		if i > 0 {
			f.bytes++
		}
		f.bytes += uint64(len(t))
		if tf, ok := f.freqs[t]; ok {
			tf.SetFrequency(tf.Frequency() + 1)
			continue
		}
		start := len(buf)
		buf = append(buf, t...)
		tfs = append(tfs, index.TokenFreq{Term: buf[start:len(buf):len(buf)]})
		tf := &tfs[len(tfs)-1]
		tf.SetFrequency(1)
		f.freqs[t] = tf
	}
	return f
}

func (f *analysedField) Name() string                                     { return f.name }
func (f *analysedField) ArrayPositions() []uint64                         { return nil }
func (f *analysedField) Options() index.FieldIndexingOptions              { return analysedFieldOptions }
func (f *analysedField) Analyze()                                         {}
func (f *analysedField) Value() []byte                                    { return nil }
func (f *analysedField) NumPlainTextBytes() uint64                        { return f.bytes }
func (f *analysedField) EncodedFieldType() byte                           { return 't' }
func (f *analysedField) AnalyzedLength() int                              { return f.length }
func (f *analysedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is what the field holds in memory, as Bleve counts it.
func (f *analysedField) Size() int {
	return int(unsafe.Sizeof(*f)) + len(f.name) + f.freqs.Size()
}
