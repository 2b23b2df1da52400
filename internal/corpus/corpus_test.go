package corpus_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpusDir is the project's own corpus, which these tests read as files.
const corpusDir = "../../corpus"

func parser(t testing.TB) *corpus.Parser {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const goodFront = "---\ntitle: A headline\noutlet: Wire\npublished: 2026-06-23\nurl: https://example.com/a\nsource: seeds/x.txt\n---\n"

func TestParseErrors(t *testing.T) {
	p := parser(t)
	tests := []struct {
		name, file, data, want string
	}{
		{"no front matter", "a.md", "Just text.\n", "a.md:1: file must start with front matter"},
		{"unclosed front matter", "a.md", "---\ntitle: x\n\nBody.\n", `a.md:1: front matter has no closing "---" line`},
		{"bad yaml", "a.md", "---\ntitle: x\noutlet: y: z\n---\nBody.\n", "a.md:3: front matter: mapping values are not allowed"},
		{"tab in yaml", "a.md", "---\ntitle: x\n\tc: d\n---\nBody.\n", "a.md:3: front matter: found a tab character"},
		{"missing title", "a.md", "---\noutlet: Wire\n---\n\nBody.\n", "a.md:1: front matter: missing title"},
		{"empty title", "a.md", "---\ntitle: \"  \"\n---\n\nBody.\n", "a.md:1: front matter: missing title"},
		{"unknown field", "a.md", "---\ntitle: x\nauthor: y\n---\n\nBody.\n", `a.md:3: front matter: unknown field "author"`},
		{"field twice", "a.md", "---\ntitle: x\ntitle: y\n---\n\nBody.\n", `a.md:3: front matter: field "title" given twice`},
		{"list value", "a.md", "---\ntitle: x\noutlet:\n  - a\n---\n\nBody.\n", "a.md:4: front matter: outlet: want plain text"},
		{"bad date", "a.md", "---\ntitle: x\npublished: June 2026\n---\n\nBody.\n", `a.md:3: front matter: published: date "June 2026" is not YYYY-MM-DD`},
		{"bad url", "a.md", "---\ntitle: x\nurl: javascript:alert(1)\n---\n\nBody.\n", `a.md:3: front matter: url "javascript:alert(1)" is not an http(s) address`},
		{"empty body", "a.md", "---\ntitle: x\n---\n\n", "a.md:4: article has no text"},
		{"only a heading", "a.md", "---\ntitle: x\n---\n## Heading\n", "a.md:4: article has no text"},
		{"no slug", "---.md", goodFront + "Body.\n", "---.md: file name gives no slug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Parse(tt.file, []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Parse(%q) error = %v; want prefix %q", tt.data, err, tt.want)
			}
			var ce *corpus.Error
			if !errors.As(err, &ce) || ce.File != tt.file {
				t.Errorf("Parse error %#v is not a *corpus.Error naming %s", err, tt.file)
			}
		})
	}
}

