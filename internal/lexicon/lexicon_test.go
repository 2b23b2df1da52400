package lexicon_test

import (
	"errors"
	"flag"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
	"github.com/parley-newsroom/parley/internal/lexicon/internal/derive"
)

var update = flag.Bool("update", false, "regenerate words.txt and related.txt from WordNet 3.0 in "+derive.DefaultDir)

func newLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	l, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func builtinCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(parley.Corpus())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKnown(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct {
		word string
		want bool
	}{
		// Everyday words a weaker test refused questions on.
		{"rundown", true}, {"upside", true}, {"huddle", true}, {"quick", true},
		// Through morphy: detachment rules and exception lists.
		{"barrels", true}, {"threatened", true}, {"went", true}, {"Intermediaries", true},
		{"go-betweens", true},
		// A name that is also a common word (japan, lacquer).
		{"Japan", true},
		// Names only, function words WordNet leaves out, words it lacks.
		{"Iran", false}, {"lebanese", false}, {"hezbollah", false},
		{"the", false}, {"of", false}, {"roadmap", false}, {"xyzzy", false}, {"", false},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := l.Known(tt.word); got != tt.want {
				t.Errorf("Known(%q) = %v; want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestProperNoun(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"iran", true}, {"Lebanese", true}, {"tehran", true}, {"washington", true},
		{"americans", true}, // through its base form, American
		{"japan", true},     // commonest noun sense Japan; also japan, lacquer
		{"turkey", false},   // commonest noun sense the bird
		{"aids", false},     // AIDS, but also the plural of aid
		{"rundown", false}, {"gulf", false}, {"xyzzy", false},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := l.ProperNoun(tt.word); got != tt.want {
				t.Errorf("ProperNoun(%q) = %v; want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestLemmas(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"barrel", []string{"barrel"}},
		{"Threatened", []string{"threatened", "threaten"}}, // an adjective too
		{"went", []string{"go"}},
		{"ground", []string{"ground", "grind"}},
		{"axes", []string{"ax", "axis", "axe"}}, // the noun exceptions, then the verb rule
		{"go-betweens", []string{"go-between"}},
		{"intermediaries", []string{"intermediary"}},
		{"glass", []string{"glass"}}, // a noun in "ss" loses no s
		{"xyzzy", nil},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, l.Lemmas(tt.word)); diff != "" {
				t.Errorf("Lemmas(%q) (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

func TestRelated(t *testing.T) {
	l := newLexicon(t)
	vocab := lexicon.NewVocabulary(builtinCorpus(t))
	for _, tt := range []struct {
		phrase string
		want   lexicon.Link
	}{
		{"lebanese", lexicon.Link{Target: "lebanon", Rel: lexicon.Pertainym, POS: lexicon.Adj, Sense: 1}},
		{"mediator", lexicon.Link{Target: "intermediary", Rel: lexicon.Synonym, POS: lexicon.Noun, Sense: 1}},
		{"go-between", lexicon.Link{Target: "mediator", Rel: lexicon.Synonym, POS: lexicon.Noun, Sense: 1}},
		{"go-betweens", lexicon.Link{Target: "intermediary", Rel: lexicon.Synonym, POS: lexicon.Noun, Sense: 1}},
		{"comment", lexicon.Link{Target: "statement", Rel: lexicon.Hypernym, POS: lexicon.Noun, Sense: 1}},
		{"state", lexicon.Link{Target: "statement", Rel: lexicon.Derived, POS: lexicon.Verb, Sense: 1}},
		{"stance", lexicon.Link{Target: "position", Rel: lexicon.Hypernym, POS: lexicon.Noun, Sense: 1}},
		{"nuclear", lexicon.Link{Target: "atomic", Rel: lexicon.Synonym, POS: lexicon.Adj, Sense: 1}},
		{"quickly", lexicon.Link{Target: "rapidly", Rel: lexicon.Synonym, POS: lexicon.Adverb, Sense: 1}},
		{"armed forces", lexicon.Link{Target: "military", Rel: lexicon.Synonym, POS: lexicon.Noun, Sense: 1}},
		{"military", lexicon.Link{Target: "armed forces", Rel: lexicon.Synonym, POS: lexicon.Noun, Sense: 1}},
		// The corpus has only the inflected forms of WordNet's mediate.
		{"mediators", lexicon.Link{Target: "mediated", Rel: lexicon.Derived, POS: lexicon.Noun, Sense: 1}},
		// Noise the search must weigh: rare senses, and verb senses of a
		// noun (to barrel: put in barrels; to weather a storm).
		{"army", lexicon.Link{Target: "agency", Rel: lexicon.Hypernym, POS: lexicon.Noun, Sense: 3}},
		{"gulf", lexicon.Link{Target: "chasm", Rel: lexicon.Hypernym, POS: lexicon.Noun, Sense: 3}},
		{"barrel", lexicon.Link{Target: "place", Rel: lexicon.Hypernym, POS: lexicon.Verb, Sense: 1}},
		{"barrels", lexicon.Link{Target: "position", Rel: lexicon.Hypernym, POS: lexicon.Verb, Sense: 1}},
		{"weather", lexicon.Link{Target: "hold", Rel: lexicon.Hypernym, POS: lexicon.Verb, Sense: 1}},
	} {
		t.Run(tt.phrase, func(t *testing.T) {
			if !vocab.Contains(tt.want.Target) {
				t.Fatalf("the corpus lacks %q: choose another example", tt.want.Target)
			}
			if got := l.Related(tt.phrase); !slices.Contains(got, tt.want) {
				t.Errorf("Related(%q) = %v; want it to hold %v", tt.phrase, got, tt.want)
			}
		})
	}
}

func TestRelatedNone(t *testing.T) {
	l := newLexicon(t)
	// WordNet links army to armed forces only as a part holonym, and the
	// corpus has no word related to rundown.
	for _, tt := range []struct{ phrase, absent string }{
		{"army", "armed forces"}, {"rundown", ""}, {"xyzzy", ""}, {"", ""},
	} {
		t.Run(tt.phrase, func(t *testing.T) {
			got := l.Related(tt.phrase)
			if tt.absent == "" && got != nil {
				t.Errorf("Related(%q) = %v; want nil", tt.phrase, got)
			}
			for _, link := range got {
				if link.Target == tt.absent {
					t.Errorf("Related(%q) = %v; want no link to %q", tt.phrase, got, tt.absent)
				}
			}
		})
	}
}

// TestRelatedPOS checks that a caller can keep a noun's links: barrel and
// weather link to place and hold only through their verb senses.
func TestRelatedPOS(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct {
		phrase    string
		pos       lexicon.POS
		want, not []string // targets with links of pos, without
	}{
		{"barrel", lexicon.Noun, nil, []string{"place", "position", "set"}},
		{"barrel", lexicon.Verb, []string{"place", "position", "set"}, nil},
		{"weather", lexicon.Noun, nil, []string{"endures", "hold"}},
		{"comment", lexicon.Noun, []string{"statement"}, []string{"note", "observed"}},
		{"comment", lexicon.Verb, []string{"note", "observed"}, []string{"statement"}},
		{"state", lexicon.Verb, []string{"said", "statement"}, []string{"governments"}},
	} {
		t.Run(tt.phrase+"/"+tt.pos.String(), func(t *testing.T) {
			var got []string
			for _, link := range l.Related(tt.phrase) {
				if link.POS == tt.pos {
					got = append(got, link.Target)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Related(%q) as %v = %q; want it to hold %q", tt.phrase, tt.pos, got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("Related(%q) as %v = %q; want no %q", tt.phrase, tt.pos, got, w)
				}
			}
		})
	}
}

func TestRelatedMerges(t *testing.T) {
	// Each target comes once per relation and part of speech, however many
	// keys give it.
	l := newLexicon(t)
	for _, p := range []string{"go-betweens", "mediators", "talks", "barrels", "state"} {
		seen := map[lexicon.Link]bool{}
		for _, link := range l.Related(p) {
			k := lexicon.Link{Target: link.Target, Rel: link.Rel, POS: link.POS}
			if seen[k] {
				t.Errorf("Related(%q) has %q %v %v twice", p, link.Target, link.Rel, link.POS)
			}
			seen[k] = true
			if link.Sense < 1 || link.Sense > 3 {
				t.Errorf("Related(%q): %v has sense %d; want 1 to 3", p, link, link.Sense)
			}
		}
	}
}

func TestConcurrent(t *testing.T) {
	l := newLexicon(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				l.Known("barrels")
				l.ProperNoun("japan")
				l.Related("go-betweens")
				l.Classes("officials")
				l.SpeechVerb("said")
			}
		})
	}
	wg.Wait()
}

func TestRelationString(t *testing.T) {
	for _, tt := range []struct {
		rel  lexicon.Relation
		want string
	}{
		{lexicon.Synonym, "syn"}, {lexicon.Derived, "der"}, {lexicon.Pertainym, "pert"},
		{lexicon.Hypernym, "hyper"}, {0, "Relation(0)"},
	} {
		if got := tt.rel.String(); got != tt.want {
			t.Errorf("Relation(%d).String() = %q; want %q", uint8(tt.rel), got, tt.want)
		}
	}
}

// TestFresh fails when the related table was built for another corpus
// than the built-in one. With -update, it rebuilds both tables instead.
func TestFresh(t *testing.T) {
	c := builtinCorpus(t)
	if *update {
		err := derive.Generate(derive.DefaultDir, ".", c)
		if errors.Is(err, derive.ErrNoWordNet) {
			t.Fatalf("-update needs WordNet 3.0: %v", err)
		}
		if err != nil {
			t.Fatalf("regenerate the tables: %v", err)
		}
		t.Log("regenerated words.txt and related.txt; run the tests again to test them")
		return
	}
	if got, want := newLexicon(t).Fingerprint(), lexicon.NewVocabulary(c).Fingerprint(); got != want {
		t.Errorf("related.txt was built for corpus %s, but the built-in corpus is %s:\n"+
			"run go generate ./internal/lexicon (or go test ./internal/lexicon -update)", got, want)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lexicon.New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKnown(b *testing.B) {
	l := newLexicon(b)
	words := []string{"rundown", "barrels", "threatened", "Iran", "xyzzy", "the"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			l.Known(w)
		}
	}
}

func BenchmarkClasses(b *testing.B) {
	l := newLexicon(b)
	words := []string{"mediators", "Rome", "government", "Thursday", "barrels", "xyzzy"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			l.Classes(w)
		}
	}
}

func BenchmarkSpeechVerb(b *testing.B) {
	l := newLexicon(b)
	words := []string{"said", "warned", "told", "reacted", "barrels", "xyzzy"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			l.SpeechVerb(w)
		}
	}
}

func BenchmarkRelated(b *testing.B) {
	l := newLexicon(b)
	phrases := []string{"go-betweens", "state", "armed forces", "rundown", "xyzzy"}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range phrases {
			l.Related(p)
		}
	}
}

func TestPartsOfSpeech(t *testing.T) {
	l, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word       string
		noun, verb bool
		plural     bool
	}{
		{"planks", true, true, true},
		{"countries", true, false, true},
		{"happens", false, true, false},
		{"deadline", true, false, false},
		{"news", true, false, false},
		{"makes", true, true, true},
	} {
		if got := l.Is(tt.word, lexicon.Noun); got != tt.noun {
			t.Errorf("Is(%q, lexicon.Noun) = %v; want %v", tt.word, got, tt.noun)
		}
		if got := l.Is(tt.word, lexicon.Verb); got != tt.verb {
			t.Errorf("Is(%q, lexicon.Verb) = %v; want %v", tt.word, got, tt.verb)
		}
		if got := l.Plural(tt.word); got != tt.plural {
			t.Errorf("Plural(%q) = %v; want %v", tt.word, got, tt.plural)
		}
	}
}
