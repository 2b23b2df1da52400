package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/parley-newsroom/parley/bot"
)

func runAsk(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := newFlagSet("ask", stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per question")
	cite := fl.Bool("cite", false, "print each quote as one line to paste into a story")
	k := fl.Int("k", bot.DefaultPassages, "how many passages to show")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: parley ask [--json | --cite] [--k N] [--corpus DIR] [question ...]")
		fl.PrintDefaults()
	}
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if *k < 1 || *k > bot.MaxPassages {
		return usagef("--k must be between 1 and %d", bot.MaxPassages)
	}
	question := strings.Join(pos, " ")
	if len(pos) > 0 && strings.TrimSpace(question) == "" {
		return usagef("empty question")
	}

	b, _, err := loadBot(ctx, *dir, os.LookupEnv, stderr, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer b.Close()
	s := &session{bot: b, k: *k, out: &answerWriter{w: stdout, json: *asJSON, cite: *cite}}
	if len(pos) > 0 {
		return s.askOne(ctx, question)
	}
	s.interactive = isTerminal(stdin)
	s.stderr = stderr
	return s.run(ctx, stdin)
}

// session asks the bot questions from the command line or standard input.
type session struct {
	bot         *bot.Bot
	k           int
	out         *answerWriter
	interactive bool      // a person types at a terminal
	stderr      io.Writer // where prompts go
	failed      int       // questions that could not be asked
}

// askOne answers the question given on the command line. A question the
// bot will not search is bad usage.
func (s *session) askOne(ctx context.Context, question string) error {
	a, err := s.bot.Answer(ctx, bot.Question{Text: question, K: s.k})
	if unaskable(err) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	return s.out.write(a)
}

// run answers one question a line until the input ends or, at a
// terminal, the person types quit or presses Ctrl-C. A line the bot will
// not search is reported in the output and counted, and the rest are
// still answered.
func (s *session) run(ctx context.Context, stdin io.Reader) error {
	// At a terminal, the greeting and prompts go to stderr, so stdout holds
	// only answers (JSON lines with --json).
	s.prompt("Ask about the US–Iran talks; Parley answers from its articles. Ctrl-D to quit.\n")
	lines := readLines(ctx, stdin)
	for {
		s.prompt("\n? ")
		var l line
		var ok bool
		select {
		case <-ctx.Done():
			s.prompt("\n")
			if s.interactive {
				return nil // Ctrl-C at the prompt ends the session
			}
			return ctx.Err()
		case l, ok = <-lines:
		}
		switch {
		case !ok:
			s.prompt("\n")
			if s.failed > 0 {
				return fmt.Errorf("%d question(s) could not be asked", s.failed)
			}
			return nil
		case l.err != nil:
			return fmt.Errorf("read questions: %w", l.err)
		}
		text := strings.TrimSpace(l.text)
		if s.interactive && (text == "quit" || text == "exit") {
			return nil
		}
		if err := s.ask(ctx, text); err != nil {
			return err
		}
	}
}

// ask answers one line of input; blank lines are skipped.
func (s *session) ask(ctx context.Context, text string) error {
	if text == "" {
		return nil
	}
	a, err := s.bot.Answer(ctx, bot.Question{Text: text, K: s.k})
	switch {
	case unaskable(err):
		s.failed++
		return s.out.fail(text, err)
	case err != nil:
		return err
	}
	return s.out.write(a)
}

// unaskable reports whether err says the question itself cannot be
// asked: empty, too long, or with a filter that does not apply.
func unaskable(err error) bool {
	var fe *bot.FilterError
	return errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) || errors.As(err, &fe)
}

func (s *session) prompt(text string) {
	if s.interactive {
		fmt.Fprint(s.stderr, text)
	}
}

// line is one line of standard input, or the error that ended it.
type line struct {
	text string
	err  error
}

