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

// POS is a part of speech of WordNet's.
type POS uint8

// The parts of speech, in the order of words.txt's letters.
const (
	Noun POS = iota + 1
	Verb
	// Adj is an adjective, a satellite adjective included.
	Adj
	Adverb
)

// String returns the part of speech's letter in the generated files: n,
// v, a or r.
func (p POS) String() string {
	if p >= Noun && p <= Adverb {
		return partsOfSpeech[p-1 : p]
	}
	return fmt.Sprintf("POS(%d)", uint8(p))
}

// parsePOS returns the part of speech a letter of the generated files
// stands for.
func parsePOS(s string) (POS, bool) {
	if i := strings.Index(partsOfSpeech, s); len(s) == 1 && i >= 0 {
		return POS(i + 1), true
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
	// POS is the part of speech of the key's sense that gives the link:
	// "barrel" links to "place" only as a verb (to barrel: to put in
	// barrels), so a caller that wants the noun can skip it.
	POS POS
	// Sense is the rank, 1 to 3, of the key's sense that gives the link in
	// its part of speech; WordNet orders senses by frequency, commonest
	// first.
	Sense int
}

// parseLink parses a related.txt record:
//
//	key <TAB> target <TAB> relation <TAB> part of speech <TAB> sense
func parseLink(record string) (Link, error) {
	key, rest, _ := strings.Cut(record, "\t")
	target, rest, _ := strings.Cut(rest, "\t")
	name, rest, _ := strings.Cut(rest, "\t")
	letter, sense, ok := strings.Cut(rest, "\t")
	rel, known := parseRelation(name)
	pos, isPOS := parsePOS(letter)
	switch {
	case !ok || strings.Contains(sense, "\t"):
		return Link{}, errors.New("want 5 fields")
	case !known:
		return Link{}, fmt.Errorf("unknown relation %q", name)
	case !isPOS:
		return Link{}, fmt.Errorf("bad part of speech %q", letter)
	case len(sense) != 1 || sense[0] < '1' || sense[0] > '9':
		return Link{}, fmt.Errorf("bad sense %q", sense)
	case target == "" || target == key:
		return Link{}, errors.New("no target, or the key itself")
	}
	return Link{Target: target, Rel: rel, POS: pos, Sense: int(sense[0] - '0')}, nil
}

// checkLink reports what is wrong with a related.txt record.
func checkLink(record string) error {
	_, err := parseLink(record)
	return err
}
