// Package lexicon is what Parley knows of English beyond its corpus, taken
// from WordNet 3.0: which words are everyday English and which are names,
// the base forms of inflected words, how common each word is, the semantic
// classes of nouns (a person, a place, a group, a time, a quantity) and
// which verbs report speech, and the words of the corpus that a question
// word is related to (a synonym, a derived form, a pertainym or a more
// general word).
//
// The data are two generated files embedded in the program: words.txt, the
// general lexicon, and related.txt, the related words restricted to the
// built-in corpus. The program never reads WordNet itself; after a change
// to the corpus, run
//
//	go generate ./internal/lexicon
//
// on a machine with WordNet installed (Debian: apt-get install
// wordnet-base). Both files carry WordNet's licence, which requires its
// copyright notice and disclaimer on all copies of data derived from it.
package lexicon

//go:generate go run ./gen

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// The embedded tables, written by go generate.
var (
	//go:embed words.txt
	wordsFile string
	//go:embed related.txt
	relatedFile string
)

// The format lines of the two files. A change of format changes its
// number, so that a program never reads a file it does not understand.
const (
	WordsFormat   = "parley-lexicon-words 3"
	RelatedFormat = "parley-lexicon-related 2"
)

// Lexicon answers questions about English words. It is safe for
// concurrent use.
type Lexicon struct {
	words       table // word -> flags, parts of speech, classes, frequency, exceptional base forms
	related     table // key -> target, relation, part of speech, sense; one link a line
	fingerprint string
}

// New returns the lexicon embedded in the program. It only reads the
// files' headers: the records are searched in place, and the package's
// tests check every one of them.
func New() (*Lexicon, error) {
	return parse(wordsFile, relatedFile)
}

// Parse reads a lexicon from the text of a words file and of a related
// file in the formats go generate writes, checking every record.
func Parse(words, related string) (*Lexicon, error) {
	l, err := parse(words, related)
	if err != nil {
		return nil, err
	}
	if err := l.words.check(checkWord); err != nil {
		return nil, fmt.Errorf("words.txt: %w", err)
	}
	if err := l.related.check(checkLink); err != nil {
		return nil, fmt.Errorf("related.txt: %w", err)
	}
	return l, nil
}

// parse reads the files' headers.
func parse(words, related string) (*Lexicon, error) {
	wh, wbody := splitHeader(words)
	if wh.format != WordsFormat {
		return nil, fmt.Errorf("words.txt: format %q, want %q (run go generate ./internal/lexicon)", wh.format, WordsFormat)
	}
	rh, rbody := splitHeader(related)
	if rh.format != RelatedFormat {
		return nil, fmt.Errorf("related.txt: format %q, want %q (run go generate ./internal/lexicon)", rh.format, RelatedFormat)
	}
	if rh.corpus == "" {
		return nil, fmt.Errorf("related.txt: no corpus fingerprint in the header")
	}
	return &Lexicon{words: table{wbody}, related: table{rbody}, fingerprint: rh.corpus}, nil
}

// Fingerprint returns the fingerprint of the corpus vocabulary the related
// table was built for (see Vocabulary.Fingerprint).
func (l *Lexicon) Fingerprint() string { return l.fingerprint }

// Known reports whether word (in any case) is ordinary English: WordNet
// writes it, or a base form of it ("barrels", "threatened", "went"), in
// lower case in some synset. Names are not known ("iran"), unless they
// are also common words ("japan": lacquer), and neither are most function
// words ("the", "of"), which WordNet leaves out.
func (l *Lexicon) Known(word string) bool {
	for _, e := range l.lemmas(strings.ToLower(word)) {
		if e.has(flagLower) {
			return true
		}
	}
	return false
}

// ProperNoun reports whether word (in any case) is a name in WordNet:
// written only capitalised ("iran", "lebanese"), or capitalised in its
// commonest noun sense though it has rarer lower-case ones ("japan"). An
// inflected form is a name only when none of its base forms is a common
// word: "americans" is, "aids" (AIDS, but also aid) is not. Known and
// ProperNoun can both hold ("japan").
func (l *Lexicon) ProperNoun(word string) bool {
	w := strings.ToLower(word)
	proper := false
	for _, e := range l.lemmas(w) {
		switch {
		case e.word != w && e.has(flagLower):
			return false
		case e.has(flagCapital) && (!e.has(flagLower) || e.has(flagNounCapital)):
			proper = true
		}
	}
	return proper
}

