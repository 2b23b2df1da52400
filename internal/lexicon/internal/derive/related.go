package derive

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fluhus/gostuff/nlp/wordnet"
	"github.com/parley-newsroom/parley/internal/lexicon"
)

// senses is how many of a lemma's senses in each part of speech the
// related table considers: WordNet orders them commonest first, and the
// rarer ones mostly add noise.
const senses = 3

// A link is a related.txt record without its sense.
type link struct {
	key, target string
	rel         lexicon.Relation
	pos         byte // of the key's sense: n, v, a (satellites included) or r
}

// related returns the records of related.txt, each ending in a newline,
// sorted. inflected maps a base form to the corpus words inflected from it.
func (db *database) related(vocab *lexicon.Vocabulary, inflected map[string][]string) ([]string, error) {
	best := map[link]int{} // link -> commonest sense
	for _, l := range db.lemmas {
		for i, id := range l.synsets[:min(senses, len(l.synsets))] {
			targets, err := db.targets(id, l.key)
			if err != nil {
				return nil, fmt.Errorf("%s %c sense %d: %w", l.key, l.pos, i+1, err)
			}
			for _, t := range targets {
				if t.target == l.key { // another sense or part of speech of the key ("talk" v, n)
					continue
				}
				for _, c := range inCorpus(t.target, vocab, inflected) {
					k := link{l.key, c, t.rel, l.pos}
					if old, ok := best[k]; c != l.key && (!ok || i+1 < old) {
						best[k] = i + 1
					}
				}
			}
		}
	}
	var out []string
	for k, sense := range best {
		out = append(out, fmt.Sprintf("%s\t%s\t%s\t%c\t%d\n", k.key, k.target, k.rel, k.pos, sense))
	}
	slices.Sort(out)
	return out, nil
}

// inCorpus returns what stands for a WordNet word or phrase in the corpus:
// itself, or else the corpus words inflected from it.
func inCorpus(target string, vocab *lexicon.Vocabulary, inflected map[string][]string) []string {
	if vocab.Contains(target) {
		return []string{target}
	}
	return inflected[target]
}

// targets returns the links, without their key and part of speech, from
// key's word in synset id to lower-cased words: the synset's other words,
// the derivationally related forms and pertainyms of key's word in it,
// and the words of its direct hypernyms.
func (db *database) targets(id, key string) ([]link, error) {
	s := db.wn.Synset[id]
	at := slices.IndexFunc(s.Word, func(w string) bool { return strings.ToLower(form(w)) == key })
	if at < 0 {
		return nil, fmt.Errorf("synset %s lacks its lemma", id)
	}
	var out []link
	for i, w := range s.Word {
		if i != at {
			out = append(out, link{target: strings.ToLower(form(w)), rel: lexicon.Synonym})
		}
	}
	for _, p := range s.Pointer {
		rel, lexical := relation(p.Symbol)
		if rel == 0 || lexical && p.Source != at && p.Source != -1 {
			continue
		}
		t, err := db.synset(p.Synset)
		if err != nil {
			return nil, fmt.Errorf("synset %s: %w", id, err)
		}
		for i, w := range t.Word {
			if p.Target == -1 || p.Target == i {
				out = append(out, link{target: strings.ToLower(form(w)), rel: rel})
			}
		}
	}
	return out, nil
}

// relation returns the relation a WordNet pointer symbol stands for, or 0,
// and whether it links words rather than synsets. An instance hypernym
// ("@i": Lebanon, Asian country) is left out.
func relation(symbol string) (rel lexicon.Relation, lexical bool) {
	switch symbol {
	case wordnet.DerivationallyRelatedForm:
		return lexicon.Derived, true
	case wordnet.Pertainym:
		return lexicon.Pertainym, true
	case wordnet.Hypernym:
		return lexicon.Hypernym, false
	}
	return 0, false
}

// inflections maps each base form to the corpus words that lex says are
// inflected from it ("intermediary" -> "intermediaries"), in order.
func inflections(vocab *lexicon.Vocabulary, lex *lexicon.Lexicon) map[string][]string {
	out := map[string][]string{}
	for _, w := range vocab.Words() {
		for _, base := range lex.Lemmas(w) {
			if base != w {
				out[base] = append(out[base], w)
			}
		}
	}
	return out
}
