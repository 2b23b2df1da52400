package search

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/parley-newsroom/parley/internal/alias"
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
}

// alt is another wording of a term: an alias from the alias table, or a
// word of the same family ("compliance" for "comply").
type alt struct {
	text    string
	stems   []string
	variant bool // a word of the same family rather than an alias
}

// match returns how well s holds the term: 1 for the word itself, the
// weight of an alias or a variant of the word, or 0.
func (t Term) match(s set, w weights) float64 {
	if s.has(t.Stem) {
		return 1
	}
	var best float64
	for _, a := range t.alts {
		if s.hasAll(a.stems) {
			if a.variant {
				best = max(best, w.variant)
			} else {
				best = max(best, w.alias)
			}
		}
	}
	return best
}

// AnswerType is what sort of answer a question asks for, when its wording says.
type AnswerType int

// The kinds of answer Parley recognises. A question of a kind is answered
// only by a passage that holds such a thing.
const (
	AnyAnswer AnswerType = iota
	Time                 // "When ...?": a date, a year, a day of the week
	Duration             // "How long ...?": "3-6 months", "immediate"
	Quantity             // "How many ...?", "What percentage ...?": a number
)

var typeCues = []struct {
	kind AnswerType
	re   *regexp.Regexp
}{
	{Time, regexp.MustCompile(`(?i)^(when|what (date|day|year|month)|on what (date|day)|in what (year|month))\b`)},
	{Duration, regexp.MustCompile(`(?i)^(how (long|soon|quickly|fast)|in how many (days|weeks|months|years)|what (is the )?(timeline|timeframe|time frame))\b`)},
	{Quantity, regexp.MustCompile(`(?i)^(how many|what (percentage|percent|number|figure|amount|level|rate|share)|by how much|how much (money|oil|uranium))\b`)},
}

