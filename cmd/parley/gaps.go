package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/parley-newsroom/parley/internal/config"
	"github.com/parley-newsroom/parley/internal/feedback"
)

func runGaps(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("gaps", stderr)
	asJSON := fl.Bool("json", false, "print JSON")
	n := fl.Int("n", 30, "show at most `N` questions")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("gaps takes no arguments")
	}
	if *n < 1 {
		return usagef("-n must be 1 or more")
	}
	dir, err := config.Read(os.LookupEnv).DataDir()
	if err != nil {
		return err
	}
	records, bad, err := feedback.ReadFile(dir)
	if err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "parley: %d unreadable line(s) in %s/%s skipped\n", bad, dir, feedback.FileName)
	}
	gaps := feedback.Gaps(records)
	gaps = gaps[:min(len(gaps), *n)]
	if *asJSON {
		if gaps == nil {
			gaps = []feedback.Gap{}
		}
		return json.NewEncoder(stdout).Encode(gaps)
	}
	if len(gaps) == 0 {
		_, err := fmt.Fprintln(stdout, "No 👎 votes and no questions the coverage could not answer yet.")
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNT\t👎\tNOT COVERED\tQUESTION\tWHY")
	for _, g := range gaps {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", g.Count, g.Down, g.NotCovered, g.Question, dash(g.Note))
	}
	return tw.Flush()
}
