package derive

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// word is what words.txt says of one word.
type word struct {
	lower, capital, nounCapital, speech bool
	pos                                 map[byte]bool
	classes, first                      uint8    // of its first 2 noun senses, of its first; bits of classLetters
	frequency                           int      // SemCor's tags of its senses
	exceptions                          []string // pos:base
}

// words returns the records of words.txt, each ending in a newline, sorted.
func (db *database) words() ([]string, error) {
	c, err := db.classifier()
	if err != nil {
		return nil, err
	}
	ws := map[string]*word{}
	get := func(key string) *word {
		if ws[key] == nil {
			ws[key] = &word{pos: map[byte]bool{}}
		}
		return ws[key]
	}
	for id, s := range db.wn.Synset {
		for _, raw := range s.Word {
			f := form(raw)
			key := strings.ToLower(f)
			if strings.Contains(key, " ") {
				continue
			}
			w := get(key)
			w.pos[id[0]] = true
			w.lower = w.lower || f == key
			w.capital = w.capital || f != key
		}
	}
	for _, l := range db.lemmas {
		if l.pos == 'n' && ws[l.key] != nil && db.capitalised(l.synsets[0], l.key) {
			ws[l.key].nounCapital = true
		}
	}
	db.addClasses(ws, c)
	isLemma := db.isLemma()
	if err := db.addFrequencies(ws, isLemma); err != nil {
		return nil, err
	}
	db.addExceptions(ws, get, isLemma)
	var out []string
	for _, key := range slices.Sorted(maps.Keys(ws)) {
		out = append(out, ws[key].record(key))
	}
	return out, nil
}

// capitalised reports whether synset id writes key capitalised.
func (db *database) capitalised(id, key string) bool {
	for _, raw := range db.wn.Synset[id].Word {
		if f := form(raw); strings.ToLower(f) == key {
			return f != key
		}
	}
	return false
}

// isLemma returns the set of the lemmas of the index files, each after
// its part of speech ("vtake", "narmed forces").
func (db *database) isLemma() map[string]bool {
	isLemma := map[string]bool{}
	for _, l := range db.lemmas {
		isLemma[string(l.pos)+l.key] = true
	}
	return isLemma
}

// addFrequencies sets the frequency of each word of ws: the sum of the
// tag counts of its senses in every part of speech. cntlist.rev dates in
// part from older WordNets: the tags of an older sense of a lemma count
// (lie's eighth verb sense; 3.0 has 7), but not those of a lemma that
// 3.0 no longer has in that part of speech ("largest" an adjective,
// "n't" an adverb), which would otherwise hide the counts of its base
// forms.
func (db *database) addFrequencies(ws map[string]*word, isLemma map[string]bool) error {
	for pk, n := range db.tags {
		key := pk[1:]
		if !isLemma[pk] || strings.Contains(key, " ") {
			continue
		}
		w := ws[key]
		if w == nil {
			return fmt.Errorf("cntlist.rev: %s is a lemma of the index files but of no synset", key)
		}
		w.frequency += n
	}
	return nil
}

// addExceptions adds to ws the single-word forms of the exception lists,
// with those of their base forms that are lemmas of the part of speech.
func (db *database) addExceptions(ws map[string]*word, get func(string) *word, isLemma map[string]bool) {
	for _, f := range posFiles() {
		m := db.exceptions[f.pos]
		for _, form := range slices.Sorted(maps.Keys(m)) {
			if strings.Contains(form, " ") {
				continue
			}
			for _, base := range m[form] {
				if base != form && isLemma[string(f.pos)+base] {
					w := get(form)
					w.exceptions = append(w.exceptions, string(f.pos)+":"+base)
				}
			}
		}
	}
}

// record returns w's words.txt record.
func (w *word) record(key string) string {
	var flags, pos []byte
	for _, f := range []struct {
		set  bool
		flag byte
	}{{w.lower, 'l'}, {w.capital, 'c'}, {w.nounCapital, 'n'}, {w.speech, 's'}} {
		if f.set {
			flags = append(flags, f.flag)
		}
	}
	for _, f := range posFiles() {
		if w.pos[f.pos] {
			pos = append(pos, f.pos)
		}
	}
	if len(flags) == 0 {
		flags = []byte("-")
	}
	if len(pos) == 0 {
		pos = []byte("-")
	}
	r := key + "\t" + string(flags) + "\t" + string(pos) + "\t" + classColumn(w.classes, w.first) + "\t" + strconv.Itoa(w.frequency)
	if len(w.exceptions) > 0 {
		r += "\t" + strings.Join(w.exceptions, ",")
	}
	return r + "\n"
}
