package search

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/alias"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
)

// Term is one content word of a question as the retrieval core sees it.
type Term struct {
	Text       string  // as typed
	Stem       string  // analysed form
	Start, End int     // byte range in the question
	Weight     float64 // how much it says about what is asked
	Known      bool    // the coverage uses it, or one of its aliases
	Salient    bool    // a name, acronym or number rather than a common word
	Numeric    bool    // a number or an ordinal that names something ("2022", "3.67%", "second")
	// Corrected is the corpus word a typo was read as ("negotiations" for
	// "negotations"), or "".
	Corrected string
	word      string // as the exact-wording field analyses it
	alts      []alt
	// general is how much of its weight a common English word keeps.
	general float64
}

// alt is another wording of a term: an alias from the alias table, a word
// of the same family ("compliance" for "comply"), or a word WordNet
// relates to it ("mediators" for "go-betweens").
type alt struct {
	text  string
	stems []string
	kind  altKind
	// For a lexical alternative: how WordNet relates it, through which
	// sense of the term (1 is the commonest), and whether the coverage
	// uses the term itself.
	rel   lexicon.Relation
	pos   lexicon.POS
	sense int
	known bool
}

// altKind says where an alternative wording comes from.
type altKind uint8

const (
	aliasAlt altKind = iota
	variantAlt
	lexicalAlt
)

// weight is how much a match of the alternative counts for the term.
func (a alt) weight(w Weights) float64 {
	switch a.kind {
	case variantAlt:
		return w.Variant
	case lexicalAlt:
		v := w.Lexical * math.Pow(w.SenseDecay, float64(a.sense-1))
		switch a.rel {
		case lexicon.Synonym:
			v *= w.Synonym
		case lexicon.Derived:
			v *= w.Derived
		case lexicon.Pertainym:
			v *= w.Pertainym
		case lexicon.Hypernym:
			v *= w.Hypernym
		}
		if a.known {
			v *= w.ExpandKnown
		}
		return v
	}
	return w.Alias
}

// match returns how well s holds the term: 1 for the word itself, the
// weight of its best alternative that s holds, or 0.
func (t Term) match(s set, w Weights) float64 {
	if s.has(t.Stem) {
		return 1
	}
	var best float64
	for _, a := range t.alts {
		if s.hasAll(a.stems) {
			best = max(best, a.weight(w))
		}
	}
	return best
}

// Analysis is what a question asks about.
type Analysis struct {
	// Terms are the question's content words, in question order.
	Terms []Term
	// Wants is the kind of answer asked for.
	Wants AnswerType
	// Summary is set when the question asks for the gist ("bottom line").
	Summary bool
	// Period is the date the question asks about ("what happened in April
	// 2025?"), or zero; Latest is set when it asks for the newest ("latest
	// on the talks?").
	Period corpus.Date
	Latest bool
	// List is set when the question asks about a whole that the coverage
	// may give as a list or a table ("what's in the roadmap?").
	List bool
	// focus is the noun phrase the question asks about, and speaker whom
	// it asks to be quoted (see Index.focus, Index.speaker): runs of words.
	focus, speaker, predicate span
	words                     []word
	// Future is set when a When question asks about time to come ("When
	// will the next round be held?"): a date in the past does not answer it.
	Future bool
}

// knownShare returns the share of the question's weight the coverage
// knows; 1 for a question without content words. An everyday word the
// coverage lacks counts everyday times its weight: it may be only how the
// asker put it ("blowback", "bad blood"), where a missing name is what
// the question is about.
func (a Analysis) knownShare(everyday float64) float64 {
	var known, all float64
	for _, t := range a.Terms {
		switch {
		case t.Known:
			known += t.Weight
			all += t.Weight
		case t.Salient:
			all += t.Weight
		default:
			all += everyday * t.Weight
		}
	}
	if all == 0 {
		return 1
	}
	return known / all
}

// knownWeight returns the weight of the terms the coverage knows.
func (a Analysis) knownWeight() float64 {
	var w float64
	for _, t := range a.Terms {
		if t.Known {
			w += t.Weight
		}
	}
	return w
}

