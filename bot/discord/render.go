package discord

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/bot"
)

// Discord's limits on a message, checked before anything is sent.
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFields      = 25
	maxFooter      = 2048
	// maxEmbeds bounds the title, description, field names and values and
	// footer of all of a message's embeds together.
	maxEmbeds   = 6000
	maxChoices  = 25
	maxChoice   = 100
	maxCustomID = 100
)

const (
	// perPage is how many passages one message shows; "More sources"
	// shows the next ones.
	perPage = 3
	// minQuote is the shortest a shortened quote may be beside others: a
	// page shows fewer passages rather than quotes cut to a stub.
	minQuote = 200
	// maxNote bounds the one-sentence note of a reply that does not answer.
	maxNote = 1000
	// maxDetail bounds each detail of a citation: outlet, date, section.
	maxDetail = 300

	colorAnswered = 0x2b6cb0
	colorClosest  = 0x8a8f98
)

// message is one Discord message as Parley sends it: in an interaction
// response or in an edit of the response.
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
}

// noMentions allows no mention to ping. An empty, non-nil Parse is what
// serialises as "parse":[]; a nil one serialises as null.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// edit returns m as the body of an edit of an interaction's response. Every
// field is set, so an edit replaces all that the message showed before.
func (m message) edit() *discordgo.WebhookEdit {
	embeds := append([]*discordgo.MessageEmbed{}, m.embeds...)
	components := append([]discordgo.MessageComponent{}, m.components...)
	return &discordgo.WebhookEdit{
		Content:         &m.content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	}
}

// response returns m as an interaction response that posts it, visible
// only to the user who asked when private is set.
func (m message) response(private bool) *discordgo.InteractionResponse {
	data := &discordgo.InteractionResponseData{
		Content:         m.content,
		Embeds:          append([]*discordgo.MessageEmbed{}, m.embeds...),
		Components:      append([]discordgo.MessageComponent{}, m.components...),
		AllowedMentions: noMentions(),
	}
	if private {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// deferral acknowledges an interaction whose answer will be edited in.
func deferral(private bool) *discordgo.InteractionResponse {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if private {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: data}
}

// notice is a message of one sentence of Parley's own, such as an error.
func notice(text string) message {
	return message{content: shorten(printable(text), maxContent, defuse, wordCuts, runeCuts)}
}

// page is the part of an answer that one message shows.
type page struct {
	answer bot.Answer
	from   int    // index of the first passage shown
	more   string // the stored answer's id for the buttons; "" for none
}

// renderAnswer renders a page of an answer as an embed: the question as
// the title, what its filters searched and the quotes as block quotes in
// the description, one field per citation, and how current the coverage
// is in the footer; then the buttons: "More sources", "Copy citation", 👍
// and 👎. It reports how many passages it shows: up to perPage, fewer when
// their quotes would not fit Discord's limits even shortened. The next
// page starts after them.
func renderAnswer(p page) (message, int) {
	a := p.answer
	from := min(max(p.from, 0), len(a.Quotes))
	rest := a.Quotes[from:]

	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: colorAnswered}
	question := printable(a.Question)
	if strings.TrimSpace(question) == "" {
		question = "Your question"
	}
	e.Title = fit(question, maxTitle)

	var heads []string
	if scope := printable(a.Scope); strings.TrimSpace(scope) != "" {
		heads = append(heads, "*"+fit(scope, maxNote)+"*")
	}
	if note, closest := a.Lead(); note != "" {
		e.Color = colorClosest
		header := fit(note, maxNote)
		if closest != "" && len(rest) > 0 {
			header += "\n\n*" + escape(closest) + "*"
		}
		heads = append(heads, header)
	}

	n := min(perPage, len(rest))
	for !layout(e, strings.Join(heads, "\n\n"), rest[:n], from, len(a.Quotes), a.Footer(), n <= 1) {
		n--
	}

	m := message{embeds: []*discordgo.MessageEmbed{e}}
	if p.more != "" {
		m.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons(p.more, from, n, len(a.Quotes))}}
	}
	return m, n
}

// buttons returns the buttons under a page that shows n passages from
// index from of an answer of total, stored under id: "More sources" when
// more follow, "Copy citation" when it shows any, 👍 and 👎. Each names
// the page in its custom_id.
func buttons(id string, from, n, total int) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	add := func(label, customID string) {
		out = append(out, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: customID})
	}
	if next := from + n; next < total {
		add("More sources", moreID(id, next))
	}
	if n > 0 {
		add(bot.CopyLabel, pressID(copyPrefix, id, from, n))
	}
	add(bot.UpLabel, pressID(upPrefix, id, from, n))
	add(bot.DownLabel, pressID(downPrefix, id, from, n))
	return out
}

// layout fills e's description, fields and footer with passages ps, the
// first of which is number from+1 of total. It reports false, leaving e
// unfinished, when a quote would have to be cut shorter than minQuote,
// unless force is set.
func layout(e *discordgo.MessageEmbed, header string, ps []bot.Quote, from, total int, line string, force bool) bool {
	e.Fields = nil
	for i, p := range ps {
		e.Fields = append(e.Fields, citationField(from+i+1, p.Citation))
	}
	e.Footer = footer(from, len(ps), total, line)

	used := length(e.Title)
	if e.Footer != nil {
		used += length(e.Footer.Text)
	}
	for _, f := range e.Fields {
		used += length(f.Name) + length(f.Value)
	}
	budget := min(maxDescription, maxEmbeds-used)

	var blocks []string
	if header != "" {
		blocks = append(blocks, header)
		budget -= length(header) + len("\n\n")
	}
	quoted, ok := quotes(ps, from, budget, force)
	if !ok {
		return false
	}
	e.Description = strings.Join(append(blocks, quoted...), "\n\n")
	return true
}

