package bot

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

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
	// Index is the folder the index of these articles is kept in, reused
	// while the articles are unchanged; "" means none: the index is built
	// in memory.
	Index string
	// Progress, if set, is told how many of the articles to index have
	// been read, of how many, when an index on disk is being written.
	Progress func(done, total int)
	// Synced, if set, is told what bringing the index on disk up to date
	// did, and how long it took.
	Synced func(search.Changes, time.Duration)
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

// IndexName names the index of s among the indexes of several corpora:
// "built-in", or the folder's name and a hash of its absolute path.
func (s Source) IndexName() string {
	if s.builtin() {
		return "built-in"
	}
	abs, err := filepath.Abs(s.Name)
	if err != nil {
		abs = s.Name
	}
	return cmp.Or(corpus.Slug(filepath.Base(abs)), "corpus") + "-" + search.FileHash([]byte(abs))[:12]
}

func (s Source) name() string {
	if s.builtin() || s.Name == "" {
		return "built-in corpus"
	}
	return s.Name
}

// Load builds a bot that answers from src. With an index folder, it
// brings the index there up to date, indexing only the articles whose
// files changed, and answers from it; without one, or when the folder
// cannot be written, it parses every article and indexes them in memory.
// A folder without an alias table of its own uses the built-in one: the
// beat's names do not change with the articles. Errors name the folder
// and, for a bad file, the file and line; several bad files are reported
// together on one line.
func Load(ctx context.Context, src Source, log *slog.Logger) (*Bot, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	aliases, aliasName, err := readAliases(src)
	if err != nil {
		return nil, err
	}
	lexicon, err := lexicon.New()
	if err != nil {
		return nil, err
	}
	opts := search.Options{
		Aliases:     bytes.NewReader(aliases),
		AliasesName: aliasName,
		Lexicon:     lexicon,
		Progress:    src.Progress,
	}
	var ix *search.Index
	if src.Index != "" {
		ix, err = loadIndex(ctx, src, opts, log)
		var bad *corpus.Error
		if err != nil && !errors.As(err, &bad) && !errors.Is(err, corpus.ErrNoArticles) && ctx.Err() == nil {
			log.Warn("cannot keep the index on disk; indexing in memory", "folder", src.Index, "err", err)
			opts.Aliases = bytes.NewReader(aliases)
			ix, err = nil, nil
		}
	}
	if ix == nil && err == nil {
		ix, err = buildInMemory(ctx, src, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %s", src.name(), oneLine(err))
	}
	return newBot(ix, log), nil
}

// buildInMemory parses every article of src and indexes them in memory.
func buildInMemory(ctx context.Context, src Source, opts search.Options) (*search.Index, error) {
	parser, err := corpus.NewParser()
	if err != nil {
		return nil, err
	}
	c, err := parser.Load(src.FS())
	if err != nil {
		return nil, err
	}
	return search.New(ctx, c.Passages(), opts)
}

// loadIndex brings the index in src.Index up to date with src's files and
// opens it. Only the files to index are parsed.
func loadIndex(ctx context.Context, src Source, opts search.Options, log *slog.Logger) (*search.Index, error) {
	fsys := src.FS()
	names, err := corpus.Files(fsys)
	if err != nil {
		return nil, err
	}
	// A file whose size and modification time are the ones the index
	// recorded is not read again (see search.Stamp).
	now := time.Now()
	files := make([]search.File, len(names))
	for i, name := range names {
		files[i] = search.File{Name: name, ReadHash: func() (string, error) {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return "", &corpus.Error{File: name, Err: err}
			}
			return search.FileHash(data), nil
		}}
		if info, err := fs.Stat(fsys, name); err == nil {
			files[i].Stamp = search.Stamp(info, now)
		}
	}
	// The parser is made for the first file to parse, if any; Sync
	// parses files from several goroutines.
	parser := sync.OnceValues(corpus.NewParser)
	parse := func(name string) (*corpus.Article, error) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &corpus.Error{File: name, Err: err}
		}
		p, err := parser()
		if err != nil {
			return nil, err
		}
		return p.Parse(name, data)
	}
	start := time.Now()
	ix, changes, err := search.Sync(ctx, src.Index, files, parse, opts)
	if err != nil {
		return nil, err
	}
	if src.Synced != nil {
		src.Synced(changes, time.Since(start))
	}
	if changes.Changed() {
		log.Info("indexed", "corpus", src.name(), "added", changes.Added, "updated", changes.Updated,
			"removed", changes.Removed, "unchanged", changes.Unchanged, "rebuilt", changes.Rebuilt, "elapsed", time.Since(start))
	}
	return ix, nil
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
