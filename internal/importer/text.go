package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fromText reads a plain-text article: the headline on the first line,
// then the body, paragraphs separated by blank lines. Within the body:
//   - a paragraph repeating the headline at its top is dropped;
//   - lines that start with a bullet (•, -, *, –, ·) are list items;
//   - a paragraph of one short line without closing punctuation, followed
//     by prose, is a section heading (how text exports of pages render
//     their headings);
//   - everything else is a paragraph, its lines joined by spaces.
//
// The text is escaped, so Markdown reads it exactly as written.
func fromText(data []byte) (*Draft, error) {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	head, body, _ := strings.Cut(strings.TrimLeft(s, " \t\n"), "\n")
	title := collapse(head)
	blocks := splitBlocks(body)
	if len(blocks) > 0 && collapse(strings.Join(blocks[0], " ")) == title {
		blocks = blocks[1:]
	}
	var b strings.Builder
	for i, lines := range blocks {
		if len(lines) == 1 && headingLike(lines[0]) && i+1 < len(blocks) && !headingLike(blocks[i+1][0]) {
			b.WriteString("## " + Escape(collapse(lines[0])) + "\n\n")
			continue
		}
		writeBlock(&b, lines)
	}
	return &Draft{Title: title, Body: []byte(b.String())}, nil
}

// splitBlocks splits text into blocks at blank lines; each block is its
// non-blank lines.
func splitBlocks(s string) [][]string {
	var (
		out [][]string
		cur []string
	)
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// writeBlock writes a block's paragraphs and list items. A line after an
// item that is indented continues the item; other lines make paragraphs.
func writeBlock(b *strings.Builder, lines []string) {
	var (
		para  []string
		items []string
	)
	flush := func() {
		if len(para) > 0 {
			b.WriteString(Escape(collapse(strings.Join(para, " "))) + "\n\n")
			para = nil
		}
		for _, it := range items {
			b.WriteString("- " + Escape(collapse(it)) + "\n")
		}
		if len(items) > 0 {
			b.WriteString("\n")
			items = nil
		}
	}
	for _, line := range lines {
		if item, ok := bullet(line); ok {
			if len(para) > 0 {
				flush()
			}
			items = append(items, item)
			continue
		}
		if len(items) > 0 && (line[0] == ' ' || line[0] == '\t') {
			items[len(items)-1] += " " + line
			continue
		}
		if len(items) > 0 {
			flush()
		}
		para = append(para, line)
	}
	flush()
}

// bullets are the characters text exports start list items with.
const bullets = "•-*–·‣◦▪"

// bullet returns a list item's text when line starts with a bullet and a
// space.
func bullet(line string) (string, bool) {
	t := strings.TrimLeft(line, " \t")
	r, size := utf8.DecodeRuneInString(t)
	if !strings.ContainsRune(bullets, r) || len(t) <= size || (t[size] != ' ' && t[size] != '\t') {
		return "", false
	}
	item := strings.TrimSpace(t[size:])
	return item, item != ""
}

// headingLike reports whether a line reads as a heading: at most twelve
// words, starting with a capital or digit, ending without the punctuation
// that closes a sentence or a clause.
func headingLike(line string) bool {
	t := collapse(line)
	if t == "" || len(strings.Fields(t)) > 12 {
		return false
	}
	if _, ok := bullet(line); ok {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last := strings.TrimRight(t, `"”’')]`)
	r, _ := utf8.DecodeLastRuneInString(last)
	return last != "" && !strings.ContainsRune(".!?:;,…", r)
}

// collapse turns every run of white space into one space and trims the
// ends, as Markdown reads a paragraph.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Escape returns one line of text as Markdown that reads exactly as the
// text: markup characters are backslash-escaped (# too, which would close
// a heading), & is written as an entity, and a line start that would open
// a list item is escaped.
func Escape(s string) string {
	var b strings.Builder
	if n := leadingDigits(s); n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		b.WriteString(s[:n] + `\`)
		s = s[n:]
	} else if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		b.WriteByte('\\')
	}
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
