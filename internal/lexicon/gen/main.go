// Command gen writes the lexicon's tables, words.txt and related.txt, from
// WordNet 3.0 and Parley's built-in corpus. It is run by
//
//	go generate ./internal/lexicon
//
// Usage:
//
//	gen [-wordnet dir] [-o dir]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon/internal/derive"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wordnetDir := fs.String("wordnet", derive.DefaultDir, "WordNet 3.0 `dir`ectory (data.*, index.*, *.exc)")
	outDir := fs.String("o", ".", "`dir`ectory to write "+derive.WordsFile+" and "+derive.RelatedFile+" into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := corpus.Load(parley.Corpus())
	if err != nil {
		return fmt.Errorf("load the built-in corpus: %w", err)
	}
	return derive.Generate(*wordnetDir, *outDir, c)
}
