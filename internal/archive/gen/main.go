// Command gen writes a synthetic archive for benchmarks: n passages of
// article files recombined from a corpus (see package archive), the alias
// table, questions.jsonl (the real questions of a question set, then ones
// built from the archive, 200 in all) and passages.jsonl (every passage,
// one JSON object a line, for engines other than Parley). The same n gives
// the same files.
//
// Usage, from the top of the repository:
//
//	go run ./internal/archive/gen -n 100000 -o /tmp/archive-100k
//
// Flags:
//
//	-n N            passages (default 10000)
//	-o DIR          folder to write (required)
//	-corpus DIR     corpus to recombine (default: the built-in one)
//	-questions FILE real questions to start with (default ../shared/eval/questions.dev.jsonl; "" for none)
//	-q N            questions in all (default 200)
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/archive"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/eval"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 10000, "how many `passages` the archive holds")
	out := fl.String("o", "", "`dir`ectory to write the archive into")
	src := fl.String("corpus", "", "corpus `dir`ectory to recombine (default: the built-in corpus)")
	questions := fl.String("questions", "../shared/eval/questions.dev.jsonl", "real questions to start with (`file`; empty for none)")
	nq := fl.Int("q", 200, "how many `questions` in all")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 {
		return errors.New("want -o DIR and -n of at least 1")
	}
	fsys := parley.Corpus()
	if *src != "" {
		fsys = os.DirFS(*src)
	}
	start := time.Now()
	p, err := corpus.NewParser()
	if err != nil {
		return err
	}
	c, err := p.Load(fsys)
	if err != nil {
		return fmt.Errorf("load the corpus: %w", err)
	}
	g := archive.New(c, p)
	a, err := g.Generate(*n)
	if err != nil {
		return err
	}
	if err := archive.Write(*out, a.Files); err != nil {
		return err
	}
	arc := a.Corpus
	real, err := readQuestions(*questions)
	if err != nil {
		return err
	}
	if err := writeExtras(*out, fsys, g.Questions(arc, real, *nq), archive.Passages(arc)); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gen: %d articles, %d passages, %d questions in %s (%.1fs)\n",
		len(arc.Articles), len(arc.Passages()), *nq, *out, time.Since(start).Seconds())
	return nil
}

// readQuestions reads a question set, or none for the name "".
func readQuestions(name string) ([]eval.Item, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	items, err := eval.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return items, nil
}

// writeExtras writes the alias table of the corpus (if it has one), the
// questions and the passages beside the article files.
func writeExtras(dir string, src fs.FS, qs []eval.Item, ps []archive.Passage) error {
	aliases, err := fs.ReadFile(src, corpus.AliasesFile)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, corpus.AliasesFile), aliases, 0o644)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var q, p bytes.Buffer
	if err := archive.WriteJSONL(&q, qs); err != nil {
		return err
	}
	if err := archive.WriteJSONL(&p, ps); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "questions.jsonl"), q.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "passages.jsonl"), p.Bytes(), 0o644)
}
