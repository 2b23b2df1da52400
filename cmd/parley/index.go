package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/parley-newsroom/parley/internal/search"
)

// runIndex brings the index of the corpus in PARLEY_DATA up to date, so
// that the next ask, eval or serve starts at once, and says what it did.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("index", stderr)
	dir := fl.String("corpus", "", "index the articles in `DIR` instead of the built-in corpus")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("index takes no arguments")
	}
	src, err := indexedSource(*dir, os.LookupEnv)
	if err != nil {
		return err
	}
	if src.Index == "" {
		return fmt.Errorf("index: no folder to keep it in: set PARLEY_DATA")
	}
	var (
		changes search.Changes
		took    time.Duration
		synced  bool
	)
	src.Synced = func(c search.Changes, d time.Duration) { changes, took, synced = c, d, true }
	b, src, err := loadSource(ctx, src, stderr, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer b.Close()
	if !synced {
		return fmt.Errorf("index: cannot write the index in %s", src.Index)
	}
	passages := 0
	for _, a := range b.Articles() {
		passages += a.Passages
	}
	what := "up to date"
	switch {
	case changes.Rebuilt:
		what = "built"
	case changes.Changed():
		what = fmt.Sprintf("updated: %d added, %d changed, %d removed, %d unchanged", changes.Added, changes.Updated, changes.Removed, changes.Unchanged)
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s in %.2f s\n", src.Index, count(len(b.Articles()), "article"), count(passages, "passage"), what, took.Seconds())
	return nil
}

// count writes n things: "1 article", "2 articles".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
