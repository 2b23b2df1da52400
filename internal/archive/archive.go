// Package archive makes synthetic newsroom archives for benchmarks: article
// files built by recombining the sentences, list items, tables, headings
// and words of a real corpus with a seeded generator, so that the same
// size gives the same bytes on every run, and questions to ask of them.
//
// An archive reads like coverage of the beat (front matter, ## headings,
// paragraphs, bullet lists with their lead-in sentences, GFM tables) and
// grows its vocabulary as it grows: names are drawn from a pool that
// widens with every article, numbers and dates vary, and words are swapped
// for others of the corpus that end alike. It is not meant to be true.
package archive

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Seed is the seed every archive is generated from.
const Seed = 2026

// Generator makes archives from the material of one corpus. It is safe
// for concurrent use.
type Generator struct {
	sentences []string // of paragraphs, five words or more
	intros    []string // sentences that introduce a list
	items     []string // list items' own text
	headings  []string
	headlines []string // the corpus's titles and headings
	tables    []table
	names     []string            // capitalised words seen within sentences
	alike     map[string][]string // lower-case words by their last three letters
	stop      map[string]bool
	syllables []string
	parser    *corpus.Parser
}

// table is a GFM table of the corpus: its header cells and its rows.
type table struct {
	header []string
	rows   [][]string
}

// New collects the material of c. The archives it generates are read
// back with p.
func New(c *corpus.Corpus, p *corpus.Parser) *Generator {
	g := &Generator{alike: map[string][]string{}, stop: stopWords(), syllables: strings.Fields(syllables), parser: p}
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	for _, a := range c.Articles {
		add(&g.headlines, a.Title)
		var last *table
		for _, p := range a.Passages {
			for _, h := range p.Headings {
				add(&g.headings, h)
			}
			last = g.collect(p, last, add)
		}
	}
	g.vocabulary()
	g.headlines = append(g.headlines, g.headings...)
	return g
}

// collect adds one passage's material, and returns the table it belongs
// to, if it is a table row.
func (g *Generator) collect(p *corpus.Passage, last *table, add func(*[]string, string)) *table {
	lead, own := "", p.Text
	if p.Lead > 0 {
		lead = p.Text[:p.Sentences[p.Lead-1].End]
		own = strings.TrimSpace(p.Text[len(lead):])
	}
	switch p.Block {
	case corpus.ListItem:
		add(&g.intros, lead)
		add(&g.items, own)
	case corpus.TableRow:
		if lead == "" { // a table without a header is not worth copying
			return nil
		}
		header := strings.Split(lead, " | ")
		if last == nil || strings.Join(last.header, "|") != strings.Join(header, "|") {
			g.tables = append(g.tables, table{header: header})
			last = &g.tables[len(g.tables)-1]
		}
		last.rows = append(last.rows, strings.Split(own, " | "))
		return last
	default:
		for _, s := range p.Sentences {
			if t := p.Text[s.Start:s.End]; len(strings.Fields(t)) >= 5 {
				add(&g.sentences, t)
			}
		}
	}
	return nil
}

// vocabulary collects the names and the swappable words of the material,
// in the order they first appear.
func (g *Generator) vocabulary() {
	words := map[string]bool{}
	for _, s := range g.sentences {
		for i, w := range strings.Fields(s) {
			_, core, _ := split(w)
			switch {
			case words[core] || core == "":
			case i > 0 && capitalised(core) && !g.stop[strings.ToLower(core)]:
				g.names = append(g.names, core)
			case lowerWord(core) && len(core) >= 5 && !g.stop[core]:
				end := core[len(core)-3:]
				g.alike[end] = append(g.alike[end], core)
			}
			words[core] = true
		}
	}
}

