// Package bot is Parley's platform-neutral core: a Question comes in, an
// Answer goes out. An Answer holds verbatim quotes from the coverage, each
// with its citation, or says plainly that the coverage does not answer the
// question. The Slack and Discord adapters translate to and from these
// types and nothing else.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-newsroom/parley/internal/attribution"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/feedback"
	"github.com/parley-newsroom/parley/internal/quote"
	"github.com/parley-newsroom/parley/internal/search"
)

// DefaultPassages is how many passages an answer holds unless asked.
const DefaultPassages = 3

// MaxPassages bounds Question.K.
const MaxPassages = 10

// MaxQuestionLen is the longest question Parley accepts, in characters,
// not counting its filters ("since:2026-06"), which Discord's options add
// to what was typed. With them, a question may be twice as long.
const MaxQuestionLen = 500

// Errors for questions Parley will not search. Adapters show users
// UserMessage(err) rather than the error text.
var (
	ErrEmptyQuestion   = errors.New("empty question")
	ErrQuestionTooLong = fmt.Errorf("question longer than %d characters", MaxQuestionLen)
)

// UserMessage returns the one polite sentence a user should see for an
// error from Answer.
func UserMessage(err error) string {
	var fe *FilterError
	switch {
	case errors.As(err, &fe):
		return fe.Msg
	case errors.Is(err, ErrEmptyQuestion):
		return "Ask me a question about the US–Iran talks, for example: What did the mediators say about the first round?"
	case errors.Is(err, ErrQuestionTooLong):
		return fmt.Sprintf("That question is too long for me; please keep it under %d characters.", MaxQuestionLen)
	default:
		return "Sorry, something went wrong while I was searching the coverage. Please try again in a moment."
	}
}

// Question is what a user asked.
type Question struct {
	Text string
	// K is how many passages to return; 0 means DefaultPassages.
	K int
	// Platform ("slack", "discord") and User (the platform's user id) say
	// who asked, for the record of questions the coverage does not answer.
	Platform, User string
}

// Answer is Parley's reply to a Question.
type Answer struct {
	// Question is the question as searched (trimmed, spaces collapsed).
	Question string
	// Answered is true when the passages answer the question. When false,
	// Note says why and any Passages are only the closest the coverage has.
	Answered bool
	Note     string
	Quotes   []Quote
	// AsOf is the date of the newest article of the coverage, for a
	// reader ("June 23, 2026"), or "" when no article states one.
	AsOf string
	// Scope says what part of the coverage a question's filters searched
	// ("Searched coverage since June 1, 2026, from Euractiv"), or "".
	Scope string
}

// Footer returns the line that ends every reply: how current the
// coverage is ("Coverage as of June 23, 2026"), or "" when no article is
// dated.
func (a Answer) Footer() string {
	if a.AsOf == "" {
		return ""
	}
	return "Coverage as of " + a.AsOf
}

// Quote is one quoted passage with its citation.
type Quote struct {
	Rank int // 1-based
	// Fragments holds the verbatim fragments that best answer the question, in
	// passage order; text was left out between neighbouring fragments.
	Fragments []string
	Passage   string // the whole passage, verbatim
	Score     float64
	Citation  Citation
	// Earlier is set on a quote from an article older than one quoted
	// above it: "earlier coverage, May 2025".
	Earlier string
}

// CopyLine returns the quote as a reporter pastes it into a story:
// “<quote>” — <Headline>, <Outlet>, <date>, with the quote's ellipses and
// curly quotes as the coverage writes them.
func (q Quote) CopyLine() string {
	parts := []string{q.Citation.Headline()}
	if o := strings.TrimSpace(q.Citation.Outlet); o != "" {
		parts = append(parts, o)
	}
	parts = append(parts, q.Citation.When())
	return "“" + strings.Join(q.Fragments, " "+Ellipsis+" ") + "” — " + strings.Join(parts, ", ")
}

