package search

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
)

// typesByRegexp is how typesIn used to work, and the definition it must keep
// to: the bits of the regexps that match text.
func typesByRegexp(text string) uint16 {
	var b uint16
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

// kindsString spells out a bit set of kinds for failure messages.
func kindsString(b uint16) string {
	s := ""
	for _, k := range []struct {
		bit  uint16
		name string
	}{{timeBit, "time"}, {durationBit, "duration"}, {quantityBit, "quantity"}, {futureBit, "future"}} {
		if b&k.bit != 0 {
			s += "+" + k.name
		}
	}
	if s == "" {
		return "none"
	}
	return s[1:]
}

// checkAgainstRegexps fails t if typesIn and the regexps disagree on text.
func checkAgainstRegexps(t *testing.T, where, text string) {
	t.Helper()
	if got, want := typesIn(text), typesByRegexp(text); got != want {
		t.Errorf("%s: typesIn(%q) = %s; the regexps say %s", where, text, kindsString(got), kindsString(want))
	}
}

// trickyTypes are texts at the edges of what the regexps define, and the
// kinds they hold.
var trickyTypes = []struct {
	text string
	want uint16
}{
	{"", 0},
	{"Nothing to see here.", 0},
	{"It happened in March.", timeBit},
	{"It happened in march.", 0}, // month names are case-sensitive
	{"MARCH on", 0},              // ... in both directions
	{"Marches", 0},               // a whole word
	{"January_", 0},              // the underscore is a word character
	{"éJanuary", timeBit},        // é is not, to \b
	{"They may agree.", 0},       // the verb
	{"They May agree.", 0},       // still the verb
	{"on May 5", timeBit | quantityBit},
	{"on May 5th", quantityBit}, // 5th is no whole number
	{"on May 123", quantityBit}, // nor is a day three digits
	{"on May\t\n12.", timeBit | quantityBit},
	{"on May\v12", quantityBit},          // \s is not a vertical tab
	{"on May\u00a012", quantityBit},      // nor a no-break space
	{"May, 2024", timeBit | quantityBit}, // the year alone is a date
	{"Mayday 12", quantityBit},
	{"in 1999 and 2099", timeBit | quantityBit},
	{"in 1899", quantityBit},
	{"in 19999", quantityBit},
	{"in x2020", quantityBit},
	{"in 2020s", quantityBit},
	{"on Monday", timeBit},
	{"on monday", 0},
	{"YESTERDAY", timeBit},
	{"next week", timeBit | durationBit | futureBit},
	{"next  week", durationBit | futureBit}, // one space exactly
	{"next\tweek", futureBit | durationBit}, // "week" alone is a duration
	{"Next Weekend", futureBit},
	{"last month", timeBit | durationBit},
	{"this year", timeBit | durationBit},
	{"3 days", durationBit | quantityBit},
	{"3days", durationBit | quantityBit},
	{"3 daysx", quantityBit},
	{"a3 days", quantityBit},
	{"3.5 hours", durationBit | quantityBit},
	{"3. 5 hours", durationBit | quantityBit}, // "5 hours"
	{"3.x hours", quantityBit},
	{"3-6 hours", durationBit | quantityBit},
	{"3 – 6 hours", durationBit | quantityBit},
	{"3 — 6 hours", durationBit | quantityBit}, // an em dash: "6 hours"
	{"3 TO 6 Hours", durationBit | quantityBit},
	{"3to6 hours", durationBit | quantityBit}, // only the range joins these
	{"3to6x hours", quantityBit},
	{"3to hours", quantityBit},
	{"3 hour\u017f", durationBit | quantityBit}, // "hour", then a boundary
	{"3 to hours", quantityBit},
	{"3 tons", quantityBit},
	{"3-4.5 hours", durationBit | quantityBit}, // "5 hours", after the dot
	{"10 hoursly", quantityBit},
	{"immediately", durationBit},
	{"IMMEDIATE", durationBit},
	{"immediates", 0},
	{"swiftly and gradually, phased overnight", durationBit},
	{"decades", durationBit},
	{"seven", quantityBit},
	{"sevens", 0},
	{"Dozens", quantityBit},
	{"percentage", 0},
	{"percent", quantityBit},
	{"will", futureBit},
	{"won't", futureBit},
	{"won’t", 0}, // a curly apostrophe
	{"wont", 0},
	{"set to", futureBit},
	{"set  to", 0},
	{"reset to", 0},
	{"expected to", futureBit},
	{"going to", futureBit},
	{"later this", futureBit},
	{"later thisx", 0},
	{"coming weeks", futureBit | durationBit},
	{"coming hours", 0},
	{"upcoming", futureBit},
	{"Scheduled and PLANNED", futureBit},
	// Unicode case folding maps the Kelvin sign onto k and the long s onto s.
	{"next wee\u212a", futureBit},                          // no boundary after the Kelvin sign
	{"next wee\u212ax", timeBit | durationBit | futureBit}, // but one before the x
	{"3 wee\u212a", quantityBit},
	{"3 wee\u212as", durationBit | quantityBit}, // but one after the s
	{"wee\u212ax", durationBit},
	{"\u017fix", 0},            // no boundary before the long s
	{"a\u017fix", quantityBit}, // but one after the a
	{"ye\u017fterday", timeBit},
	{"thou\u017fand\u017f", quantityBit}, // "thousand", then a boundary
	{"\u017fet to", 0},
	{"a\u017fet to", futureBit},
	{"\u212aelvin", 0},
	{"in 20\u212a", quantityBit},
	{"\xffMarch\xff", timeBit}, // invalid UTF-8 is no word character
	{"\xc5March", timeBit},
	{"wee\xe2\x84x", 0}, // half a Kelvin sign is nothing
	{"3 \xe2\x80\x93 6 days", durationBit | quantityBit},
}

// TestTypesInTricky checks typesIn, and the table itself, against the
// regexps on texts at the edges of what they define.
func TestTypesInTricky(t *testing.T) {
	for _, tt := range trickyTypes {
		if want := typesByRegexp(tt.text); want != tt.want {
			t.Errorf("the table says %q holds %s; the regexps say %s", tt.text, kindsString(tt.want), kindsString(want))
		}
		checkAgainstRegexps(t, "tricky", tt.text)
	}
}

// textsOf returns the text of every sentence of every passage of the corpus
// in fsys, and of every passage whole.
func textsOf(t testing.TB, fsys fs.FS) (sentences, passages []string) {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range c.Passages() {
		passages = append(passages, ps.Text)
		for _, s := range ps.Sentences {
			sentences = append(sentences, ps.Text[s.Start:s.End])
		}
	}
	return sentences, passages
}

// checkCorpus checks typesIn against the regexps on every sentence of the
// corpus in fsys, and on every passage whole.
func checkCorpus(t *testing.T, fsys fs.FS) {
	t.Helper()
	sentences, passages := textsOf(t, fsys)
	for i, s := range sentences {
		checkAgainstRegexps(t, fmt.Sprint("sentence ", i), s)
	}
	for i, p := range passages {
		checkAgainstRegexps(t, fmt.Sprint("passage ", i), p)
	}
	t.Logf("%d sentences, %d passages", len(sentences), len(passages))
}

// TestTypesInOnTheCorpus checks typesIn against the regexps on every
// sentence of the built-in corpus.
func TestTypesInOnTheCorpus(t *testing.T) {
	checkCorpus(t, parley.Corpus())
}

// TestTypesInOnAnArchive checks typesIn against the regexps on every
// sentence of an archive that go run ./internal/archive/gen wrote, in the
// folder PARLEY_KINDS_ARCHIVE names.
func TestTypesInOnAnArchive(t *testing.T) {
	dir := os.Getenv("PARLEY_KINDS_ARCHIVE")
	if dir == "" {
		t.Skip("PARLEY_KINDS_ARCHIVE names no archive folder")
	}
	checkCorpus(t, os.DirFS(dir))
}

// TestTypesInOnRandomText checks typesIn against the regexps on texts made
// at random of the words the regexps look for, in any case, some spelled with
// a Kelvin sign or a long s, some cut short or run on, between separators
// that do and do not count as white space or word boundaries. The fuzzer
// mutates bytes, and rarely builds "coming weeKs" from nothing.
func TestTypesInOnRandomText(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 50000
	if testing.Short() {
		n = 5000
	}
	for range n {
		checkAgainstRegexps(t, "random", randomText(r))
	}
}

// randomWords are the words and numbers randomText builds texts of.
var randomWords = []string{
	"May", "March", "Monday", "Sunday", "5", "12", "123", "1999", "2024", "1899", "3.5", "10", "0",
	"last", "next", "this", "week", "month", "year", "set", "to", "expected", "going", "later", "coming",
	"won't", "won", "t", "will", "upcoming", "scheduled", "planned", "days", "hours", "decades", "immediately",
	"swift", "gradual", "phased", "overnight", "seven", "six", "thousands", "dozen", "percent", "today",
}

// randomSeparators go between randomText's words.
var randomSeparators = []string{
	" ", " ", " ", "", "  ", "\t", "\n", "\v", "\u00a0", "-", "–", "—", " - ", " – ", "'", "’", ".", ",", "_", "é", "\xff", "\xe2",
}

// randomText returns a few of randomWords, each perhaps changed, between
// randomSeparators.
func randomText(r *rand.Rand) string {
	return joined(r, randomWords, 6, changed)
}

// joined returns one to most of words, picked at random and each passed
// through change, between randomSeparators, perhaps one before the first.
func joined(r *rand.Rand, words []string, most int, change func(*rand.Rand, string) string) string {
	var b strings.Builder
	for i := range 1 + r.IntN(most) {
		if i > 0 || r.IntN(4) == 0 {
			b.WriteString(randomSeparators[r.IntN(len(randomSeparators))])
		}
		b.WriteString(change(r, words[r.IntN(len(words))]))
	}
	return b.String()
}

// changed returns w with its letters in random case, a k or an s now and
// then spelled as Unicode folds them, and perhaps a letter cut off or added.
func changed(r *rand.Rand, w string) string {
	var b strings.Builder
	for _, c := range []byte(w) {
		switch {
		case (c == 'k' || c == 'K') && r.IntN(3) == 0:
			b.WriteString(kelvin)
		case (c == 's' || c == 'S') && r.IntN(3) == 0:
			b.WriteString(longS)
		case r.IntN(2) == 0:
			b.WriteString(strings.ToUpper(string(c)))
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	switch r.IntN(8) {
	case 0:
		out = out[:len(out)-1]
	case 1:
		out += "s"
	case 2:
		out += "x"
	}
	return out
}

// FuzzTypesIn checks typesIn against the regexps on any text. Its seeds
// include the corpus's sentences, which are long, and the fuzzer spends a
// minute making each new input it keeps smaller, so it runs many times
// faster with a shorter limit:
//
//	go test ./internal/search -run '^$' -fuzz FuzzTypesIn -fuzztime 5m -fuzzminimizetime 1s
func FuzzTypesIn(f *testing.F) {
	for _, tt := range trickyTypes {
		f.Add(tt.text)
	}
	sentences, _ := textsOf(f, parley.Corpus())
	for _, s := range sentences {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkAgainstRegexps(t, "fuzz", text)
	})
}

// BenchmarkTypesIn times the regexps and the scan over the sentences of
// the built-in corpus; one op is one sentence.
func BenchmarkTypesIn(b *testing.B) {
	texts, _ := textsOf(b, parley.Corpus())
	for _, impl := range []struct {
		name string
		fn   func(string) uint16
	}{{"regexps", typesByRegexp}, {"scan", typesIn}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				impl.fn(texts[i%len(texts)])
			}
		})
	}
}
