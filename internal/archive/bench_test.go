package archive

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/parley-newsroom/parley/internal/eval"
)

// The reference benchmarks run only when PARLEY_BENCH_ARCHIVE names an
// archive size, so that go test stays fast:
//
//	PARLEY_BENCH_ARCHIVE=100000 go test ./internal/archive -run '^$' -bench . -benchtime 3x -timeout 30m
//
// They index the passages of a generated archive with Bleve's default
// mapping, one document a passage (title, section, text), and ask each of
// the 200 questions as a plain match query for the top 10 with their text.

// batchSize bounds a Bleve batch: an in-memory scorch index has no merger,
// and one huge batch costs twice the memory.
const batchSize = 1000

// doc is a passage as Bleve indexes it.
type doc struct {
	Title   string `json:"title"`
	Section string `json:"section"`
	Text    string `json:"text"`
}

// benchArchive generates the archive the benchmarks index: its passages
// and 200 questions, the real ones of ../shared/eval first when present.
func benchArchive(b *testing.B) ([]Passage, []string) {
	a, questions := generateBench(b)
	return Passages(a.Corpus), questions
}

// generateBench generates the archive of PARLEY_BENCH_ARCHIVE passages and
// 200 questions to ask of it.
func generateBench(b *testing.B) (*Archive, []string) {
	n, err := strconv.Atoi(os.Getenv("PARLEY_BENCH_ARCHIVE"))
	if err != nil || n < 1 {
		b.Skip("set PARLEY_BENCH_ARCHIVE=N (passages) to run the reference benchmarks")
	}
	g, _ := builtIn(b)
	a, err := g.Generate(n)
	if err != nil {
		b.Fatal(err)
	}
	var real []eval.Item
	if f, err := os.Open("../../../shared/eval/questions.dev.jsonl"); err == nil {
		real, err = eval.Load(bufio.NewReader(f))
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	var questions []string
	for _, q := range g.Questions(a.Corpus, real, 200) {
		questions = append(questions, q.Question)
	}
	return a, questions
}

func BenchmarkBleveDefault(b *testing.B) {
	passages, questions := benchArchive(b)
	idxDir := filepath.Join(b.TempDir(), "index")
	b.Logf("%d passages, %d questions; %.0f MiB RSS holding them", len(passages), len(questions), rssMiB(b, "VmRSS"))
	b.Run("build", func(b *testing.B) {
		resetPeak(b)
		for b.Loop() {
			closeIndex(b, index(b, "", passages))
		}
		b.ReportMetric(float64(len(passages)*b.N)/b.Elapsed().Seconds(), "passages/s")
		b.ReportMetric(rssMiB(b, "VmHWM"), "peak-RSS-MiB")
	})
	built := false
	b.Run("disk", func(b *testing.B) {
		for b.Loop() {
			os.RemoveAll(idxDir)
			closeIndex(b, index(b, idxDir, passages))
		}
		built = true
		b.ReportMetric(float64(len(passages)*b.N)/b.Elapsed().Seconds(), "passages/s")
		b.ReportMetric(dirMiB(b, idxDir), "index-MiB")
	})
	if !built {
		closeIndex(b, index(b, idxDir, passages))
	}
	// Serving holds no passages in memory: only the index does.
	passages = nil
	idx, err := bleve.OpenUsing(idxDir, map[string]any{"read_only": true, "bolt_timeout": "1s"})
	if err != nil {
		b.Fatal(err)
	}
	defer closeIndex(b, idx)
	ask := func(q string) error {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 10, 0, false)
		req.Fields = []string{"text"}
		_, err := idx.SearchInContext(context.Background(), req)
		return err
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("answer-%d", workers), func(b *testing.B) {
			answer(b, ask, questions, workers)
		})
	}
}

// index builds a scorch index with Bleve's default mapping, in memory for
// the path "", in batches of batchSize.
func index(b *testing.B, path string, passages []Passage) bleve.Index {
	idx, err := bleve.NewUsing(path, bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	for chunk := range slices.Chunk(passages, batchSize) {
		batch := idx.NewBatch()
		for _, p := range chunk {
			if err := batch.Index(p.ID, doc{p.Title, p.Section, p.Text}); err != nil {
				b.Fatal(err)
			}
		}
		if err := idx.Batch(batch); err != nil {
			b.Fatal(err)
		}
	}
	return idx
}

func closeIndex(b *testing.B, idx bleve.Index) {
	if err := idx.Close(); err != nil {
		b.Fatal(err)
	}
}

// answer asks every question once per iteration, spread over workers
// goroutines, and reports the latency of one answer at the median and the
// 99th percentile, after one round to warm up.
func answer(b *testing.B, answerOne func(string) error, questions []string, workers int) {
	ask := func(q string) time.Duration {
		start := time.Now()
		if err := answerOne(q); err != nil {
			b.Error(err)
		}
		return time.Since(start)
	}
	for _, q := range questions {
		ask(q)
	}
	resetPeak(b)
	var (
		mu        sync.Mutex
		latencies []time.Duration
	)
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				var mine []time.Duration
				for i := w; i < len(questions); i += workers {
					mine = append(mine, ask(questions[i]))
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	slices.Sort(latencies)
	at := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(len(latencies))/b.Elapsed().Seconds(), "answers/s")
	b.ReportMetric(rssMiB(b, "VmHWM"), "peak-RSS-MiB")
}

// resetPeak returns freed memory to the system and resets the process's
// peak resident set size, so that VmHWM measures what follows.
func resetPeak(b *testing.B) {
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("cannot reset the peak RSS (%v); it counts from the start", err)
	}
}

// rssMiB reads a memory figure of this process from /proc/self/status:
// VmRSS now, or VmHWM, the peak.
func rssMiB(b *testing.B, field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skipf("no /proc/self/status: %v", err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatalf("/proc/self/status has no %s", field)
	return 0
}

// dirMiB returns the size of the files under dir.
func dirMiB(b *testing.B, dir string) float64 {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			size += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return float64(size) / (1 << 20)
}