// Ellipsis marks, between two fragments of a quote, the text left out.
const Ellipsis = quote.Ellipsis

// Words a reply shows whatever its platform, written once here.
const (
	// defaultNote is the note of an answer that does not say why it does
	// not answer.
	defaultNote = "The coverage doesn't answer that question."
	// closestLabel presents quotes that may not answer the question.
	closestLabel = "Closest passages, which may not answer the question:"
	// untitled stands for a headline the article does not give.
	untitled = "Untitled article"
	// undated stands for a date the article does not give.
	undated = "undated"
)

// Lead returns what a reply says before its quotes: nothing when the
// quotes answer the question; otherwise the note saying why the coverage
// does not answer and, when there are quotes, the line that presents them
// as only the closest passages.
func (a Answer) Lead() (note, closest string) {
	if a.Answered && len(a.Quotes) > 0 {
		return "", ""
	}
	note = strings.TrimSpace(a.Note)
	if note == "" {
		note = defaultNote
	}
	if len(a.Quotes) > 0 {
		closest = closestLabel
	}
	return note, closest
}

// ID identifies the cited passage: the article's slug and the passage's
// place in it ("unexpected-alliance#16").
func (c Citation) ID() string { return fmt.Sprintf("%s#%d", c.Article, c.Paragraph) }

// Headline returns the article's headline, or "Untitled article" when it
// has nothing to show.
func (c Citation) Headline() string {
	if !strings.ContainsFunc(c.Title, visible) {
		return untitled
	}
	return c.Title
}

// visible reports whether r shows as something on a screen.
func visible(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsSpace(r) }

// When returns the article's date for a reader, or "undated".
func (c Citation) When() string {
	switch {
	case c.Date != "":
		return c.Date
	case c.Published != "":
		return c.Published
	}
	return undated
}

// Details returns what a citation says after the headline, in the order a
// reader sees it: the outlet, the date ("undated" when unknown), the
// section in curly quotes, whom the quote attributes its words to, and
// the paragraph ("¶16"), leaving out what is not known but the date.
func (c Citation) Details() []string {
	var out []string
	if strings.TrimSpace(c.Outlet) != "" {
		out = append(out, c.Outlet)
	}
	out = append(out, c.When())
	if strings.TrimSpace(c.Section) != "" {
		out = append(out, "“"+c.Section+"”")
	}
	if c.Attribution != "" {
		out = append(out, "attributed to "+c.Attribution)
	}
	if c.Paragraph > 0 {
		out = append(out, fmt.Sprintf("¶%d", c.Paragraph))
	}
	return out
}

// Citation says where a passage comes from.
type Citation struct {
	Article   string // slug
	Title     string // headline
	Outlet    string // "" when the article names none
	Published string // "2026-06-23", "2026-06" or ""
	Date      string // Published for a reader: "June 23, 2026"
	Section   string // heading above the passage, "" for the lead
	Paragraph int    // the passage's position in the article, from 1
	URL       string // "" when unknown
	// Attribution is whom the quoted sentences attribute their words or
	// report to, as the text writes it ("Al Busaidi, an Omani official",
	// "CNBC and NPR"), or "" when they attribute them to no one.
	Attribution string
}

// Article describes one article of the coverage.
type Article struct {
	Article   string
	Title     string
	Outlet    string
	Published string
	Date      string
	URL       string
	Passages  int
}

// Headline returns the article's headline, or "Untitled article" when it
// has nothing to show.
func (a Article) Headline() string { return Citation{Title: a.Title}.Headline() }

// When returns the article's date for a reader, or "undated".
func (a Article) When() string { return Citation{Date: a.Date, Published: a.Published}.When() }

// searcher is the retrieval core as the bot uses it.
type searcher interface {
	SearchWithin(ctx context.Context, question string, k int, f search.Filter) (*search.Result, error)
	// Articles are what the index keeps of each article.
	Articles() []search.Article
	// Outline is Articles with their headings and key phrases.
	Outline() ([]search.Article, error)
	// Passages reads passages back by ID.
	Passages(ctx context.Context, ids []string) (map[string]*corpus.Passage, error)
	Close() error
}

