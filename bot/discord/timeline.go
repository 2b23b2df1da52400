package discord

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/bot"
)

// maxEventQuote bounds one event's quoted sentence in a timeline, so that
// a long sentence does not crowd out the events after it.
const maxEventQuote = 600

// renderTimeline renders a timeline as an embed: its heading as the title,
// what its filters searched, then each event oldest first, its date in
// bold above the sentence quoted and the sentence's citation below, as
// many as Discord's limits allow and a line saying how many more there
// are, and how current the coverage is in the footer.
func renderTimeline(tl bot.Timeline) message {
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: colorAnswered,
		Title: fit(tl.Title(), maxTitle), Footer: footer(0, 0, 0, tl.Footer())}
	budget := min(maxDescription, maxEmbeds-length(e.Title))
	if e.Footer != nil {
		budget -= length(e.Footer.Text)
	}
	var blocks []string
	if scope := printable(tl.Scope); strings.TrimSpace(scope) != "" {
		blocks = append(blocks, "*"+fit(scope, maxNote)+"*")
	}
	if len(tl.Events) == 0 {
		e.Color = colorClosest
		blocks = append(blocks, fit(tl.Note, maxNote))
	}
	used := length(strings.Join(blocks, "\n\n"))
	for i, ev := range tl.Events {
		b := event(ev)
		more := bot.MoreEvents(len(tl.Events) - i - 1)
		if i == len(tl.Events)-1 {
			more = ""
		}
		if used+len("\n\n")+length(b)+len("\n\n")+length(more) > budget {
			blocks = append(blocks, escape(bot.MoreEvents(len(tl.Events)-i)))
			break
		}
		blocks = append(blocks, b)
		used += len("\n\n") + length(b)
	}
	e.Description = strings.Join(blocks, "\n\n")
	return message{embeds: []*discordgo.MessageEmbed{e}}
}

// event renders one event of a timeline: its date in bold, the sentence as
// a block quote, and the sentence's citation.
func event(ev bot.Event) string {
	c := ev.Quote.Citation
	raw := printable(strings.Join(ev.Quote.Fragments, " "+bot.Ellipsis+" "))
	parts := []string{headline(c.Headline(), c.URL, maxDetail)}
	for _, d := range c.Details() {
		parts = append(parts, fit(d, maxDetail))
	}
	return "**" + fit(ev.Date, maxDetail) + "**\n" +
		shorten(raw, maxEventQuote, quoteBlock, sentenceCuts, wordCuts, runeCuts) + "\n" +
		strings.Join(parts, " · ")
}

// renderCopy returns the copy-ready line of each quote (bot.Quote.CopyLine:
// “<quote>” — <Headline>, <Outlet>, <date>), each a paragraph of its own,
// as many as a message holds, and how many more there are. The lines are
// plain text, escaped so that they show as written (a selection copies
// what shows), rather than a code block, which would paste as code into
// some editors.
func renderCopy(quotes []bot.Quote) message {
	var lines []string
	used := 0
	for i, q := range quotes {
		line := copyLine(q, maxContent-moreRoom)
		if used+length(line)+len("\n\n") > maxContent-moreRoom {
			lines = append(lines, escape(bot.MoreQuotes(len(quotes)-i)))
			break
		}
		lines = append(lines, line)
		used += length(line) + len("\n\n")
	}
	if len(lines) == 0 {
		return notice(bot.NothingToCopy)
	}
	return message{content: strings.Join(lines, "\n\n")}
}

// moreRoom is kept in a copy message for the line saying how many more
// quotes there are.
const moreRoom = 40

// copyLine returns q's copy-ready line escaped, at most limit long: a
// longer one has its quote cut, not its citation, unless the citation
// alone leaves no room.
func copyLine(q bot.Quote, limit int) string {
	line := strings.Join(strings.Fields(printable(q.CopyLine())), " ")
	if out := escape(line); length(out) <= limit {
		return out
	}
	raw := strings.Join(strings.Fields(printable(strings.Join(q.Fragments, " "+bot.Ellipsis+" "))), " ")
	render := func(quote string) string {
		q.Fragments = []string{quote}
		return escape(q.CopyLine())
	}
	if out := shorten(raw, limit, render, sentenceCuts, wordCuts, runeCuts); out != "" {
		return out
	}
	return fit(line, limit)
}
