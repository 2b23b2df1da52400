package main

import (
	"strings"

	"github.com/parley-newsroom/parley/bot"
)

// renderText renders an answer for a terminal: each quote as a block quote
// followed by its citation; the note first when the coverage does not
// answer.
func renderText(a bot.Answer) string {
	var b strings.Builder
	if a.Scope != "" {
		b.WriteString(a.Scope + ".\n\n")
	}
	note, closest := a.Lead()
	if note != "" {
		b.WriteString(note + "\n")
	}
	if closest != "" {
		b.WriteString("\n" + closest + "\n")
	}
	for i, q := range a.Quotes {
		if i > 0 || note != "" {
			b.WriteString("\n")
		}
		for line := range strings.SplitSeq(joinFragments(q.Fragments), "\n") {
			b.WriteString("> " + line + "\n")
		}
		b.WriteString("  — " + citation(q.Citation) + "\n")
		if q.Earlier != "" {
			b.WriteString("  (" + q.Earlier + ")\n")
		}
	}
	if f := a.Footer(); f != "" {
		b.WriteString("\n" + f + "\n")
	}
	return b.String()
}

// joinFragments joins a quote's fragments, marking the text left out
// between them.
func joinFragments(fragments []string) string {
	return strings.Join(fragments, " "+bot.Ellipsis+" ")
}

// citation renders where a passage comes from on one line.
func citation(c bot.Citation) string {
	parts := append([]string{c.Headline()}, c.Details()...)
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	return strings.Join(parts, " · ")
}
