package main

import (
	"fmt"
	"strings"

	"github.com/parley-newsroom/parley/bot"
)

// renderText renders an answer for a terminal: each quote as a block quote
// followed by its citation; the note first when the coverage does not
// answer.
func renderText(a bot.Answer) string {
	var b strings.Builder
	if !a.Answered {
		b.WriteString(a.Note + "\n")
		if len(a.Passages) > 0 {
			b.WriteString("\nClosest passages, which may not answer the question:\n")
		}
	}
	for i, p := range a.Passages {
		if i > 0 || !a.Answered {
			b.WriteString("\n")
		}
		for line := range strings.SplitSeq(p.QuoteText(), "\n") {
			b.WriteString("> " + line + "\n")
		}
		b.WriteString("  — " + citation(p.Citation) + "\n")
	}
	return b.String()
}

// citation renders where a passage comes from on one line.
func citation(c bot.Citation) string {
	parts := []string{c.Title}
	for _, s := range []string{c.Outlet, c.Date} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if c.Section != "" {
		parts = append(parts, "“"+c.Section+"”")
	}
	parts = append(parts, fmt.Sprintf("¶%d", c.Paragraph))
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	return strings.Join(parts, " · ")
}
