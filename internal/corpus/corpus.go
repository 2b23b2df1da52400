// Package corpus reads Parley's article files and turns each article into
// passages: paragraphs, list items with the sentence that introduces their
// list, and table rows with their header cells.
//
// An article file is Markdown with YAML front matter:
//
//	---
//	title: "Headline as published"
//	outlet: Euractiv
//	published: 2026-06-23
//	url: https://example.com/story
//	source: seeds/002_da060c371bad79b4.txt
//	---
//
//	Body in Markdown: ## headings, - bullets, GFM tables.
//
// Only title is required. The file name, without ".md", is the article's slug.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Block says what part of an article a passage was taken from.
type Block int

// The blocks a passage is taken from.
const (
	Paragraph Block = iota
	ListItem
	TableRow
)

func (b Block) String() string {
	switch b {
	case ListItem:
		return "item"
	case TableRow:
		return "row"
	default:
		return "paragraph"
	}
}

// Article is one parsed article file.
type Article struct {
	Slug      string
	File      string // name of the file it was read from
	Title     string
	Outlet    string
	Published Date
	URL       string
	Source    string
	Passages  []*Passage
}

// Passage is the unit Parley searches and quotes: a piece of one article
// whose text is verbatim from it.
type Passage struct {
	Article *Article
	// Ordinal is the passage's 1-based position in its article.
	Ordinal int
	Block   Block
	// Section is the nearest heading above the passage ("" before the first).
	Section string
	// Headings are all headings above the passage, outermost first.
	Headings []string
	// Text is the passage as it reads in the article. A list item is
	// preceded by the sentence that introduces its list, and a table row by
	// its header cells, each on a line of its own; cells are joined by " | ".
	Text string
	// Sentences are the byte ranges of Text's sentences, in order.
	Sentences []Span
	// Lead is how many of the first Sentences give context rather than the
	// passage's own words: 1 for a list item's introducing sentence or a
	// table row's header line, else 0.
	Lead int
}

// ID identifies a passage within a corpus.
func (p *Passage) ID() string {
	return fmt.Sprintf("%s#%d", p.Article.Slug, p.Ordinal)
}

// List identifies the list a list item belongs to: its article and its
// introducing sentence. It is "" for other passages and for items of a
// list nothing introduces.
func (p *Passage) List() string {
	if p.Block != ListItem || p.Lead == 0 || len(p.Sentences) < p.Lead {
		return ""
	}
	return p.Article.Slug + "\x00" + p.Text[p.Sentences[0].Start:p.Sentences[p.Lead-1].End]
}

// Span is a byte range [Start, End) of a passage's Text.
type Span struct{ Start, End int }

// Fragments splits a passage text into the verbatim pieces it was built
// from: its lines and, in table rows, its cells. Each fragment is a
// substring of the article.
func Fragments(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		for cell := range strings.SplitSeq(line, " | ") {
			if cell = strings.TrimSpace(cell); cell != "" {
				out = append(out, cell)
			}
		}
	}
	return out
}

// Corpus is a set of articles.
type Corpus struct {
	Articles []*Article
}

// Passages returns every passage of every article, article by article.
func (c *Corpus) Passages() []*Passage {
	var out []*Passage
	for _, a := range c.Articles {
		out = append(out, a.Passages...)
	}
	return out
}

// Newest returns the latest publication date in the corpus, or the zero Date
// when no article states one.
func (c *Corpus) Newest() Date {
	var newest Date
	for _, a := range c.Articles {
		if a.Published.After(newest) {
			newest = a.Published
		}
	}
	return newest
}

// Error is a problem with one article file.
type Error struct {
	File string
	Line int // 0 when no line applies
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// AliasesFile is the name of the alias table in a corpus folder (see
// package alias).
const AliasesFile = "aliases.txt"

// ErrNoArticles reports a corpus folder without a single article file.
var ErrNoArticles = errors.New("no article files (*.md)")

// Load parses every *.md file at the top of fsys. It reads all files even
// when some are bad, and returns every problem it found, each naming its
// file; the corpus is returned only when there were none.
func Load(fsys fs.FS) (*Corpus, error) {
	p, err := NewParser()
	if err != nil {
		return nil, err
	}
	return p.Load(fsys)
}

// Load is like the package function Load, reusing p's sentence splitter.
func (p *Parser) Load(fsys fs.FS) (*Corpus, error) {
	names, err := Files(fsys)
	if names == nil {
		return nil, err
	}
	var (
		c    Corpus
		errs []error
	)
	if err != nil {
		errs = append(errs, err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, &Error{File: name, Err: err})
			continue
		}
		a, err := p.Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.Articles = append(c.Articles, a)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &c, nil
}

// Files returns the names of the article files (*.md) at the top of fsys,
// sorted. It is an error when there are none, or when two names give one
// slug: every such pair is reported, and the names returned leave out the
// second of each.
func Files(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, ErrNoArticles
	}
	slices.Sort(names)
	var (
		errs   []error
		unique []string
		bySlug = map[string]string{}
	)
	for _, name := range names {
		if other, dup := bySlug[Slug(name)]; dup {
			errs = append(errs, &Error{File: name, Err: fmt.Errorf("duplicate slug %q (also %s)", Slug(name), other)})
			continue
		}
		bySlug[Slug(name)] = name
		unique = append(unique, name)
	}
	return unique, errors.Join(errs...)
}

// Slug turns a file name into an article slug: its base name without the
// extension, lower-cased, with every run of other characters than ASCII
// letters and digits turned into one hyphen.
func Slug(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
