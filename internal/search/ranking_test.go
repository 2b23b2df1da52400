package search

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
)

// These tests measure ranking on the project's real corpus with the dev
// question set beside the repository and Parley's own paraphrase set.

// sharedFile returns the path of a file in ../shared, skipping the test
// when it is absent, unless PARLEY_REQUIRE_SHARED is set (as in CI).
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	path := "../../../shared/" + rel
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("PARLEY_REQUIRE_SHARED") != "" {
			t.Fatalf("%s is missing", path)
		}
		t.Skipf("%s is missing; it sits beside the repository", path)
	}
	return path
}

type rankQuestion struct {
	ID        string   `json:"id"`
	Question  string   `json:"question"`
	ExpectAny []string `json:"expect_any"`
}

func loadRankQuestions(t testing.TB, path string) []rankQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []rankQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q rankQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if len(q.ExpectAny) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// builtInPassages parses the built-in corpus's passages.
func builtInPassages(t testing.TB) []*corpus.Passage {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Load(os.DirFS("../../corpus"))
	if err != nil {
		t.Fatal(err)
	}
	return c.Passages()
}

func realIndex(t testing.TB, scoring string) *Index {
	t.Helper()
	passages := builtInPassages(t)
	aliases, err := os.Open("../../corpus/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer aliases.Close()
	ix, err := New(context.Background(), passages, Options{Scoring: scoring, Aliases: aliases, Lexicon: testLexicon(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// mrr is the mean reciprocal rank of the first passage holding an expected
// phrase, within 10.
func mrr(t testing.TB, ix *Index, qs []rankQuestion) float64 {
	norm := strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)
	var sum float64
	for _, q := range qs {
		r, err := ix.Search(context.Background(), q.Question, 10)
		if err != nil {
			t.Fatal(err)
		}
	hits:
		for i, h := range r.Hits {
			text := norm.Replace(strings.ToLower(h.Passage.Text))
			for _, e := range q.ExpectAny {
				if strings.Contains(text, norm.Replace(strings.ToLower(e))) {
					sum += 1 / float64(i+1)
					break hits
				}
			}
		}
	}
	return sum / float64(len(qs))
}

// bleveOnly ranks by Bleve's score alone.
func bleveOnly() Weights {
	w := Fitted()
	w.Coverage, w.Sentence, w.Heading, w.Bleve = 0, 0, 0, 1
	w.EntityFloor, w.Promo, w.AnswerType, w.Lead = 1, 1, 1, 1
	return w
}

// TestScoringModels keeps DefaultScoring's comment true: reranked as
// Parley ranks, the default model must do at least as well as the other
// over the questions of the dev set, the paraphrases and the two training
// sets, each question counting once.
func TestScoringModels(t *testing.T) {
	sets := []struct {
		name string
		qs   []rankQuestion
	}{
		{"dev", loadRankQuestions(t, sharedFile(t, "eval/questions.dev.jsonl"))},
		{"paraphrases", loadRankQuestions(t, "../eval/testdata/paraphrases.jsonl")},
		{"train-a", loadRankQuestions(t, sharedFile(t, "eval/questions.train-a.jsonl"))},
		{"train-b", loadRankQuestions(t, sharedFile(t, "eval/questions.train-b.jsonl"))},
	}
	n := 0
	for _, s := range sets {
		n += len(s.qs)
	}
	score := map[string]float64{}
	for _, model := range []string{BM25, TFIDF} {
		ix := realIndex(t, model)
		var alone, reranked []string
		for _, s := range sets {
			ix.w = bleveOnly()
			alone = append(alone, fmt.Sprintf("%s %.3f", s.name, mrr(t, ix, s.qs)))
			ix.w = Fitted()
			m := mrr(t, ix, s.qs)
			reranked = append(reranked, fmt.Sprintf("%s %.3f", s.name, m))
			score[model] += m * float64(len(s.qs)) / float64(n)
		}
		t.Logf("%-6s MRR@10 by Bleve alone: %s; reranked: %s", model, strings.Join(alone, ", "), strings.Join(reranked, ", "))
	}
	other := TFIDF
	if DefaultScoring == TFIDF {
		other = BM25
	}
	if score[DefaultScoring] < score[other] {
		t.Errorf("reranked, %s scores MRR@10 %.3f and %s %.3f: DefaultScoring should be %s", DefaultScoring, score[DefaultScoring], other, score[other], other)
	}
}

// TestRankingRobust checks that the ranking is not balanced on a knife
// edge: moving any one weight by a quarter either way keeps both question
// sets well answered.
func TestRankingRobust(t *testing.T) {
	dev := loadRankQuestions(t, sharedFile(t, "eval/questions.dev.jsonl"))
	para := loadRankQuestions(t, "../eval/testdata/paraphrases.jsonl")
	ix := realIndex(t, "")
	knobs := map[string]func(w *Weights) *float64{
		"coverage":    func(w *Weights) *float64 { return &w.Coverage },
		"sentence":    func(w *Weights) *float64 { return &w.Sentence },
		"heading":     func(w *Weights) *float64 { return &w.Heading },
		"bleve":       func(w *Weights) *float64 { return &w.Bleve },
		"alias":       func(w *Weights) *float64 { return &w.Alias },
		"entityFloor": func(w *Weights) *float64 { return &w.EntityFloor },
		"section":     func(w *Weights) *float64 { return &w.Section },
		"exact":       func(w *Weights) *float64 { return &w.Exact },
		"phrase":      func(w *Weights) *float64 { return &w.Phrase },
		"aliasBoost":  func(w *Weights) *float64 { return &w.AliasBoost },
	}
	for name, knob := range knobs {
		for _, f := range []float64{0.75, 1.25} {
			w := Fitted()
			*knob(&w) *= f
			ix.w = w
			if d, p := mrr(t, ix, dev), mrr(t, ix, para); d < 0.9 || p < 0.8 {
				t.Errorf("%s × %.2f: dev MRR@10 %.3f (want ≥ 0.9), paraphrases %.3f (want ≥ 0.8)", name, f, d, p)
			}
		}
	}
}

// testLexicon returns the English lexicon Parley searches with.
func testLexicon(t testing.TB) Lexicon {
	t.Helper()
	l, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	return l
}