// quotes lays out passages as numbered block quotes within budget, blank
// lines between them. Quotes that fit are whole; otherwise the longer ones
// share what is left fairly and are cut at a sentence boundary (or, for a
// sentence longer than its share, a word boundary). It reports false when
// a quote would be cut shorter than minQuote, unless force is set.
func quotes(ps []bot.Quote, from, budget int, force bool) ([]string, bool) {
	if len(ps) == 0 {
		return nil, true
	}
	labels := make([]string, len(ps))
	raws := make([]string, len(ps))
	want := make([]int, len(ps))
	room := budget - len("\n\n")*(len(ps)-1)
	for i, p := range ps {
		labels[i] = label(from + i + 1)
		if tag := printable(p.Earlier); strings.TrimSpace(tag) != "" {
			labels[i] += " · *" + fit(strings.Join(strings.Fields(tag), " "), maxDetail) + "*"
		}
		room -= length(labels[i]) + len("\n")
		raws[i] = printable(strings.Join(p.Fragments, " "+bot.Ellipsis+" "))
		if strings.TrimSpace(raws[i]) == "" {
			raws[i] = printable(p.Passage)
		}
		want[i] = length(quoteBlock(raws[i]))
	}
	got := share(want, room)
	blocks := make([]string, len(ps))
	for i := range ps {
		q := quoteBlock(raws[i])
		if got[i] < want[i] {
			if got[i] < minQuote && !force {
				return nil, false
			}
			q = shorten(raws[i], got[i], quoteBlock, sentenceCuts, wordCuts, runeCuts)
		}
		blocks[i] = labels[i] + "\n" + q
	}
	return blocks, true
}

// label numbers a quote; the citation field of the same number says where
// it comes from.
func label(n int) string { return fmt.Sprintf("**[%d]**", n) }

// quoteBlock renders raw text as a block quote, escaped line by line.
func quoteBlock(raw string) string {
	lines := strings.Split(raw, "\n")
	for i, line := range lines {
		lines[i] = "> " + escape(line)
	}
	return strings.Join(lines, "\n")
}

// share divides room among wants: each gets what it wants if that is no
// more than an even share of what the smaller wants left over.
func share(want []int, room int) []int {
	order := make([]int, len(want))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return want[a] - want[b] })
	got := make([]int, len(want))
	left := max(room, 0)
	for k, i := range order {
		got[i] = min(want[i], left/(len(want)-k))
		left -= got[i]
	}
	return got
}

// citationField says where quote number n comes from: the headline,
// linked when the article's address is known, then the details the core
// gives on a line of their own.
func citationField(n int, c bot.Citation) *discordgo.MessageEmbedField {
	var meta []string
	for _, d := range c.Details() {
		meta = append(meta, fit(d, maxDetail))
	}
	line := strings.Join(meta, " · ")
	value := headline(c.Headline(), c.URL, maxFieldValue-length(line)-1)
	if line != "" {
		value += "\n" + line
	}
	return &discordgo.MessageEmbedField{Name: fmt.Sprintf("[%d]", n), Value: value}
}

// headline renders an article's headline in at most room characters, as
// a link when u is an http(s) address and the link fits.
func headline(title, u string, room int) string {
	title = printable(title)
	if link := linkURL(u); link != "" {
		whole := escape(title)
		text := fit(title, room-length(link)-len("[]()"))
		if text == whole || length(text) >= 40 {
			return "[" + text + "](" + link + ")"
		}
	}
	return fit(title, room)
}

// footer says which passages a page shows, when there is more than one
// page, and then line, how current the coverage is (bot.Answer.Footer).
func footer(from, shown, total int, line string) *discordgo.MessageEmbedFooter {
	var parts []string
	switch {
	case from == 0 && shown == total:
	case shown == 1:
		parts = append(parts, fmt.Sprintf("Passage %d of %d", from+1, total))
	default:
		parts = append(parts, fmt.Sprintf("Passages %d–%d of %d", from+1, from+shown, total))
	}
	if line = shorten(printable(line), 200, defuse, wordCuts, runeCuts); strings.TrimSpace(line) != "" {
		parts = append(parts, line)
	}
	if len(parts) == 0 {
		return nil
	}
	return &discordgo.MessageEmbedFooter{Text: strings.Join(parts, " · ")}
}

// renderSources lists the articles of the coverage with their outlets and
// dates, as many as fit.
func renderSources(sources []bot.Article, asOf string) message {
	e := &discordgo.MessageEmbed{
		Type:   discordgo.EmbedTypeRich,
		Title:  "The coverage Parley answers from",
		Color:  colorAnswered,
		Footer: footer(0, 0, 0, bot.Answer{AsOf: asOf}.Footer()),
	}
	if len(sources) == 0 {
		e.Description = "No articles are loaded."
		return message{embeds: []*discordgo.MessageEmbed{e}}
	}
	var lines []string
	used := 0
	for i, s := range sources {
		meta := []string{}
		if s.Outlet != "" {
			meta = append(meta, fit(s.Outlet, maxDetail))
		}
		meta = append(meta, fit(cmp.Or(s.When(), "undated"), maxDetail))
		line := "- " + headline(s.Headline(), s.URL, 600) + " — " + strings.Join(meta, " · ")
		// Keep room to say how many articles did not fit.
		rest := fmt.Sprintf("…and %d more.", len(sources)-i)
		if used+length(line)+1+length(rest) > maxDescription {
			lines = append(lines, rest)
			break
		}
		lines = append(lines, line)
		used += length(line) + 1
	}
	e.Description = strings.Join(lines, "\n")
	return message{embeds: []*discordgo.MessageEmbed{e}}
}
