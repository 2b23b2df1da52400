package discord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// benchQuestions mix answerable, paraphrased, misspelt and out-of-scope
// questions, as a newsroom asks them.
var benchQuestions = []string{
	"What did the US and Iran agree on?",
	"When did the first round of formal talks conclude?",
	"What did Trump warn Iran about?",
	"What uranium enrichment level did Iran propose?",
	"where are the nuclear talks taking place",
	"How did Europe respond?",
	"What is Iran's position on sanctions?",
	"what did the omani official say",
	"Why is Lebanon included in the roadmap?",
	"What did Japan say about the roadmap?",
	"what did the mediaters say about the first round",
	"How many centrifuges does Iran operate?",
}

// BenchmarkInteractionToEdit measures, over 200 signed /ask interactions
// sent one after another through Handler to the real bot, the time from a
// request arriving to the fake Discord receiving the answer's edit of
// @original. Run it with -benchtime=1x for exactly 200.
func BenchmarkInteractionToEdit(b *testing.B) {
	const n = 200
	fake := bottest.NewDiscord(b)
	sign := newSigner(b)
	a, err := New(Config{PublicKey: sign.publicKey(), APIURL: fake.URL()}, bottest.New(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	var in map[string]any
	if err := json.Unmarshal(payload(b, "discord_application_command.json"), &in); err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	var latencies []time.Duration
	sent := 0
	for b.Loop() {
		for range n {
			token := fmt.Sprintf("BENCH_TOKEN_%d", sent)
			in["token"] = token
			in["data"].(map[string]any)["options"] = []map[string]any{{"type": 3, "name": "question", "value": benchQuestions[sent%len(benchQuestions)]}}
			body, err := json.Marshal(in)
			if err != nil {
				b.Fatal(err)
			}
			req := sign.request(body, time.Now())
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"type":5`) {
				b.Fatalf("response %d %s; want a deferral", rec.Code, rec.Body)
			}
			edit := fake.Await(http.MethodPatch, "/webhooks/"+appID+"/"+token+"/messages/@original", 1)[0]
			latencies = append(latencies, edit.At.Sub(start))
			sent++
		}
	}
	b.StopTimer()
	slices.Sort(latencies)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(latencies[len(latencies)/2]), "p50-ms")
	b.ReportMetric(ms(latencies[len(latencies)*99/100]), "p99-ms")
	b.ReportMetric(float64(len(latencies)), "interactions")
}
