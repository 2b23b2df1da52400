package lexicon

import (
	"errors"
	"fmt"
	"strings"
)

// Relation is how WordNet links a word to a related one.
type Relation uint8

// The relations the related table records.
const (
	// Synonym: the words share a synset (mediator, intermediary).
	Synonym Relation = iota + 1
	// Derived: WordNet's "derivationally related form" (state, statement).
	Derived
	// Pertainym: an adjective pertaining to a noun (lebanese, lebanon), or
	// an adverb derived from an adjective (quickly, quick).
	Pertainym
	// Hypernym: the synset's direct hypernym, a more general word
	// (comment, statement).
	Hypernym
)

// String returns the relation's name in related.txt: syn, der, pert or
// hyper.
func (r Relation) String() string {
	switch r {
	case Synonym:
		return "syn"
	case Derived:
		return "der"
	case Pertainym:
		return "pert"
	case Hypernym:
		return "hyper"
	}
	return fmt.Sprintf("Relation(%d)", uint8(r))
}

// parseRelation returns the relation a related.txt name stands for.
func parseRelation(s string) (Relation, bool) {
	for r := Synonym; r <= Hypernym; r++ {
		if r.String() == s {
			return r, true
		}
	}
	return 0, false
}

// Link is one entry of the related table: a word or phrase of the corpus
// that a key is related to.
type Link struct {
	// Target is the corpus word or phrase, lower-cased, as the corpus
	// writes it ("intermediaries" when the corpus has no "intermediary").
	Target string
	Rel    Relation
	// Sense is the rank, 1 to 3, of the key's sense that gives the link in
	// its part of speech; WordNet orders senses by frequency, commonest
	// first.
	Sense int
}

// parseLink parses a related.txt record:
//
//	key <TAB> target <TAB> relation <TAB> sense
func parseLink(record string) (Link, error) {
	key, rest, _ := strings.Cut(record, "\t")
	target, rest, _ := strings.Cut(rest, "\t")
	name, sense, ok := strings.Cut(rest, "\t")
	rel, known := parseRelation(name)
	switch {
	case !ok || strings.Contains(sense, "\t"):
		return Link{}, errors.New("want 4 fields")
	case !known:
		return Link{}, fmt.Errorf("unknown relation %q", name)
	case len(sense) != 1 || sense[0] < '1' || sense[0] > '9':
		return Link{}, fmt.Errorf("bad sense %q", sense)
	case target == "" || target == key:
		return Link{}, errors.New("no target, or the key itself")
	}
	return Link{Target: target, Rel: rel, Sense: int(sense[0] - '0')}, nil
}

// checkLink reports what is wrong with a related.txt record.
func checkLink(record string) error {
	_, err := parseLink(record)
	return err
}