func TestParseMetadata(t *testing.T) {
	a, err := parser(t).Parse("Iran Talks, Day 2.md", []byte(goodFront+"Body.\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%s", a.Slug, a.Title, a.Outlet, a.Published, a.URL, a.Source)
	want := "iran-talks-day-2|A headline|Wire|2026-06-23|https://example.com/a|seeds/x.txt"
	if got != want {
		t.Errorf("metadata = %q; want %q", got, want)
	}
	// Empty fields stay empty: nothing is invented.
	a, err = parser(t).Parse("b.md", []byte("---\ntitle: T\noutlet:\npublished:\nurl:\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Outlet != "" || !a.Published.IsZero() || a.URL != "" {
		t.Errorf("empty fields became %q %q %q", a.Outlet, a.Published, a.URL)
	}
}

func TestParsePassages(t *testing.T) {
	src := goodFront + `
Lead paragraph. It has two sentences.

## First section

Several things matter:

- One: the first thing. It has two sentences.
- Two: the second thing.

| Issue | Position |
|---|---|
| Sanctions | Lift them |

### A question?

An answer with *emphasis*, a [link](https://example.com) and ` + "`code`" + `.
`
	a, err := parser(t).Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Ord     int
		Kind    string
		Section string
		Text    string
		Sent    []string
		Lead    int
	}
	var got []row
	for _, p := range a.Passages {
		var sent []string
		for _, s := range p.Sentences {
			sent = append(sent, p.Text[s.Start:s.End])
		}
		got = append(got, row{p.Ordinal, p.Block.String(), p.Section, p.Text, sent, p.Lead})
	}
	want := []row{
		{1, "paragraph", "", "Lead paragraph. It has two sentences.", []string{"Lead paragraph.", "It has two sentences."}, 0},
		// The bare "Several things matter:" lives on in its items.
		{2, "item", "First section", "Several things matter:\nOne: the first thing. It has two sentences.",
			[]string{"Several things matter:", "One: the first thing.", "It has two sentences."}, 1},
		{3, "item", "First section", "Several things matter:\nTwo: the second thing.",
			[]string{"Several things matter:", "Two: the second thing."}, 1},
		{4, "row", "First section", "Issue | Position\nSanctions | Lift them", []string{"Issue | Position", "Sanctions | Lift them"}, 1},
		{5, "paragraph", "A question?", "An answer with emphasis, a link and code.", []string{"An answer with emphasis, a link and code."}, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	if h := a.Passages[4].Headings; !cmp.Equal(h, []string{"First section", "A question?"}) {
		t.Errorf("headings = %q", h)
	}
}

func TestParseDecodesMarkdown(t *testing.T) {
	src := goodFront + "AT&amp;T said 3.67\\% was \\*fine\\*, and voilà.\n\n> Quoted &#x263A; text.\n"
	a, err := parser(t).Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range a.Passages {
		for _, s := range p.Sentences {
			got = append(got, p.Text[s.Start:s.End])
		}
	}
	want := []string{"AT&T said 3.67% was *fine*, and voilà.", "Quoted ☺ text."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	plain, err := corpus.PlainText([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(strings.Fields(plain), " "), w) {
			t.Errorf("PlainText = %q; lacks %q", plain, w)
		}
	}
}

func TestSentencesKnowAbbreviations(t *testing.T) {
	s, err := corpus.NewSentenceSplitter()
	if err != nil {
		t.Fatal(err)
	}
	text := "Iran’s missile program remains a red line for the U.S., who calls for its curtailment. Gen. Mohammad Hossein Bagheri attended. It ended."
	var got []string
	for _, sp := range s.Split(text) {
		got = append(got, text[sp.Start:sp.End])
	}
	want := []string{
		"Iran’s missile program remains a red line for the U.S., who calls for its curtailment.",
		"Gen. Mohammad Hossein Bagheri attended.",
		"It ended.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Split (-want +got):\n%s", diff)
	}
}

func TestLoadReportsEveryBadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"good.md":       {Data: []byte(goodFront + "Body.\n")},
		"no-title.md":   {Data: []byte("---\noutlet: x\n---\nBody.\n")},
		"empty.md":      {Data: []byte(goodFront)},
		"notes.txt":     {Data: []byte("not an article")},
		"Iran Talks.md": {Data: []byte(goodFront + "Body.\n")},
		"iran-talks.md": {Data: []byte(goodFront + "Body.\n")},
	}
	c, err := corpus.Load(fsys)
	if c != nil || err == nil {
		t.Fatalf("Load = %v, %v; want an error", c, err)
	}
	for _, want := range []string{"no-title.md:1: front matter: missing title", "empty.md:8: article has no text", `iran-talks.md: duplicate slug "iran-talks" (also Iran Talks.md)`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load error %q does not report %q", err, want)
		}
	}
	if _, err := corpus.Load(fstest.MapFS{"x.txt": {}}); !errors.Is(err, corpus.ErrNoArticles) {
		t.Errorf("Load of a folder without articles = %v; want ErrNoArticles", err)
	}
}

