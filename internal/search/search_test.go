package search_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
	"github.com/parley-newsroom/parley/internal/search"
)

// testCorpus parses the small corpus in testdata.
func testCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Load(os.DirFS("testdata/corpus"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testIndex builds an in-memory index over the small corpus in testdata.
func testIndex(t testing.TB, scoring string) *search.Index {
	t.Helper()
	c := testCorpus(t)
	aliases, err := os.Open("testdata/corpus/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer aliases.Close()
	ix, err := search.New(context.Background(), c.Passages(), search.Options{
		Scoring: scoring, Aliases: aliases, AliasesName: "aliases.txt", Lexicon: testLexicon(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ids(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Passage.ID())
	}
	return out
}

func TestSearchRanksTheAnsweringPassageFirst(t *testing.T) {
	for _, scoring := range []string{search.BM25, search.TFIDF} {
		ix := testIndex(t, scoring)
		tests := []struct{ question, want string }{
			{"When did the first round of talks conclude?", "talks#1"},
			{"What did Trump threaten?", "talks#2|talks#7"},      // alias: threaten -> warning
			{"Where are the negotiations held?", "venue#1"},      // question-word alias
			{"What is Tehran's stance on sanctions?", "talks#6"}, // table row with its header
			{"What could derail the process?", "talks#4"},        // list item with its intro
			{"What enrichment level did Iran offer?", "venue#2"},
			{"what did the americans warn about", "talks#2|talks#7"},                // lower case, demonym alias
			{"What did Trump warn about the roadmap's history?", "talks#2|talks#7"}, // promotion never outranks substance
		}
		for _, tt := range tests {
			r, err := ix.Search(context.Background(), tt.question, 3)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r); len(got) == 0 || !strings.Contains("|"+tt.want+"|", "|"+got[0]+"|") {
				t.Errorf("%s: Search(%q) = %v; want %s first", scoring, tt.question, got, tt.want)
			}
		}
	}
}

func TestNearDuplicatesShownOnce(t *testing.T) {
	ix := testIndex(t, "")
	r, err := ix.Search(context.Background(), "What did President Trump warn Iran about the roadmap?", 5)
	if err != nil {
		t.Fatal(err)
	}
	got := ids(r)
	body, faq := slicesIndex(got, "talks#2"), slicesIndex(got, "talks#7")
	if (body < 0) == (faq < 0) {
		t.Errorf("Search = %v; want exactly one of the warning and its FAQ restatement", got)
	}
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestQuestionSyntaxIsPlainText(t *testing.T) {
	ix := testIndex(t, "")
	for _, q := range []string{
		`+Trump -Iran warn*`, `title:roadmap`, `/war.*/`, `"unbalanced quote`, `a*`, `*a*`,
		`warn^10 OR consequences~2`, `(((`, `\`, `section:"The Warning"`, strings.Repeat("warn ", 200),
	} {
		r, err := ix.Search(context.Background(), q, 3)
		if err != nil {
			t.Errorf("Search(%q) error: %v", q, err)
			continue
		}
		for _, h := range r.Hits {
			if h.Passage == nil {
				t.Errorf("Search(%q) returned a hit without a passage", q)
			}
		}
	}
	r, err := ix.Search(context.Background(), "title:roadmap warn", 3)
	if err != nil || len(r.Hits) == 0 || r.Hits[0].Passage.ID() != "talks#2" {
		t.Errorf(`Search("title:roadmap warn") = %v, %v; want the words searched as text`, ids(r), err)
	}
}

func TestAnalyse(t *testing.T) {
	ix := testIndex(t, "")
	type term struct {
		Text      string
		Known     bool
		Salient   bool
		Numeric   bool
		Corrected string
	}
	tests := []struct {
		question string
		kind     search.AnswerType
		want     []term
	}{
		{"What did Japan say about the roadmap?", search.AnyAnswer, []term{
			{"Japan", false, true, false, ""}, {"roadmap", true, false, false, ""}}},
		{"what did japan say about the roadmap", search.AnyAnswer, []term{
			{"japan", false, true, false, ""}, {"roadmap", true, false, false, ""}}},
		{"When did the second round end?", search.Time, []term{
			{"second", false, true, true, ""}, {"round", true, false, false, ""}, {"end", false, false, false, ""}}},
		{"Did Iran offer 3.67% enrichment?", search.AnyAnswer, []term{
			{"Iran", true, true, false, ""}, {"offer", false, false, false, ""}, {"3.67", true, true, true, ""}, {"enrichment", true, false, false, ""}}},
		{"how long until the negotations end", search.Duration, []term{
			{"long", false, false, false, ""}, {"negotations", true, false, false, "negotiations"}, {"end", false, false, false, ""}}},
		{"How many centrifuges?", search.Quantity, []term{{"centrifuges", false, false, false, ""}}},
		{"What did araghchi say?", search.AnyAnswer, []term{{"araghchi", false, true, false, ""}}},
		// Opening the question, or with a possessive, a name is still a name.
		{"Japan's view of the roadmap?", search.AnyAnswer, []term{
			{"Japan's", false, true, false, ""}, {"view", false, false, false, ""}, {"roadmap", true, false, false, ""}}},
		{"japan’s view of the roadmap?", search.AnyAnswer, []term{
			{"japan’s", false, true, false, ""}, {"view", false, false, false, ""}, {"roadmap", true, false, false, ""}}},
		{"tell me please", search.AnyAnswer, nil},
	}
	for _, tt := range tests {
		a := ix.Analyse(tt.question)
		var got []term
		for _, t := range a.Terms {
			got = append(got, term{t.Text, t.Known, t.Salient, t.Numeric, t.Corrected})
		}
		if diff := cmp.Diff(tt.want, got); diff != "" || a.Wants != tt.kind {
			t.Errorf("Analyse(%q): kind %v, want %v; terms (-want +got):\n%s", tt.question, a.Wants, tt.kind, diff)
		}
	}
}

func TestHoldsKind(t *testing.T) {
	ix := testIndex(t, "")
	r, err := ix.Search(context.Background(), "When did the first round of talks conclude?", 3)
	if err != nil || len(r.Hits) == 0 || !r.Hits[0].HoldsType {
		t.Fatalf("a dated passage should hold the answer to a When question: %v %v", ids(r), err)
	}
	r, err = ix.Search(context.Background(), "How many factions could derail the process?", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range r.Hits {
		if h.HoldsType {
			t.Errorf("%s holds no figure about factions, yet HoldsKind", h.Passage.ID())
		}
	}
}

func TestSentenceScores(t *testing.T) {
	ix := testIndex(t, "")
	r, err := ix.Search(context.Background(), "Why would Iran lower its enrichment?", 3)
	if err != nil || len(r.Hits) == 0 {
		t.Fatal(err)
	}
	h := r.Hits[0]
	if h.Passage.ID() != "venue#2" || len(h.Sentences) != len(h.Passage.Sentences) || h.Sentences[0] <= 0 {
		t.Errorf("hit %s sentence scores %v; want venue#2 with its sentence scored", h.Passage.ID(), h.Sentences)
	}
}

func TestBadAliasFile(t *testing.T) {
	p, _ := corpus.NewParser()
	c, err := p.Load(os.DirFS("testdata/corpus"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = search.New(context.Background(), c.Passages(), search.Options{Aliases: strings.NewReader("lonely\n"), AliasesName: "aliases.txt"})
	if err == nil || !strings.Contains(err.Error(), "aliases.txt:1:") {
		t.Errorf("New with a bad alias file = %v; want an error naming aliases.txt:1", err)
	}
}

func TestFutureWhen(t *testing.T) {
	ix := testIndex(t, "")
	for _, q := range []string{"When will the fifth round be held?", "When is the next round of negotiations?"} {
		if a := ix.Analyse(q); a.Wants != search.Time || !a.Future {
			t.Errorf("Analyse(%q): kind %v future %v; want a When question about time to come", q, a.Wants, a.Future)
		}
		r, err := ix.Search(context.Background(), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range r.Hits {
			if h.HoldsType {
				t.Errorf("Search(%q): %s dates the past, yet HoldsKind", q, h.Passage.ID())
			}
		}
	}
	if a := ix.Analyse("When did the first round conclude?"); a.Future {
		t.Error("a question about the past read as about the future")
	}
}

// testLexicon returns the English lexicon Parley searches with.
func testLexicon(t testing.TB) search.Lexicon {
	t.Helper()
	l, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A list's lead-in gives its place to the list's items, and a question
// about a whole gets the list's items in their order.
func TestListsShownWhole(t *testing.T) {
	ix := testIndex(t, "")
	tests := []struct {
		question string
		want     []string
	}{
		{"What structural advantages do trusted mediators provide?", []string{"talks#9", "talks#10"}},
		{"What are the factors that could derail the process?", []string{"talks#4", "talks#5"}},
	}
	for _, tt := range tests {
		r, err := ix.Search(context.Background(), tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(r); len(got) < 2 || !slices.Equal(got[:2], tt.want) {
			t.Errorf("Search(%q) = %v; want %v first", tt.question, got, tt.want)
		}
	}
}

// The verdict checks what a question asks for: the noun it counts or
// times, whom it asks to be quoted, and the type of answer.
func TestVerdictChecksWhatIsAsked(t *testing.T) {
	ix := testIndex(t, "")
	tests := []struct {
		question string
		want     search.Reason
		missing  string // for a reason that names something
	}{
		{"What did Trump warn Iran about?", search.Answers, ""},
		{"What did Trump say about the roadmap?", search.Answers, ""},
		{"Who warned Iran?", search.Answers, ""},
		{"Where will the fifth round be held?", search.Answers, ""},
		{"What enrichment level did Iran offer?", search.Answers, ""},
		// The noun a question counts or dates must be in the coverage.
		{"How many barrels of oil could Iran export?", search.MissingFocus, "barrels"},
		{"What deadline did Trump give Iran?", search.MissingFocus, "deadline"},
		// A name the coverage lacks is named without its possessive.
		{"Japan's view of the roadmap?", search.MissingNames, "Japan"},
		{"what was japan’s view of the roadmap", search.MissingNames, "japan"},
		// Whom a question asks to be quoted must be quoted.
		{"What did Iran say about frozen assets?", search.MissingSpeaker, "Iran"},
		// A question for a person, a place or a figure needs one.
		{"Who may undermine the negotiations?", search.Answers, ""},
		{"Who monitors the verification disputes?", search.MissingType, "who monitors the verification disputes"},
		{"Where did Trump warn Iran?", search.MissingType, ""},
	}
	for _, tt := range tests {
		r, err := ix.Search(context.Background(), tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		v := r.Verdict
		if v.Reason != tt.want || tt.missing != "" && (len(v.Missing) == 0 || v.Missing[0] != tt.missing) {
			t.Errorf("Search(%q): reason %v, missing %q; want %v, %q", tt.question, v.Reason, v.Missing, tt.want, tt.missing)
		}
	}
}

// TestPassagesByID checks that passages are read back by ID, whether or
// not a search has found them before, and that an unknown ID is an error.
func TestPassagesByID(t *testing.T) {
	c := testCorpus(t)
	ix := testIndex(t, search.BM25)
	ctx := context.Background()
	want := map[string]*corpus.Passage{}
	var asked []string
	for i, ps := range c.Passages() {
		if i%2 == 0 {
			want[ps.ID()] = ps
			asked = append(asked, ps.ID())
		}
	}
	if _, err := ix.Search(ctx, "What could derail the process?", 3); err != nil {
		t.Fatal(err) // caches some of them
	}
	got, err := ix.Passages(ctx, asked)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d passages, want %d", len(got), len(want))
	}
	for id, ps := range want {
		if g := got[id]; g == nil || g.Text != ps.Text || g.Section != ps.Section || g.Article.Slug != ps.Article.Slug {
			t.Errorf("%s: got %+v, want %q", id, g, ps.Text)
		}
	}
	if _, err := ix.Passages(ctx, []string{asked[0], "no-such-article#1"}); err == nil {
		t.Error("an unknown ID read back without an error")
	}
}

// TestSearchAfterClose checks that a closed index answers nothing, even
// for a question whose passages it has read before.
func TestSearchAfterClose(t *testing.T) {
	ix := testIndex(t, search.BM25)
	ctx := context.Background()
	const q = "What could derail the process?"
	r, err := ix.Search(ctx, q, 3)
	if err != nil || len(r.Hits) == 0 {
		t.Fatalf("%d hits, %v", len(r.Hits), err)
	}
	found := r.Hits[0].Passage.ID() // cached by the search
	ix.Close()
	if _, err := ix.Search(ctx, q, 3); err == nil {
		t.Error("a closed index still searches")
	}
	if _, err := ix.Passages(ctx, []string{found}); err == nil {
		t.Error("a closed index still reads passages back")
	}
}

func TestIsPromo(t *testing.T) {
	long := "For more context, see our guide. " + strings.Repeat("word ", 40)
	tests := []struct {
		text string
		want bool
	}{
		{"For more context, see our guide to the JCPOA.", true},
		{"For more context, See Our guide to the JCPOA.", true},
		{"SIGN UP FOR OUR newsletter.", true},
		{"Check out our live blog.", true},
		{"For more context, see  our guide.", false}, // two spaces: no cue
		{"Readers can see your guide.", false},
		{"The talks resumed in Rome.", false},
		{"", false},
		{long, false}, // a passage that says more than where to look
	}
	for _, tt := range tests {
		if got := search.IsPromo(tt.text); got != tt.want {
			t.Errorf("IsPromo(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
