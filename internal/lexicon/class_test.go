package lexicon_test

import (
	"testing"

	"github.com/parley-newsroom/parley/internal/lexicon"
)

func TestClasses(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct{ word, want string }{
		{"mediator", "person(first)"}, {"Mediators", "person(first)"},
		{"official", "person(first)"}, {"officials", "person(first)"},
		{"minister", "person(first)"}, {"diplomat", "person(first)"}, {"president", "person(first)"},
		// Through instance hypernyms: Rome is a national capital, and the
		// Roman Catholic Church.
		{"Rome", "place(first),group"}, {"Oman", "place(first)"}, {"Geneva", "place(first)"},
		{"tehran", "place(first)"}, {"Europe", "place(first),group"}, {"gulf", "place(first)"},
		{"country", "place,group(first)"}, // a state, then its territory
		{"government", "group(first)"}, {"agency", "group(first)"}, {"party", "group(first)"},
		{"newspaper", "group"}, // the paper, then the publisher
		{"year", "time(first)"}, {"June", "time(first)"}, {"Thursday", "time(first)"},
		{"deadline", "time(first)"}, {"week", "time(first)"}, {"today", "time"},
		// A time is not also a quantity, though WordNet's times are measures.
		{"percent", "quantity(first)"}, {"dollar", "quantity(first)"},
		{"dollars", "quantity(first)"}, {"number", "quantity(first)"},
		// A barrel is a unit only in its fifth sense; "barrels" is also a
		// lemma of its own, a large amount.
		{"barrel", "none"}, {"barrels", "quantity(first)"},
		// WordNet 3.0 (2006) has no Donald Trump; trump is a card.
		{"Trump", "none"},
		// The capital city is capital's third sense; an outlet is a store.
		{"capital", "none"}, {"outlet", "none"},
		// Nouns' classes only: leave (a time) is not a base form of "left".
		{"left", "place(first),group"},
		{"roadmap", "none"}, {"sanctions", "none"}, {"enrichment", "none"}, {"talks", "none"},
		{"xyzzy", "none"}, {"", "none"},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := l.Classes(tt.word).String(); got != tt.want {
				t.Errorf("Classes(%q) = %s; want %s", tt.word, got, tt.want)
			}
		})
	}
}

func TestClassHas(t *testing.T) {
	l := newLexicon(t)
	rome := l.Classes("Rome")
	for _, tt := range []struct {
		k             lexicon.Class
		has, hasFirst bool
	}{
		{lexicon.Place, true, true}, {lexicon.Group, true, false}, {lexicon.Person, false, false},
		{lexicon.Place | lexicon.Group, true, false}, {0, false, false},
	} {
		if got := rome.Has(tt.k); got != tt.has {
			t.Errorf("Classes(Rome) = %v: Has(%v) = %v; want %v", rome, tt.k, got, tt.has)
		}
		if got := rome.HasFirst(tt.k); got != tt.hasFirst {
			t.Errorf("Classes(Rome) = %v: HasFirst(%v) = %v; want %v", rome, tt.k, got, tt.hasFirst)
		}
	}
	for _, w := range []string{"roadmap", "sanctions", "enrichment"} {
		if c := l.Classes(w); c.Has(lexicon.Person) || c.Has(lexicon.Place) {
			t.Errorf("Classes(%q) = %v; want neither person nor place", w, c)
		}
	}
}

func TestSpeechVerb(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"say", true}, {"said", true}, {"Says", true}, {"state", true}, {"stated", true},
		{"warn", true}, {"warned", true}, {"announce", true}, {"comment", true},
		{"respond", true}, // to answer, its second sense
		{"tell", true}, {"told", true}, {"insist", true}, {"claim", true}, {"argue", true},
		{"report", true}, {"describe", true}, {"urge", true}, {"ask", true},
		{"call", true}, // to telephone, its third sense
		// Through the roots beyond communicate and express: disagree,
		// disapprove, greet.
		{"deny", true}, {"denied", true}, {"reject", true}, {"welcome", true}, {"welcomed", true},
		// To react is to act; to agree, to be in accord.
		{"react", false}, {"reacted", false}, {"agree", false}, {"go", false}, {"went", false},
		{"barrels", false}, {"xyzzy", false}, {"", false},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := l.SpeechVerb(tt.word); got != tt.want {
				t.Errorf("SpeechVerb(%q) = %v; want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestPOSString(t *testing.T) {
	for _, tt := range []struct {
		pos  lexicon.POS
		want string
	}{
		{lexicon.Noun, "n"}, {lexicon.Verb, "v"}, {lexicon.Adj, "a"}, {lexicon.Adverb, "r"},
		{0, "POS(0)"}, {5, "POS(5)"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("POS(%d).String() = %q; want %q", uint8(tt.pos), got, tt.want)
		}
	}
}
