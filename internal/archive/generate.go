package archive

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/importer"
)

// File is one generated article file.
type File struct {
	Name string
	Data []byte
}

// Archive is a generated archive: its files, and the corpus the parser
// reads from them.
type Archive struct {
	Files  []File
	Corpus *corpus.Corpus
}

// Generate returns an archive of exactly n passages, as the corpus parser
// counts them: article files named 000001-some-headline.md and on. Each
// article is generated from Seed and its number alone (the last one is cut
// short to make n), so a larger archive starts with a smaller one's
// articles. Its error is a generated file the parser rejects, which is a
// bug.
func (g *Generator) Generate(n int) (*Archive, error) {
	a := &Archive{Corpus: &corpus.Corpus{}}
	for i := 0; n > 0; i++ {
		f := g.article(i, n)
		art, err := g.parser.Parse(f.Name, f.Data)
		if err != nil {
			return nil, fmt.Errorf("archive: generated %w", err)
		}
		a.Files = append(a.Files, f)
		a.Corpus.Articles = append(a.Corpus.Articles, art)
		// The parser may read fewer passages than were written (it
		// drops a list's lead-in when it reads as one sentence);
		// counting what it read keeps n exact.
		n -= len(art.Passages)
	}
	return a, nil
}

// outlets are outlets the built-in coverage cites.
const outlets = "BBC|CNBC|NPR|The New York Times|Radio Free Europe/Radio Liberty|Euractiv|Crypto Briefing|Reuters|Al-Monitor"

// writer writes one article's body while counting its passages down
// from budget.
type writer struct {
	g      *Generator
	r      *rand.Rand
	width  int // how many made-up words of each kind the article may use
	budget int
	body   strings.Builder
}

// article generates article i with at most budget passages.
func (g *Generator) article(i, budget int) File {
	r := rand.New(rand.NewPCG(Seed, uint64(i)<<1|1))
	w := &writer{g: g, r: r, width: 64 + 8*i, budget: budget}
	d := w.front()
	w.paragraphs(1 + r.IntN(2))
	for range 2 + r.IntN(5) {
		if w.budget == 0 {
			break
		}
		w.line("## " + importer.Escape(g.rewrite(r, pick(r, g.headings), w.width)))
		for range 1 + r.IntN(3) {
			switch x := r.Float64(); {
			case w.budget == 0:
			case x < 0.22 && w.budget >= 3:
				w.list()
			case x < 0.32 && w.budget >= 2 && len(g.tables) > 0:
				w.table()
			default:
				w.paragraphs(1)
			}
		}
	}
	d.Body = []byte(w.body.String())
	slug := strings.Split(corpus.Slug(d.Title+".md"), "-")
	name := fmt.Sprintf("%06d-%s.md", i+1, strings.Join(slug[:min(len(slug), 6)], "-"))
	return File{Name: name, Data: d.Render()}
}

// front draws the article's headline, outlet, date and address: a date
// to the day mostly, sometimes only the month or none, as in the corpus.
func (w *writer) front() importer.Draft {
	r := w.r
	title := w.g.rewrite(r, pick(r, w.g.headlines), w.width)
	d := importer.Draft{Title: title}
	if r.IntN(10) > 0 {
		d.Outlet = pick(r, strings.Split(outlets, "|"))
	}
	switch x := r.IntN(10); {
	case x < 8:
		d.Published = corpus.Date{Year: 2019 + r.IntN(8), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}
	case x < 9:
		d.Published = corpus.Date{Year: 2019 + r.IntN(8), Month: time.Month(1 + r.IntN(12))}
	}
	if d.Outlet != "" && d.Published.Day > 0 && r.IntN(5) > 0 {
		host := strings.Join(strings.FieldsFunc(strings.ToLower(d.Outlet), func(r rune) bool { return r < 'a' || r > 'z' }), "")
		d.URL = fmt.Sprintf("https://www.%s.example/%d/%02d/%02d/%s", host, d.Published.Year, d.Published.Month,
			d.Published.Day, corpus.Slug(title+".md"))
	}
	return d
}

// paragraphs writes n paragraphs of one to four sentences.
func (w *writer) paragraphs(n int) {
	for ; n > 0 && w.budget > 0; n-- {
		w.line(importer.Escape(w.sentences(1 + w.r.IntN(4))))
		w.budget--
	}
}

func (w *writer) sentences(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = w.g.rewrite(w.r, pick(w.r, w.g.sentences), w.width)
	}
	return strings.Join(out, " ")
}

// list writes a paragraph ending in a sentence that introduces a list,
// then the list: never the bare lead-in, which the parser would drop.
func (w *writer) list() {
	intro := w.g.rewrite(w.r, pick(w.r, w.g.intros), w.width)
	w.line(importer.Escape(w.sentences(1+w.r.IntN(2)) + " " + intro))
	w.budget--
	n := min(3+w.r.IntN(4), w.budget)
	for range n {
		w.body.WriteString("- " + importer.Escape(w.g.rewrite(w.r, pick(w.r, w.g.items), w.width)) + "\n")
	}
	w.body.WriteString("\n")
	w.budget -= n
}

// table writes a table of the corpus with two to five of its rows, varied.
func (w *writer) table() {
	t := w.g.tables[w.r.IntN(len(w.g.tables))]
	row := func(cells []string) string {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = importer.Escape(c)
		}
		return "| " + strings.Join(esc, " | ") + " |\n"
	}
	w.body.WriteString(row(t.header))
	w.body.WriteString(strings.Repeat("|---", len(t.header)) + "|\n")
	n := min(2+w.r.IntN(4), w.budget)
	for range n {
		cells := t.rows[w.r.IntN(len(t.rows))]
		varied := make([]string, len(t.header))
		for i := range varied {
			if i < len(cells) {
				varied[i] = w.g.rewrite(w.r, cells[i], w.width)
			}
		}
		w.body.WriteString(row(varied))
	}
	w.body.WriteString("\n")
	w.budget -= n
}

func (w *writer) line(s string) { w.body.WriteString(s + "\n\n") }

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }
