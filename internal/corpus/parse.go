package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v3"
)

// Parser parses article files. It is safe for concurrent use.
type Parser struct {
	md        parser.Parser
	sentences *SentenceSplitter
}

// NewParser returns a Parser for Markdown with GFM tables.
func NewParser() (*Parser, error) {
	s, err := NewSentenceSplitter()
	if err != nil {
		return nil, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	return &Parser{md: md.Parser(), sentences: s}, nil
}

// PlainText returns an article file's body as a reader sees it: rendered
// by goldmark's own HTML renderer, tags dropped, entities decoded. It
// takes a path apart from the passages', so checking passages against it
// ("every passage is verbatim from its article") is not circular.
func PlainText(data []byte) (string, error) {
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
	_, body, _, err := splitFrontMatter(data)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(body, &out); err != nil {
		return "", err
	}
	return html.UnescapeString(tags.ReplaceAllString(out.String(), " ")), nil
}

var tags = regexp.MustCompile(`<[^>]*>`)

// frontMatter is the YAML header of an article file.
type frontMatter struct {
	Title     string
	Outlet    string
	Published string
	URL       string
	Source    string
}

// Parse parses one article file. name is the file's name and gives the
// article its slug. Errors are *Error values naming the file and, where
// there is one, the line.
func (p *Parser) Parse(name string, data []byte) (*Article, error) {
	a, body, bodyLine, err := header(name, data)
	if err != nil {
		return nil, err
	}
	p.passages(a, body)
	if len(a.Passages) == 0 {
		return nil, &Error{File: name, Line: bodyLine, Err: errors.New("article has no text after its front matter")}
	}
	return a, nil
}

// header reads an article file's front matter into an Article, and
// returns the body and its first line number.
func header(name string, data []byte) (*Article, []byte, int, error) {
	fail := func(line int, format string, args ...any) error {
		return &Error{File: name, Line: line, Err: fmt.Errorf(format, args...)}
	}
	slug := Slug(name)
	if slug == "" {
		return nil, nil, 0, fail(0, "file name gives no slug; name article files like some-headline.md")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	fm, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		return nil, nil, 0, fail(1, "%v", err)
	}
	meta, line, err := decodeFrontMatter(fm)
	if err != nil {
		return nil, nil, 0, fail(line, "front matter: %v", err)
	}
	a := &Article{
		Slug:   slug,
		File:   name,
		Title:  meta.Title,
		Outlet: meta.Outlet,
		URL:    meta.URL,
		Source: meta.Source,
	}
	if a.Published, err = ParseDate(meta.Published); err != nil {
		return nil, nil, 0, fail(fieldLine(fm, "published"), "front matter: published: %v", err)
	}
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, nil, 0, fail(fieldLine(fm, "url"), "front matter: url %q is not an http(s) address", a.URL)
		}
	}
	if a.Title == "" {
		return nil, nil, 0, fail(1, "front matter: missing title")
	}
	return a, body, bodyLine, nil
}

// splitFrontMatter separates the YAML between the opening and closing
// "---" lines from the body, and returns the body's first line number.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, err error) {
	const fence = "---"
	rest, ok := bytes.CutPrefix(data, []byte(fence+"\n"))
	if !ok {
		return nil, nil, 0, errors.New(`file must start with front matter: a "---" line, title: ..., and a closing "---" line`)
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(rest)
		}
		if l := string(bytes.TrimRight(rest[off:end], " \t")); l == fence || l == "..." {
			return rest[:off], rest[min(next, len(rest)):], line + 1, nil
		}
		off = next
		line++
	}
	return nil, nil, 0, errors.New(`front matter has no closing "---" line`)
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// decodeFrontMatter decodes the YAML header strictly: unknown keys and
// values that are not plain text are errors. It returns the file line of the
// problem with any error (the header starts on line 2).
func decodeFrontMatter(fm []byte) (frontMatter, int, error) {
	var (
		meta frontMatter
		doc  yaml.Node
	)
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		line := 1
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + 1
			msg = strings.Replace(msg, m[0], "", 1)
		}
		return meta, line, errors.New(msg)
	}
	if len(doc.Content) == 0 {
		return meta, 1, errors.New("missing title")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return meta, root.Line + 1, errors.New("expected key: value lines")
	}
	fields := map[string]*string{
		"title":     &meta.Title,
		"outlet":    &meta.Outlet,
		"published": &meta.Published,
		"url":       &meta.URL,
		"source":    &meta.Source,
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		dst, ok := fields[k.Value]
		if !ok {
			return meta, k.Line + 1, fmt.Errorf("unknown field %q (want title, outlet, published, url, source)", k.Value)
		}
		if seen[k.Value] {
			return meta, k.Line + 1, fmt.Errorf("field %q given twice", k.Value)
		}
		seen[k.Value] = true
		if v.Kind != yaml.ScalarNode {
			return meta, v.Line + 1, fmt.Errorf("%s: want plain text", k.Value)
		}
		if v.Tag != "!!null" {
			*dst = strings.TrimSpace(v.Value)
		}
	}
	return meta, 0, nil
}

// fieldLine returns the file line of a front matter field, or 1.
func fieldLine(fm []byte, field string) int {
	for i, l := range strings.Split(string(fm), "\n") {
		if strings.HasPrefix(l, field+":") {
			return i + 2
		}
	}
	return 1
}

// builder accumulates an article's passages while walking its Markdown.
type builder struct {
	p        *Parser
	a        *Article
	src      []byte
	headings []heading
}

type heading struct {
	level int
	text  string
}

func (p *Parser) passages(a *Article, body []byte) {
	doc := p.md.Parse(text.NewReader(body))
	b := &builder{p: p, a: a, src: body}
	b.blocks(doc)
}

// blocks walks the block children of n. A paragraph that a list follows
// directly lends its last sentence to the list's items.
func (b *builder) blocks(n ast.Node) {
	prev := ""
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			b.heading(c.Level, b.inline(c))
			prev = ""
		case *ast.Paragraph, *ast.TextBlock:
			t := b.inline(c)
			b.add(Paragraph, t, b.p.sentences.Split(t), 0)
			prev = t
		case *ast.List:
			b.dropBareIntro(prev)
			b.list(c, b.lastSentence(prev))
			prev = ""
		case *east.Table:
			b.table(c)
			prev = ""
		case *ast.Blockquote:
			b.blocks(c)
			prev = ""
		default: // code, HTML and thematic breaks are not article prose
			prev = ""
		}
	}
}

// dropBareIntro removes the passage just added when it is nothing but the
// one sentence introducing the list that follows ("Several factors could
// derail the process:"): every item of the list carries that sentence, and
// alone it answers nothing.
func (b *builder) dropBareIntro(intro string) {
	n := len(b.a.Passages)
	if intro == "" || n == 0 {
		return
	}
	last := b.a.Passages[n-1]
	if last.Text == intro && len(last.Sentences) == 1 && strings.HasSuffix(intro, ":") {
		b.a.Passages = b.a.Passages[:n-1]
	}
}

func (b *builder) heading(level int, t string) {
	for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= level {
		b.headings = b.headings[:len(b.headings)-1]
	}
	if t != "" {
		b.headings = append(b.headings, heading{level, t})
	}
}

func (b *builder) lastSentence(t string) string {
	if t == "" {
		return ""
	}
	spans := b.p.sentences.Split(t)
	if len(spans) == 0 {
		return ""
	}
	s := spans[len(spans)-1]
	return t[s.Start:s.End]
}

// list adds one passage per item: the introducing sentence (if any) on the
// first line, then the item's own text. Nested lists are introduced by the
// last sentence of their parent item.
func (b *builder) list(l *ast.List, intro string) {
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var (
			lines  []string
			nested []*ast.List
		)
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				nested = append(nested, c)
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				if t := b.inline(c); t != "" {
					lines = append(lines, t)
				}
			}
		}
		own := strings.Join(lines, "\n")
		if own != "" {
			var (
				txt   strings.Builder
				spans []Span
				lead  int
			)
			if intro != "" {
				lead = 1
				txt.WriteString(intro)
				spans = append(spans, Span{0, len(intro)})
				txt.WriteByte('\n')
			}
			for i, line := range lines {
				if i > 0 {
					txt.WriteByte('\n')
				}
				off := txt.Len()
				txt.WriteString(line)
				for _, s := range b.p.sentences.Split(line) {
					spans = append(spans, Span{off + s.Start, off + s.End})
				}
			}
			b.add(ListItem, txt.String(), spans, lead)
		}
		parent := ""
		if len(lines) > 0 {
			parent = b.lastSentence(lines[len(lines)-1])
		}
		for _, n := range nested {
			b.list(n, parent)
		}
	}
}

// table adds one passage per body row: the header cells on the first line
// and the row's cells on the second, both joined by " | ".
func (b *builder) table(t *east.Table) {
	var header []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, b.inline(c))
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
			continue
		}
		if strings.Join(cells, "") == "" {
			continue
		}
		head := strings.Join(header, " | ")
		body := strings.Join(cells, " | ")
		txt := body
		var (
			spans []Span
			lead  int
		)
		if strings.TrimSpace(strings.ReplaceAll(head, "|", "")) != "" {
			txt = head + "\n" + body
			spans = append(spans, Span{0, len(head)})
			lead = 1
		}
		spans = append(spans, Span{len(txt) - len(body), len(txt)})
		b.add(TableRow, txt, spans, lead)
	}
}

func (b *builder) add(k Block, t string, spans []Span, lead int) {
	if strings.TrimSpace(t) == "" {
		return
	}
	p := &Passage{
		Article:   b.a,
		Ordinal:   len(b.a.Passages) + 1,
		Block:     k,
		Text:      t,
		Sentences: spans,
		Lead:      lead,
	}
	for _, h := range b.headings {
		p.Headings = append(p.Headings, h.text)
	}
	if n := len(p.Headings); n > 0 {
		p.Section = p.Headings[n-1]
	}
	b.a.Passages = append(b.a.Passages, p)
}

// inline returns the text of a block's inline content as a reader sees it:
// markup dropped, line breaks as spaces, runs of white space as one space.
func (b *builder) inline(n ast.Node) string {
	var sb strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Value(b.src)
				if !c.IsRaw() {
					// As a reader sees it: "\*" is "*", "&amp;" is "&".
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				sb.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(c.Value)
			case *ast.AutoLink:
				sb.Write(c.Label(b.src))
			case *ast.RawHTML, *ast.Image:
				// markup, not prose
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}
