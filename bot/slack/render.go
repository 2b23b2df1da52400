package slack

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/bot"
)

// Slack's limits on a message, and Parley's own. Slack states its limits in
// characters without saying which kind; text is measured here in bytes,
// which is never less than its count of runes or of UTF-16 units, so text
// within a limit in bytes is within it however Slack counts.
const (
	maxSection  = 3000  // Slack: a section's text
	maxBlocks   = 50    // Slack: blocks in a message
	maxValue    = 2000  // Slack: a button's value
	maxTotal    = 12000 // all the text of a message
	maxFallback = 300   // the notification text
	maxTitle    = 300
	maxDetail   = 300 // an outlet, a date, a section
	maxURL      = 1000
	maxQuestion = 600
	maxNote     = 1000
	minQuote    = 200 // a quote cut shorter is not worth showing
	moreRoom    = 64  // room kept for the "more passages" line
)

// The action IDs of the buttons under a reply.
const (
	shareAction = "share" // "Share in channel", under a /talks reply
	copyAction  = "copy"  // "Copy citation"
	upAction    = "up"    // 👍
	downAction  = "down"  // 👎
)

// answerBlock starts the block ID of the buttons under an answer Parley
// remembers; the answer's ID follows it.
const answerBlock = "answer:"

// message is a reply as Slack takes it: Block Kit blocks, and plain text
// for notifications and for clients that cannot show blocks.
type message struct {
	Text   string
	Blocks []slackgo.Block
	// shown are the quotes the blocks show, for the buttons under them;
	// they are not sent.
	shown []bot.Quote
}

type renderOptions struct {
	// question, when set, is shown above the answer, for replies that do
	// not sit under the question (/talks and shared answers).
	question string
	// share adds a "Share in channel" button that asks a.Question again.
	share bool
	// id, when set, names the answer in the adapter's memory of answers
	// shown, and adds the "Copy citation", 👍 and 👎 buttons that carry it
	// (a timeline's only names it for sharing).
	id string
}

// render turns an answer into a message: what the question's filters
// searched, the note when the coverage does not answer, then each quote as
// a block quote followed by its citation, how current the coverage is,
// and the buttons. Answers too long for Slack are cut at a sentence or
// passage boundary; a quote that is shown always keeps its citation.
//
// Every piece of text is escaped (see escape) and every text object is
// verbatim, so Slack neither auto-links URLs nor turns names into
// mentions: the only live markup is the headline links render builds.
func render(a bot.Answer, o renderOptions) message {
	answered := a.Answered && hasQuote(a.Quotes)
	m := &builder{message: message{Text: fallback(a, answered)}}
	m.used = len(m.Text)
	m.head(o.question)
	m.scope(a.Scope)
	if note, closest := lead(a, answered); note != "" {
		t := shorten(note, maxNote)
		m.add(sectionBlock("note", t), t)
		if closest != "" {
			t := "*" + closest + "*"
			m.add(sectionBlock("closest", t), t)
		}
	}
	foot := m.footer(a.Footer())
	buttons := m.buttons(a.Question, o, hasQuote(a.Quotes), true)
	m.quotes(a.Quotes, 1+len(foot)+len(buttons))
	m.Blocks = append(append(m.Blocks, foot...), buttons...)
	if len(m.shown) == 0 && len(buttons) > 0 {
		// Nothing shown to copy: drop the button.
		b := buttons[0].(*slackgo.ActionBlock)
		b.Elements.ElementSet = slices.DeleteFunc(b.Elements.ElementSet, func(e slackgo.BlockElement) bool {
			btn, ok := e.(*slackgo.ButtonBlockElement)
			return ok && btn.ActionID == copyAction
		})
	}
	return m.message
}

// builder is a message being rendered, and the text it holds so far.
type builder struct {
	message
	used int // bytes of text in the message
}

func (m *builder) add(b slackgo.Block, text string) {
	m.Blocks = append(m.Blocks, b)
	m.used += len(text)
}

// head adds the question, for a reply that does not sit under it.
func (m *builder) head(question string) {
	if q := printable(question); q != "" {
		t := "*Question:* " + shorten(q, maxQuestion)
		m.add(contextBlock("question", t), t)
	}
}

// scope adds what part of the coverage a question's filters searched.
func (m *builder) scope(scope string) {
	if s := printable(scope); strings.TrimSpace(s) != "" {
		t := "_" + shorten(oneLine(s), maxNote) + "_"
		m.add(contextBlock("scope", t), t)
	}
}

// footer returns the context block that ends a reply with how current the
// coverage is, counted in the message; none when nothing is dated.
func (m *builder) footer(text string) []slackgo.Block {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	t := shorten(oneLine(text), maxDetail)
	m.used += len(t)
	return []slackgo.Block{contextBlock("footer", t)}
}

