package importer

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Folder is a corpus folder that articles are added to. It remembers the
// address and the text of every article in it, so that adding an article
// it already holds changes nothing.
//
// An article is already there when an article file has the same url, or
// the same text (the same passages, whatever the front matter says). A new
// article whose slug another article holds gets the first free slug of
// slug-2, slug-3, …
type Folder struct {
	dir    string
	byURL  map[string]string
	byText map[[sha256.Size]byte]string
	taken  map[string]bool
}

// OpenFolder reads the article files in dir, creating dir when it does not
// exist. Files the parser rejects hold their slug but are not compared.
// A large folder takes seconds: progress, when not nil, is called after
// each file.
func OpenFolder(dir string, p *corpus.Parser, progress func(done, total int)) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	f := &Folder{
		dir:    dir,
		byURL:  map[string]string{},
		byText: map[[sha256.Size]byte]string{},
		taken:  map[string]bool{},
	}
	names, err := fs.Glob(os.DirFS(dir), "*.md")
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	for i, name := range names {
		f.taken[corpus.Slug(name)] = true
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("corpus folder: %w", err)
		}
		if a, err := p.Parse(name, data); err == nil {
			f.remember(a, filepath.Join(dir, name))
		}
		if progress != nil {
			progress(i+1, len(names))
		}
	}
	return f, nil
}

func (f *Folder) remember(a *corpus.Article, path string) {
	if a.URL != "" {
		f.byURL[a.URL] = path
	}
	f.byText[textKey(a)] = path
}

// textKey identifies an article's text: its passages, in order.
func textKey(a *corpus.Article) [sha256.Size]byte {
	h := sha256.New()
	for _, p := range a.Passages {
		h.Write([]byte(p.Text))
		h.Write([]byte{0})
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// Result says what adding an article did.
type Result struct {
	// Path is the article file written, or the one that already holds
	// the article.
	Path string
	// Unchanged is true when the folder already held the article; Reason
	// then says how it was recognised ("same URL", "same text").
	Unchanged bool
	Reason    string
}

// Add writes the article into the folder unless the folder already holds
// it. The file is written whole or not at all: into a temporary file
// first, then renamed.
func (f *Folder) Add(a *Article) (Result, error) {
	if path, ok := f.byURL[a.Parsed.URL]; ok && a.Parsed.URL != "" {
		return Result{Path: path, Unchanged: true, Reason: "same URL"}, nil
	}
	if path, ok := f.byText[textKey(a.Parsed)]; ok {
		return Result{Path: path, Unchanged: true, Reason: "same text"}, nil
	}
	slug := f.free(a.Slug)
	path := filepath.Join(f.dir, slug+".md")
	if err := writeAtomic(path, a.Data); err != nil {
		return Result{}, err
	}
	f.taken[slug] = true
	f.remember(a.Parsed, path)
	return Result{Path: path}, nil
}

// free returns slug, or slug-2, slug-3, … whichever no file holds.
func (f *Folder) free(slug string) string {
	s := slug
	for n := 2; f.taken[s]; n++ {
		s = slug + "-" + strconv.Itoa(n)
	}
	return s
}

// writeAtomic writes data to path through a temporary file in the same
// folder, so a reader of the folder sees the old state or the new file,
// never part of it. The temporary name does not end in .md, so a corpus
// being loaded meanwhile does not pick it up.
func writeAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".import-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Inputs lists the files the paths name: each file as it is, and the
// article files (.md, .txt, .html) in each folder and below it, in name
// order. Hidden files, the alias table and the "_files" folders browsers
// save beside a page are skipped. A path that cannot be read is an error
// naming it; the other paths are still listed.
func Inputs(paths []string) ([]string, []error) {
	var (
		files []string
		errs  []error
	)
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case path == root && !d.IsDir():
				files = append(files, path)
			case path != root && strings.HasPrefix(d.Name(), "."):
				return skip(d)
			case d.IsDir() && strings.HasSuffix(d.Name(), "_files"):
				return fs.SkipDir
			case !d.IsDir() && Supported(path) && d.Name() != corpus.AliasesFile:
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return files, errs
}

// skip skips a hidden file or folder.
func skip(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}
