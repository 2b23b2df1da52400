package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Answers as the bot gives them, with the coverage's own text.
var (
	answered = bot.Answer{
		Question: "What did Trump warn Iran about?",
		Answered: true,
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments outlined in the roadmap would result in consequences."},
				Citation: bot.Citation{Article: "unexpected-alliance", Title: "The Unexpected Alliance: How Washington and Tehran Found Common Ground",
					Published: "2026-06-23", Date: "June 23, 2026", Section: "Trump’s Warning: Consequences for Non-Compliance", Paragraph: 16,
					URL: "https://news.example.com/2026/06/23/unexpected-alliance?ref=parley&src=slack"}},
			{Rank: 2, Fragments: []string{"The backdrop against which these diplomatic efforts unfold is the United States' \"maximum pressure\" campaign against Iran, initiated by former US President Donald Trump.",
				"President Donald Trump presided over a national security meeting about Iran with top aides at the White House on Friday, underscoring the high-level focus and strategic intent behind this approach."},
				Citation: bot.Citation{Article: "iran-us-talks-complex-path", Title: "Iran-US Talks: Navigating The Complex Path To Diplomacy",
					Section: "Unpacking the 'Maximum Pressure' Campaign", Paragraph: 9}},
			{Rank: 3, Fragments: []string{"Issue | Iran’s Position | US Position\nSanctions | Immediate lifting upon agreement | Phased removal tied to compliance"},
				Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions",
					Outlet: "Euractiv", Section: "Key Issues on the Table and Sticking Points in Negotiations", Paragraph: 14}},
		},
	}
	notCovered = bot.Answer{
		Question: "What happened in the second round?",
		Note:     "The coverage doesn't mention the second round.",
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"High-level talks, held discreetly in neutral locations, focus primarily on reviving the 2015 nuclear agreement framework, which had unraveled under previous U.S. administrations."},
				Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions",
					Outlet: "Euractiv", Section: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions", Paragraph: 2}},
			{Rank: 2, Fragments: []string{"Several key indicators will signal whether the process is genuinely advancing:\nFollow-up rounds of talks. The speed and regularity of subsequent negotiations will indicate both sides’ commitment to the process."},
				Citation: bot.Citation{Article: "how-peace-happens", Title: "This Is How Peace Happens: The Framework Behind the US-Iran Breakthrough",
					Published: "2026-06", Date: "June 2026", Section: "What Comes Next: The Path from Roadmap to Final Deal", Paragraph: 36}},
		},
	}
	hostile = bot.Answer{
		Question: "<!channel> what & why @here <@U123>",
		Answered: true,
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"Officials told <!channel> and <!here> that @everyone, @channel and <@U123> & <#C0GENERAL|general> should read <https://evil.example/|this> > now; &amp; stays &amp;."},
				Citation: bot.Citation{Article: "hostile", Title: "Tom & Jerry <b>Report</b> <!everyone>", Outlet: "<@U999|boss>",
					Date: "June 23, 2026", Section: "Q&A: <#C1> > more", Paragraph: 3, URL: "javascript:alert(1)"}},
			{Rank: 2, Fragments: []string{long5000()},
				Citation: bot.Citation{Article: "long", Title: "A Very Long Passage", Paragraph: 7,
					URL: "https://example.com/a?x=1&y=2|<!here>"}},
			{Rank: 3, Fragments: []string{"Diplomats in Muscat said the talks — «مذاکرات» — would resume. 🇮🇷🇺🇸"},
				Citation: bot.Citation{Article: "pipe", Title: "Pipes | and > arrows", Paragraph: 1, URL: "https://example.com/pipe|x?a=1&b=2"}},
		},
	}
)

