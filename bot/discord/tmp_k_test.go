package discord_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/search"
)

func TestTmpK(t *testing.T) {
	ctx := context.Background()
	p, _ := corpus.NewParser()
	c, err := p.Load(os.DirFS("../../corpus"))
	if err != nil { t.Fatal(err) }
	f, _ := os.Open("../../corpus/aliases.txt")
	ix, err := search.New(ctx, c.Passages(), search.Options{Aliases: f, Lexicon: p.Lexicon()})
	if err != nil { t.Fatal(err) }
	b := bot.New(ix, c, nil)
	qf, _ := os.Open("/work/shared/eval/questions.dev.jsonl")
	sc := bufio.NewScanner(qf)
	n, diffV, diffP := 0, 0, 0
	for sc.Scan() {
		var q struct{ Question string }
		json.Unmarshal(sc.Bytes(), &q)
		a3, _ := b.Answer(ctx, bot.Question{Text: q.Question})
		a10, _ := b.Answer(ctx, bot.Question{Text: q.Question, K: 10})
		n++
		if a3.Answered != a10.Answered || a3.Note != a10.Note { diffV++; t.Logf("verdict %q: %v/%q vs %v/%q", q.Question, a3.Answered, a3.Note, a10.Answered, a10.Note) }
		for i := range a3.Passages {
			if i >= len(a10.Passages) || a3.Passages[i].Citation != a10.Passages[i].Citation || a3.Passages[i].QuoteText() != a10.Passages[i].QuoteText() { diffP++; t.Logf("passages %q differ at %d:
%q %v
%q %v", q.Question, i, a3.Passages[i].QuoteText(), a3.Passages[i].Citation.Paragraph, a10.Passages[i].QuoteText(), a10.Passages[i].Citation.Paragraph); break }
		}
	}
	t.Logf("%d questions, %d verdict diffs, %d passage diffs", n, diffV, diffP)
}
