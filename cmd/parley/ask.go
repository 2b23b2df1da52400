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
	k := fl.Int("k", bot.DefaultPassages, "how many passages to show")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: parley ask [--json] [--k N] [--corpus DIR] [question ...]")
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

	b, err := loadBot(ctx, *dir, os.LookupEnv, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer b.Close()
	out := &answerWriter{w: stdout, json: *asJSON}

	if len(pos) > 0 {
		a, err := b.Answer(ctx, bot.Question{Text: question, K: *k})
		if err != nil {
			if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) {
				return usageError{err.Error()}
			}
			return err
		}
		return out.write(a)
	}

	// At a terminal, the greeting and prompts go to stderr, so stdout holds
	// only answers (JSON lines with --json).
	interactive := isTerminal(stdin)
	prompt := func(format string) {
		if interactive {
			fmt.Fprint(stderr, format)
		}
	}
	prompt("Ask about the US–Iran talks; Parley answers from its articles. Ctrl-D to quit.\n")
	lines := readLines(ctx, stdin)
	failed := 0
	for {
		prompt("\n? ")
		var line string
		select {
		case <-ctx.Done():
			prompt("\n")
			if interactive {
				return nil // Ctrl-C at the prompt ends the session
			}
			return ctx.Err()
		case l, ok := <-lines:
			if !ok {
				prompt("\n")
				if failed > 0 {
					return fmt.Errorf("%d question(s) could not be asked", failed)
				}
				return nil
			}
			if l.err != nil {
				return fmt.Errorf("read questions: %w", l.err)
			}
			line = strings.TrimSpace(l.text)
		}
		if line == "" {
			continue
		}
		if interactive && (line == "quit" || line == "exit") {
			return nil
		}
		a, err := b.Answer(ctx, bot.Question{Text: line, K: *k})
		switch {
		case errors.Is(err, bot.ErrQuestionTooLong), errors.Is(err, bot.ErrEmptyQuestion):
			failed++
			err = out.fail(line, err)
		case err != nil:
			return err
		default:
			err = out.write(a)
		}
		if err != nil {
			return err
		}
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
	count int
}

func (o *answerWriter) write(a bot.Answer) error {
	o.count++
	if o.json {
		return json.NewEncoder(o.w).Encode(toJSON(a))
	}
	if o.count > 1 {
		fmt.Fprintln(o.w)
	}
	_, err := io.WriteString(o.w, renderText(a))
	return err
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
}

func toJSON(a bot.Answer) jsonAnswer {
	j := jsonAnswer{Question: a.Question, Answered: a.Answered, Note: a.Note, Passages: []jsonPassage{}}
	for _, p := range a.Quotes {
		c := p.Citation
		j.Passages = append(j.Passages, jsonPassage{
			Rank:      p.Rank,
			Article:   c.Article,
			Title:     c.Title,
			Outlet:    c.Outlet,
			Published: c.Published,
			URL:       c.URL,
			Section:   c.Section,
			Paragraph: c.Paragraph,
			Text:      p.Passage,
			Quote:     joinFragments(p.Fragments),
			Score:     p.Score,
		})
	}
	return j
}
