package discord

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func indent(t testing.TB, v any) []byte {
	t.Helper()
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// The golden files hold the JSON Parley sends: the body of the edit that
// puts an answer in, or of the response that lists the sources.
func TestRenderGolden(t *testing.T) {
	edit := func(a bot.Answer, more string) any {
		a.AsOf = "June 23, 2026"
		m, _ := renderAnswer(page{answer: a, more: more})
		return m.edit()
	}
	tests := []struct {
		name string
		body any
	}{
		{"answered", edit(answered(), "GOLDENID")},
		{"closest", edit(closest(), "")},
		{"not_covered", edit(notCovered(), "GOLDENID")},
		{"hostile", edit(hostile(), "")},
		{"sources", renderSources(testSources, "June 23, 2026").response(false)},
		{"newsroom", edit(newsroom(), "GOLDENID")},
		{"timeline", renderTimeline(timeline()).edit()},
		{"timeline_empty", renderTimeline(bot.Timeline{Topic: "Japan", Note: "The coverage states no dates about that.", AsOf: "June 23, 2026"}).edit()},
		{"copy", renderCopy(newsroom().Quotes).response(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := indent(t, tt.body)
			checkMessage(t, got)
			bottest.Golden(t, filepath.Join("testdata", tt.name+".golden"), got, *update)
		})
	}
}

// wireMessage is a message as Discord reads it, from an edit or from the
// data of an interaction response.
type wireMessage struct {
	Content string `json:"content"`
	Embeds  []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Fields      []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"fields"`
		Footer *struct {
			Text string `json:"text"`
		} `json:"footer"`
	} `json:"embeds"`
	Components []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
		} `json:"components"`
	} `json:"components"`
	AllowedMentions *struct {
		Parse *[]string `json:"parse"`
	} `json:"allowed_mentions"`
	Flags int `json:"flags"`
}

// decodeMessage reads an edit, or the data of an interaction response.
func decodeMessage(t testing.TB, body []byte) wireMessage {
	t.Helper()
	var resp struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if resp.Type != 0 {
		body = resp.Data
	}
	var m wireMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return m
}

var (
	labelLine = regexp.MustCompile(`(?m)^\*\*\[(\d+)\]\*\*(?: · \*.*\*)?$`)
	fieldName = regexp.MustCompile(`^\[(\d+)\]$`)
	massPing  = regexp.MustCompile(`(?i)@(everyone|here)`)
)

// checkMessage checks a message body against Discord's limits and
// Parley's promises: valid UTF-8, allowed mentions "parse":[], every quote
// numbered with a citation field of the same number, and nothing that
// could render as a mention.
func checkMessage(t testing.TB, body []byte) wireMessage {
	t.Helper()
	if !utf8.Valid(body) {
		t.Fatalf("message is not valid UTF-8: %q", body)
	}
	m := decodeMessage(t, body)
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(*m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions is not {\"parse\":[]} in %s", body)
	}
	if !bytes.Contains(body, []byte(`"parse":[]`)) && !bytes.Contains(body, []byte(`"parse": []`)) {
		t.Errorf(`no "parse":[] in %s`, body)
	}
	limit := func(what, s string, n int) {
		t.Helper()
		if l := length(s); l > n {
			t.Errorf("%s is %d long; Discord's limit is %d", what, l, n)
		}
	}
	rendered := func(what, s string) {
		t.Helper()
		for _, loc := range massPing.FindAllStringIndex(s, -1) {
			t.Errorf("%s holds %q, which looks like a mention", what, s[loc[0]:loc[1]])
		}
		if what == "footer" {
			return // plain text: Discord renders neither markdown nor mentions there
		}
		for i := range len(s) {
			if s[i] == '<' && (i == 0 || s[i-1] != '\\') {
				t.Errorf("%s holds an unescaped '<' at %d: %q", what, i, s)
				break
			}
		}
	}
	limit("content", m.Content, maxContent)
	rendered("content", m.Content)
	total := 0
	for _, e := range m.Embeds {
		limit("title", e.Title, maxTitle)
		limit("description", e.Description, maxDescription)
		rendered("title", e.Title)
		rendered("description", e.Description)
		total += length(e.Title) + length(e.Description)
		if len(e.Fields) > maxFields {
			t.Errorf("%d fields; Discord's limit is %d", len(e.Fields), maxFields)
		}
		var numbered []string
		for _, f := range e.Fields {
			if f.Name == "" || f.Value == "" {
				t.Errorf("empty field %+v", f)
			}
			limit("field name", f.Name, maxFieldName)
			limit("field value", f.Value, maxFieldValue)
			rendered("field value", f.Value)
			total += length(f.Name) + length(f.Value)
			if sub := fieldName.FindStringSubmatch(f.Name); sub != nil {
				numbered = append(numbered, sub[1])
			}
		}
		if e.Footer != nil {
			limit("footer", e.Footer.Text, maxFooter)
			rendered("footer", e.Footer.Text)
			total += length(e.Footer.Text)
		}
		var quoted []string
		for _, sub := range labelLine.FindAllStringSubmatch(e.Description, -1) {
			quoted = append(quoted, sub[1])
		}
		if !slices.Equal(quoted, numbered) {
			t.Errorf("quotes %v but citation fields %v", quoted, numbered)
		}
	}
	limit("embeds", strings.Repeat("x", total), maxEmbeds)
	if len(m.Components) > 5 {
		t.Errorf("%d action rows; Discord's limit is 5", len(m.Components))
	}
	for _, row := range m.Components {
		if len(row.Components) > 5 {
			t.Errorf("%d buttons in a row; Discord's limit is 5", len(row.Components))
		}
		for _, c := range row.Components {
			limit("custom_id", c.CustomID, maxCustomID)
		}
	}
	return m
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words, 3.67%", "plain words, 3.67%"},
		{"**bold** _it_ ~~s~~ `c` ||sp||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|sp\|\|`},
		{"[x](http://evil)", `\[x\]\(http://evil\)`},
		{"<@456> <@&123> <#789>", `\<@456\> \<@&123\> \<\#789\>`},
		{"@everyone @here @Everyone", "@\u200beveryone @\u200bhere @\u200bEveryone"},
		{`\*not italic\*`, `\\\*not italic\\\*`},
		{"# Heading", `\# Heading`},
		{"- item", `\- item`},
		{"  + item", `  \+ item`},
		{"1. first", `1\. first`},
		{"2026. A year", `2026\. A year`},
		{"a - b", "a - b"},
		{"line\n- item\n> quote", "line\n\\- item\n\\> quote"},
		{"in 1. place", "in 1. place"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	plain := func(s string) string { return s }
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"Short.", 10, "Short."},
		{"One sentence. Two sentences. Three.", 30, "One sentence. Two sentences. …"},
		{"One sentence. Two sentences. Three.", 20, "One sentence. …"},
		{"A sentence far longer than the limit allows", 20, "A sentence far …"},
		{"Fragment one … fragment two is longer", 20, "Fragment one …"},
		{"“Quoted.” Next one.", 14, "“Quoted.” …"},
		{"Zeichenkettenüberlänge", 10, "Zeichenk …"},
		{"ab", 1, "…"},
		{"ab", 0, ""},
	}
	for _, tt := range tests {
		got := shorten(tt.in, tt.limit, plain, sentenceCuts, wordCuts, runeCuts)
		if got != tt.want || length(got) > tt.limit {
			t.Errorf("shorten(%q, %d) = %q; want %q", tt.in, tt.limit, got, tt.want)
		}
	}
	// Escapes are never split: the cut is made before escaping.
	got := fit(strings.Repeat("*", 100), 11)
	if got != `\*\*\*\* …` {
		t.Errorf("fit(100 stars, 11) = %q", got)
	}
}

