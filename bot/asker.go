package bot

import (
	"context"

	"github.com/parley-newsroom/parley/internal/eval"
)

// Asker returns the bot as the question-set scorer asks it (see package
// eval): each question for eval.Depth passages.
func (b *Bot) Asker() eval.Asker {
	return func(ctx context.Context, question string) (eval.Reply, error) {
		a, err := b.Answer(ctx, Question{Text: question, K: eval.Depth})
		if err != nil {
			return eval.Reply{}, err
		}
		r := eval.Reply{Answered: a.Answered}
		for _, q := range a.Quotes {
			r.Passages = append(r.Passages, eval.Shown{Article: q.Citation.Article, Text: q.Passage, Fragments: q.Fragments})
		}
		return r, nil
	}
}