var typeAnswers = map[AnswerType]*regexp.Regexp{
	Time: regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}\b|(19|20)\d\d\b)|` +
		`\b(January|February|March|April|June|July|August|September|October|November|December)\b|` +
		`\b(19|20)\d\d\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|` +
		`(?i)\b(yesterday|today|tomorrow|(last|next|this) (week|month|year))\b`),
	Duration: regexp.MustCompile(`(?i)\b\d+(\.\d+)?(\s*(-|–|to)\s*\d+)?\s*(hours?|days?|weeks?|months?|years?|decades?)\b|` +
		`(?i)\b(immediate(ly)?|swift(ly)?|gradual(ly)?|phased|overnight|decades?|years?|months?|weeks?)\b`),
	Quantity: regexp.MustCompile(`\d|(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|percent)\b`),
}

// askedType reads the kind of answer from how a question starts.
func askedType(question string) AnswerType {
	q := strings.TrimSpace(question)
	for _, c := range typeCues {
		if c.re.MatchString(q) {
			return c.kind
		}
	}
	return AnyAnswer
}

// future finds words that put a question or a sentence in time to come.
var future = regexp.MustCompile(`(?i)\b(will|won't|next|upcoming|scheduled|set to|expected to|planned|going to|later this|coming (days|weeks|months))\b`)

// futureBit marks, in a sentence's kinds, that it speaks of time to come.
const futureBit = 1 << 7

// typesIn returns the kinds of answer text holds, as a bit set.
func typesIn(text string) uint8 {
	var b uint8
	for k, re := range typeAnswers {
		if re.MatchString(text) {
			b |= k.bit()
		}
	}
	if future.MatchString(text) {
		b |= futureBit
	}
	return b
}

func (k AnswerType) bit() uint8 {
	if k == AnyAnswer {
		return 0
	}
	return 1 << uint(k)
}

// Analysis is what a question asks about.
type Analysis struct {
	// Terms are the question's content words, in question order.
	Terms []Term
	// Wants is the kind of answer asked for.
	Wants AnswerType
	// Future is set when a When question asks about time to come ("When
	// will the next round be held?"): a date in the past does not answer it.
	Future bool
}

// KnownShare returns the share of the question's weight the coverage
// knows; 1 for a question without content words.
func (a Analysis) KnownShare() float64 {
	var known, all float64
	for _, t := range a.Terms {
		all += t.Weight
		if t.Known {
			known += t.Weight
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
	toks := ix.an.exact.Analyze([]byte(question))
	words := ix.an.aliasWords(question)
	if len(words) != len(toks) {
		words = make([]string, len(toks))
		for i, t := range toks {
			words[i] = string(t.Term)
		}
	}
	matchAt := make([]*alias.Match, len(toks))
	matches := ix.aliases.Find(words)
	for i := range matches {
		for j := matches[i].Start; j < matches[i].End; j++ {
			matchAt[j] = &matches[i]
		}
	}

	a := Analysis{Wants: askedType(question)}
	a.Future = a.Wants == Time && future.MatchString(question)
	seen := map[string]bool{}
	var cues []int // terms that stand for a question word: "why"
	for i, t := range toks {
		surface := question[t.Start:t.End]
		stems := ix.an.stems(surface)
		if m := matchAt[i]; len(stems) == 0 && m != nil && m.Start == i && ix.cue(toks, m) {
			// A question word the alias table widens ("why => because"):
			// it has no stem of its own but its alternatives are evidence.
			term := Term{Text: question[t.Start:toks[m.End-1].End], Start: t.Start, End: toks[m.End-1].End, Known: true}
			for _, al := range m.Alternatives {
				if altStems := ix.an.stems(al.Text); len(altStems) > 0 {
					term.alts = append(term.alts, alt{text: al.Text, stems: altStems})
				}
			}
			cues = append(cues, len(a.Terms))
			a.Terms = append(a.Terms, term)
			continue
		}
		if len(stems) != 1 || filler(string(t.Term)) || seen[stems[0]] {
			continue
		}
		stem := stems[0]
		seen[stem] = true
		term := Term{Text: surface, Stem: stem, Start: t.Start, End: t.End, word: string(t.Term)}
		df := ix.df[stem]
		if df == 0 {
			if fix := ix.correct(term.word); fix != "" {
				// A typo of a word the coverage uses: search for that word.
				if fs := ix.an.stems(fix); len(fs) == 1 {
					term.Corrected, term.word, term.Stem = fix, fix, fs[0]
					df = ix.df[fs[0]]
				}
			}
		}
		if m := matchAt[i]; m != nil {
			for _, al := range m.Alternatives {
				altStems := ix.an.stems(al.Text)
				if len(altStems) == 0 {
					continue
				}
				term.alts = append(term.alts, alt{text: al.Text, stems: altStems})
				df = max(df, ix.docFreqAll(altStems))
			}
		}
		term.Numeric = ordinal(term.word) || number(question, t.Start, t.End)
		name := term.Numeric || salient(surface, i == 0 || sentenceStart(question, t.Start))
		if !name {
			// Names and numbers match as written or through the alias
			// table; other words also through their family.
			for _, v := range ix.variants(term.Stem) {
				term.alts = append(term.alts, alt{text: v, stems: []string{v}, variant: true})
				df = max(df, ix.df[v])
			}
		}
		term.Known = df > 0
		term.Weight = idf(df, ix.passages)
		term.Salient = name || ix.rare(surface, term.Known)
		a.Terms = append(a.Terms, term)
	}

	if len(cues) == len(a.Terms) {
		return Analysis{Wants: a.Wants} // nothing but question words
	}
	var known float64
	n := 0
	for _, t := range a.Terms {
		if t.Known {
			known += t.Weight
			n++
		}
	}
	if n > 0 {
		mean := known / float64(n)
		for i, t := range a.Terms {
			if !t.Known && !t.Salient {
				a.Terms[i].Weight = min(t.Weight, mean)
			}
		}
		for _, i := range cues {
			a.Terms[i].Weight = mean / 2
		}
	}
	return a
}

// cue reports whether an alias match is made of words without stems only
// (question words like "why"), so that nothing else carries its aliases.
func (ix *Index) cue(toks analysis.TokenStream, m *alias.Match) bool {
	for _, t := range toks[m.Start:m.End] {
		if len(ix.an.stems(string(t.Term))) > 0 {
			return false
		}
	}
	return len(m.Alternatives) > 0
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

// rare reports whether a word typed in lower case is nonetheless a name or
// a term the coverage lacks: one the English model knows only with a
// capital ("japan"), or does not know at all ("araghchi", "fordow").
// Short words are left alone: "max" is a name and a word.
func (ix *Index) rare(w string, known bool) bool {
	if ix.lexicon == nil || strings.ToLower(w) != w || utf8.RuneCountInString(w) < 4 {
		return false
	}
	if ix.lexicon.ProperNoun(w) {
		return true
	}
	return !known && utf8.RuneCountInString(w) >= 5 && !ix.lexicon.Known(w) && !strings.ContainsAny(w, "-'’")
}

// correct returns the corpus word that w is most likely a typo of: one edit
// away (two for long words), same first letter; or "" when there is none.
func (ix *Index) correct(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 5 || (ix.lexicon != nil && ix.lexicon.Known(w)) {
		return ""
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	best, bestCount := "", 0
	for v, count := range ix.vocabulary {
		if v[0] != w[0] || abs(len(v)-len(w)) > limit || editDistance(w, v, limit) > limit {
			continue
		}
		if count > bestCount || count == bestCount && v < best {
			best, bestCount = v, count
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions, swaps of neighbours), or limit+1
// once it is sure to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