// TestGolden pins the passages of every article in the corpus. Run with
// -update after changing an article or the parser, and read the diff.
func TestGolden(t *testing.T) {
	c, err := corpus.Load(os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles {
		t.Run(a.Slug, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "title: %s\noutlet: %s\npublished: %s\nurl: %s\nsource: %s\n", a.Title, a.Outlet, a.Published, a.URL, a.Source)
			for _, p := range a.Passages {
				fmt.Fprintf(&b, "\n#%d %s lead=%d section=%q\n", p.Ordinal, p.Block, p.Lead, p.Section)
				for _, s := range p.Sentences {
					fmt.Fprintf(&b, "  | %s\n", p.Text[s.Start:s.End])
				}
			}
			golden := filepath.Join("testdata", a.Slug+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("passages of %s differ from %s (-want +got):\n%s", a.File, golden, diff)
			}
		})
	}
}

// dropped lists, per article, the seed lines that are not the article and
// were left out of the corpus file: comment prompts, repeated titles, the
// table of contents, image captions, links to unrelated stories.
var dropped = map[string][]string{
	"unexpected-alliance": {
		"Leave a Reply",
		"Your email address will not be published. Required fields are marked *",
	},
	"how-peace-happens": {
		"This Is How Peace Happens: The Framework Behind the Breakthrough",   // page title; the headline follows
		"US and Iran diplomatic negotiations roadmap for peace deal in 2026", // image caption
		"Leave a Reply",
		"Your email address will not be published. Required fields are marked *",
	},
	"iran-us-talks-breakthrough": {
		"|---|---|", "|---|---|---|", // table rules, not text
	},
	"iran-us-talks-complex-path": {
		"Table of Contents",
		"- The Persistent Pursuit of Diplomacy: Iran and US Meetings",
		"- Rome: A Recurring Venue for Critical Negotiations",
		"- Unpacking the 'Maximum Pressure' Campaign",
		"- The Role of Regional Dynamics and External Actors",
		"- Historical Context: Why Talks Are So Crucial",
		"- The Path Forward: What Success in Iran-US Meetings Could Mean",
		"- Navigating the Future of US-Iran Diplomacy",
		"What are your thoughts on the future of US-Iran relations and the role of these ongoing diplomatic efforts? Share your insights in the comments below!",
		"- Nelly Carre%C3%B1o Age",
		"- Who Is Whitney Cummings Dating",
		"- Who Is Harry Jowsey Dating",
		"- Who Is Sanaa Lathan Married To",
		"- Kristin Chenoweth Relationship",
		"Iran Wants To Negotiate After Crippling Israeli Strikes | The Daily Caller",
		"Israel targets Iran's Defense Ministry headquarters as Tehran unleashes",
		"Israel’s Operation To Destroy Iran’s Nuclear Program Enters New Phase",
	},
}

