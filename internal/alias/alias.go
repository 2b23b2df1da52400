// Package alias reads the editable table of names and words that the beat
// uses for the same thing ("US", "U.S.", "United States", "Washington") and
// finds them in questions, so a question can be widened at search time.
//
// The file format, one group per line:
//
//	# comment
//	US, U.S., United States, Washington      (each finds the others)
//	why => because, reason                   (left finds right, not back)
package alias

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Tokenizer turns text into the comparable words of an entry or a question,
// the same way for both: lower-cased, punctuation and possessives dropped,
// stop words kept (the search index also stems them).
type Tokenizer func(text string) []string

// Table is a parsed alias file.
type Table struct {
	entries []entry
	byFirst map[string][]int // first token -> indexes into entries
}

type entry struct {
	text    string
	tokens  []string
	targets []Alternative // what a question using this entry also searches
}

// Alternative is another way the coverage may put what a question said.
type Alternative struct {
	Text   string
	Tokens []string
}

// Match is an entry found in a question's tokens.
type Match struct {
	Start, End   int // token range [Start, End) in the question
	Entry        string
	Alternatives []Alternative
}

// Error is a problem on one line of an alias file.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Parse reads an alias file. name is used in errors.
func Parse(r io.Reader, name string, tok Tokenizer) (*Table, error) {
	type group struct{ from, to []Alternative }
	var (
		groups []group
		errs   []error
	)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, err := parseLine(line, tok)
		if err != nil {
			errs = append(errs, &Error{name, n, err})
			continue
		}
		groups = append(groups, group{from, to})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	t := &Table{byFirst: map[string][]int{}}
	index := map[string]int{} // entry key -> index into t.entries
	for _, g := range groups {
		for _, f := range g.from {
			key := strings.Join(f.Tokens, " ")
			i, ok := index[key]
			if !ok {
				i = len(t.entries)
				index[key] = i
				t.entries = append(t.entries, entry{text: f.Text, tokens: f.Tokens})
				t.byFirst[f.Tokens[0]] = append(t.byFirst[f.Tokens[0]], i)
			}
			for _, alt := range g.to {
				if slices.Equal(alt.Tokens, f.Tokens) || slices.ContainsFunc(t.entries[i].targets, func(a Alternative) bool {
					return slices.Equal(a.Tokens, alt.Tokens)
				}) {
					continue
				}
				t.entries[i].targets = append(t.entries[i].targets, alt)
			}
		}
	}
	return t, nil
}

// parseLine reads one group: "a, b, c" (each finds the others) or
// "a => b, c" (a finds b and c).
func parseLine(line string, tok Tokenizer) (from, to []Alternative, err error) {
	left, right, oneWay := strings.Cut(line, "=>")
	if oneWay && strings.Contains(right, "=>") {
		return nil, nil, errors.New(`more than one "=>"`)
	}
	if from, err = split(left, tok); err != nil {
		return nil, nil, err
	}
	if oneWay {
		to, err = split(right, tok)
		return from, to, err
	}
	if len(from) < 2 {
		return nil, nil, errors.New("a group needs at least two entries separated by commas")
	}
	return from, from, nil
}

func split(s string, tok Tokenizer) ([]Alternative, error) {
	var out []Alternative
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, errors.New("empty entry (two commas in a row, or a comma at an end)")
		}
		tokens := tok(part)
		if len(tokens) == 0 {
			return nil, fmt.Errorf("entry %q has no words", part)
		}
		out = append(out, Alternative{Text: part, Tokens: tokens})
	}
	return out, nil
}

// Alternatives returns every alternative wording the table offers, once
// each, in the order of the file.
func (t *Table) Alternatives() []Alternative {
	var out []Alternative
	seen := map[string]bool{}
	for _, e := range t.entries {
		for _, a := range e.targets {
			if !seen[a.Text] {
				seen[a.Text] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// Find returns the entries that occur in tokens, longest first at each
// position, without overlaps.
func (t *Table) Find(tokens []string) []Match {
	if t == nil {
		return nil
	}
	var out []Match
	for i := 0; i < len(tokens); {
		best := -1
		for _, e := range t.byFirst[tokens[i]] {
			n := len(t.entries[e].tokens)
			if i+n <= len(tokens) && slices.Equal(tokens[i:i+n], t.entries[e].tokens) &&
				(best < 0 || n > len(t.entries[best].tokens)) {
				best = e
			}
		}
		if best < 0 {
			i++
			continue
		}
		e := t.entries[best]
		out = append(out, Match{Start: i, End: i + len(e.tokens), Entry: e.text, Alternatives: e.targets})
		i += len(e.tokens)
	}
	return out
}
