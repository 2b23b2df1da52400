package discord

import (
	"fmt"
	"strings"

	"github.com/parley-newsroom/parley/bot"
)

// Answers shaped like the bot's, with text from the coverage.

var (
	alliance = bot.Citation{
		Article:   "unexpected-alliance",
		Title:     "The Unexpected Alliance: How Washington and Tehran Found Common Ground",
		Published: "2026-06-23",
		Date:      "June 23, 2026",
		URL:       "https://example.com/unexpected-alliance",
	}
	breakthrough = bot.Citation{
		Article: "iran-us-talks-breakthrough",
		Title:   "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions",
		Outlet:  "Euractiv",
	}
	peace = bot.Citation{
		Article:   "how-peace-happens",
		Title:     "This Is How Peace Happens: The Framework Behind the US-Iran Breakthrough",
		Published: "2026-06",
		Date:      "June 2026",
	}
)

func cite(c bot.Citation, section string, paragraph int) bot.Citation {
	c.Section, c.Paragraph = section, paragraph
	return c
}

// answered is an answer with four passages: one more than a page.
func answered() bot.Answer {
	return bot.Answer{
		Question: "What did Trump warn Iran about?",
		Answered: true,
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments outlined in the roadmap would result in consequences."},
				Citation: cite(alliance, "Trump’s Warning: Consequences for Non-Compliance", 16)},
			{Rank: 2, Fragments: []string{"President Trump has warned that failure to adhere to the roadmap would result in consequences. The United States has made clear that it expects full compliance and retains the willingness to respond if Iran deviates from the agreed terms."},
				Citation: cite(alliance, "What happens if Iran does not follow the roadmap?", 37)},
			{Rank: 3, Fragments: []string{"The campaign was not merely economic; it also included a significant military component, with President Trump even musing about conducting strikes on Tehran, a stark reminder of the ever-present threat of escalation."},
				Citation: cite(breakthrough, "Unpacking the 'Maximum Pressure' Campaign", 9)},
			{Rank: 4, Fragments: []string{"Among the key takeaways:\nDomestic political durability matters.", "An agreement that depends on a single administration’s continuation in office is inherently unstable."},
				Citation: cite(peace, "Lessons from the JCPOA", 30)},
		},
	}
}

// closest is a reply that does not answer, with the closest passages.
func closest() bot.Answer {
	return bot.Answer{
		Question: "How many centrifuges does Iran operate?",
		Note:     "The coverage doesn't give a figure for that.",
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"Topic | United States | Iran\nEnrichment | Zero enrichment on Iranian soil | Retain enrichment at 3.67%"},
				Citation: cite(peace, "Where the sides stand", 12)},
			{Rank: 2, Fragments: []string{"Iran has proposed capping uranium enrichment at 3.67 percent, the level set under the 2015 nuclear deal."},
				Citation: cite(breakthrough, "", 4)},
		},
	}
}

// notCovered is a reply that does not answer and has nothing close.
func notCovered() bot.Answer {
	return bot.Answer{Question: "What did Japan say about the roadmap?", Note: "The coverage doesn't mention Japan."}
}

// hostile carries text that must render literally and never ping.
func hostile() bot.Answer {
	long := strings.Repeat("The delegations met again in Muscat, and *nobody* said [anything](http://evil) about <@456>. ", 60)[:5000]
	return bot.Answer{
		Question: "What about @everyone, <@&123> and <@456>? **bold** [x](http://evil)",
		Answered: true,
		Quotes: []bot.Quote{
			{Rank: 1, Fragments: []string{"@here **bold** [x](http://evil) <@456> <#789> ~~gone~~ `code` ||spoiler|| > quoted\n# Heading\n- item\n1. first\n\\*not italic\\* _under_ @Everyone"},
				Citation: bot.Citation{Title: "[Breaking] @everyone *must* read", Outlet: "<@&123> Daily", Date: "June 23, 2026", Section: "## Section | with ~pipes~", Paragraph: 2, URL: "https://example.com/a_(b)?q=<x>"}},
			{Rank: 2, Fragments: []string{long}, Citation: cite(alliance, "The long one", 3)},
			{Rank: 3, Fragments: []string{"A third passage, short, after the long one."}, Citation: bot.Citation{Title: "No link", URL: "javascript:alert(1)", Paragraph: 7}},
		},
	}
}

// newsroom is an answer with what issue 11 added: the filters' scope, an
// older quote labelled as such and whom a quote attributes its words to.
func newsroom() bot.Answer {
	a := answered()
	a.Question = "What did Trump warn Iran about? since:2025"
	a.Scope = "Searched coverage since January 1, 2025"
	a.Quotes = a.Quotes[:2]
	a.Quotes[0].Citation.Attribution = "President Trump"
	a.Quotes[1] = bot.Quote{Rank: 2, Fragments: []string{"Al Busaidi, an Omani official, stated that the talks were “constructive” and would continue (no date was set)."},
		Earlier: "earlier coverage, May 2025",
		Citation: bot.Citation{Article: "iran-us-talks-breakthrough", Title: breakthrough.Title, Outlet: "Euractiv", Published: "2025-05", Date: "May 2025",
			Paragraph: 4, Attribution: "Al Busaidi, an Omani official"}}
	return a
}

// timeline is a timeline as the bot gives it.
func timeline() bot.Timeline {
	return bot.Timeline{
		Topic: "sanctions",
		Scope: "Searched coverage from Euractiv",
		AsOf:  "June 23, 2026",
		Events: []bot.Event{
			{Date: "2018", Published: "2018", Quote: bot.Quote{Rank: 1, Fragments: []string{"In 2018 the United States withdrew from the agreement and reimposed sanctions."},
				Citation: cite(breakthrough, "", 3)}},
			{Date: "April 17, 2025", Published: "2025-04-17", Quote: bot.Quote{Rank: 2, Fragments: []string{"On Thursday, April 17, 2025, the delegations met in Tehran for a first round."},
				Citation: bot.Citation{Title: breakthrough.Title, Outlet: "Euractiv", Paragraph: 5, Attribution: "BBC", URL: "https://example.com/breakthrough"}}},
		},
	}
}

// many is an answer with n passages.
func many(n int) bot.Answer {
	a := bot.Answer{Question: "What did the mediators say?", Answered: true}
	for i := range n {
		a.Quotes = append(a.Quotes, bot.Quote{
			Rank:      i + 1,
			Fragments: []string{fmt.Sprintf("Passage number %d says what the mediators said.", i+1)},
			Citation:  cite(alliance, "Mediators", 10+i),
		})
	}
	return a
}

var testSources = []bot.Article{
	{Article: "how-peace-happens", Title: "This Is How Peace Happens: The Framework Behind the US-Iran Breakthrough", Published: "2026-06", Date: "June 2026", Passages: 46},
	{Article: "iran-us-talks-breakthrough", Title: "Iran-US Talks Signal Possible Diplomatic Breakthrough Amid Tensions", Outlet: "Euractiv", Passages: 35, URL: "https://example.com/breakthrough"},
	{Article: "unexpected-alliance", Title: "The Unexpected Alliance: How Washington and Tehran Found Common Ground", Published: "2026-06-23", Date: "June 23, 2026", Passages: 39},
}