// TestCorpusIsVerbatimFromSeeds checks each article file made from a seed
// (its source names one in ../shared/seeds) against it: every passage,
// heading and headline is the seed's text, and every line of the seed is
// in the article unless it is listed in dropped. Articles an editor added
// from elsewhere have no seed to check against.
func TestCorpusIsVerbatimFromSeeds(t *testing.T) {
	c, err := corpus.Load(os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	seeded := 0
	for _, a := range c.Articles {
		if !strings.HasPrefix(a.Source, "seeds/") {
			continue
		}
		seeded++
		t.Run(a.Slug, func(t *testing.T) {
			path := filepath.Join("../../../shared", a.Source)
			data, err := os.ReadFile(path)
			if err != nil {
				if os.Getenv("PARLEY_REQUIRE_SHARED") == "" && errors.Is(err, os.ErrNotExist) {
					t.Skipf("%s is missing; it sits beside the repository", path)
				}
				t.Fatal(err)
			}
			seed := collapse(string(data))
			var have []string // what the article holds, to account for seed lines
			check := func(what, s string) {
				if !strings.Contains(seed, collapse(s)) {
					t.Errorf("%s %q is not in %s", what, s, a.Source)
				}
				have = append(have, collapse(s))
			}
			check("headline", a.Title)
			for _, p := range a.Passages {
				for _, h := range p.Headings {
					check("heading", h)
				}
				for _, f := range corpus.Fragments(p.Text) {
					check("passage fragment", f)
				}
			}
			all := strings.Join(have, "\n")
			skip := map[string]bool{}
			for _, d := range dropped[a.Slug] {
				skip[d] = true
			}
			for line := range strings.SplitSeq(string(data), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || skip[line] {
					continue
				}
				// A seed line may be a bullet or a table row: compare its text.
				text := strings.TrimPrefix(strings.TrimPrefix(line, "• "), "- ")
				for cell := range strings.SplitSeq(strings.Trim(text, "| "), " | ") {
					if !strings.Contains(all, collapse(cell)) {
						t.Errorf("seed line %q is neither in %s nor listed as dropped", cell, a.File)
					}
				}
			}
		})
	}
	if seeded < 4 {
		t.Errorf("%d articles name a seed as their source; want the four seed articles", seeded)
	}
}

// FuzzParse: no input makes Parse panic; a parsed article is well formed,
// and a refusal names the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFront + "Body. Two.\n\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("---\ntitle: x\n---\n## h\n\n> quote\n\n```\ncode\n```\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("---\r\ntitle: x\r\n---\r\nWindows *line* endings.\r\n"))
	f.Add([]byte("no front matter"))
	f.Add([]byte("---\ntitle: \"Iran’s U.S. talks\"\npublished: 2026-06\n---\n\nAs of June 23, 2026, Gen. Bagheri said “no.” Several factors:\n\n- One: a.\n  - nested\n- Two\n"))
	p := parser(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := p.Parse("fuzz.md", data)
		if err != nil {
			var ce *corpus.Error
			if !errors.As(err, &ce) || ce.File != "fuzz.md" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		if a.Title == "" || len(a.Passages) == 0 {
			t.Fatalf("article without title or passages: %+v", a)
		}
		for i, p := range a.Passages {
			if p.Ordinal != i+1 || strings.TrimSpace(p.Text) == "" || p.Article != a {
				t.Fatalf("passage %d malformed: %+v", i, p)
			}
			if p.Lead > len(p.Sentences) || len(p.Sentences) == 0 {
				t.Fatalf("passage %d: lead %d of %d sentences", i, p.Lead, len(p.Sentences))
			}
			end := 0
			for _, s := range p.Sentences {
				if s.Start < end || s.End <= s.Start || s.End > len(p.Text) {
					t.Fatalf("passage %d: bad sentence span %+v in %q", i, s, p.Text)
				}
				if utf8.Valid(data) && !utf8.ValidString(p.Text[s.Start:s.End]) {
					t.Fatalf("passage %d: sentence %q cuts a character", i, p.Text[s.Start:s.End])
				}
				end = s.End
			}
		}
	})
}

// One Parser parses from several goroutines at once (Parley indexes an
// archive on every CPU) as it does from one: the race detector watches.
func TestParserIsSafeForConcurrentUse(t *testing.T) {
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	names, err := corpus.Files(os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	parse := func() []*corpus.Article {
		var out []*corpus.Article
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(corpusDir, n))
			if err != nil {
				t.Error(err)
				return nil
			}
			a, err := p.Parse(n, data)
			if err != nil {
				t.Error(err)
			}
			out = append(out, a)
		}
		return out
	}
	want := parse()
	got := make([][]*corpus.Article, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = parse() })
	}
	wg.Wait()
	for i := range got {
		if d := cmp.Diff(want, got[i]); d != "" {
			t.Errorf("goroutine %d parsed differently (-alone +together):\n%s", i, d)
		}
	}
}
