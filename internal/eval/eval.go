// Package eval scores Parley against a question set in the format of
// ../shared/eval: one JSON object a line, either answerable
// ({"id", "question", "expect_any": [...]}) or out of scope
// ({"id", "question", "expect_none": true}).
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// Depth is how many passages each question is asked for: enough for MRR@10.
const Depth = 10

// Item is one question of a set.
type Item struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind,omitempty"` // fact, list, near-topic, …
	Question   string   `json:"question"`
	ExpectAny  []string `json:"expect_any"`
	ExpectNone bool     `json:"expect_none"`
}

// Load reads a question set. Errors name the line.
func Load(r io.Reader) ([]Item, error) {
	var items []Item
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var it Item
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&it); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		switch {
		case it.ID == "" || strings.TrimSpace(it.Question) == "":
			return nil, fmt.Errorf("line %d: want an id and a question", n)
		case it.ExpectNone == (len(it.ExpectAny) > 0):
			return nil, fmt.Errorf("line %d: want either expect_any or expect_none", n)
		case seen[it.ID] > 0:
			return nil, fmt.Errorf("line %d: id %q already on line %d", n, it.ID, seen[it.ID])
		}
		seen[it.ID] = n
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errors.New("no questions")
	}
	return items, nil
}

// Articles returns the text of every article file (*.md) in fsys as a
// reader sees it (see corpus.PlainText), by slug: what Run checks passage
// text against.
func Articles(fsys fs.FS) (map[string]string, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if out[corpus.Slug(name)], err = corpus.PlainText(data); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return out, nil
}

// Reply is what the scorer needs of an answer.
type Reply struct {
	Answered bool
	Passages []Shown
}

// Shown is one passage as a Reply shows it.
type Shown struct {
	Article string // slug
	Text    string // the whole passage
	// Fragments are the quoted pieces of Text.
	Fragments []string
}

// Asker answers one question with up to Depth passages.
type Asker func(ctx context.Context, question string) (Reply, error)

// Report is the outcome of a run.
type Report struct {
	Questions  int     `json:"questions"`
	Answerable int     `json:"answerable"`
	OutOfScope int     `json:"out_of_scope"`
	Hit1       float64 `json:"hit_at_1"`
	Hit3       float64 `json:"hit_at_3"`
	Hit5       float64 `json:"hit_at_5"`
	MRR10      float64 `json:"mrr_at_10"`
	Answered   int     `json:"answered"`
	Refused    int     `json:"refused"`
	// Quotes counts quoted passages checked for fidelity; Unfaithful lists
	// the ones that are not verbatim (empty is right).
	Quotes     int      `json:"quotes"`
	Unfaithful []string `json:"unfaithful"`
	// Missed lists each answerable question without a hit in first place.
	Missed []Miss `json:"missed"`
	// Wrong lists out-of-scope questions that were answered.
	Wrong []string `json:"wrongly_answered"`
}

// Miss is an answerable question whose first passage is not a hit.
type Miss struct {
	ID       string `json:"id"`
	Rank     int    `json:"rank"` // of the first hit within Depth; 0 when none
	Answered bool   `json:"answered"`
}

