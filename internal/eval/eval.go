// Package eval scores Parley against a question set in the format of
// ../shared/eval: one JSON object a line, either answerable
// ({"id", "question", "expect_any": [...]}) or out of scope
// ({"id", "question", "expect_none": true}).
package eval

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
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

// Scores are the figures of a set of questions (see ../shared/eval).
type Scores struct {
	Questions  int     `json:"questions"`
	Answerable int     `json:"answerable"`
	OutOfScope int     `json:"out_of_scope"`
	Hit1       float64 `json:"hit_at_1"`
	Hit3       float64 `json:"hit_at_3"`
	Hit5       float64 `json:"hit_at_5"`
	MRR10      float64 `json:"mrr_at_10"`
	Answered   int     `json:"answered"`
	Refused    int     `json:"refused"`

	hits [3]int // at 1, 3 and 5
	rr   float64
}

// add counts one question: answerable or not, answered or not, and the
// rank of its first hit (0 for none).
func (s *Scores) add(it Item, answered bool, rank int) {
	s.Questions++
	if it.ExpectNone {
		s.OutOfScope++
		if !answered {
			s.Refused++
		}
		return
	}
	s.Answerable++
	if answered {
		s.Answered++
	}
	if rank == 0 {
		return
	}
	s.rr += 1 / float64(rank)
	for i, k := range []int{1, 3, 5} {
		if rank <= k {
			s.hits[i]++
		}
	}
}

// finish turns the counts into shares.
func (s *Scores) finish() {
	if n := float64(s.Answerable); n > 0 {
		s.Hit1, s.Hit3, s.Hit5, s.MRR10 = float64(s.hits[0])/n, float64(s.hits[1])/n, float64(s.hits[2])/n, s.rr/n
	}
}

// Report is the outcome of a run.
type Report struct {
	Scores
	// ByKind holds the scores of each kind of question, for sets whose
	// questions say their kind.
	ByKind map[string]*Scores `json:"by_kind,omitempty"`
	// Quotes counts quoted passages checked for fidelity; Unfaithful lists
	// the ones that are not verbatim (empty is right).
	Quotes     int      `json:"quotes"`
	Unfaithful []string `json:"unfaithful"`
	// Missed lists each answerable question without a hit in first place.
	Missed []Miss `json:"missed"`
	// Wrong lists out-of-scope questions that were answered.
	Wrong []Miss `json:"wrongly_answered"`
}

// Miss is a question the reply got wrong: an answerable one without a hit
// in first place, or an out-of-scope one that was answered.
type Miss struct {
	ID       string `json:"id"`
	Kind     string `json:"kind,omitempty"`
	Question string `json:"question"`
	Rank     int    `json:"rank"` // of the first hit within Depth; 0 when none
	Answered bool   `json:"answered"`
	// Expected are the phrases a hit holds; none for out-of-scope.
	Expected []string `json:"expected,omitempty"`
	// First is the start of the first passage the reply showed.
	First string `json:"first,omitempty"`
}

// Run asks every question and scores the replies. articles maps each slug
// to its article's text as a reader sees it (see corpus.PlainText), against
// which passage text is checked: every line and table cell of a passage
// must be in it, white space aside.
func Run(ctx context.Context, items []Item, ask Asker, articles map[string]string) (*Report, error) {
	r := &Report{ByKind: map[string]*Scores{}, Unfaithful: []string{}, Missed: []Miss{}, Wrong: []Miss{}}
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
		r.score(it, reply)
	}
	r.finish()
	for _, s := range r.ByKind {
		s.finish()
	}
	if len(r.ByKind) == 1 && r.ByKind[""] != nil {
		r.ByKind = nil // a set without kinds
	}
	return r, nil
}

