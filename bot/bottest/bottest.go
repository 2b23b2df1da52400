// Package bottest builds Parley's bot over the corpus built into parley,
// as `parley ask` does, for the adapters' end-to-end tests and benchmarks.
package bottest

import (
	"bytes"
	"context"
	"io/fs"
	"testing"

	"github.com/parley-newsroom/parley/bot"
	corpusfiles "github.com/parley-newsroom/parley/corpus"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/search"
)

// New returns a bot answering from the built-in corpus. The index is
// closed when the test ends.
func New(tb testing.TB) *bot.Bot {
	tb.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := p.Load(corpusfiles.FS())
	if err != nil {
		tb.Fatal(err)
	}
	aliases, err := fs.ReadFile(corpusfiles.FS(), corpusfiles.AliasesFile)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := search.New(context.Background(), c.Passages(), search.Options{
		Aliases: bytes.NewReader(aliases), AliasesName: corpusfiles.AliasesFile, Lexicon: p.Lexicon(),
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return bot.New(ix, c, nil)
}
