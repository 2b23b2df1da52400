package bot_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
	"github.com/parley-newsroom/parley/internal/eval"
)

// newBot builds a bot over the test kit's fixture corpus, so tests of
// behaviour hold whatever articles editors add to the built-in one.
func newBot(t testing.TB) (*bot.Bot, map[string]string) {
	t.Helper()
	return bottest.New(t), articles(t, bottest.Corpus())
}

// builtinBot builds a bot over the built-in corpus, as parley does, for the
// floors on the question sets.
func builtinBot(t testing.TB) (*bot.Bot, map[string]string) {
	t.Helper()
	b, err := bot.Load(context.Background(), bot.Source{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, articles(t, bot.Source{}.FS())
}

// articles returns the text of each article in fsys, for fidelity checks.
func articles(t testing.TB, fsys fs.FS) map[string]string {
	t.Helper()
	texts, err := eval.Articles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// sharedFile returns a path in ../shared, skipping when it is absent unless
// PARLEY_REQUIRE_SHARED is set (as in CI).
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	path := "../../shared/" + rel
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("PARLEY_REQUIRE_SHARED") != "" {
			t.Fatalf("%s is missing", path)
		}
		t.Skipf("%s is missing; it sits beside the repository", path)
	}
	return path
}

func TestAnswerability(t *testing.T) {
	b, _ := newBot(t)
	tests := []struct {
		question string
		answered bool
		note     string // exact when not answered
		closest  bool   // whether closest passages are shown
	}{
		{"What did Trump warn Iran about?", true, "", true},
		{"what did trump warn iran about", true, "", true},
		{"What did Japan say about the roadmap?", false, "The coverage doesn't mention Japan.", false},
		{"what did japan say about the roadmap", false, "The coverage doesn't mention japan.", false},
		{"Who won the 2022 FIFA World Cup?", false, "The coverage doesn't mention the 2022 FIFA World Cup.", false},
		{"How do I reset my password?", false, "The coverage doesn't mention reset or password.", false},
		{"When will the second round of talks be held?", false, "The coverage doesn't mention the second round.", true},
		{"How many centrifuges does Iran operate?", false, "The coverage doesn't give a figure for that.", true},
		// A year in a sentence about something else does not say when; a
		// past date does not say when something will happen.
		{"When will the next round be held?", false, "The coverage doesn't say when.", true},
		{"When did the first round of formal talks conclude?", true, "", true},
		{"What did Reuters report about the talks?", false, "The coverage doesn't mention Reuters.", false},
		{"What did Reuters say about Parisa Hafezi's report on progress?", false, "The coverage doesn't mention Reuters.", true},
		{"hello?", false, "That doesn't look like a question about the coverage. Try asking about the talks, the roadmap or the people involved.", false},
		// A typo still finds its word.
		{"What did the mediaters say about the first round?", true, "", true},
		// Invisible characters pasted into words do not split them.
		{"What did the medi\u200dators say about the \ufefffirst ro\u2060und?", true, "", true},
		{"\u200bWhat did Trump warn Iran abo\u200cut?", true, "", true},
		// Nor does a terminal's colour code pasted with the question.
		{"What did Trump\x1b[31m warn Iran about?\x1b[0m", true, "", true},
	}
	for _, tt := range tests {
		a, err := b.Answer(context.Background(), bot.Question{Text: tt.question})
		if err != nil {
			t.Fatalf("Answer(%q): %v", tt.question, err)
		}
		if a.Answered != tt.answered || (!tt.answered && a.Note != tt.note) || (len(a.Quotes) > 0) != tt.closest {
			t.Errorf("Answer(%q) = answered %v, note %q, %d passages; want %v, %q, passages %v",
				tt.question, a.Answered, a.Note, len(a.Quotes), tt.answered, tt.note, tt.closest)
		}
	}
}

func TestAsksSomething(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"and what about sanctions?", true},
		{"proxies on the table ?", true},
		{"What did Trump warn Iran about", true},
		{"who's leading the US team", true},
		{"Tell me about the roadmap", true},
		{"timeline sanctions", true},
		{"did they agree, finally", true},
		{"ok, makes sense", false},
		{"thanks!", false},
		{"lol", false},
		{"", false},
	} {
		if got := bot.AsksSomething(tt.text); got != tt.want {
			t.Errorf("AsksSomething(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"  What did   Trump warn\n Iran about?\t", "What did Trump warn Iran about?"},
		{"nego\u200dtiations\ufeff", "negotiations"},
		{"Trump\x1b[31m warn\x1b[0m \x1b[1;4mIran\x1b[m", "Trump warn Iran"},
		{"a\x1bcb \x1b[", "ab ["},
		{"\x1b]8;;https://x.test/a\x1b\\Iran talks\x1b]8;;\x1b\\?", "Iran talks?"},
		{"\x1b]0;title\x07what did Iran say", "what did Iran say"},
		{"\x1b(B\x1b[mwhat did Iran say", "what did Iran say"},
		{"bad \xff byte", "bad byte"},
	} {
		if got := bot.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnswerCitations(t *testing.T) {
	b, _ := newBot(t)
	a, err := b.Answer(context.Background(), bot.Question{Text: "  What did   Trump warn Iran about?\n", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if a.Question != "What did Trump warn Iran about?" || len(a.Quotes) != 2 {
		t.Fatalf("Answer = %+v; want the cleaned question and 2 passages", a)
	}
	p := a.Quotes[0]
	c := p.Citation
	if p.Rank != 1 || c.Article != "unexpected-alliance" || c.Title == "" || c.Published != "2026-06-23" ||
		c.Date != "June 23, 2026" || c.Section != "Trump’s Warning: Consequences for Non-Compliance" || c.Paragraph == 0 {
		t.Errorf("first passage = %+v", p)
	}
	if !strings.Contains(strings.Join(p.Fragments, " … "), "result in consequences") {
		t.Errorf("quote %q does not say what Trump warned of", strings.Join(p.Fragments, " … "))
	}
}

func TestBadQuestions(t *testing.T) {
	b, _ := newBot(t)
	for _, tt := range []struct {
		text string
		want error
	}{
		{"", bot.ErrEmptyQuestion},
		{" \t\n ", bot.ErrEmptyQuestion},
		{"\x00\x01", bot.ErrEmptyQuestion},
		{strings.Repeat("why ", 2600), bot.ErrQuestionTooLong},
		{strings.Repeat("x", bot.MaxQuestionLen+1), bot.ErrQuestionTooLong},
		{strings.Repeat("x", bot.MaxQuestionLen+1) + " since:2026", bot.ErrQuestionTooLong},
		{strings.Repeat("since:2026 ", bot.MaxQuestionLen/5), bot.ErrQuestionTooLong},
	} {
		_, err := b.Answer(context.Background(), bot.Question{Text: tt.text})
		if !errors.Is(err, tt.want) {
			t.Errorf("Answer(%.20q) error = %v; want %v", tt.text, err, tt.want)
		}
		if msg := bot.UserMessage(err); msg == "" || strings.Contains(msg, "\n") {
			t.Errorf("UserMessage(%v) = %q; want one sentence", err, msg)
		}
	}
}

// A question of the longest length is answered with filters added, as
// Discord's options add them to what was typed.
func TestLongestQuestionWithFilters(t *testing.T) {
	b, _ := newBot(t)
	q := "What did Trump warn Iran about? "
	q += strings.Repeat("x", bot.MaxQuestionLen-len(q))
	for _, text := range []string{q, q + " since:2026-06", "since:2026-06 " + q} {
		if _, err := b.Answer(context.Background(), bot.Question{Text: text}); err != nil && !errors.As(err, new(*bot.FilterError)) {
			t.Errorf("Answer(%d characters) = %v", len([]rune(text)), err)
		}
		if _, err := b.Timeline(context.Background(), text); err != nil && !errors.As(err, new(*bot.FilterError)) {
			t.Errorf("Timeline(%d characters) = %v", len([]rune(text)), err)
		}
	}
}

// score runs the question set at path against b.
func score(t *testing.T, b *bot.Bot, articles map[string]string, path string) *eval.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := eval.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Run(context.Background(), items, b.Asker(), articles)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestDevSet holds the core to its targets on the dev question set, and
// checks every quote is verbatim: each fragment in its passage, each
// passage in its article.
func TestDevSet(t *testing.T) {
	b, files := builtinBot(t)
	rep := score(t, b, files, sharedFile(t, "eval/questions.dev.jsonl"))
	t.Logf("Hit@1 %.3f Hit@3 %.3f MRR@10 %.3f answered %d/%d refused %d/%d quotes %d",
		rep.Hit1, rep.Hit3, rep.MRR10, rep.Answered, rep.Answerable, rep.Refused, rep.OutOfScope, rep.Quotes)
	if rep.Hit1 < 0.95 || rep.Hit3 < 0.97 || rep.MRR10 < 0.95 || rep.Answered < rep.Answerable-1 || rep.Refused != rep.OutOfScope {
		t.Errorf("dev set below target: %+v", rep)
	}
	if len(rep.Unfaithful) > 0 || rep.Quotes == 0 {
		t.Errorf("quotes not verbatim (%d checked): %q", rep.Quotes, rep.Unfaithful)
	}
}

// TestQuestionSets guards against regressions on Parley's own question
// sets in internal/eval/testdata and the training sets in ../shared/eval.
// paraphrases rephrase the dev questions; blind-a and blind-b were
// written blind by colleagues who saw only the articles, and have since
// informed general fixes; blind-c was written blind for issue 8 and scored
// once before it became a floor (Hit@1 0.697, Hit@3 0.869, MRR@10 0.788,
// answered 96/99, refused 17/30). The training sets were fitted on. The
// floors sit a question or two below today's figures, so that an editor's
// new article may move one.
func TestQuestionSets(t *testing.T) {
	b, files := builtinBot(t)
	for _, f := range []struct {
		path                               string
		hit1, hit3, mrr, answered, refused float64
	}{
		{"../internal/eval/testdata/paraphrases.jsonl", 0.75, 0.85, 0.8, 0.9, 0.8},
		{"../internal/eval/testdata/blind-a.jsonl", 0.75, 0.9, 0.8, 0.9, 0.7},
		{"../internal/eval/testdata/blind-b.jsonl", 0.68, 0.83, 0.77, 0.9, 0.8},
		{"../internal/eval/testdata/blind-c.jsonl", 0.66, 0.84, 0.76, 0.93, 0.5},
		{sharedFile(t, "eval/questions.train-a.jsonl"), 0.52, 0.69, 0.61, 0.88, 0.7},
		{sharedFile(t, "eval/questions.train-b.jsonl"), 0.61, 0.76, 0.7, 0.9, 0.55},
	} {
		rep := score(t, b, files, f.path)
		t.Logf("%s: Hit@1 %.3f Hit@3 %.3f MRR@10 %.3f answered %d/%d refused %d/%d",
			f.path, rep.Hit1, rep.Hit3, rep.MRR10, rep.Answered, rep.Answerable, rep.Refused, rep.OutOfScope)
		if rep.Hit1 < f.hit1 || rep.Hit3 < f.hit3 || rep.MRR10 < f.mrr || float64(rep.Answered) < f.answered*float64(rep.Answerable) ||
			float64(rep.Refused) < f.refused*float64(rep.OutOfScope) || len(rep.Unfaithful) > 0 {
			t.Errorf("%s below its floor (Hit@1 %.2f, Hit@3 %.2f, MRR@10 %.2f, answered %.2f, refused %.2f): %+v",
				f.path, f.hit1, f.hit3, f.mrr, f.answered, f.refused, rep.Scores)
		}
	}
}

func TestSources(t *testing.T) {
	b, _ := newBot(t)
	if got := len(b.Articles()); got != 4 {
		t.Errorf("Sources() has %d articles; want 4", got)
	}
	if got, want := b.AsOf(), "June 23, 2026"; got != want {
		t.Errorf("AsOf() = %q; want %q", got, want)
	}
}

// FuzzAnswer: whatever is asked, Answer does not panic, returns a known
// error or an answer whose quotes are verbatim and whose passages are cited.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{"What did Trump warn Iran about?", "@everyone <!channel> what?", "+a -b *c* /x/ d:e",
		"\"unbalanced", "U.S. Iran’s 3.67%", "japan", "\xff\xfe", "why why why", strings.Repeat("a", 600)} {
		f.Add(s)
	}
	b, _ := newBot(f)
	f.Fuzz(func(t *testing.T, q string) {
		a, err := b.Answer(context.Background(), bot.Question{Text: q})
		if err != nil {
			if !errors.Is(err, bot.ErrEmptyQuestion) && !errors.Is(err, bot.ErrQuestionTooLong) {
				t.Fatalf("Answer(%q): unexpected error %v", q, err)
			}
			return
		}
		if !utf8.ValidString(a.Question) || (!a.Answered && a.Note == "") {
			t.Fatalf("Answer(%q) = %+v", q, a)
		}
		for _, p := range a.Quotes {
			if p.Citation.Title == "" || p.Citation.Paragraph == 0 || len(p.Fragments) == 0 {
				t.Fatalf("Answer(%q): passage without citation or quote: %+v", q, p)
			}
			for _, frag := range p.Fragments {
				if !strings.Contains(p.Passage, frag) {
					t.Fatalf("Answer(%q): fragment %q not in passage", q, frag)
				}
			}
		}
	})
}

func TestSuggest(t *testing.T) {
	b, _ := newBot(t)
	tests := []struct {
		typed string
		want  string // must be among the suggestions
	}{
		{"", "Is a final deal between the US and Iran guaranteed?"},
		{"maxi", "Unpacking the 'Maximum Pressure' Campaign"},
		{"joint", "Joint Comprehensive Plan of Action"},
		{"khalid", "Defense Minister Prince Khalid bin Salman"},
		{"oslo", "Oslo Accords"},
	}
	for _, tt := range tests {
		got := b.Suggest(tt.typed, 25)
		if len(got) == 0 || len(got) > 25 || !slices.Contains(got, tt.want) {
			t.Errorf("Suggest(%q) = %q; want it to offer %q", tt.typed, got, tt.want)
		}
	}
	if got := b.Suggest("zzzz", 25); len(got) != 0 {
		t.Errorf("Suggest(zzzz) = %q; want nothing", got)
	}
}

// An index kept on disk answers exactly as one built in memory: every
// question of Parley's own paraphrase set gets the same reply.
func TestIndexOnDiskAnswersAsInMemory(t *testing.T) {
	mem, _ := builtinBot(t)
	disk, err := bot.Load(context.Background(), bot.Source{Index: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	f, err := os.Open("../internal/eval/testdata/paraphrases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := eval.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		want, err := mem.Answer(context.Background(), bot.Question{Text: it.Question})
		if err != nil {
			t.Fatal(err)
		}
		got, err := disk.Answer(context.Background(), bot.Question{Text: it.Question})
		if err != nil {
			t.Fatal(err)
		}
		// Sums of floating-point scores may differ in their last bit.
		if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); d != "" {
			t.Errorf("%s %q: answers differ (-memory +disk):\n%s", it.ID, it.Question, d)
		}
	}
	if d := cmp.Diff(mem.Articles(), disk.Articles()); d != "" {
		t.Errorf("articles differ (-memory +disk):\n%s", d)
	}
	// An index on disk reads its headings and key phrases back for
	// autocomplete.
	for _, typed := range []string{"", "ir", "lebanon", "nuclear prog", "zzz"} {
		if d := cmp.Diff(mem.Suggest(typed, 25), disk.Suggest(typed, 25)); d != "" {
			t.Errorf("Suggest(%q) differs (-memory +disk):\n%s", typed, d)
		}
	}
	if len(disk.Suggest("ir", 5)) == 0 {
		t.Error("no suggestion for \"ir\"")
	}
}