// score counts one question's reply, overall and for its kind.
func (r *Report) score(it Item, reply Reply) {
	rank := 0
	if reply.Answered && !it.ExpectNone {
		for i, p := range reply.Passages[:min(len(reply.Passages), Depth)] {
			if hit(p.Text, it.ExpectAny) {
				rank = i + 1
				break
			}
		}
	}
	r.add(it, reply.Answered, rank)
	if r.ByKind[it.Kind] == nil {
		r.ByKind[it.Kind] = &Scores{}
	}
	r.ByKind[it.Kind].add(it, reply.Answered, rank)

	m := Miss{ID: it.ID, Kind: it.Kind, Question: it.Question, Rank: rank, Answered: reply.Answered, Expected: it.ExpectAny}
	if len(reply.Passages) > 0 {
		m.First = firstWords(reply.Passages[0].Text, 12)
	}
	switch {
	case it.ExpectNone && reply.Answered:
		r.Wrong = append(r.Wrong, m)
	case !it.ExpectNone && rank != 1:
		r.Missed = append(r.Missed, m)
	}
}

// firstWords returns the first n words of text, and "…" when it goes on.
func firstWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
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

// WriteText prints the report for a person: the scores and a list of the
// questions missed.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	writeScores(&b, "", &r.Scores)
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
	for _, m := range r.Wrong {
		missed = append(missed, m.ID+" (answered, should refuse)")
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

func writeScores(b *strings.Builder, indent string, s *Scores) {
	fmt.Fprintf(b, "%squestions   %d (%d answerable, %d out of scope)\n", indent, s.Questions, s.Answerable, s.OutOfScope)
	if s.Answerable > 0 {
		fmt.Fprintf(b, "%sHit@1       %.3f\n", indent, s.Hit1)
		fmt.Fprintf(b, "%sHit@3       %.3f\n", indent, s.Hit3)
		fmt.Fprintf(b, "%sHit@5       %.3f\n", indent, s.Hit5)
		fmt.Fprintf(b, "%sMRR@10      %.3f\n", indent, s.MRR10)
		fmt.Fprintf(b, "%sanswered    %d/%d\n", indent, s.Answered, s.Answerable)
	}
	if s.OutOfScope > 0 || indent == "" {
		fmt.Fprintf(b, "%srefused     %d/%d\n", indent, s.Refused, s.OutOfScope)
	}
}

// WriteByKind prints the scores of each kind of question, kinds in
// alphabetical order, as a table.
func (r *Report) WriteByKind(w io.Writer) error {
	kinds := slices.Sorted(maps.Keys(r.ByKind))
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %5s %6s %6s %6s %9s %9s\n", "kind", "n", "Hit@1", "Hit@3", "MRR@10", "answered", "refused")
	for _, k := range kinds {
		s := r.ByKind[k]
		name := cmp.Or(k, "(none)")
		if s.Answerable > 0 {
			fmt.Fprintf(&b, "%-14s %5d %6.3f %6.3f %6.3f %9s %9s\n", name, s.Questions, s.Hit1, s.Hit3, s.MRR10,
				fmt.Sprintf("%d/%d", s.Answered, s.Answerable), "")
		} else {
			fmt.Fprintf(&b, "%-14s %5d %6s %6s %6s %9s %9s\n", name, s.Questions, "", "", "", "",
				fmt.Sprintf("%d/%d", s.Refused, s.OutOfScope))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMisses prints each question missed: the question, what a hit
// holds, and what the reply showed first.
func (r *Report) WriteMisses(w io.Writer) error {
	var b strings.Builder
	for _, m := range slices.Concat(r.Missed, r.Wrong) {
		fmt.Fprintf(&b, "\n%s", m.ID)
		if m.Kind != "" {
			fmt.Fprintf(&b, " [%s]", m.Kind)
		}
		fmt.Fprintf(&b, " %s\n", m.Question)
		switch {
		case len(m.Expected) == 0:
			b.WriteString("  answered, should refuse\n")
		case !m.Answered:
			fmt.Fprintf(&b, "  not answered; want %q\n", m.Expected)
		case m.Rank == 0:
			fmt.Fprintf(&b, "  no hit in %d; want %q\n", Depth, m.Expected)
		default:
			fmt.Fprintf(&b, "  first hit at rank %d; want %q\n", m.Rank, m.Expected)
		}
		if m.First != "" {
			fmt.Fprintf(&b, "  first: %s\n", m.First)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
