package discord

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// length measures s as Discord's limits do. Discord documents its limits in
// characters; counting UTF-16 code units is never less than counting code
// points, so text that fits here fits however Discord counts.
func length(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}

// printable makes text from a question, the coverage or a fuzzer safe to
// measure and send: valid UTF-8, no control characters but line breaks,
// tabs as spaces.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// escape makes one line of text render literally in Discord's markdown:
// every markdown character is backslash-escaped (the backslash first, so a
// hostile backslash cannot undo an escape), a line may not start a list or
// a heading, "<" cannot open a user, role or channel mention, and
// @everyone and @here get a zero-width space after the "@". Allowed
// mentions already stop every ping; the escaping keeps them from even
// looking like one.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			lineStart = true
			b.WriteByte('\n')
			i += size
			continue
		case lineStart && (r == ' ' || r == '\u00a0'):
			b.WriteRune(r)
			i += size
			continue
		case lineStart && r >= '0' && r <= '9':
			// "1. " starts an ordered list.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && s[j] == '.' {
				b.WriteString(`\.`)
				j++
			}
			i = j
			lineStart = false
			continue
		case lineStart && (r == '-' || r == '+'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case strings.ContainsRune("\\*_~`|><[]()#", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@' && massMention(s[i+1:]):
			b.WriteString("@\u200b")
		default:
			b.WriteRune(r)
		}
		lineStart = false
		i += size
	}
	return b.String()
}

// massMention reports whether rest, the text after an "@", would make it
// @everyone or @here.
func massMention(rest string) bool {
	for _, word := range []string{"everyone", "here"} {
		if len(rest) >= len(word) && strings.EqualFold(rest[:len(word)], word) {
			return true
		}
	}
	return false
}

// defuse keeps @everyone and @here in text that Discord shows without
// markdown (embed footers) from looking like mentions.
func defuse(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '@' && massMention(s[i+1:]) {
			b.WriteString("\u200b")
		}
	}
	return b.String()
}

// linkURL returns u fit for a markdown link's target, or "" when it is not
// an http(s) address. Characters that would end the link early are
// percent-encoded.
func linkURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "\\", "%5C").Replace(p.String())
}

// ellipsis marks where text was cut.
const ellipsis = " …"

// A cutter lists the byte offsets at which text may be cut, in ascending
// order.
type cutter func(s string) []int

// sentenceCuts are the ends of sentences, lines and quoted fragments.
func sentenceCuts(s string) []int {
	var cuts []int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n', r == '…':
			// Cut before a line break, or before the ellipsis that joins
			// two fragments of a quote so that it is not doubled.
			cuts = append(cuts, i-size)
		case strings.ContainsRune(".!?", r):
			j := i
			for j < len(s) && strings.ContainsRune(`"'”’)]`, rune(s[j])) {
				j++
			}
			if strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’") {
				j += len("”")
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\n' {
				cuts = append(cuts, j)
			}
		}
	}
	return cuts
}

// wordCuts are the places before spaces and line breaks.
func wordCuts(s string) []int {
	var cuts []int
	for i := 1; i < len(s); i++ {
		if (s[i] == ' ' || s[i] == '\n') && s[i-1] != ' ' && s[i-1] != '\n' {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// runeCuts are every character boundary: the last resort for text without
// spaces.
func runeCuts(s string) []int {
	cuts := make([]int, 0, len(s))
	for i := range s {
		if i > 0 {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// shorten returns render(raw) when it is at most limit long, else
// render of the longest prefix of raw, cut at a place the first cutter that
// has one offers, followed by " …". Cutting raw text before rendering it
// means a cut can never fall inside an escape, a link or a character.
// It returns "" when not even the ellipsis fits.
func shorten(raw string, limit int, render func(string) string, cutters ...cutter) string {
	if out := render(raw); length(out) <= limit {
		return out
	}
	fits := func(cut int) (string, bool) {
		out := render(strings.TrimRight(raw[:cut], " \n") + ellipsis)
		return out, length(out) <= limit
	}
	for _, cuts := range cutters {
		offsets := cuts(raw)
		// The rendered length grows with the prefix: find the longest
		// prefix that fits by bisection.
		lo, hi := 0, len(offsets)
		for lo < hi {
			mid := (lo + hi) / 2
			if _, ok := fits(offsets[mid]); ok {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo > 0 && strings.TrimSpace(raw[:offsets[lo-1]]) != "" {
			out, _ := fits(offsets[lo-1])
			return out
		}
	}
	if out := render(strings.TrimSpace(ellipsis)); length(out) <= limit {
		return out
	}
	return ""
}

// fit shortens one line of text, escaped, to limit at a word boundary.
func fit(raw string, limit int) string {
	return shorten(printable(raw), limit, escape, wordCuts, runeCuts)
}
