package search

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// TestTopKAsBleve checks that topK ranks as Bleve's search of the same
// query does, with scores in the same proportions, for every question of
// the question sets: on the built-in corpus, and on ten copies of it,
// which Bleve holds in several segments.
func TestTopKAsBleve(t *testing.T) {
	var questions []string
	for _, path := range []string{
		sharedFile(t, "eval/questions.dev.jsonl"),
		sharedFile(t, "eval/questions.train-a.jsonl"),
		sharedFile(t, "eval/questions.train-b.jsonl"),
		"../eval/testdata/paraphrases.jsonl",
		"../eval/testdata/blind-a.jsonl",
		"../eval/testdata/blind-b.jsonl",
		"../eval/testdata/blind-c.jsonl",
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			var q rankQuestion
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			questions = append(questions, q.Question)
		}
	}
	one := realIndex(t, "")
	t.Run("built-in", func(t *testing.T) { topKAsBleve(t, one, questions) })
	t.Run("ten copies", func(t *testing.T) { topKAsBleve(t, copiesIndex(t, 10), questions) })
}

func topKAsBleve(t *testing.T, ix *Index, questions []string) {
	ctx := context.Background()
	for _, question := range questions {
		a := ix.Analyse(question)
		if len(a.Terms) == 0 {
			continue
		}
		leaves, common := ix.clauses(a.Terms)
		got, err := ix.topK(ctx, leaves, common, candidates)
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(ix.query(a.Terms), candidates, 0, false)
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(sr.Hits) {
			t.Errorf("%q: %d passages, Bleve %d", question, len(got), len(sr.Hits))
			continue
		}
		if len(got) == 0 {
			continue
		}
		ratio := got[0].score / sr.Hits[0].Score
		for i, h := range sr.Hits {
			close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y)) }
			if !close(got[i].score, h.Score*ratio) {
				t.Errorf("%q: #%d %s scores %g, Bleve's %s %g (×%g)", question, i+1, got[i].id, got[i].score, h.ID, h.Score, ratio)
				break
			}
			// Passages whose scores differ only by rounding may swap, and
			// the last may be another of the same score.
			tied := i+1 == len(got) || close(got[i].score, got[i+1].score) || i > 0 && close(got[i].score, got[i-1].score)
			if got[i].id != h.ID && !tied {
				t.Errorf("%q: #%d is %s, Bleve's %s", question, i+1, got[i].id, h.ID)
				break
			}
		}
	}
}

// copiesIndex indexes n copies of the built-in corpus, each under other
// slugs, in memory.
func copiesIndex(t *testing.T, n int) *Index {
	t.Helper()
	builtIn := builtInPassages(t)
	var passages []*corpus.Passage
	for i := range n {
		articles := map[*corpus.Article]*corpus.Article{}
		for _, ps := range builtIn {
			a, ok := articles[ps.Article]
			if !ok {
				copied := *ps.Article
				copied.Slug = fmt.Sprintf("%s-%d", copied.Slug, i)
				a = &copied
				articles[ps.Article] = a
			}
			copied := *ps
			copied.Article = a
			passages = append(passages, &copied)
		}
	}
	ix, err := New(context.Background(), passages, Options{Lexicon: testLexicon(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestTopKConcurrent checks that searches at once each add up their own
// scores: the same passages as one after another.
func TestTopKConcurrent(t *testing.T) {
	ix := realIndex(t, "")
	questions := []string{"What did the US and Iran agree on?", "Who mediated the talks?", "What is in the roadmap?", "When did the first round conclude?"}
	want := map[string][]scoredDoc{}
	for _, q := range questions {
		leaves, common := ix.clauses(ix.Analyse(q).Terms)
		r, err := ix.topK(context.Background(), leaves, common, candidates)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = r
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				q := questions[(i+j)%len(questions)]
				leaves, common := ix.clauses(ix.Analyse(q).Terms)
				got, err := ix.topK(context.Background(), leaves, common, candidates)
				if err != nil {
					t.Error(err)
					return
				}
				same := func(a, b scoredDoc) bool { return a.id == b.id && a.score == b.score }
				if !slices.EqualFunc(got, want[q], same) {
					t.Errorf("%q at once with other searches: %v, want %v", q, got[:min(3, len(got))], want[q][:min(3, len(want[q]))])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestTopKReusesAccumulators checks that a question leaves nothing behind
// in the accumulator the next one adds up in, even one whose rare words
// find nothing while its common words are in most passages.
func TestTopKReusesAccumulators(t *testing.T) {
	ix := copiesIndex(t, 10)
	ctx := context.Background()
	clauses := func(question string) ([]clause, []clause) {
		a := ix.Analyse(question)
		return ix.clauses(a.Terms)
	}
	const question = "What did the US and Iran agree on?"
	leaves, common := clauses(question)
	want, err := ix.topK(ctx, leaves, common, candidates)
	if err != nil || len(want) == 0 {
		t.Fatalf("%d passages, %v", len(want), err)
	}
	// One accumulator, fresh, for both questions.
	shared := &accumulator{}
	ix.accumulators = &accumulators{free: []*accumulator{shared}}
	if len(common) == 0 {
		t.Fatal("no common clauses: the test needs words most passages hold")
	}
	nowhere := []clause{{{fieldWords, "qwzzx", 1}}}
	got, err := ix.topK(ctx, nowhere, common, candidates)
	if err != nil || len(got) != 0 {
		t.Fatalf("an unknown word with common ones: %d passages, %v; want none", len(got), err)
	}
	got, err = ix.topK(ctx, leaves, common, candidates)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("after reuse %d passages, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].id != want[i].id || got[i].score != want[i].score {
			t.Fatalf("after reuse #%d is %s (%g), want %s (%g)", i+1, got[i].id, got[i].score, want[i].id, want[i].score)
		}
	}
	if f := ix.accumulators.free; len(f) != 1 || f[0] != shared {
		t.Errorf("the free list holds %d accumulators after the searches, want the one they shared", len(f))
	}
}
