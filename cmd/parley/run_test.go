package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is the test kit's corpus: the commands' tests answer from it, so
// they hold whatever articles editors add to the built-in corpus.
const fixture = "../../bot/bottest/testdata/corpus"

func TestMain(m *testing.M) {
	os.Setenv("PARLEY_CORPUS", fixture)
	// Serving records feedback in PARLEY_DATA: never the user's own.
	data, err := os.MkdirTemp("", "parley-test-data")
	if err != nil {
		panic(err)
	}
	os.Setenv("PARLEY_DATA", data)
	code := m.Run()
	os.RemoveAll(data)
	os.Exit(code)
}

// parley runs the command in-process and returns its exit status and output.
func parley(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	if err != nil {
		errOut.WriteString("parley: " + err.Error() + "\n")
	}
	return exitCode(err), out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestAskText(t *testing.T) {
	tests := []struct{ name, question string }{
		{"ask_answered", "What did Trump warn Iran about?"},
		{"ask_list_item", "What factors could derail the process?"},
		{"ask_table_row", "What is Iran's position on sanctions?"},
		{"ask_not_covered", "What did Japan say about the roadmap?"},
		{"ask_closest", "When will the second round of talks be held?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := parley(t, "", "ask", tt.question)
			if code != 0 || errOut != "" {
				t.Fatalf("parley ask %q: exit %d, stderr %q", tt.question, code, errOut)
			}
			golden(t, tt.name, out)
		})
	}
}

func TestAskJSON(t *testing.T) {
	// Flags may follow the question; several words make one question.
	code, out, errOut := parley(t, "", "ask", "What", "did", "Trump", "warn", "Iran", "about?", "--json", "--k", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"answered", "as_of", "note", "passages", "question"}; !slices.Equal(keys, want) {
		t.Errorf("keys = %v; want %v", keys, want)
	}
	var a struct {
		Question string
		Answered bool
		Passages []map[string]any
	}
	json.Unmarshal([]byte(out), &a)
	if a.Question != "What did Trump warn Iran about?" || !a.Answered || len(a.Passages) != 2 {
		t.Fatalf("answer = %+v", a)
	}
	var pkeys []string
	for k := range a.Passages[0] {
		pkeys = append(pkeys, k)
	}
	slices.Sort(pkeys)
	want := []string{"article", "attribution", "cite", "outlet", "paragraph", "published", "quote", "rank", "score", "section", "text", "title", "url"}
	if !slices.Equal(pkeys, want) {
		t.Errorf("passage keys = %v; want %v", pkeys, want)
	}
	p := a.Passages[0]
	if p["rank"] != 1.0 || !strings.Contains(p["text"].(string), p["quote"].(string)) {
		t.Errorf("first passage = %v", p)
	}

	_, out, _ = parley(t, "", "ask", "--json", "What did Japan say about the roadmap?")
	if want := `{"question":"What did Japan say about the roadmap?","answered":false,"note":"The coverage doesn't mention Japan.","as_of":"June 23, 2026","passages":[]}` + "\n"; out != want {
		t.Errorf("not-covered JSON = %s; want %s", out, want)
	}
}

func TestAskBatch(t *testing.T) {
	stdin := "What did Trump warn Iran about?\n\nWhat did Japan say about the roadmap?\n" + strings.Repeat("x", 600) + "\n\x01\x02\nWhat did Omani official say?\n"
	code, out, errOut := parley(t, stdin, "ask", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines; want one per question:\n%s", len(lines), out)
	}
	for i, want := range []string{`"answered":true`, `"answered":false`, `"error":"question longer than 500 characters"`,
		`"error":"empty question"`, `"answered":true`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %s; want %s", i+1, lines[i], want)
		}
	}
	if code != 1 || !strings.Contains(errOut, "2 question(s) could not be asked") {
		t.Errorf("exit %d, stderr %q; want 1 and a count of failed questions", code, errOut)
	}

	// Text mode from a pipe: answers one after another.
	code, out, _ = parley(t, "What did Trump warn Iran about?\nWhat did Japan say about the roadmap?\n", "ask")
	if code != 0 || !strings.Contains(out, "> ") || !strings.Contains(out, "The coverage doesn't mention Japan.") {
		t.Errorf("text batch: exit %d\n%s", code, out)
	}
}

// typist is standard input with a person at a terminal.
type typist struct{ *strings.Reader }

func (typist) IsTerminal() bool { return true }

func TestAskInteractive(t *testing.T) {
	var out, errOut bytes.Buffer
	in := typist{strings.NewReader("What did Trump warn Iran about?\n\nWhat did Japan say about the roadmap?\nquit\nnever asked\n")}
	if err := run(context.Background(), []string{"ask"}, in, &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	got, prompts := out.String(), errOut.String()
	if !strings.HasPrefix(prompts, "Ask about the US–Iran talks") || strings.Count(prompts, "\n? ") != 4 ||
		!strings.Contains(got, "result in consequences") || !strings.Contains(got, "The coverage doesn't mention Japan.") ||
		strings.Contains(got, "? ") {
		t.Errorf("interactive session: stdout\n%s\nstderr\n%s", got, prompts)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, 2, "parley: no command given"},
		{"unknown command", []string{"answer"}, 2, `parley: unknown command "answer"`},
		{"empty question", []string{"ask", "  "}, 2, "parley: empty question"},
		{"long question", []string{"ask", strings.Repeat("why ", 200)}, 2, "parley: question longer than 500 characters"},
		{"bad k", []string{"ask", "--k", "0", "q"}, 2, "parley: --k must be between 1 and 10"},
		{"bad flag", []string{"ask", "--nope", "q"}, 2, "flag provided but not defined: -nope"},
		{"missing corpus", []string{"ask", "--corpus", "testdata/nowhere", "q"}, 1, "parley: corpus: stat testdata/nowhere: no such file or directory"},
		{"corpus is a file", []string{"sources", "--corpus", "testdata/questions.jsonl"}, 1, "parley: corpus: testdata/questions.jsonl is not a folder"},
		{"bad corpus", []string{"sources", "--corpus", "testdata/badcorpus"}, 1,
			"parley: corpus testdata/badcorpus: 2 problems: three.md:4: article has no text after its front matter; two.md:1: front matter: missing title"},
		{"eval without file", []string{"eval"}, 2, "parley: usage: parley eval"},
		{"eval missing file", []string{"eval", "testdata/none.jsonl"}, 1, "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := parley(t, "", tt.args...)
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			last := lines[len(lines)-1]
			if code != tt.code || !strings.Contains(last, tt.stderr) {
				t.Errorf("parley %q: exit %d, last stderr line %q; want %d, %q", tt.args, code, last, tt.code, tt.stderr)
			}
		})
	}
}