// newsroom is an answer with what issue 11 added: the filters' scope, an
// older quote labelled as such, whom a quote attributes its words to, and
// the coverage's date.
var newsroom = bot.Answer{
	Question: "What did Trump warn Iran about? since:2025",
	Answered: true,
	Scope:    "Searched coverage since January 1, 2025",
	AsOf:     "June 23, 2026",
	Quotes: []bot.Quote{
		{Rank: 1, Fragments: []string{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments outlined in the roadmap would result in consequences."},
			Citation: bot.Citation{Article: "unexpected-alliance", Title: "The Unexpected Alliance: How Washington and Tehran Found Common Ground",
				Published: "2026-06-23", Date: "June 23, 2026", Section: "Trump’s Warning: Consequences for Non-Compliance", Paragraph: 16,
				URL: "https://news.example.com/2026/06/23/unexpected-alliance", Attribution: "President Trump"}},
		{Rank: 2, Fragments: []string{"Al Busaidi, an Omani official, stated that the talks were “constructive” & would continue.", "No date was set."},
			Earlier: "earlier coverage, May 2025",
			Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions",
				Outlet: "Euractiv", Published: "2025-05", Date: "May 2025", Paragraph: 4, Attribution: "Al Busaidi, an Omani official"}},
	},
}

// timeline is a timeline as the bot gives it.
var timeline = bot.Timeline{
	Topic: "sanctions",
	Scope: "Searched coverage from Euractiv",
	AsOf:  "June 23, 2026",
	Events: []bot.Event{
		{Date: "2018", Published: "2018", Quote: bot.Quote{Rank: 1, Fragments: []string{"In 2018 the United States withdrew from the agreement & reimposed sanctions."},
			Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions", Outlet: "Euractiv", Paragraph: 3}}},
		{Date: "April 17, 2025", Published: "2025-04-17", Quote: bot.Quote{Rank: 2, Fragments: []string{"On Thursday, April 17, 2025, the delegations met in Tehran <for> a first round."},
			Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions", Outlet: "Euractiv", Paragraph: 5, Attribution: "BBC"}}},
	},
}

// long5000 returns a 5,000-character passage of whole sentences, with an
// entity-prone character near where it must be cut.
func long5000() string {
	var b strings.Builder
	for i := 0; b.Len() < 5000; i++ {
		fmt.Fprintf(&b, "Sentence %d of the talks’ record notes that R&D on centrifuges <continued> at Natanz. ", i+1)
	}
	return strings.TrimSpace(b.String()[:5000])
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		a    bot.Answer
		o    renderOptions
	}{
		{"answered", answered, renderOptions{}},
		{"not_covered", notCovered, renderOptions{}},
		{"hostile", hostile, renderOptions{question: hostile.Question, share: true}},
		{"private", answered, renderOptions{question: answered.Question, share: true}},
		{"not_covered_no_passages", bot.Answer{Question: "What did Japan say?", Note: "The coverage doesn't mention Japan."}, renderOptions{id: "GOLDENID"}},
		{"newsroom", newsroom, renderOptions{id: "GOLDENID"}},
		{"newsroom_private", newsroom, renderOptions{question: newsroom.Question, share: true, id: "GOLDENID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := render(tt.a, tt.o)
			checkRender(t, tt.a, tt.o, m)
			compareGolden(t, tt.name, m)
		})
	}
	t.Run("help", func(t *testing.T) { compareGolden(t, "help", helpMessage()) })
	t.Run("timeline", func(t *testing.T) { compareGolden(t, "timeline", renderTimeline(timeline, renderOptions{})) })
	t.Run("timeline_private", func(t *testing.T) {
		compareGolden(t, "timeline_private", renderTimeline(timeline, renderOptions{question: "timeline sanctions", share: true}))
	})
	t.Run("timeline_empty", func(t *testing.T) {
		compareGolden(t, "timeline_empty", renderTimeline(bot.Timeline{Topic: "Japan", Note: "The coverage states no dates about that.", AsOf: "June 23, 2026"}, renderOptions{}))
	})
	t.Run("copy", func(t *testing.T) { compareGolden(t, "copy", renderCopy(newsroom.Quotes)) })
}

func compareGolden(t *testing.T, name string, m message) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "text: %s\n\nblocks:\n", m.Text)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m.Blocks); err != nil {
		t.Fatal(err)
	}
	// slack-go marshals context elements with json.Marshal, which escapes
	// <, > and & as \u003c, \u003e and \u0026; undo that for the reader.
	got := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(b.String())
	bottest.Golden(t, filepath.Join("testdata", name+".golden"), []byte(got), *update)
}