// buttons returns the actions block under a reply, counted in the
// message: "Share in channel" when asked for, then, when votes is set and
// the answer has an ID, "Copy citation" (when it quotes), 👍 and 👎; none
// when it has no button.
func (m *builder) buttons(question string, o renderOptions, quotes, votes bool) []slackgo.Block {
	var els []slackgo.BlockElement
	button := func(action, label, value string) {
		els = append(els, slackgo.NewButtonBlockElement(action, value,
			slackgo.NewTextBlockObject(slackgo.PlainTextType, label, false, false)))
		m.used += len(label) + len(value)
	}
	if v := printable(question); o.share && v != "" && len(v) <= maxValue {
		button(shareAction, "Share in channel", v)
	}
	if o.id != "" && votes {
		if quotes {
			button(copyAction, bot.CopyLabel, o.id)
		}
		button(upAction, bot.UpLabel, o.id)
		button(downAction, bot.DownLabel, o.id)
	}
	if len(els) == 0 {
		return nil
	}
	id := "actions"
	if o.id != "" {
		id = answerBlock + o.id
	}
	return []slackgo.Block{slackgo.NewActionBlock(id, els...)}
}

// quotes adds each quote and its citation while they fit, keeping tail
// blocks free, then a line saying how many were left out.
func (m *builder) quotes(quotes []bot.Quote, tail int) {
	shown, left := 0, 0
	for _, p := range quotes {
		text := quoteText(p)
		if text == "" {
			continue
		}
		cite := citation(p.Citation)
		label := earlier(p)
		room := min(maxSection, maxTotal-m.used-len(cite)-moreRoom) - len(label)
		if left > 0 || room < minQuote || len(m.Blocks)+2 > maxBlocks-tail {
			left++
			continue
		}
		shown++
		q := label + blockQuote(text, room)
		m.add(sectionBlock(fmt.Sprintf("quote-%d", shown), q), q)
		m.add(contextBlock(fmt.Sprintf("cite-%d", shown), cite), cite)
		m.shown = append(m.shown, p)
	}
	if left > 0 {
		t := escape(bot.MoreQuotes(left))
		m.add(contextBlock("more", t), t)
	}
}

// earlier returns the line above a quote that says it is from older
// coverage ("_earlier coverage, May 2025_"), or "".
func earlier(p bot.Quote) string {
	if strings.TrimSpace(p.Earlier) == "" {
		return ""
	}
	return "_" + shorten(oneLine(p.Earlier), maxDetail) + "_\n"
}

// renderText returns a message of one short text, such as an apology.
func renderText(s string) message {
	return message{
		Text:   shorten(printable(s), maxFallback),
		Blocks: []slackgo.Block{sectionBlock("text", shorten(printable(s), maxSection))},
	}
}

// helpLines explain how to ask.
var helpLines = []string{
	"Ask me about the US–Iran talks and I'll answer with passages quoted word for word from the coverage, each with its source.",
	"In a channel, mention me with your question (`@Parley what did Trump warn Iran about?`) and I'll reply in the thread; in a direct message, just ask.",
	"`/talks your question` shows the answer only to you, with a button to share it in the channel.",
	"Narrow a question with `since:2025-06-01`, `before:2026`, `outlet:Euractiv` or `article:slug`; `timeline [topic]` lists the dated events the coverage reports.",
}

// helpMessage explains how to ask.
func helpMessage() message {
	return message{
		Text:   escape(helpLines[0]),
		Blocks: []slackgo.Block{sectionBlock("help", escape(strings.Join(helpLines, "\n")))},
	}
}

// fallback returns the notification text: the first quote and its headline,
// or the note.
func fallback(a bot.Answer, answered bool) string {
	if note, _ := lead(a, answered); note != "" {
		return shorten(note, maxFallback)
	}
	for _, p := range a.Quotes {
		text := quoteText(p)
		if text == "" {
			continue
		}
		title := shorten(headline(p.Citation), 100)
		q := shorten(strings.Join(strings.Fields(text), " "), maxFallback-len(title)-len("“” — "))
		return "“" + q + "” — " + title
	}
	return ""
}

// lead returns the core's note and closest-passages line (see
// bot.Answer.Lead) for an answer whose quotes render as none when
// answered is false.
func lead(a bot.Answer, answered bool) (note, closest string) {
	if !answered {
		a.Answered = false
	}
	if !hasQuote(a.Quotes) {
		a.Quotes = nil
	}
	note, closest = a.Lead()
	return printable(note), closest
}

// quoteText returns a passage's quote, or its text when it has none, as
// valid UTF-8 without control characters other than line breaks.
func quoteText(p bot.Quote) string {
	if t := strings.TrimSpace(printable(strings.Join(p.Fragments, " "+bot.Ellipsis+" "))); t != "" {
		return t
	}
	return strings.TrimSpace(printable(p.Passage))
}

func hasQuote(ps []bot.Quote) bool {
	for _, p := range ps {
		if quoteText(p) != "" {
			return true
		}
	}
	return false
}

