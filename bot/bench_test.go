package bot_test

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot"
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
	"How long could an interim deal take?",
	"what did the omani official say",
	"Why is Lebanon included in the roadmap?",
	"What did Japan say about the roadmap?",
	"How do I reset my password?",
	"what did the mediaters say about the first round",
	"Who met Saudi Arabia's defense minister in Tehran?",
	"What factors could derail the process?",
	"How many centrifuges does Iran operate?",
}

// BenchmarkAnswer measures answering one question in-process: search,
// reranking, answerability and quoting. It reports the median and 99th
// percentile latency besides the mean.
func BenchmarkAnswer(b *testing.B) {
	bt, _ := builtinBot(b)
	ctx := context.Background()
	var durations []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := benchQuestions[i%len(benchQuestions)]
		start := time.Now()
		if _, err := bt.Answer(ctx, bot.Question{Text: q}); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkStartup measures loading the built-in corpus and building the
// index, and the heap it leaves in use.
func BenchmarkStartup(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var last *bot.Bot
	for b.Loop() {
		if last != nil {
			last.Close()
		}
		var err error
		if last, err = bot.Load(context.Background(), bot.Source{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	last.Close()
	b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/(1<<20), "heap-MiB")
}