// Run asks every question and scores the replies. articles maps each slug
// to its article's text as a reader sees it (see corpus.PlainText), against
// which passage text is checked: every line and table cell of a passage
// must be in it, white space aside.
func Run(ctx context.Context, items []Item, ask Asker, articles map[string]string) (*Report, error) {
	r := &Report{Questions: len(items), Unfaithful: []string{}, Missed: []Miss{}, Wrong: []string{}}
	var hit1, hit3, hit5 int
	var rr float64
	norm := map[string]string{}
	for slug, text := range articles {
		norm[slug] = collapse(text)
	}
	for _, it := range items {
		reply, err := ask(ctx, it.Question)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", it.ID, err)
		}
		for i, p := range reply.Passages {
			r.Quotes++
			if why := unfaithful(p, norm); why != "" {
				r.Unfaithful = append(r.Unfaithful, fmt.Sprintf("%s passage %d: %s", it.ID, i+1, why))
			}
		}
		if it.ExpectNone {
			r.OutOfScope++
			if reply.Answered {
				r.Wrong = append(r.Wrong, it.ID)
			} else {
				r.Refused++
			}
			continue
		}
		r.Answerable++
		rank := 0
		if reply.Answered {
			r.Answered++
			for i, p := range reply.Passages {
				if i == Depth {
					break
				}
				if hit(p.Text, it.ExpectAny) {
					rank = i + 1
					break
				}
			}
		}
		if rank > 0 {
			rr += 1 / float64(rank)
			if rank <= 1 {
				hit1++
			}
			if rank <= 3 {
				hit3++
			}
			if rank <= 5 {
				hit5++
			}
		}
		if rank != 1 {
			r.Missed = append(r.Missed, Miss{ID: it.ID, Rank: rank, Answered: reply.Answered})
		}
	}
	if n := float64(r.Answerable); n > 0 {
		r.Hit1, r.Hit3, r.Hit5, r.MRR10 = float64(hit1)/n, float64(hit3)/n, float64(hit5)/n, rr/n
	}
	return r, nil
}

// normalize folds case, curly quotes and runs of white space, as the
// question set's matching rules say.
func normalize(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`).Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// collapse turns every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func hit(text string, phrases []string) bool {
	t := normalize(text)
	for _, p := range phrases {
		if strings.Contains(t, normalize(p)) {
			return true
		}
	}
	return false
}

// unfaithful returns why a passage is not verbatim, or "".
func unfaithful(p Shown, articles map[string]string) string {
	for _, f := range p.Fragments {
		if !strings.Contains(p.Text, f) {
			return fmt.Sprintf("quote fragment %q is not in the passage", f)
		}
	}
	art, ok := articles[p.Article]
	if !ok {
		return fmt.Sprintf("unknown article %q", p.Article)
	}
	for _, f := range corpus.Fragments(p.Text) {
		if !strings.Contains(art, collapse(f)) {
			return fmt.Sprintf("passage text %q is not in article %s", f, p.Article)
		}
	}
	return ""
}

// WriteText prints the report for a person.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	n := r.Answerable
	fmt.Fprintf(&b, "questions   %d (%d answerable, %d out of scope)\n", r.Questions, n, r.OutOfScope)
	fmt.Fprintf(&b, "Hit@1       %.3f\n", r.Hit1)
	fmt.Fprintf(&b, "Hit@3       %.3f\n", r.Hit3)
	fmt.Fprintf(&b, "Hit@5       %.3f\n", r.Hit5)
	fmt.Fprintf(&b, "MRR@10      %.3f\n", r.MRR10)
	fmt.Fprintf(&b, "answered    %d/%d\n", r.Answered, n)
	fmt.Fprintf(&b, "refused     %d/%d\n", r.Refused, r.OutOfScope)
	fmt.Fprintf(&b, "fidelity    %d/%d quoted passages verbatim\n", r.Quotes-len(r.Unfaithful), r.Quotes)
	var missed []string
	for _, m := range r.Missed {
		switch {
		case !m.Answered:
			missed = append(missed, m.ID+" (not answered)")
		case m.Rank == 0:
			missed = append(missed, m.ID+" (no hit)")
		default:
			missed = append(missed, fmt.Sprintf("%s (rank %d)", m.ID, m.Rank))
		}
	}
	for _, id := range r.Wrong {
		missed = append(missed, id+" (answered, should refuse)")
	}
	if len(missed) == 0 {
		missed = []string{"none"}
	}
	fmt.Fprintf(&b, "missed      %s\n", strings.Join(missed, ", "))
	for _, u := range r.Unfaithful {
		fmt.Fprintf(&b, "unfaithful  %s\n", u)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