func TestCorpusFromEnvironment(t *testing.T) {
	t.Setenv("PARLEY_CORPUS", "testdata/badcorpus")
	if code, _, errOut := parley(t, "", "sources"); code != 1 || !strings.Contains(errOut, "testdata/badcorpus") {
		t.Errorf("PARLEY_CORPUS ignored: exit %d, %q", code, errOut)
	}
	// The flag wins over the environment.
	dir := t.TempDir()
	data, _ := os.ReadFile("testdata/badcorpus/one.md")
	os.WriteFile(filepath.Join(dir, "one.md"), data, 0o644)
	code, out, errOut := parley(t, "", "sources", "--corpus", dir)
	if code != 0 || !strings.Contains(out, "one") || !strings.Contains(out, "Fine") {
		t.Errorf("sources --corpus: exit %d, %q, %q", code, out, errOut)
	}
}

func TestSources(t *testing.T) {
	code, out, _ := parley(t, "", "sources")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	golden(t, "sources", out)
	_, out, _ = parley(t, "", "sources", "--json")
	var s []struct {
		Article, Title string
		Passages       int
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || len(s) != 4 || s[0].Passages == 0 {
		t.Errorf("sources --json = %v, %v", s, err)
	}
}

func TestEval(t *testing.T) {
	code, out, errOut := parley(t, "", "eval", "testdata/questions.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Hit@1       1.000", "answered    1/1", "refused     1/1", "missed      none"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = parley(t, "", "eval", "--json", "testdata/questions.jsonl")
	var r struct {
		Hit1    float64 `json:"hit_at_1"`
		Refused int     `json:"refused"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Hit1 != 1 || r.Refused != 1 {
		t.Errorf("eval --json = %s (%v)", out, err)
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := parley(t, "", "help")
	if code != 0 || !strings.Contains(out, "parley ask") {
		t.Errorf("help: exit %d, %q", code, out)
	}
	if code, _, _ := parley(t, "", "ask", "-h"); code != 0 {
		t.Errorf("ask -h: exit %d; want 0", code)
	}
}

// BenchmarkProcessAsk measures `parley ask` as a whole process with the
// built-in corpus: start-up, corpus parsing, index build, one answer.
func BenchmarkProcessAsk(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "parley")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for b.Loop() {
		cmd := exec.Command(bin, "ask", "What did Trump warn Iran about?")
		cmd.Dir = b.TempDir()
		cmd.Env = append(os.Environ(), "PARLEY_CORPUS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("parley ask: %v\n%s", err, out)
		}
	}
}

func TestGapsAndTimeline(t *testing.T) {
	t.Setenv("PARLEY_DATA", t.TempDir())
	code, out, _ := parley(t, "", "gaps")
	if code != 0 || !strings.Contains(out, "No 👎 votes") {
		t.Errorf("gaps with nothing recorded: exit %d, %q", code, out)
	}
	if code, _, errOut := parley(t, "", "gaps", "-n", "0"); code != 2 || !strings.Contains(errOut, "-n") {
		t.Errorf("gaps -n 0: exit %d, %q; want a usage error", code, errOut)
	}
	code, out, errOut := parley(t, "", "timeline", "Saudi", "defense", "minister", "meeting")
	if code != 0 || !strings.HasPrefix(out, "April 17, 2025\n> ") || !strings.Contains(out, "Coverage as of June 23, 2026") {
		t.Errorf("timeline: exit %d, %q, %q", code, out, errOut)
	}
	code, out, _ = parley(t, "", "timeline", "--json")
	var tl struct {
		Events []struct{ Date, Published string }
	}
	if err := json.Unmarshal([]byte(out), &tl); err != nil || code != 0 || len(tl.Events) < 5 || tl.Events[0].Date != "1979" {
		t.Errorf("timeline --json: exit %d, %v, %+v", code, err, tl)
	}
	code, out, _ = parley(t, "", "ask", "--cite", "What did the Omani official say?")
	if code != 0 || !strings.HasPrefix(out, "“Further reinforcing this cautious optimism, Al Busaidi") || !strings.Contains(out, "” — Iran-US Talks: Navigating The Complex Path To Diplomacy, undated\n") {
		t.Errorf("ask --cite: exit %d, %q", code, out)
	}
	if code, _, errOut := parley(t, "", "ask", "sanctions outlet:Reuters"); code != 2 || !strings.Contains(errOut, "outlets: Euractiv") {
		t.Errorf("ask with an unknown outlet: exit %d, %q", code, errOut)
	}
}
