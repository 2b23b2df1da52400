package search

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// fixtureIndex indexes the small corpus in testdata with the real lexicon.
func fixtureIndex(t *testing.T) *Index {
	t.Helper()
	c, err := corpus.Load(os.DirFS("testdata/corpus"))
	if err != nil {
		t.Fatal(err)
	}
	aliases, err := os.Open("testdata/corpus/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer aliases.Close()
	ix, err := New(context.Background(), c.Passages(), Options{Aliases: aliases, AliasesName: "aliases.txt", Lexicon: testLexicon(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// Words WordNet relates widen a term, but never make it known.
func TestLexicalAlternatives(t *testing.T) {
	ix := fixtureIndex(t)
	a := ix.Analyse("what do the go-betweens offer?")
	i := slices.IndexFunc(a.Terms, func(t Term) bool { return t.Text == "go" })
	if i < 0 {
		t.Fatalf("no term for go-betweens in %+v", a.Terms)
	}
	term := a.Terms[i]
	if !slices.ContainsFunc(term.alts, func(al alt) bool { return al.kind == lexicalAlt && al.text == "mediator" }) {
		t.Errorf("go-betweens: alternatives %+v lack mediator", term.alts)
	}
}

// A word common in all English weighs less than a rare one of the same
// rarity in the coverage; names are not damped.
func TestCommonWordsWeighLess(t *testing.T) {
	ix := fixtureIndex(t)
	a := ix.Analyse("what did the factions take")
	weight := map[string]float64{}
	for _, tm := range a.Terms {
		weight[tm.Text] = tm.Weight
	}
	if weight["take"] >= weight["factions"] {
		t.Errorf("weights %v: take should weigh less than factions", weight)
	}
}

// The analysis reads what a question asks: its type, the noun it asks
// about, whom it asks to be quoted, and whether it asks for a list.
func TestWhatIsAsked(t *testing.T) {
	ix := fixtureIndex(t)
	tests := []struct {
		question string
		wants    AnswerType
		focus    string
		speaker  string
		list     bool
	}{
		{"Who warned Iran?", Person, "", "", false},
		{"Where will the fifth round be held?", Place, "", "", false},
		{"where do they stand on sanctions?", AnyAnswer, "", "", false},
		{"How many barrels of oil?", Quantity, "barrels", "", false},
		{"Which senior Iranian minister attended?", Person, "minister", "", false},
		{"What is Washington's hard line on compliance?", AnyAnswer, "line", "", false},
		{"What did Majid Farahani say?", AnyAnswer, "", "Majid Farahani", false},
		{"how did tehran react to the warning", AnyAnswer, "", "tehran", false},
		{"Khamenei's comments on the roadmap?", AnyAnswer, "", "Khamenei", false},
		{"What does the conclusion say?", AnyAnswer, "", "", false},
		{"What are the main factors?", AnyAnswer, "factors", "", true},
		{"What factors could derail it?", AnyAnswer, "factors", "", true},
		{"What happens next?", AnyAnswer, "", "", false},
		{"name of the envoy?", Name, "", "", false},
		{"For a sidebar on risks: what could knock it off course?", AnyAnswer, "", "", false},
		// A preamble before a comma is passed over.
		{"For the timeline graphic, when did the first round end?", Time, "", "", false},
		{"For our explainer, who mediates?", Person, "", "", false},
		{"Besides Oman, which country hosted talks?", Group, "country", "", false},
		{"Quick one, how many phases are there?", Quantity, "phases", "", false},
		{"If talks stall, what happens?", AnyAnswer, "", "", false},
		{"What did Trump warn, and when?", AnyAnswer, "", "Trump", false},
		// A long speaker is one name or title; a long subject is none.
		{"What has Supreme Leader Ayatollah Ali Khamenei said about it?", AnyAnswer, "", "Supreme Leader Ayatollah Ali Khamenei", false},
		{"What does the 2015 JCPOA between Iran and world powers say about enrichment?", AnyAnswer, "", "", false},
	}
	for _, tt := range tests {
		a := ix.Analyse(tt.question)
		focus, speaker := "", ""
		if a.focus.ok {
			focus = tt.question[a.words[a.focus.head].start:a.words[a.focus.head].end]
		}
		if a.speaker.ok {
			speaker = a.speaker.text(tt.question, a.words)
		}
		if a.Wants != tt.wants || focus != tt.focus || speaker != tt.speaker || a.List != tt.list {
			t.Errorf("Analyse(%q) = wants %v, focus %q, speaker %q, list %v; want %v, %q, %q, %v",
				tt.question, a.Wants, focus, speaker, a.List, tt.wants, tt.focus, tt.speaker, tt.list)
		}
	}
}

// The words that ask for the gist are how the question is put: they ask
// for a summary and are not searched for ("line" would find red lines).
func TestSummaryCueIsNoTerm(t *testing.T) {
	ix := fixtureIndex(t)
	tests := []struct {
		question string
		terms    []string
	}{
		{"euractiv bottom line on sanctions", []string{"euractiv", "sanctions"}},
		{"the big picture on the enrichment talks?", []string{"enrichment", "talks"}},
		{"sum up the sanctions", []string{"sanctions"}},
	}
	for _, tt := range tests {
		a := ix.Analyse(tt.question)
		var got []string
		for _, tm := range a.Terms {
			got = append(got, tm.Text)
		}
		if !a.Summary || !slices.Equal(got, tt.terms) {
			t.Errorf("%q: summary %v, terms %q; want a summary of %q", tt.question, a.Summary, got, tt.terms)
		}
	}
	// A question for a time or a person uses the words as any others.
	for _, q := range []string{"when did the sanctions talks wrap up?", "who summed up the talks?"} {
		a := ix.Analyse(q)
		var got []string
		for _, tm := range a.Terms {
			got = append(got, tm.Text)
		}
		if a.Summary || !slices.ContainsFunc(got, func(w string) bool { return w == "wrap" || w == "summed" }) {
			t.Errorf("%q: summary %v, terms %q; want no summary, and its verb a term", q, a.Summary, got)
		}
	}
}
