package archive

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/eval"
)

// builtIn returns a generator over the built-in corpus, and the parser.
func builtIn(t testing.TB) (*Generator, *corpus.Parser) {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Load(parley.Corpus())
	if err != nil {
		t.Fatal(err)
	}
	return New(c, p), p
}

// generate returns an archive of n passages.
func generate(t *testing.T, g *Generator, n int) *Archive {
	t.Helper()
	a, err := g.Generate(n)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// load writes files into a folder and loads it as a corpus, which checks
// every file and that no two share a slug.
func load(t *testing.T, p *corpus.Parser, files []File) *corpus.Corpus {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	c, err := p.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("the archive does not load: %v", err)
	}
	return c
}

func TestGenerate(t *testing.T) {
	g, p := builtIn(t)
	for _, n := range []int{1, 2, 7, 500} {
		c := load(t, p, generate(t, g, n).Files)
		if got := len(c.Passages()); got != n {
			t.Errorf("Generate(%d) has %d passages", n, got)
		}
	}
}

// TestFilesRealistic checks that an archive has what articles have: every
// kind of block, headings, and front matter that varies.
func TestGenerateRealistic(t *testing.T) {
	g, p := builtIn(t)
	c := load(t, p, generate(t, g, 2000).Files)
	blocks := map[corpus.Block]int{}
	var headed, outlets, dated, urls int
	for _, a := range c.Articles {
		for _, ps := range a.Passages {
			blocks[ps.Block]++
			if ps.Section != "" {
				headed++
			}
		}
		outlets += btoi(a.Outlet != "")
		dated += btoi(!a.Published.IsZero())
		urls += btoi(a.URL != "")
	}
	for _, b := range []corpus.Block{corpus.Paragraph, corpus.ListItem, corpus.TableRow} {
		if blocks[b] < 100 {
			t.Errorf("%d passages are of kind %s; want 100 or more of 2000", blocks[b], b)
		}
	}
	n := len(c.Articles)
	if headed < 1000 || outlets == 0 || outlets == n || dated == 0 || dated == n || urls == 0 || urls == n {
		t.Errorf("%d articles: %d passages under headings, %d with outlets, %d dated, %d with URLs; want a mix",
			n, headed, outlets, dated, urls)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDeterministic checks that the same size gives the same bytes, from
// a generator built afresh, and that a larger archive starts with a
// smaller one's articles.
func TestDeterministic(t *testing.T) {
	g1, _ := builtIn(t)
	g2, _ := builtIn(t)
	a, b := generate(t, g1, 800).Files, generate(t, g2, 800).Files
	if len(a) != len(b) {
		t.Fatalf("Generate(800) made %d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("Generate(800) differs at %s", a[i].Name)
		}
	}
	small := generate(t, g1, 300).Files
	for i := range small[:len(small)-1] {
		if small[i].Name != a[i].Name || !bytes.Equal(small[i].Data, a[i].Data) {
			t.Errorf("Generate(300) file %d = %s is not Generate(800)'s, %s", i, small[i].Name, a[i].Name)
		}
	}
}

func TestQuestions(t *testing.T) {
	g, _ := builtIn(t)
	c := generate(t, g, 1000).Corpus
	real := []eval.Item{
		{ID: "d01", Question: "What did the US and Iran agree on?", ExpectAny: []string{"agreed on a roadmap"}},
		{ID: "o01", Question: "How do I reset my password?", ExpectNone: true},
	}
	qs := g.Questions(c, real, 200)
	if len(qs) != 200 || qs[0].ID != "d01" || qs[1].ID != "o01" {
		t.Fatalf("Questions gave %d, starting %+v; want 200, the real ones first", len(qs), qs[:min(2, len(qs))])
	}
	var text strings.Builder
	for _, ps := range c.Passages() {
		text.WriteString(ps.Text + "\n")
	}
	var jsonl bytes.Buffer
	enc := json.NewEncoder(&jsonl)
	for _, q := range qs[2:] {
		if !strings.Contains(text.String(), q.ExpectAny[0]) {
			t.Errorf("question %s expects %q, which no passage holds", q.ID, q.ExpectAny[0])
		}
	}
	for _, q := range qs {
		if err := enc.Encode(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eval.Load(&jsonl); err != nil {
		t.Errorf("the questions do not load as a question set: %v", err)
	}
	if again := g.Questions(c, real, 200); again[150].Question != qs[150].Question {
		t.Errorf("Questions changed between calls: %q, then %q", qs[150].Question, again[150].Question)
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	files := []File{{Name: "a.md", Data: []byte("a")}, {Name: "b.md", Data: []byte("b")}}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "b.md"))
	if err != nil || string(got) != "b" {
		t.Errorf("b.md = %q, %v; want %q", got, err, "b")
	}
}