// idf is the weight of a word found in df of n passages; 0 < idf.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// filler reports whether a word says how a question is asked rather than
// what it is about.
func filler(w string) bool {
	switch w {
	case "tell", "me", "please", "explain", "know", "hi", "hey", "hello", "thanks", "thank",
		"parley", "mr", "mrs", "ms", "dr", "sir", "quick", "question", "anything", "something",
		"summarize", "summarise", "give", "show", "find", "say", "said", "says", "think",
		"happen", "happened", "happening", "happens", "mean", "means", "exactly", "actually",
		"currently", "really", "latest", "known", "many", "much",
		// auxiliaries: how a question is put, not what it is about
		"can", "could", "will", "would", "might", "may", "must", "should", "shall", "get", "got", "gets",
		// chat shorthand for asking
		"pls", "plz", "thx", "ty", "fyi", "btw", "asap", "tldr", "ok", "okay", "anyone", "anybody",
		// contractions typed without the apostrophe
		"whats", "whos", "wheres", "hows", "whys", "thats", "theres", "dont", "doesnt", "didnt",
		"isnt", "arent", "wasnt", "werent", "cant", "wont", "hasnt", "havent", "im", "ive", "id":
		return true
	}
	return false
}

// Analyse splits a question into its content terms and weighs them.
//
// A word's weight is its idf over the passages. A word the coverage never
// uses would have the highest idf of all, yet most such words are everyday
// English ("want", "pushed", "quickly") that says little about the topic;
// so an unknown word weighs no more than the average known word of the
// question. An unknown name or number weighs in full: it is what the
// question is about.
func (ix *Index) Analyse(question string) Analysis {
	ws := ix.an.words(question)
	matchAt := ix.aliasMatches(ws)
	a := Analysis{Wants: askedType(asking(question, ws)), List: asksForList(ws), focus: ix.focus(question, ws), speaker: ix.speaker(question, ws), predicate: ix.predicate(question, ws), words: ws}
	if a.Wants == AnyAnswer {
		a.Wants = ix.wordType(question, ws, a.focus)
	}
	a.Future = a.Wants == Time && future.MatchString(question)
	// The words that ask for the gist ("bottom line", "big picture") say
	// how the question is asked: "line" is not its topic.
	// A question that asks for a time, an amount, a person or a place
	// does not ask for the gist: "when did round 1 wrap up?".
	var asking [][]int
	if a.Wants == AnyAnswer {
		asking = summaryCue.FindAllStringIndex(question, -1)
	}
	a.Summary = len(asking) > 0
	if ms := corpus.Mentions(question); len(ms) > 0 {
		a.Period = ms[0].Date
	}
	a.Latest = latestCue.MatchString(question)
	seen := map[string]bool{}
	var cues []int // terms that stand for a question word: "why"
	for i, w := range ws {
		if m := matchAt[i]; w.stop && m != nil && m.Start == i && cue(ws, m) {
			cues = append(cues, len(a.Terms))
			a.Terms = append(a.Terms, ix.cueTerm(question, ws, m))
			continue
		}
		if w.stop || filler(w.exact) || functionWord(w.exact) || seen[w.stem] || within(w, asking) {
			continue
		}
		seen[w.stem] = true
		a.Terms = append(a.Terms, ix.term(question, ws, i, matchAt[i]))
	}
	if len(cues) == len(a.Terms) {
		return Analysis{Wants: a.Wants} // nothing but question words
	}
	weigh(a.Terms, cues)
	return a
}

// within reports whether w lies in one of spans, byte ranges of the text
// it was analysed from.
func within(w word, spans [][]int) bool {
	for _, s := range spans {
		if w.start >= s[0] && w.end <= s[1] {
			return true
		}
	}
	return false
}

// aliasMatches finds the alias table's entries in a question's words and
// returns, for each word, the match that covers it.
func (ix *Index) aliasMatches(ws []word) []*alias.Match {
	stems := make([]string, len(ws))
	for i, w := range ws {
		stems[i] = w.stem
	}
	matchAt := make([]*alias.Match, len(ws))
	matches := ix.aliases.Find(stems)
	for i := range matches {
		for j := matches[i].Start; j < matches[i].End; j++ {
			matchAt[j] = &matches[i]
		}
	}
	return matchAt
}

// cue reports whether an alias match is made of stop words only (question
// words like "why"), so that nothing else carries its aliases.
func cue(ws []word, m *alias.Match) bool {
	for _, w := range ws[m.Start:m.End] {
		if !w.stop {
			return false
		}
	}
	return len(m.Alternatives) > 0
}

