package archive

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/eval"
)

// Passage is a passage as other engines index it: one JSON object a line
// in passages.jsonl, the file the Xapian benchmark reads.
type Passage struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Section string `json:"section"`
	Text    string `json:"text"`
}

// Passages returns every passage of c, article by article.
func Passages(c *corpus.Corpus) []Passage {
	var out []Passage
	for _, p := range c.Passages() {
		out = append(out, Passage{ID: p.ID(), Title: p.Article.Title, Section: p.Section, Text: p.Text})
	}
	return out
}

// WriteJSONL writes values one JSON object a line: passages, or
// questions in the format of package eval.
func WriteJSONL[T Passage | eval.Item](w io.Writer, values []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("write JSON lines: %w", err)
		}
	}
	return nil
}
