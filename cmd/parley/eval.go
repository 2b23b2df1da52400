package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/parley-newsroom/parley/internal/eval"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("eval", stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	by := fl.String("by", "", "also print the figures of each question `kind`")
	verbose := fl.Bool("v", false, "list each question missed, with what was expected and what came back")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: parley eval [--json] [--by kind] [-v] [--corpus DIR] FILE")
	}
	if *by != "" && *by != "kind" {
		return usagef("--by takes kind")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	items, err := eval.Load(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	b, src, err := loadBot(ctx, *dir, os.LookupEnv, stderr, nil)
	if err != nil {
		return err
	}
	defer b.Close()
	articles, err := eval.Articles(src.FS())
	if err != nil {
		return err
	}
	rep, err := eval.Run(ctx, items, b.Asker(), articles)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		err = json.NewEncoder(stdout).Encode(rep)
	default:
		err = rep.WriteText(stdout)
		if err == nil && *by != "" {
			fmt.Fprintln(stdout)
			err = rep.WriteByKind(stdout)
		}
		if err == nil && *verbose {
			err = rep.WriteMisses(stdout)
		}
	}
	if err == nil && len(rep.Unfaithful) > 0 {
		err = fmt.Errorf("%d quoted passage(s) are not verbatim", len(rep.Unfaithful))
	}
	return err
}
