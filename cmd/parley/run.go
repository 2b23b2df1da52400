package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/config"
	"github.com/parley-newsroom/parley/internal/progress"
)

const usage = `Parley answers questions about the US–Iran talks with verbatim quotes from
its articles, each with a citation.

Usage:
  parley ask [--json | --cite] [--k N] [--corpus DIR] [question ...]
      Answer a question. With no question, ask one after another at a
      terminal prompt, or read one question per line from standard input.
  parley eval [--json] [--by kind] [-v] [--corpus DIR] FILE
      Score a question set (JSON lines, see ../shared/eval/README.md);
      --by kind adds the figures of each kind of question, -v lists each
      question missed.
  parley sources [--json] [--corpus DIR]
      List the articles Parley answers from.
  parley timeline [--json] [--corpus DIR] [topic ...]
      The dated events the coverage reports, oldest first; about a topic
      when one is given.
  parley gaps [--json] [-n N]
      The questions readers voted 👎 and those the coverage could not
      answer, most frequent first (recorded by parley serve in PARLEY_DATA).
  parley serve [--corpus DIR] [--env FILE]
      Answer on Slack and Discord, as configured in the environment or .env.
  parley version
      Print the module version and the VCS revision parley was built from.
  parley index [--corpus DIR]
      Bring the index of the articles up to date in PARLEY_DATA (ask,
      eval, sources, timeline and serve do it too, re-indexing only the
      articles that changed), and say what changed.
  parley import [--corpus DIR] [--outlet NAME] [--published DATE] FILE|DIR ...
      Turn articles (.md with front matter, .txt with the headline on the
      first line, saved .html pages) into article files in the corpus
      folder (default ./corpus); articles it already holds are skipped.

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
	case "timeline":
		return runTimeline(ctx, rest, stdout, stderr)
	case "gaps":
		return runGaps(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "version":
		return runVersion(rest, stdout)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "index":
		return runIndex(ctx, rest, stdout, stderr)
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

// loadBot builds the bot over the articles in dir, or in the folder
// PARLEY_CORPUS names (read through lookup), or else the built-in corpus,
// and says which it was. The index is kept in PARLEY_DATA and reused
// while the articles are unchanged; a bar on stderr shows a long build.
func loadBot(ctx context.Context, dir string, lookup func(string) (string, bool), stderr io.Writer, log *slog.Logger) (*bot.Bot, bot.Source, error) {
	src, err := indexedSource(dir, lookup)
	if err != nil {
		return nil, src, err
	}
	return loadSource(ctx, src, stderr, log)
}

// indexedSource is source, with its index folder in PARLEY_DATA; none
// when there is no data folder.
func indexedSource(dir string, lookup func(string) (string, bool)) (bot.Source, error) {
	src, err := source(dir, lookup)
	if err != nil {
		return src, err
	}
	if data, err := config.Read(lookup).DataDir(); err == nil {
		src.Index = filepath.Join(data, "index", src.IndexName())
	}
	return src, nil
}

// loadSource builds the bot over src, with a bar on stderr while a long
// build of its index runs.
func loadSource(ctx context.Context, src bot.Source, stderr io.Writer, log *slog.Logger) (*bot.Bot, bot.Source, error) {
	var bar *progress.Bar
	src.Progress = func(done, total int) {
		if bar == nil {
			bar = progress.New(stderr, total, "indexing")
		}
		bar.Add(1)
		if done == total {
			bar.Finish()
		}
	}
	b, err := bot.Load(ctx, src, log)
	if bar != nil {
		bar.Clear()
	}
	return b, src, err
}

// source returns where the articles come from: the folder dir, or the one
// the PARLEY_CORPUS setting names, or else the built-in corpus.
func source(dir string, lookup func(string) (string, bool)) (bot.Source, error) {
	if dir == "" {
		dir = config.Read(lookup).Corpus
	}
	if dir == "" {
		return bot.Source{}, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return bot.Source{}, fmt.Errorf("corpus: %w", err)
	}
	if !st.IsDir() {
		return bot.Source{}, fmt.Errorf("corpus: %s is not a folder", dir)
	}
	return bot.Source{Files: os.DirFS(dir), Name: dir}, nil
}
