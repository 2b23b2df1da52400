package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/parley-newsroom/parley/bot"
	corpusfiles "github.com/parley-newsroom/parley/corpus"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/search"
)

const usage = `Parley answers questions about the US–Iran talks with verbatim quotes from
its articles, each with a citation.

Usage:
  parley ask [--json] [--k N] [--corpus DIR] [question ...]
      Answer a question. With no question, ask one after another at a
      terminal prompt, or read one question per line from standard input.
  parley eval [--json] [--corpus DIR] FILE
      Score a question set (JSON lines, see ../shared/eval/README.md).
  parley sources [--json] [--corpus DIR]
      List the articles Parley answers from.
  parley serve [--corpus DIR] [--env FILE]
      Answer on Slack and Discord, as configured in the environment or .env.

--corpus (or PARLEY_CORPUS) reads articles from a folder instead of the
ones built into parley.
`

// usageError is bad usage: the exit status is 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode maps run's error to the process exit status.
func exitCode(err error) int {
	var u usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		return 2
	default:
		return 1
	}
}

// run is the whole command, minus process concerns, so tests run it
// in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "ask":
		return runAsk(ctx, rest, stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, stdout, stderr)
	case "sources":
		return runSources(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usagef("unknown command %q", cmd)
}

// parseFlags parses flags wherever they appear among the arguments, so
// `parley ask "question" --json` works too, and returns the rest.
func parseFlags(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fl.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("parley "+name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

// engine is a loaded corpus and the bot that answers from it.
type engine struct {
	corpus *corpus.Corpus
	bot    *bot.Bot
	index  *search.Index
	fsys   fs.FS
}

func (e *engine) Close() error { return e.index.Close() }

// load reads the corpus (the embedded one unless dir or PARLEY_CORPUS
// names a folder) and builds the index.
func load(ctx context.Context, dir string, log *slog.Logger) (*engine, error) {
	if dir == "" {
		dir = os.Getenv("PARLEY_CORPUS")
	}
	fsys, where := corpusfiles.FS(), "embedded corpus"
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("corpus: %s is not a folder", dir)
		}
		fsys, where = os.DirFS(dir), dir
	}
	parser, err := corpus.NewParser()
	if err != nil {
		return nil, err
	}
	c, err := parser.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %s", where, oneLine(err))
	}
	aliases, err := fs.ReadFile(fsys, corpusfiles.AliasesFile)
	aliasName := where + "/" + corpusfiles.AliasesFile
	if errors.Is(err, fs.ErrNotExist) {
		// A folder of articles without its own alias table uses the built-in
		// one: the beat's names do not change with the articles.
		aliases, err = fs.ReadFile(corpusfiles.FS(), corpusfiles.AliasesFile)
		aliasName = "embedded corpus/" + corpusfiles.AliasesFile
	}
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", where, err)
	}
	ix, err := search.New(ctx, c.Passages(), search.Options{
		Aliases:     bytes.NewReader(aliases),
		AliasesName: aliasName,
		Lexicon:     parser.Lexicon(),
	})
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %s", where, oneLine(err))
	}
	return &engine{corpus: c, bot: bot.New(ix, c, log), index: ix, fsys: fsys}, nil
}

// articles maps each article slug to its text as a reader sees it, for
// fidelity checks.
func (e *engine) articles() (map[string]string, error) {
	out := map[string]string{}
	for _, a := range e.corpus.Articles {
		data, err := fs.ReadFile(e.fsys, a.File)
		if err != nil {
			return nil, err
		}
		if out[a.Slug], err = corpus.PlainText(data); err != nil {
			return nil, fmt.Errorf("%s: %w", a.File, err)
		}
	}
	return out, nil
}

// oneLine joins a multi-line error (several bad files) into one line.
func oneLine(err error) string {
	lines := strings.Split(err.Error(), "\n")
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems: %s", len(lines), strings.Join(lines, "; "))
}
