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

	e, err := load(ctx, *dir, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer e.Close()
	out := &answerWriter{w: stdout, json: *asJSON}

	if len(pos) > 0 {
		a, err := e.bot.Answer(ctx, bot.Question{Text: question, K: *k})
		if err != nil {
			if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) {
				return usageError{err.Error()}
			}
			return err
		}
		return out.write(a)
	}

	interactive := isTerminal(stdin)
	if interactive {
		fmt.Fprintln(stdout, "Ask about the US–Iran talks; Parley answers from its articles. Ctrl-D to quit.")
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	failed := 0
	for {
		if interactive {
			fmt.Fprint(stdout, "\n? ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if interactive && (line == "quit" || line == "exit") {
			break
		}
		a, err := e.bot.Answer(ctx, bot.Question{Text: line, K: *k})
		switch {
		case errors.Is(err, bot.ErrQuestionTooLong):
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
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if interactive {
		fmt.Fprintln(stdout)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("%d question(s) could not be asked", failed)
	}
	return nil
}

// terminal is an input that knows whether a person types at it.
type terminal interface{ IsTerminal() bool }

// isTerminal reports whether r is a terminal a person types at.
func isTerminal(r io.Reader) bool {
	if t, ok := r.(terminal); ok {
		return t.IsTerminal()
	}
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
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
	for _, p := range a.Passages {
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
			Text:      p.Text,
			Quote:     p.QuoteText(),
			Score:     p.Score,
		})
	}
	return j
}
