package slack

import (
	"fmt"
	"strings"

	"github.com/parley-newsroom/parley/bot"
)

// timelineTopic reports whether text asks for the timeline ("timeline",
// "timeline sanctions since:2025") and returns what follows the word.
func timelineTopic(text string) (string, bool) {
	word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	if !strings.EqualFold(strings.TrimRight(word, ":"), "timeline") {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// renderTimeline turns a timeline into a message: its heading and what its
// filters searched, then each event oldest first, its date above the
// sentence quoted and its citation below, as many as Slack's limits allow
// and a line saying how many more there are, then how current the coverage
// is. A /talks timeline has the button to share it.
func renderTimeline(tl bot.Timeline, o renderOptions) message {
	m := &builder{message: message{Text: shorten(printable(tl.Title()), maxFallback)}}
	m.used = len(m.Text)
	m.head(o.question)
	title := "*" + shorten(oneLine(tl.Title()), maxTitle) + "*"
	m.add(sectionBlock("title", title), title)
	m.scope(tl.Scope)
	if len(tl.Events) == 0 {
		t := shorten(printable(tl.Note), maxNote)
		m.add(sectionBlock("note", t), t)
	}
	foot := m.footer(tl.Footer())
	buttons := m.buttons(o.question, renderOptions{share: o.share, id: o.id}, false, false)
	tail := 1 + len(foot) + len(buttons)
	for i, ev := range tl.Events {
		text := quoteText(ev.Quote)
		cite := citation(ev.Quote.Citation)
		date := "*" + shorten(oneLine(ev.Date), maxDetail) + "*\n"
		room := min(maxSection, maxTotal-m.used-len(cite)-moreRoom) - len(date)
		if room < minQuote || len(m.Blocks)+2 > maxBlocks-tail {
			t := escape(bot.MoreEvents(len(tl.Events) - i))
			m.add(contextBlock("more", t), t)
			break
		}
		q := date + blockQuote(text, room)
		m.add(sectionBlock(fmt.Sprintf("event-%d", i+1), q), q)
		m.add(contextBlock(fmt.Sprintf("cite-%d", i+1), cite), cite)
	}
	m.Blocks = append(append(m.Blocks, foot...), buttons...)
	return m.message
}

// renderCopy returns the copy-ready line of each quote (bot.Quote.CopyLine:
// “<quote>” — <Headline>, <Outlet>, <date>), each a plain paragraph of its
// own, so that a reader selects one and pastes it as prose, curly quotes
// and ellipses as the coverage writes them. A code block would paste as
// code into some editors. A line longer than a section has its quote cut.
func renderCopy(quotes []bot.Quote) message {
	m := &builder{}
	for i, q := range quotes {
		line := copyLine(q, maxSection)
		if m.used+len(line) > maxTotal-moreRoom || len(m.Blocks)+1 > maxBlocks-1 {
			t := escape(bot.MoreQuotes(len(quotes) - i))
			m.add(contextBlock("more", t), t)
			break
		}
		m.add(sectionBlock(fmt.Sprintf("copy-%d", i+1), line), line)
	}
	m.Text = shorten(printable(quotes[0].CopyLine()), maxFallback)
	return m.message
}

// copyLine returns q's copy-ready line escaped, in at most limit bytes: a
// longer one has its quote cut, not its citation, unless the citation
// alone leaves no room.
func copyLine(q bot.Quote, limit int) string {
	line := escape(oneLine(q.CopyLine()))
	if len(line) <= limit {
		return line
	}
	whole := oneLine(strings.Join(q.Fragments, " "+bot.Ellipsis+" "))
	q.Fragments = nil
	rest := len(escape(oneLine(q.CopyLine())))
	if rest+minQuote > limit {
		// A citation too long to leave room for the quote.
		return shorten(oneLine(q.CopyLine()), limit)
	}
	q.Fragments = []string{cut(whole, limit-rest, escapedLen)}
	return escape(oneLine(q.CopyLine()))
}
