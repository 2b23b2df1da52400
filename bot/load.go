package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
	"github.com/parley-newsroom/parley/internal/search"
)

// Source is where a bot's articles come from.
type Source struct {
	// Files is a folder of article files (*.md) and, optionally, its own
	// alias table; nil means the corpus built into Parley.
	Files fs.FS
	// Name says where Files are, in errors: a folder's path. It is unused
	// for the built-in corpus.
	Name string
}

// builtin reports whether s is the corpus built into Parley.
func (s Source) builtin() bool { return s.Files == nil }

// FS returns the folder of article files: Files, or the built-in corpus.
func (s Source) FS() fs.FS {
	if s.builtin() {
		return parley.Corpus()
	}
	return s.Files
}

func (s Source) name() string {
	if s.builtin() || s.Name == "" {
		return "built-in corpus"
	}
	return s.Name
}

// Load builds a bot that answers from src: it parses every article, reads
// the alias table, and indexes the passages. A folder without an alias
// table of its own uses the built-in one: the beat's names do not change
// with the articles. Errors name the folder and, for a bad file, the file
// and line; several bad files are reported together on one line.
func Load(ctx context.Context, src Source, log *slog.Logger) (*Bot, error) {
	parser, err := corpus.NewParser()
	if err != nil {
		return nil, err
	}
	c, err := parser.Load(src.FS())
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %s", src.name(), oneLine(err))
	}
	aliases, aliasName, err := readAliases(src)
	if err != nil {
		return nil, err
	}
	lexicon, err := lexicon.New()
	if err != nil {
		return nil, err
	}
	ix, err := search.New(ctx, c.Passages(), search.Options{
		Aliases:     bytes.NewReader(aliases),
		AliasesName: aliasName,
		Lexicon:     lexicon,
	})
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %s", src.name(), oneLine(err))
	}
	return newBot(ix, log), nil
}

// readAliases returns the alias table of src, or the built-in one when src
// has none, and the name to give it in errors.
func readAliases(src Source) ([]byte, string, error) {
	data, err := fs.ReadFile(src.FS(), corpus.AliasesFile)
	if err == nil {
		return data, src.name() + "/" + corpus.AliasesFile, nil
	}
	if !errors.Is(err, fs.ErrNotExist) || src.builtin() {
		return nil, "", fmt.Errorf("corpus %s: %w", src.name(), err)
	}
	return readAliases(Source{})
}

// oneLine joins a multi-line error (several bad files) into one line.
func oneLine(err error) string {
	lines := strings.Split(err.Error(), "\n")
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems: %s", len(lines), strings.Join(lines, "; "))
}