// Bot answers questions from the coverage.
type Bot struct {
	search   searcher
	feedback *feedback.Log // nil: nothing recorded
	articles []Article
	asOf     string
	// suggest returns the headings and key phrases Suggest offers, put
	// together on first use: a process that only answers never needs them.
	suggest func() []suggestion
	log     *slog.Logger
}

// suggestRetry is how long Suggest offers nothing after it failed to
// read the coverage's headings and phrases, before it tries again.
const suggestRetry = time.Minute

// newBot returns a Bot that searches s.
func newBot(s searcher, log *slog.Logger) *Bot {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{search: s, log: log}
	var (
		mu       sync.Mutex
		gathered []suggestion
		failed   time.Time
	)
	b.suggest = func() []suggestion {
		mu.Lock()
		defer mu.Unlock()
		if gathered != nil || time.Since(failed) < suggestRetry {
			return gathered
		}
		articles, err := s.Outline()
		if err != nil {
			// Not kept: a keystroke a while later tries again.
			failed = time.Now()
			b.log.Error("read the coverage's headings and phrases", "err", err)
			return nil
		}
		gathered = suggestions(articles) // never nil
		return gathered
	}
	var newest corpus.Date
	for _, indexed := range s.Articles() {
		a := indexed.Meta
		if a.Published.After(newest) {
			newest = a.Published
		}
		b.articles = append(b.articles, Article{
			Article:   a.Slug,
			Title:     a.Title,
			Outlet:    a.Outlet,
			Published: a.Published.String(),
			Date:      a.Published.Human(),
			URL:       a.URL,
			Passages:  indexed.Passages,
		})
	}
	b.asOf = newest.Human()
	return b
}

// Close releases the bot's index.
func (b *Bot) Close() error { return b.search.Close() }

// Articles lists the articles Parley answers from.
func (b *Bot) Articles() []Article { return b.articles }

// AsOf returns the date of the newest article, for a reader ("June 23,
// 2026"), or "" when no article states a date.
func (b *Bot) AsOf() string { return b.asOf }

// Normalize trims a question, collapses its white space and drops control
// and invisible format characters, as Answer does before searching. A
// zero-width joiner, word joiner or byte-order mark pasted into a word
// ("nego\u200dtiations") would otherwise split it in two. A terminal's
// escape sequence ("\x1b[31m", pasted with coloured text) goes whole:
// without its ESC, "[31m" would be read as a word.
func Normalize(text string) string {
	text = escapeRE.ReplaceAllString(text, "")
	text = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (unicode.IsControl(r) && !unicode.IsSpace(r)) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, text)
	return strings.Join(strings.Fields(text), " ")
}

// AsksSomething reports whether a message reads as a question: it ends
// with a question mark, or opens as questions do ("what", "did", "tell
// me"). Replies in a thread that are not addressed to Parley are answered
// only when they ask something: "ok, makes sense" and "thanks!" are not
// questions about the coverage.
func AsksSomething(text string) bool {
	text = strings.TrimSpace(Normalize(text))
	if strings.HasSuffix(text, "?") {
		return true
	}
	first, _, _ := strings.Cut(strings.ToLower(text), " ")
	first = strings.TrimRight(first, ",.:;!")
	switch strings.NewReplacer("’", "", "'", "").Replace(first) {
	case "what", "whats", "who", "whos", "whom", "whose", "when", "where", "wheres", "why", "how", "hows", "which",
		"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "has", "have", "had",
		"tell", "show", "explain", "describe", "list", "summarize", "summarise", "timeline":
		return true
	}
	return false
}