// A long answer pages through "More sources" three passages at a time,
// each page's button pointing past the passages it shows.
func TestRenderPages(t *testing.T) {
	a := many(bot.MaxPassages)
	a.AsOf = "June 23, 2026"
	var got []string
	for from := 0; from < len(a.Quotes); {
		m, shown := renderAnswer(page{answer: a, from: from, more: "ID"})
		w := checkMessage(t, indent(t, m.edit()))
		var buttons []string
		for _, c := range w.Components[0].Components {
			buttons = append(buttons, c.CustomID)
		}
		got = append(got, w.Embeds[0].Footer.Text+" | "+strings.Join(buttons, " "))
		if shown == 0 {
			t.Fatalf("page from %d shows nothing", from)
		}
		from += shown
	}
	want := []string{
		"Passages 1–3 of 10 · Coverage as of June 23, 2026 | more:ID:3 copy:ID:0:3 up:ID:0:3 down:ID:0:3",
		"Passages 4–6 of 10 · Coverage as of June 23, 2026 | more:ID:6 copy:ID:3:3 up:ID:3:3 down:ID:3:3",
		"Passages 7–9 of 10 · Coverage as of June 23, 2026 | more:ID:9 copy:ID:6:3 up:ID:6:3 down:ID:6:3",
		"Passage 10 of 10 · Coverage as of June 23, 2026 | copy:ID:9:1 up:ID:9:1 down:ID:9:1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

// Three quotes too long to share a message: the page shows fewer, whole
// enough to read, and the next page starts after them.
func TestRenderLongPassagesPaged(t *testing.T) {
	a := many(4)
	for i := range a.Quotes {
		a.Quotes[i].Fragments = []string{strings.Repeat("A long sentence about the talks in Muscat. ", 100)}
	}
	m, shown := renderAnswer(page{answer: a, more: "ID"})
	w := checkMessage(t, indent(t, m.edit()))
	if shown < 1 || shown > perPage {
		t.Fatalf("shown = %d", shown)
	}
	if got, want := w.Components[0].Components[0].CustomID, moreID("ID", shown); got != want {
		t.Errorf("button = %q; want %q", got, want)
	}
	if !strings.Contains(w.Embeds[0].Description, "Muscat. …") {
		t.Errorf("quote not cut at a sentence boundary: %q", w.Embeds[0].Description)
	}
}

func FuzzRender(f *testing.F) {
	h := hostile()
	f.Add(h.Question, "", h.Quotes[0].Fragments[0], h.Quotes[0].Citation.Title, "## sec", "<@&1>", "https://example.com/a_(b)", true, uint8(3), uint8(0))
	// Seeds stay short: the fuzzer grows them, and minimising a long
	// interesting input takes minutes.
	f.Add("q", "The coverage doesn't mention @everyone.", h.Quotes[1].Fragments[0][:300], "t", "", "", "", false, uint8(9), uint8(2))
	f.Add("", "", "", "", "", "", "", false, uint8(0), uint8(0))
	f.Add("ü\xff\x00", "\n\n", "a\n\n- b\n1. c", "[", "]", ")", "http://x/)", true, uint8(255), uint8(255))
	f.Fuzz(func(t *testing.T, question, note, quote, title, section, outlet, u string, answered bool, n, from uint8) {
		a := bot.Answer{Question: question, Answered: answered, Note: note}
		for i := range int(n) % (bot.MaxPassages + 1) {
			frags := []string{quote}
			if i%2 == 1 {
				frags = append(frags, section+quote)
			}
			a.Quotes = append(a.Quotes, bot.Quote{
				Rank:      i + 1,
				Fragments: frags,
				Passage:   quote,
				Citation:  bot.Citation{Title: title, Outlet: outlet, Date: note, Section: section, Paragraph: i, URL: u},
			})
		}
		start := 0
		if len(a.Quotes) > 0 {
			start = int(from) % len(a.Quotes)
		}
		a.AsOf, a.Scope = outlet, note
		if len(a.Quotes) > 1 {
			a.Quotes[1].Earlier = title
		}
		m, shown := renderAnswer(page{answer: a, from: start, more: "ID"})
		if rest := len(a.Quotes) - start; shown < min(rest, 1) || shown > min(rest, perPage) {
			t.Fatalf("shows %d of %d passages", shown, rest)
		}
		checkMessage(t, indent(t, m.edit()))
		checkMessage(t, indent(t, m.response(true)))
		tl := bot.Timeline{Topic: title, Scope: note, AsOf: outlet, Note: note}
		for i, q := range a.Quotes {
			for range 3 {
				tl.Events = append(tl.Events, bot.Event{Date: section, Quote: q})
			}
			a.Quotes[i].Citation.Attribution = outlet
		}
		checkMessage(t, indent(t, renderTimeline(tl).edit()))
		checkMessage(t, indent(t, renderCopy(a.Quotes).response(true)))
		checkMessage(t, indent(t, renderSources([]bot.Article{{Title: title, Outlet: outlet, Date: section, URL: u}}, note).response(false)))
	})
}
