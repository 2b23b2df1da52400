package lexicon

import (
	"fmt"
	"strings"
)

// A table is the body of a generated file: records one a line, each
// starting with its key and a tab, sorted, so that one key's records are
// adjacent. It is searched in place by bisection, as look(1) searches a
// dictionary, so that opening it costs nothing and takes no heap.
type table struct {
	text string
}

// check reports the first record of t that is out of order or that check
// finds wrong.
func (t table) check(check func(record string) error) error {
	prev := ""
	n := 0
	for line := range strings.Lines(t.text) {
		n++
		line = strings.TrimSuffix(line, "\n")
		key, _, ok := strings.Cut(line, "\t")
		switch {
		case !ok || key == "":
			return fmt.Errorf("record %d %q: no key", n, line)
		case key < prev:
			return fmt.Errorf("record %d %q: not in order (after %q)", n, line, prev)
		}
		if err := check(line); err != nil {
			return fmt.Errorf("record %d %q: %w", n, line, err)
		}
		prev = key
	}
	return nil
}

// records returns key's records, each ending in a newline (but perhaps
// the table's last), or "".
func (t table) records(key string) string {
	start := t.search(key)
	end := start
	for end < len(t.text) && t.keyAt(end) == key {
		end = t.lineEnd(end)
	}
	return t.text[start:end]
}

// search returns the offset of the first record whose key is not less
// than key, or len(t.text).
func (t table) search(key string) int {
	lo, hi := 0, len(t.text) // lo is the start of a record
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(t.text[lo:mid], '\n') + 1 // of mid's record
		if t.keyAt(start) < key {
			lo = t.lineEnd(start)
		} else {
			hi = start
		}
	}
	return lo
}

// keyAt returns the key of the record that starts at off.
func (t table) keyAt(off int) string {
	key, _, _ := strings.Cut(t.text[off:t.lineEnd(off)], "\t")
	return strings.TrimSuffix(key, "\n") // of a record without a tab
}

// lineEnd returns the start of the record after the one that starts at off.
func (t table) lineEnd(off int) int {
	if i := strings.IndexByte(t.text[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(t.text)
}

// header is what a generated file's comment lines say about it.
type header struct {
	format string // the "# format: " line
	corpus string // the "# corpus: " line: the vocabulary's fingerprint
}

// splitHeader splits a generated file into its header, the comment lines
// at its top, and its body. The first line of each kind counts.
func splitHeader(file string) (header, string) {
	var h header
	for strings.HasPrefix(file, "#") {
		var line string
		line, file, _ = strings.Cut(file, "\n")
		if v, ok := strings.CutPrefix(line, "# format: "); ok && h.format == "" {
			h.format = v
		}
		if v, ok := strings.CutPrefix(line, "# corpus: "); ok && h.corpus == "" {
			h.corpus = v
		}
	}
	return h, file
}