func TestRenderHostile(t *testing.T) {
	m := render(hostile, renderOptions{question: hostile.Question, share: true})
	var all strings.Builder
	all.WriteString(m.Text)
	for _, b := range m.Blocks {
		for _, tx := range texts(b) {
			all.WriteString("\n" + tx)
		}
	}
	out := all.String()
	for _, bad := range []string{"<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C0GENERAL", "<https://evil", "javascript:", "<b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered reply holds %q", bad)
		}
	}
	// The 5,000-character passage is cut at a sentence, keeps its citation,
	// and the entities near the cut are whole.
	q := bottest.BlockText(decode(t, m), "quote-2")
	if !strings.HasSuffix(q, "at Natanz. …") {
		t.Errorf("long quote ends %q; want a cut after a sentence", q[max(0, len(q)-40):])
	}
	if c := bottest.BlockText(decode(t, m), "cite-2"); !strings.HasPrefix(c, "<https://example.com/a?x=1&amp;y=2%7C&lt;!here&gt;|A Very Long Passage>") &&
		!strings.HasPrefix(c, "A Very Long Passage") {
		t.Errorf("cite-2 = %q", c)
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  string
	}{
		{"Short.", 100, "Short."},
		{"One sentence. Two sentences here.", 20, "One sentence. …"},
		{"One sentence here. Two words", 26, "One sentence here. …"},
		{"alpha beta gamma delta", 15, "alpha beta …"},
		{"abcdefghij", 7, "abc …"},
		{"R&D <x>", 11, "R&D …"}, // "R&amp;D …" is 11 bytes
		{"R&D <x>", 10, "R& …"},  // "R&amp; …": the entity whole
		{"R&D <x>", 9, "R …"},
		{"ééééé", 8, "éé …"},
		{"🇮🇷🇺🇸", 9, "🇮 …"},
		{"abc", 2, ""},
		{"abcdef", 3, "…"},
		{"List intro:\nItem one. And more words here", 30, "List intro:\nItem one. …"},
		{"List intro:\nItem one and more words here", 30, "List intro:\nItem one and …"},
		{"Intro:\nan item with more words here", 12, "Intro: …"},
	}
	for _, tt := range tests {
		got := cut(tt.s, tt.limit, escapedLen)
		if got != tt.want {
			t.Errorf("cut(%q, %d) = %q; want %q", tt.s, tt.limit, got, tt.want)
		}
		if n := len(escape(got)); n > tt.limit {
			t.Errorf("cut(%q, %d) is %d bytes escaped", tt.s, tt.limit, n)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2", true},
		{"http://example.com/x|y", "http://example.com/x%7Cy", true},
		{"HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM", true},
		{"javascript:alert(1)", "", false},
		{"https://example.com/<!here>", "", false},
		{"https://example.com/a b", "", false},
		{"https:///path", "", false},
		{"mailto:a@example.com", "", false},
		{"", "", false},
		{"https://" + strings.Repeat("a", maxURL), "", false},
	}
	for _, tt := range tests {
		got, ok := linkTarget(tt.raw)
		if got != tt.want || ok != tt.ok {
			t.Errorf("linkTarget(%q) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add(true, uint8(3), "", "President Trump issued a warning.\x00Consequences follow.", "The Unexpected Alliance", "Trump’s Warning", "https://example.com/a?b=1&c=2", "What did Trump warn Iran about?", 16)
	f.Add(false, uint8(2), "The coverage doesn't mention Japan.", "Intro:\nItem one.", "Headline", "", "", "Japan?", 1)
	f.Add(true, uint8(12), "", long5000(), "Tom & Jerry <!everyone>", "<#C1|x>", "https://x.example/|<!here>", "<!channel> @everyone &amp;", 0)
	f.Add(true, uint8(1), "", "\xff\xfe<@U123>\x01", "\xed\xa0\x80", "\n\n", "javascript:x", "", -3)
	f.Add(false, uint8(10), strings.Repeat("Note & <note>. ", 300), strings.Repeat("é&<>", 2000), strings.Repeat("T&", 400), strings.Repeat("S>", 400), "http://"+strings.Repeat("u&", 600), strings.Repeat("q", 3000), 5)
	f.Fuzz(func(t *testing.T, isAnswered bool, n uint8, note, quote, title, section, link, question string, para int) {
		a := bot.Answer{Question: question, Answered: isAnswered, Note: note, Scope: note, AsOf: section}
		tl := bot.Timeline{Topic: question, Scope: note, AsOf: section, Note: note}
		for i := range int(n % 13) {
			frags := strings.Split(strings.Repeat(quote, i%3+1), "\x00")
			q := bot.Quote{
				Rank: i + 1, Fragments: frags, Passage: quote,
				Citation: bot.Citation{Article: fmt.Sprint("a", i), Title: title, Outlet: section, Date: "June 23, 2026",
					Section: section, Paragraph: para + i, URL: link, Attribution: title},
			}
			if i%2 == 1 {
				q.Earlier = title
			}
			a.Quotes = append(a.Quotes, q)
			for range 3 {
				tl.Events = append(tl.Events, bot.Event{Date: section, Quote: q})
			}
		}
		for _, o := range []renderOptions{{}, {question: question, share: true, id: "FUZZID"}} {
			checkRender(t, a, o, render(a, o))
			checkLimits(t, renderTimeline(tl, o))
		}
		if len(a.Quotes) > 0 {
			checkLimits(t, renderCopy(a.Quotes))
		}
	})
}

// checkRender checks what must hold of every rendered answer: Slack's
// limits, valid UTF-8, no live markup but Parley's own headline links,
// every quote shown followed by its citation, and the closest passages
// labelled as such.
func checkRender(t *testing.T, a bot.Answer, o renderOptions, m message) {
	t.Helper()
	if len(m.Blocks) == 0 || len(m.Blocks) > maxBlocks {
		t.Fatalf("%d blocks; want 1 to %d", len(m.Blocks), maxBlocks)
	}
	if m.Text == "" && len(m.Blocks) == 0 {
		t.Fatal("empty message")
	}
	if len(m.Text) > maxFallback {
		t.Errorf("fallback text is %d bytes; want at most %d", len(m.Text), maxFallback)
	}
	checkText(t, "fallback", m.Text, nil)

	var shown []bot.Quote
	for _, p := range a.Quotes {
		if quoteText(p) != "" {
			shown = append(shown, p)
		}
	}
	total := len(m.Text)
	ids := map[string]bool{}
	quotes := 0
	for i, b := range m.Blocks {
		id := b.ID()
		if ids[id] {
			t.Errorf("block ID %q used twice", id)
		}
		ids[id] = true
		for _, tx := range texts(b) {
			total += len(tx)
			if len(tx) > maxSection {
				t.Errorf("block %s: text of %d bytes; want at most %d", id, len(tx), maxSection)
			}
		}
		switch {
		case strings.HasPrefix(id, "quote-"):
			quotes++
			if id != fmt.Sprintf("quote-%d", quotes) {
				t.Fatalf("block %d is %s; want quote-%d", i, id, quotes)
			}
			tx := texts(b)[0]
			if p := shown[quotes-1]; p.Earlier != "" {
				label := earlier(p)
				if !strings.HasPrefix(tx, label) {
					t.Errorf("quote %q lacks its label %q", tx, label)
				}
				tx = strings.TrimPrefix(tx, label)
			}
			for line := range strings.SplitSeq(tx, "\n") {
				if !strings.HasPrefix(line, "> ") {
					t.Errorf("quote line %q is not a block quote", line)
				}
			}
			checkText(t, id, tx, nil)
			// The citation follows its quote.
			if i+1 >= len(m.Blocks) || m.Blocks[i+1].ID() != fmt.Sprintf("cite-%d", quotes) {
				t.Fatalf("quote-%d is not followed by its citation", quotes)
			}
			p := shown[quotes-1]
			cite := texts(m.Blocks[i+1])[0]
			checkText(t, "cite", cite, &p.Citation)
			if head := escape(firstRunes(headline(p.Citation), 20)); !strings.Contains(cite, head) {
				t.Errorf("citation %q lacks the headline %q", cite, head)
			}
			if p.Citation.Paragraph > 0 && !strings.HasSuffix(cite, fmt.Sprintf("¶%d", p.Citation.Paragraph)) {
				t.Errorf("citation %q lacks ¶%d", cite, p.Citation.Paragraph)
			}
		case strings.HasPrefix(id, "cite-"):
		case id == "actions" || strings.HasPrefix(id, answerBlock):
			for _, el := range b.(*slackgo.ActionBlock).Elements.ElementSet {
				btn := el.(*slackgo.ButtonBlockElement)
				switch btn.ActionID {
				case shareAction:
					if btn.Value != printable(a.Question) || len(btn.Value) > maxValue || !o.share {
						t.Errorf("button value %q for question %q (share %v)", btn.Value, a.Question, o.share)
					}
				case copyAction, upAction, downAction:
					if btn.Value != o.id || id != answerBlock+o.id {
						t.Errorf("%s button value %q in block %q; want the answer's ID %q", btn.ActionID, btn.Value, id, o.id)
					}
				default:
					t.Errorf("unknown button %q", btn.ActionID)
				}
				total += len(btn.Value) + len(btn.Text.Text)
			}
		default:
			for _, tx := range texts(b) {
				checkText(t, id, tx, nil)
			}
		}
	}
	if total > maxTotal {
		t.Errorf("message holds %d bytes of text; want at most %d", total, maxTotal)
	}
	if len(shown) > 0 && quotes == 0 {
		t.Error("no quote shown")
	}
	if !(a.Answered && len(shown) > 0) && len(shown) > 0 && !ids["closest"] {
		t.Error("closest passages not labelled as such")
	}
	if !(a.Answered && len(shown) > 0) && !ids["note"] {
		t.Error("not answered, but no note")
	}
}

// checkLimits checks Slack's limits and that no text holds live markup
// but a citation's headline link.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if len(m.Blocks) == 0 || len(m.Blocks) > maxBlocks || len(m.Text) > maxFallback {
		t.Fatalf("%d blocks, fallback of %d bytes", len(m.Blocks), len(m.Text))
	}
	checkText(t, "fallback", m.Text, nil)
	total := len(m.Text)
	for _, b := range m.Blocks {
		for _, tx := range texts(b) {
			total += len(tx)
			if len(tx) > maxSection {
				t.Errorf("block %s: text of %d bytes", b.ID(), len(tx))
			}
			if !strings.HasPrefix(b.ID(), "cite-") {
				checkText(t, b.ID(), strings.ReplaceAll(tx, "\n> ", "\n"), nil)
			}
		}
	}
	if total > maxTotal {
		t.Errorf("message holds %d bytes of text; want at most %d", total, maxTotal)
	}
}

// checkText checks that text is valid UTF-8 with every "&" starting an
// entity and no "<" or ">" but a quote's leading "> " and, in a citation, the
// headline link to c's URL.
func checkText(t *testing.T, where, text string, c *bot.Citation) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("%s: invalid UTF-8 %q", where, text)
	}
	if c != nil {
		if u, ok := linkTarget(c.URL); ok {
			prefix := "<" + u + "|"
			if !strings.HasPrefix(text, prefix) {
				t.Errorf("%s: %q does not start with the link %q", where, text, prefix)
			} else {
				rest := text[len(prefix):]
				end := strings.IndexByte(rest, '>')
				if end < 0 {
					t.Fatalf("%s: unterminated link in %q", where, text)
				}
				text = rest[:end] + rest[end+1:]
			}
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimPrefix(line, "> ")
		if strings.ContainsAny(line, "<>") {
			t.Errorf("%s: raw markup in %q", where, line)
		}
		for i := strings.IndexByte(line, '&'); i >= 0; i = strings.IndexByte(line, '&') {
			rest := line[i:]
			if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
				t.Errorf("%s: unescaped & in %q", where, line)
				break
			}
			line = rest[1:]
		}
	}
}

// texts returns the text objects' texts in a block.
func texts(b slackgo.Block) []string {
	switch b := b.(type) {
	case *slackgo.SectionBlock:
		return []string{b.Text.Text}
	case *slackgo.ContextBlock:
		var out []string
		for _, e := range b.ContextElements.Elements {
			out = append(out, e.(*slackgo.TextBlockObject).Text)
		}
		return out
	}
	return nil
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// decode returns m's blocks as Slack receives them.
func decode(t *testing.T, m message) []map[string]any {
	t.Helper()
	data, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
