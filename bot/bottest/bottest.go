// Package bottest is Parley's test kit: the bot over a fixture corpus of
// its own, for tests of behaviour that must not change when an editor adds
// an article to the built-in corpus; hand-written fakes of Slack and
// Discord on loopback (Slack, Discord); a log buffer (Log); a clock whose
// sleeps take no time (Clock); and golden files (Golden).
package bottest

import (
	"context"
	"embed"
	"io/fs"
	"testing"

	"github.com/parley-newsroom/parley/bot"
)

//go:embed testdata/corpus
var fixture embed.FS

// Corpus returns the fixture corpus: a frozen copy of four articles and an
// alias table, in the built-in corpus's format.
func Corpus() fs.FS {
	// Sub cannot fail on a folder the embed directive names.
	sub, _ := fs.Sub(fixture, "testdata/corpus")
	return sub
}

// New returns a bot answering from the fixture corpus. It is closed when
// the test ends.
func New(tb testing.TB) *bot.Bot {
	tb.Helper()
	b, err := bot.Load(context.Background(), bot.Source{Files: Corpus(), Name: "bottest fixture"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { b.Close() })
	return b
}
