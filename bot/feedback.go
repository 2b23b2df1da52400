package bot

import (
	"time"

	"github.com/parley-newsroom/parley/internal/feedback"
)

// RecordTo makes the bot record, in l, each question the coverage does
// not answer and each vote a reader casts (see Vote). Without it nothing
// is recorded. It is meant for a serving process, not for question sets.
func (b *Bot) RecordTo(l *feedback.Log) { b.feedback = l }

// Vote is a reader's 👍 or 👎 on an answer.
type Vote struct {
	Platform, User string
	Question       string
	Up             bool
	// Answered and Note are the answer's verdict as shown: whether the
	// coverage answered, and if not, why.
	Answered bool
	Note     string
	// Passages are the quotes' passages as their citations name them
	// (Citation.Article and Citation.Paragraph).
	Passages []Citation
}

// Cast records a vote. Recording is best effort: a vote that cannot be
// written is logged, and the reader is thanked all the same.
func (b *Bot) Cast(v Vote) {
	r := feedback.Record{Kind: feedback.Vote, Platform: v.Platform, User: v.User, Question: Normalize(v.Question), Up: v.Up, Answered: v.Answered, Note: v.Note}
	for _, c := range v.Passages {
		r.Passages = append(r.Passages, c.ID())
	}
	b.record(r)
}

// record appends r to the feedback log, if there is one.
func (b *Bot) record(r feedback.Record) {
	if b.feedback == nil {
		return
	}
	r.Time = time.Now().UTC()
	if err := b.feedback.Append(r); err != nil {
		b.log.Warn("could not record feedback", "err", err)
	}
}