// escapeRE matches an ECMA-48 control sequence (ESC [ parameters,
// intermediates, final byte), an operating system command (ESC ] … BEL or
// ESC \\: a window title, a hyperlink's target), an escape with
// intermediates ("\x1b(B") or a two-character escape ("\x1bc").
var escapeRE = regexp.MustCompile(`\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]+[0-~]|[0-Z\\-~])`)

// Answer searches the coverage for q.
func (b *Bot) Answer(ctx context.Context, q Question) (Answer, error) {
	start := time.Now()
	text := Normalize(q.Text)
	if text == "" {
		return Answer{}, ErrEmptyQuestion
	}
	s, err := b.readFilters(text)
	if err != nil {
		return Answer{}, err
	}
	if s.text == "" {
		return Answer{}, ErrEmptyQuestion
	}
	k := q.K
	if k <= 0 {
		k = DefaultPassages
	}
	k = min(k, MaxPassages)
	res, err := b.search.SearchWithin(ctx, s.text, k, s.filter)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Question: text, Answered: res.Verdict.Answered(), Note: note(res), AsOf: b.asOf}
	if len(s.scope) > 0 {
		a.Scope = "Searched coverage " + strings.Join(s.scope, ", ")
	}
	if a.Answered || res.Verdict.Closest {
		intros := map[string]bool{}
		for i, h := range res.Hits {
			a.Quotes = append(a.Quotes, passage(i+1, h, intros))
		}
		labelEarlier(a.Quotes, res.Hits)
	}
	b.log.Debug("searched", "hits", len(a.Quotes), "answered", a.Answered, "elapsed", time.Since(start))
	if !a.Answered {
		b.record(feedback.Record{Kind: feedback.NotCovered, Platform: q.Platform, User: q.User, Question: text, Note: a.Note})
	}
	return a, nil
}

// labelEarlier labels each quote from an article older than the newest
// one quoted above it ("earlier coverage, May 2025"): at similar
// relevance newer coverage ranks first, and a reader should see when an
// older passage on the point was written.
func labelEarlier(quotes []Quote, hits []search.Hit) {
	var newest corpus.Date
	for i, h := range hits[:len(quotes)] {
		d := h.Passage.Article.Published
		if !newest.IsZero() && !d.IsZero() && newest.After(d) && !sameMonth(newest, d) {
			quotes[i].Earlier = "earlier coverage, " + d.Human()
		}
		if d.After(newest) {
			newest = d
		}
	}
}

// sameMonth reports whether two dates fall in one month (or one year,
// when either gives no month).
func sameMonth(a, b corpus.Date) bool {
	return a.Year == b.Year && (a.Month == b.Month || a.Month == 0 || b.Month == 0)
}

// passage turns a hit into a quoted, cited passage. A list's introducing
// sentence is quoted with the first of its items in the answer only;
// intros records the ones already quoted.
func passage(rank int, h search.Hit, intros map[string]bool) Quote {
	p := h.Passage
	art := p.Article
	spans, scores := p.Sentences, h.Sentences
	if list := p.List(); list != "" && len(spans) > p.Lead {
		if intros[list] {
			spans, scores = spans[p.Lead:], scores[p.Lead:]
		}
		intros[list] = true
	}
	fragments := quote.Pick(p.Text, spans, scores, p.Lead-(len(p.Sentences)-len(spans)))
	return Quote{
		Rank:      rank,
		Fragments: fragments,
		Passage:   p.Text,
		Score:     h.Score,
		Citation: Citation{
			Article:     art.Slug,
			Title:       art.Title,
			Outlet:      art.Outlet,
			Published:   art.Published.String(),
			Date:        art.Published.Human(),
			Section:     p.Section,
			Paragraph:   p.Ordinal,
			URL:         art.URL,
			Attribution: attributed(fragments),
		},
	}
}

// attributed returns whom the first quoted fragment that attributes its
// words attributes them to, or "".
func attributed(fragments []string) string {
	for _, f := range fragments {
		if who := attribution.Find(f); who != "" {
			return who
		}
	}
	return ""
}
