package search

import (
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/parley-newsroom/parley"
)

// The regexps the scanners stand for.
var (
	phrasesRegexp = regexp.MustCompile(`\b[A-Z][\p{L}.-]*(?:\s+(?:(?:of|the|bin|al|for)\s+)?[A-Z][\p{L}.-]*)+`)
	namesRegexp   = regexp.MustCompile(`\b\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|the|and|for|on)\s+)?\p{Lu}[\p{L}’'-]*)+`)
)

func checkCapitals(t *testing.T, text string) {
	t.Helper()
	for _, c := range []struct {
		name string
		scan capitals
		re   *regexp.Regexp
	}{{"phrases", phrases, phrasesRegexp}, {"names", names, namesRegexp}} {
		if got, want := c.scan.FindAll(text), c.re.FindAllString(text, -1); !slices.Equal(got, want) {
			t.Errorf("%s of %q = %q, want %q", c.name, text, got, want)
		}
	}
}

func TestCapitalsTricky(t *testing.T) {
	for _, s := range []string{
		"",
		"The Joint Comprehensive Plan of Action failed.",
		"Prince Khalid bin Salman met Ali al Busaidi.",
		"U.S. officials and E.U. envoys",
		"Plan of  the Union", // a small word, then another
		"Plan of",            // a small word and nothing after
		"Plan of action",     // a small word before a lower-case word
		"Plan ofAction Day",
		"the Office of the President",
		"Rome\tTalks\nRound",
		"aB Cd",          // no word boundary before B
		"1A B",           // nor after a digit
		"_A B",           // nor after an underscore
		"éA B",           // a boundary after a letter outside ASCII
		"Él Dorado",      // names: no boundary before a capital outside ASCII
		"xÉl Dorado",     // but one after an ASCII letter
		"Ölkə Və Elm",    // capitals outside ASCII, in the body and the first letter
		"O’Brien D'Arcy", // apostrophes in names
		"Al-Assad Al.Sadr",
		"A\u00a0B",     // no-break space is not white space to \s
		"A\vB",         // nor is the vertical tab
		"A \xffB C",    // invalid UTF-8
		"Foo Bar Baz.", // run to the last word
		"I I I",
		"The Of The",
	} {
		checkCapitals(t, s)
	}
}

func TestCapitalsOnTheCorpus(t *testing.T) {
	_, passages := textsOf(t, parley.Corpus())
	for _, p := range passages {
		checkCapitals(t, p)
	}
}

// TestCapitalsOnAnArchive checks the scanners against their regexps on an
// archive that go run ./internal/archive/gen wrote, in the folder
// PARLEY_KINDS_ARCHIVE names.
func TestCapitalsOnAnArchive(t *testing.T) {
	dir := os.Getenv("PARLEY_KINDS_ARCHIVE")
	if dir == "" {
		t.Skip("PARLEY_KINDS_ARCHIVE names no archive folder")
	}
	_, passages := textsOf(t, os.DirFS(dir))
	for _, p := range passages {
		checkCapitals(t, p)
	}
}

// capitalWords are what random texts of capitalised runs are made of.
var capitalWords = []string{
	"Plan", "Action", "of", "the", "bin", "al", "for", "and", "on", "U.S.", "E.U", "O’Brien", "D'Arcy",
	"Él", "Öl", "x", "1", "_", "A", "I", "Al-Assad", "offer", "then", "al-", "Of", "The", "ón", "the.",
}

func TestCapitalsOnRandomText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 50000
	if testing.Short() {
		n = 5000
	}
	asIs := func(_ *rand.Rand, w string) string { return w }
	for range n {
		checkCapitals(t, joined(r, capitalWords, 7, asIs))
	}
}

func FuzzCapitals(f *testing.F) {
	for _, s := range []string{"The Joint Comprehensive Plan of Action", "Prince Khalid bin Salman", "xÉl Dorado of Ón", "A of  B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkCapitals(t, s) })
}
