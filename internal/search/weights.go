package search

import (
	"fmt"
	"reflect"
)

// Weights are the numbers of the ranking and of the answerability verdict.
// Parley's own are fitted by a program (go run ./internal/eval/fit) on the
// training question sets and kept in fitted.go; Options.Weights replaces
// them, for the fitting program and for experiments.
type Weights struct {
	// The mix of the final score: the passage's coverage of the question,
	// its best sentence's, its heading's, and Bleve's relative score.
	Coverage, Sentence, Heading, Bleve float64
	// Alias and Variant are how much an alias, or a word of the same
	// family, counts for the word it stands for.
	Alias, Variant float64
	// EntityFloor is the share of its score a passage keeps when it lacks
	// every name the question asks about; EntityWeight is the least weight
	// (idf) of a name insisted on: names found in nearly every passage
	// ("Iran", "US") weigh less and do not count.
	EntityFloor, EntityWeight float64
	// Promo and AnswerType multiply the scores of cross-promotion passages
	// and of passages that hold the type of answer asked for; Lead, the
	// score of the first passage under a heading.
	Promo, AnswerType, Lead float64
	// Recency multiplies the score of the newest article's passages by
	// 1 + Recency, and of older ones by less, down to 1 for the oldest.
	Recency float64
	// Latest is Recency again for a question that asks for the newest;
	// Period multiplies the score of a passage that states a date in the
	// period a question names, or whose article was published in it.
	Latest, Period float64
	// Gist multiplies, for a question that asks for the gist, the score of
	// an article's lead and of its last section.
	Gist float64
	// Boosts of the Bleve leaf queries, relative to a word in the text: in
	// the headings, as written, two neighbouring words of the question as
	// neighbours in the text (Phrase), an alias, a related word.
	Section, Exact, Phrase, AliasBoost, LexicalBoost float64

	// Generality damps the weight of a word common in general English:
	// it keeps 1/(1 + Generality·ln(1 + its SemCor count)).
	Generality float64
	// Adverb multiplies the weight of a word that is only an adverb.
	Adverb float64

	// Lexical is how much a word WordNet relates to a question's word
	// counts for it, times Synonym, Derived, Pertainym or Hypernym by
	// relation, times SenseDecay for each less common sense it comes from,
	// and times ExpandKnown when the coverage uses the word itself.
	Lexical, Synonym, Derived, Pertainym, Hypernym, SenseDecay, ExpandKnown float64

	// The answerability thresholds. They are shares of a question's
	// weight (each content word weighs its idf over the corpus), so they
	// carry over to a larger corpus. MinKnownShare: below it, most of what
	// the question is about is absent from the coverage. MinEvidence: the
	// best passage must hold at least this share of the question's weight
	// to be offered as an answer.
	MinKnownShare, MinEvidence float64
	// ClosestShare is the least share of the question the coverage must
	// know for the closest passages to be shown beside a missing name.
	ClosestShare float64
	// EverydayShare is how much, against a name, an everyday word the
	// coverage lacks counts against the share of the question it knows.
	EverydayShare float64
	// TypeShare is the share of the question's weight a sentence must hold
	// for the answer of the asked type it names to count ("a year in a
	// sentence about something else does not say when").
	TypeShare float64
}

// Knobs returns the name and address of each of w's numbers, in
// declaration order, for the fitting program.
func (w *Weights) Knobs() []Knob {
	v := reflect.ValueOf(w).Elem()
	var out []Knob
	for i := range v.NumField() {
		out = append(out, Knob{Name: v.Type().Field(i).Name, Value: v.Field(i).Addr().Interface().(*float64)})
	}
	return out
}

// Knob is one number of Weights.
type Knob struct {
	Name  string
	Value *float64
}

// GoString returns w as a Go composite literal, one field a line, as the
// fitting program writes it into fitted.go.
func (w Weights) GoString() string {
	s := "Weights{\n"
	for _, k := range w.Knobs() {
		s += fmt.Sprintf("\t\t%s: %s,\n", k.Name, trim(*k.Value))
	}
	return s + "\t}"
}

// trim formats a number with as few digits as show it to 4 places.
func trim(f float64) string {
	s := fmt.Sprintf("%.4f", f)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s += "0"
	}
	return s
}