// readLines reads r line by line in its own goroutine, so that a question
// being typed does not keep Ctrl-C from ending the session. The channel
// closes at the end of input.
func readLines(ctx context.Context, r io.Reader) <-chan line {
	ch := make(chan line)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case ch <- line{text: sc.Text()}:
			case <-ctx.Done():
				return
			}
		}
		if err := sc.Err(); err != nil {
			select {
			case ch <- line{err: err}:
			case <-ctx.Done():
			}
		}
	}()
	return ch
}

// terminal is an input that knows whether a person types at it.
type terminal interface{ IsTerminal() bool }

// isTerminal reports whether r is a terminal a person types at.
func isTerminal(r io.Reader) bool {
	if t, ok := r.(terminal); ok {
		return t.IsTerminal()
	}
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// answerWriter prints answers as text for people or as JSON lines.
type answerWriter struct {
	w     io.Writer
	json  bool
	cite  bool // one copy-ready line per quote
	count int
}

func (o *answerWriter) write(a bot.Answer) error {
	o.count++
	if o.json {
		return json.NewEncoder(o.w).Encode(toJSON(a))
	}
	if o.cite {
		return o.writeCites(a)
	}
	if o.count > 1 {
		fmt.Fprintln(o.w)
	}
	_, err := io.WriteString(o.w, renderText(a))
	return err
}

// writeCites prints one copy-ready line per quote, or the note when the
// coverage does not answer.
func (o *answerWriter) writeCites(a bot.Answer) error {
	if !a.Answered {
		note, _ := a.Lead()
		_, err := fmt.Fprintln(o.w, note)
		return err
	}
	for _, q := range a.Quotes {
		if _, err := fmt.Fprintln(o.w, q.CopyLine()); err != nil {
			return err
		}
	}
	return nil
}

// fail reports a question that could not be asked, without stopping a batch.
func (o *answerWriter) fail(question string, err error) error {
	if o.json {
		return json.NewEncoder(o.w).Encode(map[string]string{"question": question, "error": err.Error()})
	}
	_, werr := fmt.Fprintln(o.w, bot.UserMessage(err))
	return werr
}

// jsonAnswer is the documented JSON form of an answer.
type jsonAnswer struct {
	Question string        `json:"question"`
	Answered bool          `json:"answered"`
	Note     string        `json:"note"`
	AsOf     string        `json:"as_of"`
	Scope    string        `json:"scope,omitempty"`
	Passages []jsonPassage `json:"passages"`
}

type jsonPassage struct {
	Rank      int     `json:"rank"`
	Article   string  `json:"article"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	Published string  `json:"published"`
	URL       string  `json:"url"`
	Section   string  `json:"section"`
	Paragraph int     `json:"paragraph"`
	Text      string  `json:"text"`
	Quote     string  `json:"quote"`
	Score     float64 `json:"score"`
	Earlier   string  `json:"earlier,omitempty"`
	// Attribution is whom the quote attributes its words to; Cite is the
	// line to paste into a story.
	Attribution string `json:"attribution"`
	Cite        string `json:"cite"`
}

func toJSON(a bot.Answer) jsonAnswer {
	j := jsonAnswer{Question: a.Question, Answered: a.Answered, Note: a.Note, AsOf: a.AsOf, Scope: a.Scope, Passages: []jsonPassage{}}
	for _, q := range a.Quotes {
		j.Passages = append(j.Passages, passageJSON(q))
	}
	return j
}

// passageJSON is the documented JSON form of a quoted passage.
func passageJSON(q bot.Quote) jsonPassage {
	c := q.Citation
	return jsonPassage{
		Rank:        q.Rank,
		Article:     c.Article,
		Title:       c.Title,
		Outlet:      c.Outlet,
		Published:   c.Published,
		URL:         c.URL,
		Section:     c.Section,
		Paragraph:   c.Paragraph,
		Text:        q.Passage,
		Quote:       joinFragments(q.Fragments),
		Score:       q.Score,
		Earlier:     q.Earlier,
		Attribution: c.Attribution,
		Cite:        q.CopyLine(),
	}
}
