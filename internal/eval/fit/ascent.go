package main

import (
	"context"
	"fmt"
	"go/format"
	"io"
	"os"
	"sync"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/eval"
	"github.com/parley-newsroom/parley/internal/lexicon"
	"github.com/parley-newsroom/parley/internal/search"
)

// factors are the multiples of a weight each step of the ascent tries.
var factors = []float64{0, 0.5, 0.7, 0.85, 1.15, 1.4, 2}

// fitter fits weights on question sets.
type fitter struct {
	ix   *search.Index
	sets []named
	out  io.Writer
	gain float64 // the least rise of the objective that counts
}

// ascend improves w one number at a time: each round tries every number at
// each of its factors, keeping a change only when it raises the objective
// summed over the sets, until a round changes nothing.
func (f *fitter) ascend(ctx context.Context, w search.Weights, rounds int) (search.Weights, error) {
	best, err := f.value(ctx, w)
	if err != nil {
		return w, err
	}
	fmt.Fprintf(f.out, "start     objective %.4f\n", best)
	for round := 1; round <= rounds; round++ {
		changed := false
		for i, k := range w.Knobs() {
			tries := make([]search.Weights, len(factors))
			values := make([]float64, len(factors))
			var wg sync.WaitGroup
			var errs = make([]error, len(factors))
			for j, fac := range factors {
				tries[j] = w
				*tries[j].Knobs()[i].Value = *k.Value * fac
				wg.Go(func() { values[j], errs[j] = f.value(ctx, tries[j]) })
			}
			wg.Wait()
			for j := range factors {
				if errs[j] != nil {
					return w, errs[j]
				}
				if values[j] > best+f.gain {
					best, w, changed = values[j], tries[j], true
					k = w.Knobs()[i]
					fmt.Fprintf(f.out, "round %d   %-13s = %-7s objective %.4f\n", round, k.Name, fmt.Sprint(*k.Value), best)
				}
			}
		}
		if !changed {
			break
		}
	}
	return w, nil
}

// value is the objective of w summed over the sets.
func (f *fitter) value(ctx context.Context, w search.Weights) (float64, error) {
	var sum float64
	for _, s := range f.sets {
		r, err := score(ctx, f.ix.Reweighted(w), s)
		if err != nil {
			return 0, err
		}
		sum += objective(r)
	}
	return sum, nil
}

// score runs a set against the index directly: the verdict says whether a
// question is answered, and the hits are the passages shown.
func score(ctx context.Context, ix *search.Index, s named) (*eval.Report, error) {
	ask := func(ctx context.Context, q string) (eval.Reply, error) {
		res, err := ix.Search(ctx, q, eval.Depth)
		if err != nil {
			return eval.Reply{}, err
		}
		r := eval.Reply{Answered: res.Verdict.Answered()}
		for _, h := range res.Hits {
			r.Passages = append(r.Passages, eval.Shown{Article: h.Passage.Article.Slug, Text: h.Passage.Text})
		}
		return r, nil
	}
	return eval.Run(ctx, s.items, ask, nil)
}

// buildIndex indexes the built-in corpus as parley does.
func buildIndex(ctx context.Context) (*search.Index, error) {
	c, err := corpus.Load(parley.Corpus())
	if err != nil {
		return nil, err
	}
	aliases, err := parley.Corpus().Open(corpus.AliasesFile)
	if err != nil {
		return nil, err
	}
	defer aliases.Close()
	lex, err := lexicon.New()
	if err != nil {
		return nil, err
	}
	return search.New(ctx, c.Passages(), search.Options{Aliases: aliases, AliasesName: corpus.AliasesFile, Lexicon: lex})
}

// writeFitted replaces internal/search/fitted.go with w, recording how it
// was fitted and what it scores on the report sets.
func writeFitted(w search.Weights, fitSets string, gain float64, report []named, ix *search.Index) error {
	var figures string
	for _, s := range report {
		r, err := score(context.Background(), ix.Reweighted(w), s)
		if err != nil {
			return err
		}
		figures += fmt.Sprintf("//   %-6s %s\n", s.name, line(r))
	}
	src := fmt.Sprintf(`package search

// Fitted returns Parley's weights, as written by
//
//	go run ./internal/eval/fit -fit %s -gain %g -report ... -write
//
// which fits them by coordinate ascent on those question sets (see the
// program's doc), keeping a change only when it wins about two questions
// of a set. On sets they were not fitted on, at the time of fitting:
//
%sfunc Fitted() Weights {
	return %#v
}
`, fitSets, gain, figures, w)
	formatted, err := format.Source([]byte(src))
	if err != nil {
		return err
	}
	return os.WriteFile("internal/search/fitted.go", formatted, 0o644)
}
