// Package importer turns articles saved as Markdown, plain text or web
// pages into Parley's article files (see package corpus), and adds them to
// a corpus folder without duplicating what the folder already holds.
//
// The article's words are kept as published: text is escaped, never
// reworded, so every passage the corpus parser reads from an imported file
// is verbatim from the input.
package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Defaults are the outlet and date to write for inputs that do not state
// their own: every plain-text file, and pages without that metadata.
type Defaults struct {
	Outlet    string
	Published corpus.Date
}

// Converter turns input files into article files. It is safe for
// concurrent use.
type Converter struct {
	parser *corpus.Parser
	md     *converter.Converter
}

// NewConverter returns a Converter that checks every file it makes with p.
func NewConverter(p *corpus.Parser) *Converter {
	md := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithBulletListMarker("-")),
		table.NewTablePlugin(table.WithSkipEmptyRows(true)),
	))
	return &Converter{parser: p, md: md}
}

// Article is an input converted into an article file.
type Article struct {
	// Slug is the slug the file asks for; a folder that already holds
	// another article under it adds a suffix.
	Slug string
	// Data is the article file: front matter, then the Markdown body.
	Data []byte
	// Parsed is Data as the corpus parser reads it.
	Parsed *corpus.Article
}

// format is a kind of input file.
type format int

const (
	unsupported format = iota
	markdown
	plainText
	page
)

// formatOf says what kind of input a file is, by its extension.
func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return markdown
	case ".txt":
		return plainText
	case ".html", ".htm", ".xhtml":
		return page
	}
	return unsupported
}

// Supported reports whether name's extension is a kind of input Convert
// reads.
func Supported(name string) bool { return formatOf(name) != unsupported }

// Convert turns the file name, read as data, into an article file: a
// Markdown file with front matter is checked and kept as it is; a .txt
// file has its headline on the first line; a saved .html page gives its
// main text and its metadata. Errors name the file.
func (c *Converter) Convert(name string, data []byte, d Defaults) (*Article, error) {
	f := formatOf(name)
	if f == unsupported {
		return nil, fmt.Errorf("%s: not an article file (want .md, .txt or .html)", name)
	}
	if err := checkText(data, f == page); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if f == markdown {
		a, err := c.parser.Parse(name, data)
		if err != nil {
			return nil, err
		}
		return &Article{Slug: a.Slug, Data: data, Parsed: a}, nil
	}
	var (
		dr  *Draft
		err error
	)
	if f == plainText {
		dr, err = fromText(data)
	} else {
		dr, err = c.fromHTML(data)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c.finish(name, dr, d)
}

// finish fills in what the input did not state, writes the article file
// and checks that the corpus parser reads it.
func (c *Converter) finish(name string, dr *Draft, d Defaults) (*Article, error) {
	if dr.Title == "" {
		return nil, fmt.Errorf("%s: no headline found", name)
	}
	if strings.TrimSpace(string(dr.Body)) == "" {
		return nil, fmt.Errorf("%s: %w", name, errNoText)
	}
	if dr.Outlet == "" {
		dr.Outlet = d.Outlet
	}
	if dr.Published.IsZero() {
		dr.Published = d.Published
	}
	dr.Source = filepath.Base(name)
	slug := slugFor(dr.Title, name)
	data := dr.Render()
	a, err := c.parser.Parse(slug+".md", data)
	if err != nil {
		return nil, fmt.Errorf("%s: the converted article does not read back: %w", name, err)
	}
	return &Article{Slug: slug, Data: data, Parsed: a}, nil
}

// checkText rejects binary files: a gzipped page saved as .html, an image.
// Pages may be in any charset their markup declares; other files must be
// UTF-8.
func checkText(data []byte, page bool) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errEmpty
	}
	sniff := http.DetectContentType(data)
	if !strings.HasPrefix(sniff, "text/") {
		return fmt.Errorf("binary data (%s), not a text file", strings.Split(sniff, ";")[0])
	}
	if !page && !utf8.Valid(data) {
		return errors.New("not UTF-8 text")
	}
	return nil
}

// errEmpty reports an empty input file.
var errEmpty = errors.New("empty file")

// Draft is an article file before it is written: its front matter, and
// its body in Markdown.
type Draft struct {
	Title, Outlet, URL, Source string
	Published                  corpus.Date
	Body                       []byte
}

// Render returns the article file: every front matter field present, in
// the order the corpus's own files use, then the body.
func (d *Draft) Render() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	field(&b, "title", quote(d.Title))
	field(&b, "outlet", quote(d.Outlet))
	field(&b, "published", d.Published.String())
	field(&b, "url", quote(d.URL))
	field(&b, "source", quote(d.Source))
	b.WriteString("---\n\n")
	b.Write(bytes.TrimSpace(d.Body))
	b.WriteByte('\n')
	return b.Bytes()
}

func field(b *bytes.Buffer, key, value string) {
	b.WriteString(key + ":")
	if value != "" {
		b.WriteString(" " + value)
	}
	b.WriteByte('\n')
}

// quote returns s as a YAML double-quoted string, or "" for "". A JSON
// string is one, and JSON escapes every character YAML would trip on.
func quote(s string) string {
	if s == "" {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// Encoding a string cannot fail.
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// maxSlug bounds a slug made from a headline, so file names stay short.
const maxSlug = 60

// slugFor returns the slug for an article converted from the file name:
// its headline's words, cut at a word to at most maxSlug bytes, or the
// file's name when the headline has no ASCII letters or digits.
func slugFor(title, name string) string {
	t := strings.NewReplacer("/", " ", "’", "", "'", "").Replace(title)
	s := corpus.Slug(t + ".md")
	if len(s) > maxSlug {
		s = s[:maxSlug+1]
		s = s[:max(strings.LastIndexByte(s, '-'), 1)]
		s = strings.TrimSuffix(s, "-")
	}
	if s == "" {
		s = corpus.Slug(name)
	}
	if s == "" {
		s = "article"
	}
	return s
}
