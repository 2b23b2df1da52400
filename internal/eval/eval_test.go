package eval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parley-newsroom/parley/internal/eval"
)

const set = `{"id": "a1", "kind": "fact", "question": "first?", "expect_any": ["The ANSWER’s here"]}
{"id": "a2", "kind": "fact", "question": "second?", "expect_any": ["second answer"]}
{"id": "a3", "kind": "list", "question": "third?", "expect_any": ["third answer"]}

{"id": "o1", "kind": "near-topic", "question": "off topic?", "expect_none": true}
{"id": "o2", "kind": "near-topic", "question": "also off?", "expect_none": true}
`

func TestRun(t *testing.T) {
	items, err := eval.Load(strings.NewReader(set))
	if err != nil {
		t.Fatal(err)
	}
	article := "Intro.\n\nthe answer's   here, in a passage.\n\nA second answer.\n\nNothing.\n"
	replies := map[string]eval.Reply{
		// Hit in first place; curly quotes, case and spaces do not matter.
		"first?": {Answered: true, Passages: []eval.Shown{{Article: "a", Text: "the answer's here, in a passage.", Fragments: []string{"the answer's here"}}}},
		// Hit in second place.
		"second?": {Answered: true, Passages: []eval.Shown{{Article: "a", Text: "Nothing.", Fragments: []string{"Nothing."}}, {Article: "a", Text: "A second answer.", Fragments: []string{"A second answer."}}}},
		// The right passage, but not answered: no hit counts.
		"third?":     {Answered: false, Passages: []eval.Shown{{Article: "a", Text: "third answer", Fragments: []string{"invented", "third"}}}},
		"off topic?": {Answered: false},
		"also off?":  {Answered: true, Passages: []eval.Shown{{Article: "a", Text: "Intro.", Fragments: []string{"Intro."}}}},
	}
	ask := func(_ context.Context, q string) (eval.Reply, error) { return replies[q], nil }
	r, err := eval.Run(context.Background(), items, ask, map[string]string{"a": article})
	if err != nil {
		t.Fatal(err)
	}
	want := &eval.Report{
		Scores: eval.Scores{
			Questions: 5, Answerable: 3, OutOfScope: 2,
			Hit1: 1.0 / 3, Hit3: 2.0 / 3, Hit5: 2.0 / 3, MRR10: 0.5,
			Answered: 2, Refused: 1,
		},
		ByKind: map[string]*eval.Scores{
			"fact":       {Questions: 2, Answerable: 2, Hit1: 0.5, Hit3: 1, Hit5: 1, MRR10: 0.75, Answered: 2},
			"list":       {Questions: 1, Answerable: 1},
			"near-topic": {Questions: 2, OutOfScope: 2, Refused: 1},
		},
		Quotes: 5,
		Unfaithful: []string{
			`a3 passage 1: quote fragment "invented" is not in the passage`,
		},
		Missed: []eval.Miss{
			{ID: "a2", Kind: "fact", Question: "second?", Rank: 2, Answered: true, Expected: []string{"second answer"}, First: "Nothing."},
			{ID: "a3", Kind: "list", Question: "third?", Rank: 0, Answered: false, Expected: []string{"third answer"}, First: "third answer"},
		},
		Wrong: []eval.Miss{{ID: "o2", Kind: "near-topic", Question: "also off?", Answered: true, First: "Intro."}},
	}
	if diff := cmp.Diff(want, r, cmpopts.IgnoreUnexported(eval.Scores{})); diff != "" {
		t.Errorf("Run (-want +got):\n%s", diff)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Hit@1       0.333", "MRR@10      0.500", "answered    2/3", "refused     1/2",
		"missed      a2 (rank 2), a3 (not answered), o2 (answered, should refuse)", "fidelity    4/5"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("report lacks %q:\n%s", line, b.String())
		}
	}
	b.Reset()
	if err := r.WriteByKind(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"fact               2  0.500  1.000  0.750       2/2", "near-topic         2", "1/2"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("by-kind table lacks %q:\n%s", line, b.String())
		}
	}
	b.Reset()
	if err := r.WriteMisses(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"a2 [fact] second?\n  first hit at rank 2; want [\"second answer\"]\n  first: Nothing.",
		"a3 [list] third?\n  not answered", "o2 [near-topic] also off?\n  answered, should refuse"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("misses lack %q:\n%s", line, b.String())
		}
	}
}

func TestPassageNotInArticle(t *testing.T) {
	items, _ := eval.Load(strings.NewReader(`{"id": "a", "question": "q", "expect_any": ["x"]}`))
	ask := func(context.Context, string) (eval.Reply, error) {
		return eval.Reply{Answered: true, Passages: []eval.Shown{{Article: "a", Text: "made up\nreal line", Fragments: []string{"made up"}}}}, nil
	}
	r, err := eval.Run(context.Background(), items, ask, map[string]string{"a": "a real line"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Unfaithful) != 1 || !strings.Contains(r.Unfaithful[0], `passage text "made up" is not in article a`) {
		t.Errorf("Unfaithful = %q", r.Unfaithful)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"id": "a", "question": "q"}`, "line 1: want either expect_any or expect_none"},
		{`{"id": "a", "question": "q", "expect_any": ["x"], "expect_none": true}`, "line 1: want either"},
		{"\n{not json", "line 2:"},
		{`{"id": "a", "question": "q", "expect_none": true, "extra": 1}`, `unknown field "extra"`},
		{`{"id": "a", "question": "q", "expect_none": true}` + "\n" + `{"id": "a", "question": "r", "expect_none": true}`, `line 2: id "a" already on line 1`},
		{`{"question": "q", "expect_none": true}`, "line 1: want an id and a question"},
		{"", "no questions"},
	} {
		if _, err := eval.Load(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %v; want %q", tt.in, err, tt.want)
		}
	}
}