// cueTerm is a question word the alias table widens ("why => because"): it
// has no stem of its own but its alternatives are evidence.
func (ix *Index) cueTerm(question string, ws []word, m *alias.Match) Term {
	start, end := ws[m.Start].start, ws[m.End-1].end
	t := Term{Text: question[start:end], Start: start, End: end, Known: true}
	for _, al := range m.Alternatives {
		if stems := ix.altStems[al.Text]; len(stems) > 0 {
			t.alts = append(t.alts, alt{text: al.Text, stems: stems})
		}
	}
	return t
}

// term reads the question's i'th word as a term: corrected when it is a
// typo of a corpus word, widened by the aliases of the match m (nil for
// none) and, unless it names something, by its word family.
func (ix *Index) term(question string, ws []word, i int, m *alias.Match) Term {
	w := ws[i]
	t := Term{Text: question[w.start:w.end], Stem: w.stem, Start: w.start, End: w.end, word: w.exact}
	df := ix.corrected(&t)
	if m != nil {
		for _, al := range m.Alternatives {
			if stems := ix.altStems[al.Text]; len(stems) > 0 {
				t.alts = append(t.alts, alt{text: al.Text, stems: stems})
				df = max(df, ix.docFreqAll(stems))
			}
		}
	}
	if df == 0 {
		// An initialism of a name the coverage spells out ("LAF").
		for _, name := range ix.expansions(t.Text) {
			stems := ix.an.stems(name)
			t.alts = append(t.alts, alt{text: name, stems: stems})
			df = max(df, ix.docFreqAll(stems))
		}
	}
	t.Numeric = ordinal(t.word) || number(question, w.start, w.end) || cardinal(t.word) && i > 0 && !ws[i-1].stop && ix.noun(ws[i-1])
	name := t.Numeric || salient(t.Text, i == 0 || sentenceStart(question, w.start))
	if !name {
		// Names and numbers match as written or through the alias
		// table; other words also through their family.
		for _, v := range ix.variants(t.Stem) {
			t.alts = append(t.alts, alt{text: v, stems: []string{v}, kind: variantAlt})
			df = max(df, ix.df[v])
		}
	}
	t.Known = df > 0
	t.Weight = idf(df, ix.passages)
	t.Salient = name || ix.rare(w.exact, t.Known)
	if !t.Salient {
		// A word common in all English ("take", "still") says less than
		// its rarity in the coverage suggests.
		t.general = 1 / (1 + ix.w.Generality*math.Log1p(float64(ix.lexicon.Frequency(w.exact))))
		if ix.adverb(w.exact) {
			// "basically", "actually": how, not what.
			t.general *= ix.w.Adverb
		}
		t.Weight *= t.general
	} else {
		t.general = 1
	}
	if !t.Salient {
		// WordNet's related words widen the search, but never make a word
		// the coverage lacks count as known.
		t.alts = append(t.alts, ix.lexicalAlts(question, ws, i, t.Known)...)
	}
	return t
}

// corrected reads a word the coverage never uses as the corpus word it is
// a typo of, if any ("negotations"), and returns the passages the term's
// word is in.
func (ix *Index) corrected(t *Term) int {
	df := ix.df[t.Stem]
	if df > 0 {
		return df
	}
	if fix := ix.correct(t.word); fix != "" {
		if fs := ix.an.stems(fix); len(fs) == 1 {
			t.Corrected, t.word, t.Stem = fix, fix, fs[0]
			df = ix.df[fs[0]]
		}
	}
	return df
}