// rewrite varies a sentence: numbers get other digits, some names give
// way to others (the corpus's, or made-up ones from a pool width wide),
// some words to words that end alike or to made-up terms.
func (g *Generator) rewrite(r *rand.Rand, s string, width int) string {
	words := strings.Fields(s)
	for i, w := range words {
		pre, core, post := split(w)
		switch {
		case strings.ContainsAny(core, "0123456789"):
			core = number(r, core)
		case i > 0 && capitalised(core) && !g.stop[strings.ToLower(core)] && r.Float64() < 0.3:
			core = g.name(r, width)
		case lowerWord(core) && len(core) >= 5 && !g.stop[core]:
			core = g.word(r, core, width)
		}
		words[i] = pre + core + post
	}
	return strings.Join(words, " ")
}

// word returns w, or now and then a word of the corpus that ends alike
// or a made-up term (a rare word: a place, a programme, a typo).
func (g *Generator) word(r *rand.Rand, w string, width int) string {
	switch x := r.Float64(); {
	case x < 0.2:
		if alike := g.alike[w[len(w)-3:]]; len(alike) > 0 {
			return alike[r.IntN(len(alike))]
		}
	case x < 0.25:
		return g.madeUp(r, width, terms)
	}
	return w
}

// name returns a name: one of the corpus's, or a made-up one.
func (g *Generator) name(r *rand.Rand, width int) string {
	if len(g.names) > 0 && r.IntN(2) == 0 {
		return g.names[r.IntN(len(g.names))]
	}
	s := g.madeUp(r, width, names)
	return strings.ToUpper(s[:1]) + s[1:]
}

// Kinds of made-up words, each its own sequence.
const (
	names uint64 = iota << 40
	terms
)

// syllables make up words.
const syllables = "ka ra vi mon tes lar zad eh no bar sha rin dor fa lu mir tan gol ser ab ve hosh kam ran dal ish or pez nu ta"

// madeUp returns one of the first width made-up words of a kind, the
// lower ones far more often, as a few names dominate any coverage. The
// same kind and number always give the same word.
func (g *Generator) madeUp(r *rand.Rand, width int, kind uint64) string {
	k := rand.NewZipf(r, 1.1, 1, uint64(width-1)).Uint64()
	w := rand.New(rand.NewPCG(Seed, kind|k))
	var b strings.Builder
	for range 2 + w.IntN(3) {
		b.WriteString(g.syllables[w.IntN(len(g.syllables))])
	}
	return b.String()
}

// number gives a number other digits, keeping its shape: "3.67%" may
// become "5.12%", and a year stays a plausible year.
func number(r *rand.Rand, s string) string {
	if len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && strings.Trim(s, "0123456789") == "" {
		return strconv.Itoa(1979 + r.IntN(48))
	}
	b := []byte(s)
	first := true
	for i, c := range b {
		if c < '0' || c > '9' {
			continue
		}
		d := byte(r.IntN(10))
		if first && c != '0' {
			d = byte(1 + r.IntN(9))
		}
		b[i] = '0' + d
		first = false
	}
	return string(b)
}

// split separates a word from the punctuation around it, and from a
// possessive "’s", which stays with the punctuation.
func split(w string) (pre, core, post string) {
	start := strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if start < 0 {
		return w, "", ""
	}
	end := strings.LastIndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' })
	_, size := utf8.DecodeRuneInString(w[end:])
	pre, core, post = w[:start], w[start:end+size], w[end+size:]
	for _, s := range []string{"’s", "'s"} {
		if c, ok := strings.CutSuffix(core, s); ok && c != "" {
			return pre, c, s + post
		}
	}
	return pre, core, post
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func lowerWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}

// stopWords returns the function words that are never swapped, and that
// questions are not built from.
func stopWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers him his how i if in into is it its itself
		just may me might more most must my no nor not now of off on once only or other our out over own
		said same says she should since so some such than that the their them then there these they this
		those through to too under until up very was we were what when where which while who whom why will
		with would you your yet however whether within without according among across around still even
		both either neither many much several another every such`) {
		m[w] = true
	}
	return m
}
