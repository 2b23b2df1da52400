package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/eval"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("eval", stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: parley eval [--json] [--corpus DIR] FILE")
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
	src, err := source(*dir, os.LookupEnv)
	if err != nil {
		return err
	}
	b, err := bot.Load(ctx, src, nil)
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
	if *asJSON {
		err = json.NewEncoder(stdout).Encode(rep)
	} else {
		err = rep.WriteText(stdout)
	}
	if err == nil && len(rep.Unfaithful) > 0 {
		err = fmt.Errorf("%d quoted passage(s) are not verbatim", len(rep.Unfaithful))
	}
	return err
}