// lexicalAlts returns the corpus words WordNet relates to the question's
// i'th word: looked up whole when it is hyphenated ("go-betweens") or
// starts a phrase WordNet knows ("bad blood"), else alone.
func (ix *Index) lexicalAlts(question string, ws []word, i int, known bool) []alt {
	var links []lexicon.Link
	if i+1 < len(ws) {
		sep := question[ws[i].end:ws[i+1].start]
		if sep == "-" || sep == " " {
			links = ix.lexicon.Related(ws[i].exact + sep + ws[i+1].exact)
		}
	}
	if len(links) == 0 {
		links = ix.lexicon.Related(ws[i].exact)
	}
	var out []alt
	for _, l := range links {
		stems := ix.an.stems(l.Target)
		if len(stems) == 0 || len(stems) == 1 && stems[0] == ws[i].stem {
			continue
		}
		a := alt{text: l.Target, stems: stems, kind: lexicalAlt, rel: l.Rel, pos: l.POS, sense: l.Sense, known: known}
		// The same link through another part of speech: keep the commoner sense.
		if j := slices.IndexFunc(out, func(o alt) bool { return o.text == a.text && o.rel == a.rel }); j >= 0 {
			if a.sense < out[j].sense {
				out[j] = a
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// weigh caps the weight of each unknown everyday word at the mean weight
// of the known terms, and gives each question-word cue half of it.
func weigh(terms []Term, cues []int) {
	var known float64
	n := 0
	for _, t := range terms {
		if t.Known {
			known += t.Weight
			n++
		}
	}
	if n == 0 {
		return
	}
	mean := known / float64(n)
	for i, t := range terms {
		if !t.Known && !t.Salient {
			terms[i].Weight = min(t.Weight, mean)
		}
	}
	for _, i := range cues {
		terms[i].Weight = mean / 2
	}
}

// variants returns the corpus stems of the same word family as stem, which
// the stemmer leaves apart ("compli" and "complianc", "verifi" and
// "verif"): one starts with the other, both are five letters or more, and
// they differ by at most four.
func (ix *Index) variants(stem string) []string {
	const minLen, maxExtra = 5, 4
	if len(stem) < minLen {
		return nil
	}
	var out []string
	i, _ := slices.BinarySearch(ix.stems, stem)
	for ; i < len(ix.stems) && strings.HasPrefix(ix.stems[i], stem); i++ {
		if v := ix.stems[i]; v != stem && len(v)-len(stem) <= maxExtra {
			out = append(out, v)
		}
	}
	for n := max(minLen, len(stem)-maxExtra); n < len(stem); n++ {
		if ix.df[stem[:n]] > 0 {
			out = append(out, stem[:n])
		}
	}
	return out
}

// docFreqAll estimates how many passages contain all of stems: the df of
// the rarest, or 0 when one is absent.
func (ix *Index) docFreqAll(stems []string) int {
	least := math.MaxInt
	for _, s := range stems {
		least = min(least, ix.df[s])
	}
	return least
}

// sentenceStart reports whether the word at byte off begins a sentence of
// the question, where capitals say nothing.
func sentenceStart(q string, off int) bool {
	before := strings.TrimRightFunc(q[:off], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'“‘(", r)
	})
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".?!:;")
}

// salient reports whether a word names something: it has a digit, is
// written in capitals (NATO), or is capitalised away from a sentence start.
func salient(w string, atStart bool) bool {
	letters, upper := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			return true
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters < 2 {
		return false
	}
	if upper == letters {
		return true
	}
	first := []rune(w)[0]
	return !atStart && unicode.IsUpper(first)
}

// adverb reports whether WordNet has w only as an adverb.
func (ix *Index) adverb(w string) bool {
	l := ix.lexicon
	return l.Is(w, lexicon.Adverb) && !l.Is(w, lexicon.Noun) && !l.Is(w, lexicon.Verb) && !l.Is(w, lexicon.Adj)
}

// cardinal reports whether w is a small number written as a word; after a
// noun it names something as an ordinal does ("round two").
func cardinal(w string) bool {
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve":
		return true
	}
	return false
}

// ordinal reports whether w counts rounds or steps: "second", "fifth".
func ordinal(w string) bool {
	switch w {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth":
		return true
	}
	return false
}

// number reports whether the digits at q[start:end] name something: a
// year, a figure with a decimal point, a percentage. Small counts ("round
// 1") are as common as words.
func number(q string, start, end int) bool {
	w := q[start:end]
	digits := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	switch {
	case digits == 0:
		return false
	case digits >= 3, strings.ContainsAny(w, ".,"):
		return true
	}
	rest := strings.TrimSpace(strings.ToLower(q[end:]))
	return strings.HasPrefix(rest, "%") || strings.HasPrefix(rest, "percent")
}

// rare reports whether a word whose capitals do not make it a name (typed
// in lower case, or opening the question) is nonetheless a name or a term
// the coverage lacks: one the English model knows only with a capital
// ("japan"), or does not know at all ("araghchi", "fordow"). w is the
// word lower-cased, without a possessive ("qatar's" is read as "qatar").
// Short words are left alone: "max" is a name and a word.
func (ix *Index) rare(w string, known bool) bool {
	if _, none := ix.lexicon.(noLexicon); none || utf8.RuneCountInString(w) < 4 {
		return false
	}
	if ix.lexicon.ProperNoun(w) {
		return true
	}
	return !known && utf8.RuneCountInString(w) >= 5 && !everyday(ix.lexicon, w) && !strings.ContainsAny(w, "-'’")
}
