package lexicon

import (
	"strings"
	"testing"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
)

// TestTargetsInCorpus checks that every target of the embedded related
// table occurs in the built-in corpus.
func TestTargetsInCorpus(t *testing.T) {
	c, err := corpus.Load(parley.Corpus())
	if err != nil {
		t.Fatal(err)
	}
	vocab := NewVocabulary(c)
	_, body := splitHeader(relatedFile)
	missing := map[string]bool{}
	for line := range strings.Lines(body) {
		link, err := parseLink(strings.TrimSuffix(line, "\n"))
		if err != nil {
			t.Fatalf("related.txt: %q: %v", line, err)
		}
		if !vocab.Contains(link.Target) && !missing[link.Target] {
			missing[link.Target] = true
			t.Errorf("related.txt links to %q, which the corpus lacks (run go generate ./internal/lexicon)", link.Target)
		}
	}
}

// TestEmbedded checks every record of the embedded tables, which New
// does not, and that words.txt has each word once.
func TestEmbedded(t *testing.T) {
	l, err := Parse(wordsFile, relatedFile)
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for line := range strings.Lines(l.words.text) {
		key, _, _ := strings.Cut(line, "\t")
		if key == prev {
			t.Errorf("words.txt has %q twice", key)
		}
		prev = key
	}
}

func TestParseErrors(t *testing.T) {
	const (
		wordsHead   = "# format: " + WordsFormat + "\n"
		relatedHead = "# format: " + RelatedFormat + "\n# corpus: sha256:0\n"
	)
	for _, tt := range []struct {
		name, words, related, want string
	}{
		{"no format", "barrel\tl\tn\t-\t9\n", relatedHead, `words.txt: format ""`},
		{"old format", "# format: parley-lexicon-words 2\n", relatedHead, "words.txt: format"},
		{"old related format", wordsHead, "# format: parley-lexicon-related 1\n# corpus: sha256:0\n", "related.txt: format"},
		{"no fingerprint", wordsHead, "# format: " + RelatedFormat + "\n", "no corpus fingerprint"},
		{"unsorted", wordsHead + "go\tl\tv\t-\t598\nbarrel\tl\tn\t-\t9\n", relatedHead, "not in order"},
		{"bad flags", wordsHead + "barrel\tx\tn\t-\t9\n", relatedHead, "bad flags"},
		{"bad part of speech", wordsHead + "barrel\tl\tq\t-\t9\n", relatedHead, "bad parts of speech"},
		{"bad exception", wordsHead + "went\t-\t-\t-\t0\tgo\n", relatedHead, "bad exception"},
		{"no lemma", wordsHead + "went\t-\t-\t-\t0\n", relatedHead, "neither a lemma"},
		{"no key", wordsHead + "barrel\n", relatedHead, "no key"},
		{"old record", wordsHead + "barrel\tl\tn\t-\n", relatedHead, "want 5 or 6 fields"},
		{"long record", wordsHead + "went\t-\t-\t-\t0\tv:go\tx\n", relatedHead, "want 5 or 6 fields"},
		{"no classes", wordsHead + "barrel\tl\tn\t\t9\n", relatedHead, "no classes field"},
		{"bad class", wordsHead + "barrel\tl\tn\tx\t9\n", relatedHead, "bad classes"},
		{"class twice", wordsHead + "rome\tcn\tn\tLl\t9\n", relatedHead, "bad classes"},
		{"classes out of order", wordsHead + "rome\tcn\tn\tgL\t9\n", relatedHead, "bad classes"},
		{"classes of a verb", wordsHead + "go\tl\tv\tP\t598\n", relatedHead, "not a noun"},
		{"speech of a noun", wordsHead + "barrel\tls\tn\t-\t9\n", relatedHead, "not a verb"},
		{"no frequency", wordsHead + "barrel\tl\tn\t-\t\n", relatedHead, "bad frequency"},
		{"exceptions for frequency", wordsHead + "went\t-\t-\t-\tv:go\n", relatedHead, "bad frequency"},
		{"negative frequency", wordsHead + "barrel\tl\tn\t-\t-9\n", relatedHead, "bad frequency"},
		{"signed frequency", wordsHead + "barrel\tl\tn\t-\t+9\n", relatedHead, "bad frequency"},
		{"frequency with a zero", wordsHead + "barrel\tl\tn\t-\t09\n", relatedHead, "bad frequency"},
		{"huge frequency", wordsHead + "barrel\tl\tn\t-\t9999999999\n", relatedHead, "bad frequency"},
		{"frequency of a form", wordsHead + "went\t-\t-\t-\t5\tv:go\n", relatedHead, "not a lemma"},
		{"bad relation", wordsHead, relatedHead + "state\tstatement\tsyno\tv\t1\n", "unknown relation"},
		{"bad link part of speech", wordsHead, relatedHead + "state\tstatement\tder\ts\t1\n", "bad part of speech"},
		{"bad sense", wordsHead, relatedHead + "state\tstatement\tder\tv\t0\n", "bad sense"},
		{"identity", wordsHead, relatedHead + "state\tstate\tsyn\tv\t1\n", "the key itself"},
		{"short link", wordsHead, relatedHead + "state\tstatement\tder\t1\n", "want 5 fields"},
		{"long link", wordsHead, relatedHead + "state\tstatement\tder\tv\t1\t1\n", "want 5 fields"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.words, tt.related)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q, %q) = %v; want an error with %q", tt.words, tt.related, err, tt.want)
			}
		})
	}
}

func TestClassString(t *testing.T) {
	for _, tt := range []struct {
		c    Class
		want string
	}{
		{0, "none"}, {Person, "person"}, {Person | Person<<firstShift, "person(first)"},
		{Place | Place<<firstShift | Group, "place(first),group"},
		{Quantity | Time, "time,quantity"}, {parseClasses("Lg"), "place(first),group"},
		{parseClasses("pLGtQ"), "person,place(first),group(first),time,quantity(first)"},
	} {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("Class(%#x).String() = %q; want %q", uint16(tt.c), got, tt.want)
		}
	}
}

func TestRecords(t *testing.T) {
	tab := table{"a\t1\na\t2\na b\t3\nab\t4\nb\t5\nb\t6\nc\t7"}
	if err := tab.check(func(string) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ key, want string }{
		{"a", "a\t1\na\t2\n"}, {"a b", "a b\t3\n"}, {"ab", "ab\t4\n"}, {"b", "b\t5\nb\t6\n"},
		{"c", "c\t7"}, {"", ""}, {"0", ""}, {"a c", ""}, {"bb", ""}, {"d", ""},
	} {
		if got := tab.records(tt.key); got != tt.want {
			t.Errorf("records(%q) = %q; want %q", tt.key, got, tt.want)
		}
	}
}

func TestRuns(t *testing.T) {
	for _, tt := range []struct {
		text string
		want string
	}{
		{"Iran’s go-between, the mediator", "iran go-between | the mediator"},
		{"Iran-US talks: armed forces", "iran-us talks | armed forces"},
		{"don't - stop; 'quoted' 2015", "don't | stop | quoted | 2015"},
	} {
		var got []string
		for _, r := range runs(tt.text) {
			got = append(got, strings.Join(r, " "))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("runs(%q) = %q; want %q", tt.text, g, tt.want)
		}
	}
}
