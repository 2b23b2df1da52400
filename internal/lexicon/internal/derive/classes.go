package derive

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fluhus/gostuff/nlp/wordnet"
)

// How many of a lemma's senses the classes consider: WordNet orders them
// commonest first.
const (
	classSenses  = 2 // noun senses, for the semantic classes
	speechSenses = 3 // verb senses, for the speech flag
)

// classLetters are the letters of the classes, as lexicon reads them
// (p person, l place, g group, t time, q quantity), and s, which stands
// here for the verbs of communication and is a flag in words.txt.
const classLetters = "plgtqs"

// speech is the bit of the verbs of communication, s, in a class set.
const speech = 1 << (len(classLetters) - 1)

// A root is a synset whose hyponyms, and itself, have a class.
type root struct {
	class byte   // its letter in classLetters
	id    string // the gostuff reader's synset ID: pos and offset
	name  string // its NLTK name, which the generator checks against the data
}

// classRoots returns the synsets that define the classes. Some are
// hyponyms of others (organization of social_group, calendar_day of
// time_period, say's state of express) and add nothing, but say what the
// class is meant to hold.
func classRoots() []root {
	return []root{
		{'p', "n00007846", "person.n.01"},
		{'l', "n00027167", "location.n.01"},
		{'l', "n09334396", "land.n.04"}, // dry land: continents, islands, peninsulas
		{'l', "n09225146", "body_of_water.n.01"},
		{'l', "n09287968", "geological_formation.n.01"}, // mountains, shores, valleys
		{'g', "n07950920", "social_group.n.01"},
		{'g', "n08008335", "organization.n.01"},
		{'t', "n15113229", "time_period.n.01"},
		{'t', "n15157041", "calendar_day.n.01"},
		{'t', "n15163005", "day_of_the_week.n.01"},
		{'t', "n15209413", "calendar_month.n.01"},
		{'t', "n15203791", "year.n.01"},
		{'t', "n15154774", "time_unit.n.01"},
		{'t', "n15180528", "point.n.06"}, // point in time
		{'t', "n15159583", "date.n.01"},
		{'t', "n15269513", "time_interval.n.01"},
		{'q', "n00033615", "measure.n.02"}, // also quantity.n.01, amount.n.03
		{'q', "n05107765", "amount.n.02"},
		{'q', "n13331198", "sum.n.01"}, // of money
		{'q', "n13582013", "number.n.02"},
		{'q', "n13583724", "unit_of_measurement.n.01"},
		{'q', "n13815152", "magnitude_relation.n.01"}, // ratio, percentage, rate
		{'s', "v00742338", "communicate.v.01"},
		{'s', "v00740595", "communicate.v.02"},
		{'s', "v00940402", "express.v.02"},
		{'s', "v01009258", "state.v.01"}, // say.v.01, tell.v.01
		{'s', "v00952542", "tell.v.02"},
		{'s', "v00831669", "inform.v.01"},
		{'s', "v00818992", "insist.v.01"},     // assert, maintain, allege
		{'s', "v01011743", "affirm.v.03"},     // claim, confirm
		{'s', "v00804820", "disagree.v.01"},   // contradict, deny
		{'s', "v00807196", "disapprove.v.02"}, // reject
		{'s', "v00897259", "greet.v.01"},      // welcome
		{'s', "v00907165", "complain.v.01"},   // protest
		{'s', "v00843486", "charge.v.02"},     // accuse
	}
}

// A classifier finds the classes of synsets.
type classifier struct {
	wn    *wordnet.WordNet
	roots map[string]uint8 // synset ID -> its classes, a bit a letter of classLetters
	memo  map[string]uint8 // synset ID -> its classes
}

// classifier returns a classifier of db's synsets, having checked that
// each root is the synset its name says.
func (db *database) classifier() (*classifier, error) {
	senses := map[string][]string{} // pos and lemma -> synsets
	for _, l := range db.lemmas {
		senses[string(l.pos)+l.key] = l.synsets
	}
	c := &classifier{wn: db.wn, roots: map[string]uint8{}, memo: map[string]uint8{}}
	for _, r := range classRoots() {
		s, ok := db.wn.Synset[r.id]
		if !ok {
			return nil, fmt.Errorf("class %c: no synset %s (%s)", r.class, r.id, r.name)
		}
		// NLTK names a synset by its first word and that word's sense.
		key := strings.ToLower(form(s.Word[0]))
		rank := slices.Index(senses[r.id[:1]+key], r.id) + 1
		if name := fmt.Sprintf("%s.%s.%02d", strings.ReplaceAll(key, " ", "_"), r.id[:1], rank); name != r.name {
			return nil, fmt.Errorf("class %c: synset %s is %s, not %s", r.class, r.id, name, r.name)
		}
		c.roots[r.id] |= 1 << strings.IndexByte(classLetters, r.class)
	}
	return c, nil
}

// classes returns the classes of synset id: on each of its paths up the
// hypernym and instance-hypernym pointers, those of the first root, so
// that a time is not also a quantity (WordNet's times are measures).
func (c *classifier) classes(id string) uint8 {
	if m, ok := c.memo[id]; ok {
		return m
	}
	c.memo[id] = 0 // until known; WordNet's hierarchy has no cycles
	m, isRoot := c.roots[id]
	if s := c.wn.Synset[id]; !isRoot && s != nil {
		for _, p := range s.Pointer {
			if p.Symbol == wordnet.Hypernym || p.Symbol == wordnet.InstanceHypernym {
				m |= c.classes(p.Synset)
			}
		}
	}
	c.memo[id] = m
	return m
}

// addClasses sets the classes and the speech flag of each word of ws
// from the first senses of its lemmas.
func (db *database) addClasses(ws map[string]*word, c *classifier) {
	for _, l := range db.lemmas {
		w := ws[l.key]
		if w == nil {
			continue
		}
		switch l.pos {
		case 'n':
			for i, id := range l.synsets[:min(classSenses, len(l.synsets))] {
				m := c.classes(id) &^ speech
				w.classes |= m
				if i == 0 {
					w.first |= m
				}
			}
		case 'v':
			for _, id := range l.synsets[:min(speechSenses, len(l.synsets))] {
				w.speech = w.speech || c.classes(id)&speech != 0
			}
		}
	}
}

// classColumn returns the classes field of a words.txt record: the
// letters of classes in order, capitals for those in first; "-" for none.
func classColumn(classes, first uint8) string {
	var b []byte
	for i := range len(classLetters) {
		switch bit := uint8(1) << i; {
		case first&bit != 0:
			b = append(b, classLetters[i]-'a'+'A')
		case classes&bit != 0:
			b = append(b, classLetters[i])
		}
	}
	if len(b) == 0 {
		return "-"
	}
	return string(b)
}

// rootsList returns the lines of words.txt's header that list the roots.
func rootsList() string {
	names := map[byte]string{'p': "person", 'l': "place", 'g': "group", 't': "time", 'q': "quantity", 's': "speech"}
	var b strings.Builder
	for _, r := range classRoots() {
		fmt.Fprintf(&b, "\n  %c %-8s %-26s %s", r.class, names[r.class], r.name, r.id[1:])
	}
	return b.String()
}
