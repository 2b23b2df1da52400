package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parley-newsroom/parley/bot"
)

func runTimeline(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("timeline", stderr)
	asJSON := fl.Bool("json", false, "print the timeline as JSON")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: parley timeline [--json] [--corpus DIR] [topic ...]")
		fl.PrintDefaults()
	}
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	b, _, err := loadBot(ctx, *dir, os.LookupEnv, stderr, nil)
	if err != nil {
		return err
	}
	defer b.Close()
	t, err := b.Timeline(ctx, strings.Join(pos, " "))
	if unaskable(err) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(timelineJSON(t))
	}
	_, err = io.WriteString(stdout, renderTimeline(t))
	return err
}

// renderTimeline renders a timeline for a terminal: each event's date,
// then its sentence as a block quote and its citation.
func renderTimeline(t bot.Timeline) string {
	var b strings.Builder
	if t.Scope != "" {
		b.WriteString(t.Scope + ".\n\n")
	}
	if t.Note != "" {
		b.WriteString(t.Note + "\n")
	}
	for i, e := range t.Events {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Date + "\n")
		b.WriteString("> " + joinFragments(e.Quote.Fragments) + "\n")
		b.WriteString("  — " + citation(e.Quote.Citation) + "\n")
	}
	if t.AsOf != "" {
		b.WriteString("\nCoverage as of " + t.AsOf + "\n")
	}
	return b.String()
}

type jsonEvent struct {
	Date      string      `json:"date"`
	Published string      `json:"published"`
	Passage   jsonPassage `json:"passage"`
}

type jsonTimeline struct {
	Topic  string      `json:"topic"`
	Note   string      `json:"note"`
	Scope  string      `json:"scope,omitempty"`
	AsOf   string      `json:"as_of"`
	Events []jsonEvent `json:"events"`
}

func timelineJSON(t bot.Timeline) jsonTimeline {
	j := jsonTimeline{Topic: t.Topic, Note: t.Note, Scope: t.Scope, AsOf: t.AsOf, Events: []jsonEvent{}}
	for _, e := range t.Events {
		j.Events = append(j.Events, jsonEvent{Date: e.Date, Published: e.Published, Passage: passageJSON(e.Quote)})
	}
	return j
}
