// Command fit fits the weights of Parley's ranking and answerability
// verdict (search.Weights) on question sets, by coordinate ascent, and
// reports the figures on other sets the weights were not fitted on.
//
//	go run ./internal/eval/fit -fit a -report b        # fit on train-a, report on train-b
//	go run ./internal/eval/fit -fit a,b -report dev -write
//
// Set names a, b and dev stand for ../shared/eval's train-a, train-b and
// dev sets, and paraphrases, blind-a, blind-b and blind-c for Parley's own
// in internal/eval/testdata; any other name is a path. A change of a
// weight is kept only when it raises the objective by -gain per set: a
// smaller rise is one question's luck and does not carry over to other
// questions. With -write the fitted weights
// replace internal/search/fitted.go. The search is deterministic, so a
// run gives the same weights every time.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parley-newsroom/parley/internal/eval"
	"github.com/parley-newsroom/parley/internal/search"
)

func main() {
	fitSets := flag.String("fit", "a", "comma-separated `sets` to fit on")
	reportSets := flag.String("report", "b", "comma-separated `sets` to report on")
	rounds := flag.Int("rounds", 4, "most rounds of coordinate ascent")
	gain := flag.Float64("gain", 0.015, "least rise of the objective, per set, for a change to be kept")
	write := flag.Bool("write", false, "write the fitted weights to internal/search/fitted.go")
	flag.Parse()
	if err := run(context.Background(), *fitSets, *reportSets, *rounds, *gain, *write, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fit:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, fitSets, reportSets string, rounds int, gain float64, write bool, out io.Writer) error {
	ix, err := buildIndex(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	fitOn, err := loadSets(fitSets)
	if err != nil {
		return err
	}
	reportOn, err := loadSets(reportSets)
	if err != nil {
		return err
	}
	start := search.Fitted()
	// A change must win about two questions of a set of 130 to be kept:
	// smaller rises are one question's luck, and do not carry over.
	f := &fitter{ix: ix, sets: fitOn, out: out, gain: gain * float64(len(fitOn))}
	fmt.Fprintf(out, "fitting on %s, reporting on %s\n\n", fitSets, reportSets)
	w, err := f.ascend(ctx, start, rounds)
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	for _, s := range append(fitOn, reportOn...) {
		before, err := score(ctx, ix.Reweighted(start), s)
		if err != nil {
			return err
		}
		after, err := score(ctx, ix.Reweighted(w), s)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%-8s before %s\n%-8s after  %s\n", s.name, line(before), "", line(after))
	}
	fmt.Fprintf(out, "\n%#v\n", w)
	if write {
		return writeFitted(w, fitSets, gain, reportOn, ix)
	}
	return nil
}

// line prints the figures of a report on one line.
func line(r *eval.Report) string {
	return fmt.Sprintf("Hit@1 %.3f  Hit@3 %.3f  MRR@10 %.3f  answered %d/%d  refused %d/%d",
		r.Hit1, r.Hit3, r.MRR10, r.Answered, r.Answerable, r.Refused, r.OutOfScope)
}

// objective is what the fitting maximises: Hit@1, half of Hit@3, half of
// the share of answerable questions answered, and the share of
// out-of-scope questions refused.
func objective(r *eval.Report) float64 {
	j := r.Hit1 + 0.5*r.Hit3
	if r.Answerable > 0 {
		j += 0.5 * float64(r.Answered) / float64(r.Answerable)
	}
	if r.OutOfScope > 0 {
		j += float64(r.Refused) / float64(r.OutOfScope)
	}
	return j
}

// named is a question set and its name.
type named struct {
	name  string
	items []eval.Item
}

func loadSets(names string) ([]named, error) {
	var out []named
	for _, name := range strings.Split(names, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		path := name
		switch name {
		case "a", "b":
			path = "../shared/eval/questions.train-" + name + ".jsonl"
		case "dev":
			path = "../shared/eval/questions.dev.jsonl"
		case "paraphrases", "blind-a", "blind-b", "blind-c":
			path = "internal/eval/testdata/" + name + ".jsonl"
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		items, err := eval.Load(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, named{name, items})
	}
	return out, nil
}