// Frequency returns how common word (in any case) is in general English:
// how often SemCor, the part of the Brown corpus that WordNet's senses were
// tagged in, tags the senses of the word, in every part of speech (the sum
// of WordNet's cntlist.rev counts: "take" 732, "line" 204, "sanction" 10,
// "enrichment" 1).
// An inflected form counts as the commonest of itself and its base forms
// (see Lemmas): "took" and "going" as take and go, "intermediaries" as
// intermediary. Rare words ("uranium"), most names ("hezbollah") and the
// function words WordNet lacks ("the") have 0: the counts tell common words
// from rare ones, not rare ones from each other.
func (l *Lexicon) Frequency(word string) int {
	w := strings.ToLower(word)
	n := 0
	if e, ok := l.entry(w); ok {
		n = e.count()
	}
	for _, e := range l.lemmas(w) {
		n = max(n, e.count())
	}
	return n
}

// Classes returns the semantic classes of word (in any case) as a noun:
// those of its own first 2 noun senses and of the base forms Lemmas finds
// for it as a noun ("officials": official's; "left" is a place, but not
// a time as a form of leave). A barrel is a unit of measurement only in
// its fifth sense, so "barrel" has no class ("barrels", a large amount,
// has). WordNet's names count, "rome" a place, so that function words
// have classes too ("us" a place, "who" a group, "may" a time): a caller
// should not ask of them.
func (l *Lexicon) Classes(word string) Class {
	var c Class
	for _, e := range l.lemmasAs(strings.ToLower(word), "n") {
		c |= parseClasses(e.classes)
	}
	return c
}

// Is reports whether WordNet has word (in any case), or a base form of it
// as pos, as a lemma of that part of speech: Is("planks", Noun),
// Is("happens", Verb), not Is("happens", Noun).
func (l *Lexicon) Is(word string, pos POS) bool {
	letter := pos.String()
	for _, e := range l.lemmasAs(strings.ToLower(word), letter) {
		if e.isPOS(letter[0]) {
			return true
		}
	}
	return false
}

// Plural reports whether word is a plural noun: a noun whose base form as
// a noun is another word ("planks": plank; "countries": country; not
// "news" or "sanctions" alone, which WordNet has as lemmas too).
func (l *Lexicon) Plural(word string) bool {
	w := strings.ToLower(word)
	for _, e := range l.lemmasAs(w, "n") {
		if e.word != w && e.isPOS('n') {
			return true
		}
	}
	return false
}

// SpeechVerb reports whether word (in any case), or a base form Lemmas
// finds for it as a verb, is a verb of communication in one of its first
// 3 verb senses: "said", "stated", "warned", "told", "denied", but not
// "reacted" (WordNet's react is to act, not to speak). words.txt's header
// lists the verbs of communication the senses descend from.
func (l *Lexicon) SpeechVerb(word string) bool {
	for _, e := range l.lemmasAs(strings.ToLower(word), "v") {
		if e.has(flagSpeech) {
			return true
		}
	}
	return false
}

// Lemmas returns the base forms of a single word (hyphenated or not), as
// WordNet's morphology ("morphy") finds them: the word itself if WordNet
// has it, then the forms its exception lists give or else the forms its
// detachment rules give that WordNet has, for nouns, verbs, adjectives and
// adverbs in turn ("ground" -> ground, grind; "go-betweens" ->
// go-between). It returns nil for a word WordNet cannot place.
func (l *Lexicon) Lemmas(word string) []string {
	var out []string
	for _, e := range l.lemmas(strings.ToLower(word)) {
		out = append(out, e.word)
	}
	return out
}

// Related returns the corpus words and phrases that a lower-cased word or
// phrase is related to, looked up as given and through its base forms
// ("barrels" finds barrel's links, "armed forces" those of the phrase
// itself). A target comes once per relation and part of speech, with the
// commonest sense that gives it; links of the phrase as given come first,
// each key's in the table's order (by target). Links of every part of
// speech come: a caller that wants a noun's filters them by Link.POS. It
// returns nil when there are none.
func (l *Lexicon) Related(phrase string) []Link {
	var links []Link
	for _, key := range l.keys(strings.ToLower(strings.TrimSpace(phrase))) {
		links = l.appendLinks(links, key)
	}
	return links
}

// keys returns the related-table keys to look p up under: p, then p with
// its last word replaced by each of that word's base forms.
func (l *Lexicon) keys(p string) []string {
	keys := []string{p}
	head, last := "", p
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		head, last = p[:i+1], p[i+1:]
	}
	for _, e := range l.lemmas(last) {
		if k := head + e.word; !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// appendLinks appends key's links to links, merging a target already
// there by the same relation and part of speech into the commoner sense.
func (l *Lexicon) appendLinks(links []Link, key string) []Link {
	for line := range strings.Lines(l.related.records(key)) {
		link, err := parseLink(strings.TrimSuffix(line, "\n"))
		if err != nil {
			continue // not in the embedded table, which the tests check
		}
		i := slices.IndexFunc(links, func(x Link) bool {
			return x.Target == link.Target && x.Rel == link.Rel && x.POS == link.POS
		})
		switch {
		case i < 0:
			links = append(links, link)
		case link.Sense < links[i].Sense:
			links[i].Sense = link.Sense
		}
	}
	return links
}