// blockQuote renders a quote as mrkdwn block quote lines ("> …") of at
// most limit bytes. A quote's fragments may hold line breaks (a list's
// introducing sentence, then the item; a table's header, then the row);
// each line becomes a quoted line.
func blockQuote(text string, limit int) string {
	// Each line costs "> " more; the first one's is counted in limit.
	text = cut(text, limit-2, func(r rune) int {
		if r == '\n' {
			return 3
		}
		return escapedLen(r)
	})
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = "> " + escape(l)
	}
	return strings.Join(lines, "\n")
}

// citation renders where a passage comes from on one line: the headline,
// linked when its URL is known, then the details the core gives.
func citation(c bot.Citation) string {
	head := shorten(headline(c), maxTitle)
	if u, ok := linkTarget(c.URL); ok {
		head = "<" + u + "|" + head + ">"
	}
	parts := []string{head}
	for _, d := range c.Details() {
		parts = append(parts, shorten(oneLine(d), maxDetail))
	}
	return strings.Join(parts, " · ")
}

// headline returns the citation's headline on one line.
func headline(c bot.Citation) string { return oneLine(c.Headline()) }

// oneLine returns s printable, with every run of white space one space.
func oneLine(s string) string { return strings.Join(strings.Fields(printable(s)), " ") }

// linkTarget returns raw escaped for use as the target of a mrkdwn link
// (<target|label>), and whether it is an http(s) URL fit to be one.
func linkTarget(raw string) (string, bool) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || (!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https")) || rest == "" || rest[0] == '/' {
		return "", false
	}
	for _, r := range raw {
		// Anything that could end the link or the label early, or that a
		// URL never holds unencoded, disqualifies it.
		if r <= ' ' || r == '<' || r == '>' || r == '"' || r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) {
			return "", false
		}
	}
	u := strings.ReplaceAll(raw, "|", "%7C")
	u = strings.ReplaceAll(u, "&", "&amp;")
	if len(u) > maxURL {
		return "", false
	}
	return u, true
}

// sectionBlock and contextBlock make blocks of one mrkdwn text.
func sectionBlock(id, text string) *slackgo.SectionBlock {
	return &slackgo.SectionBlock{Type: slackgo.MBTSection, BlockID: id, Text: mrkdwn(text)}
}

func contextBlock(id, text string) *slackgo.ContextBlock {
	return slackgo.NewContextBlock(id, mrkdwn(text))
}

// mrkdwn returns a verbatim mrkdwn text object: Slack shows its formatting
// and the links it spells out, but does not auto-link URLs or turn names
// into mentions.
func mrkdwn(text string) *slackgo.TextBlockObject {
	return &slackgo.TextBlockObject{Type: slackgo.MarkdownType, Text: text, Verbatim: true}
}

// escaper escapes the three characters Slack treats as markup. With "<"
// escaped no special mention (<!channel>, <!here>, <!everyone>), user
// mention (<@U…>), channel link (<#C…>) or link can be spelt; "&" is
// escaped so that an entity in the text is shown as written.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escape(s string) string { return escaper.Replace(s) }

// escapedLen returns how many bytes r takes once escaped.
func escapedLen(r rune) int {
	switch r {
	case '&':
		return len("&amp;")
	case '<', '>':
		return len("&lt;")
	}
	return utf8.RuneLen(r)
}

// shorten returns s escaped, cut to at most limit bytes.
func shorten(s string, limit int) string {
	return escape(cut(s, limit, escapedLen))
}

// ellipsis marks where text was cut.
const ellipsis = " …"

// cut returns s when its cost, the sum of cost over its runes, is at most
// limit. Otherwise it returns the longest prefix of s that ends a sentence
// (or a line), else a word, else at a rune, and that with ellipsis appended
// costs at most limit; a prefix less than half as long as the longest that
// would fit is passed over for a shorter kind of boundary. Cutting text
// before it is escaped means a cut never falls inside an entity like &amp;,
// and cutting at runes never inside a character. s must be valid UTF-8.
func cut(s string, limit int, cost func(rune) int) string {
	total := 0
	for _, r := range s {
		total += cost(r)
	}
	if total <= limit {
		return s
	}
	budget := limit - len(ellipsis)
	if budget < 0 {
		if limit >= len("…") {
			return "…"
		}
		return ""
	}
	end, sentence, word, used := 0, 0, 0, 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if used += cost(r); used > budget {
			break
		}
		if unicode.IsSpace(r) {
			word = i
			if r == '\n' || endsSentence(s[:i]) {
				sentence = i
			}
		}
		i += n
		end = i
	}
	switch {
	case sentence >= end/2 && sentence > 0:
		end = sentence
	case word >= end/2 && word > 0:
		end = word
	}
	prefix := strings.TrimRightFunc(s[:end], unicode.IsSpace)
	if prefix == "" {
		return strings.TrimSpace(ellipsis)
	}
	return prefix + ellipsis
}

// endsSentence reports whether s ends with a sentence's final punctuation,
// perhaps followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')]”’»`)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// printable returns s as valid UTF-8 without control characters other
// than line breaks and tabs, which Slack may reject or show as boxes.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, badControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badControl(r) {
			return -1
		}
		return r
	}, s)
}

func badControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}
