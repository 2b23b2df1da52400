package lexicon

import (
	"errors"
	"strconv"
	"strings"
)

// The flags of a words.txt record, one letter each.
const (
	flagLower       = 'l' // WordNet writes the word in lower case in some synset
	flagCapital     = 'c' // WordNet writes it capitalised in some synset
	flagNounCapital = 'n' // its commonest noun sense is written capitalised
	flagSpeech      = 's' // one of its first 3 verb senses is a verb of communication
)

// The parts of speech of a words.txt record, in the order morphy tries them.
const partsOfSpeech = "nvar" // noun, verb, adjective (with satellites), adverb

// An entry is one words.txt record:
//
//	word <TAB> flags <TAB> parts of speech <TAB> classes <TAB> frequency [<TAB> exceptions]
//
// Flags and parts of speech are "-" for a word that is only an exceptional
// form ("went"). Classes are those of the word's first 2 noun senses (see
// Class), or "-". Frequency is how often SemCor tags the word's senses, in
// decimal, "0" for never (see Frequency). Exceptions are the base forms
// WordNet's exception lists give, "pos:base" joined by commas
// ("n:ax,n:axis").
type entry struct {
	word, flags, pos, classes, frequency, exceptions string
}

func (e entry) has(flag byte) bool { return strings.IndexByte(e.flags, flag) >= 0 }

// isPOS reports whether WordNet has the word as a lemma with part of
// speech pos.
func (e entry) isPOS(pos byte) bool { return strings.IndexByte(e.pos, pos) >= 0 }

// count returns the word's frequency, 0 for an entry without one (a base
// form the exception lists give that has no record).
func (e entry) count() int {
	n, err := strconv.Atoi(e.frequency)
	if err != nil {
		return 0 // not in the embedded table, which the tests check
	}
	return n
}

// parseEntry splits a words.txt record.
func parseEntry(record string) entry {
	var e entry
	e.word, record, _ = strings.Cut(record, "\t")
	e.flags, record, _ = strings.Cut(record, "\t")
	e.pos, record, _ = strings.Cut(record, "\t")
	e.classes, record, _ = strings.Cut(record, "\t")
	e.frequency, e.exceptions, _ = strings.Cut(record, "\t")
	return e
}

// checkWord reports what is wrong with a words.txt record.
func checkWord(record string) error {
	e := parseEntry(record)
	only := func(f, letters string) bool { return f == "-" || f != "" && strings.Trim(f, letters) == "" }
	if n := strings.Count(record, "\t"); n < 4 || n > 5 {
		return errors.New("want 5 or 6 fields")
	}
	if err := checkClasses(e.classes); err != nil {
		return err
	}
	if err := checkFrequency(e.frequency); err != nil {
		return err
	}
	switch {
	case !only(e.flags, "lcns"):
		return errors.New("bad flags")
	case !only(e.pos, partsOfSpeech):
		return errors.New("bad parts of speech")
	case e.pos == "-" && e.exceptions == "":
		return errors.New("neither a lemma nor an exceptional form")
	case e.has(flagSpeech) && !e.isPOS('v'):
		return errors.New("a speech verb that is not a verb")
	case e.classes != "-" && !e.isPOS('n'):
		return errors.New("classes of a word that is not a noun")
	case e.frequency != "0" && e.pos == "-":
		return errors.New("a frequency of a word that is not a lemma")
	}
	for x := range strings.SplitSeq(e.exceptions, ",") {
		if e.exceptions != "" && (len(x) < 3 || x[1] != ':' || strings.IndexByte(partsOfSpeech, x[0]) < 0) {
			return errors.New("bad exception " + x)
		}
	}
	return nil
}

// checkFrequency reports what is wrong with a words.txt frequency field: a
// count in decimal digits, without leading zeros.
func checkFrequency(field string) error {
	if field == "" || strings.Trim(field, "0123456789") != "" || len(field) > 1 && field[0] == '0' || len(field) > 9 {
		return errors.New("bad frequency " + strconv.Quote(field))
	}
	return nil
}

// entry returns the words.txt record of w, a lower-cased word.
func (l *Lexicon) entry(w string) (entry, bool) {
	r := l.words.records(w)
	if r == "" {
		return entry{}, false
	}
	return parseEntry(strings.TrimSuffix(r, "\n")), true
}

// lemmas returns the entries of w's base forms, w's own first, as Lemmas
// finds them (a base form of a phrase the exception lists give has an
// entry without flags).
func (l *Lexicon) lemmas(w string) []entry {
	return l.lemmasAs(w, partsOfSpeech)
}

// lemmasAs returns the entries of w's own record, if w is a lemma, and
// of the base forms that morphy finds for w as each part of speech of
// poses (letters of partsOfSpeech, in its order).
func (l *Lexicon) lemmasAs(w, poses string) []entry {
	var out []entry
	add := func(e entry) {
		for _, o := range out {
			if o.word == e.word {
				return
			}
		}
		out = append(out, e)
	}
	self, ok := l.entry(w)
	if ok && self.pos != "-" {
		add(self)
	}
	for i := range len(poses) {
		pos := poses[i]
		if bases := exceptions(self.exceptions, pos); len(bases) > 0 {
			for _, b := range bases {
				e, ok := l.entry(b)
				if !ok {
					e = entry{word: b}
				}
				add(e)
			}
			continue
		}
		for _, r := range detachments(w, pos) {
			if base, ok := strings.CutSuffix(w, r.suffix); ok && r.suffix != "" {
				if e, ok := l.entry(base + r.ending); ok && e.word != w && e.isPOS(pos) {
					add(e)
				}
			}
		}
	}
	return out
}

// exceptions returns the base forms that the exceptions field of an
// entry gives for pos.
func exceptions(field string, pos byte) []string {
	var out []string
	for len(field) > 0 {
		var x string
		x, field, _ = strings.Cut(field, ",")
		if len(x) > 2 && x[0] == pos {
			out = append(out, x[2:])
		}
	}
	return out
}

// A detachment is one of WordNet's rules for finding a base form: replace
// suffix by ending.
type detachment struct{ suffix, ending string }

// detachments returns the rules of WordNet's morph.c for w as a pos. As
// there, a noun ending in "ss" ("glass") or of two letters or fewer takes
// none.
func detachments(w string, pos byte) [8]detachment {
	switch {
	case pos == 'n' && (strings.HasSuffix(w, "ss") || len(w) <= 2):
		return [8]detachment{}
	case pos == 'n':
		return [8]detachment{{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}
	case pos == 'v':
		return [8]detachment{{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}
	case pos == 'a':
		return [8]detachment{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}
	}
	return [8]detachment{} // adverbs have only their exception list
}
