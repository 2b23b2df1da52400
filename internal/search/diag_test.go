package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestDiag(t *testing.T) {
	set := os.Getenv("DIAG")
	if set == "" {
		t.Skip()
	}
	ix := realIndex(t, "")
	data, _ := os.ReadFile("../../../shared/eval/questions." + set + ".jsonl")
	norm := strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)
	hit := func(text string, exp []string) bool {
		tx := norm.Replace(strings.ToLower(strings.Join(strings.Fields(text), " ")))
		for _, e := range exp {
			if strings.Contains(tx, norm.Replace(strings.ToLower(e))) {
				return true
			}
		}
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		var it struct {
			ID, Question string
			ExpectAny    []string `json:"expect_any"`
		}
		if json.Unmarshal([]byte(line), &it) != nil || len(it.ExpectAny) == 0 {
			continue
		}
		a := ix.Analyse(it.Question)
		q := ix.weightsOf(a)
		req := bleve.NewSearchRequestOptions(ix.query(a.Terms), 100, 0, false)
		sr, _ := ix.bi.SearchInContext(context.Background(), req)
		var maxB float64
		for _, h := range sr.Hits {
			maxB = max(maxB, h.Score)
		}
		type row struct {
			id  string
			h   Hit
			rel float64
			ok  bool
		}
		var rows []row
		for _, h := range sr.Hits {
			e, err := ix.entry(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, row{h.ID, ix.score(a, e, h.Score/maxB, q), h.Score / maxB, hit(e.p.Text, it.ExpectAny)})
		}
		res, _ := ix.Search(context.Background(), it.Question, 10)
		if len(res.Hits) > 0 && hit(res.Hits[0].Passage.Text, it.ExpectAny) || !res.Verdict.Answered() {
			continue
		}
		fmt.Printf("\n%s %s\n  terms:", it.ID, it.Question)
		for _, tm := range a.Terms {
			fmt.Printf(" %s(%.1f%s)", tm.Text, tm.Weight, map[bool]string{true: "", false: "?"}[tm.Known])
		}
		fmt.Println()
		show := func(label string, r row) {
			e := r.h.e
			var matched []string
			for _, tm := range a.Terms {
				if m := tm.match(e.terms, ix.w); m > 0 {
					matched = append(matched, fmt.Sprintf("%s:%.1f", tm.Text, m))
				}
			}
			fmt.Printf("  %s %s score %.3f cov %.2f bleve %.2f sent %v matched %v\n     %.120s\n", label, r.id, r.h.Score, r.h.Coverage, r.rel, fmtf(r.h.Sentences), matched, e.p.Text)
		}
		show("TOP ", row{id: res.Hits[0].Passage.ID(), h: res.Hits[0], rel: -1})
		for i, r := range rows {
			if r.ok {
				show(fmt.Sprintf("GOOD(bleve#%d)", i+1), r)
				break
			}
		}
	}
}

func fmtf(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%.1f", x))
	}
	return strings.Join(s, ",")
}
