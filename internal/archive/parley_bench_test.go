package archive

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parley-newsroom/parley/bot"
)

// BenchmarkParley measures Parley on the archive the reference benchmarks
// index (see BenchmarkBleveDefault), from article files on disk as a
// newsroom keeps them: building its index on disk (passages/s, index
// size, peak RSS), then answering the same 200 questions, each a whole
// answer (search, reranking, the verdict and the quotes), from the warm
// index with one and two goroutines.
func BenchmarkParley(b *testing.B) {
	a, questions := generateBench(b)
	passages := len(a.Corpus.Passages())
	articles := filepath.Join(b.TempDir(), "corpus")
	if err := Write(articles, a.Files); err != nil {
		b.Fatal(err)
	}
	a = nil // serving holds no article in memory: only the index does
	runtime.GC()
	idxDir := filepath.Join(b.TempDir(), "index")
	src := bot.Source{Files: os.DirFS(articles), Name: articles, Index: idxDir}
	b.Logf("%d passages, %d questions", passages, len(questions))
	b.Run("build", func(b *testing.B) {
		resetPeak(b)
		for b.Loop() {
			os.RemoveAll(idxDir)
			loadBot(b, src).Close()
		}
		b.ReportMetric(float64(passages*b.N)/b.Elapsed().Seconds(), "passages/s")
		b.ReportMetric(rssMiB(b, "VmHWM"), "peak-RSS-MiB")
		b.ReportMetric(dirMiB(b, idxDir), "index-MiB")
	})
	bt := loadBot(b, src)
	defer bt.Close()
	ask := func(q string) error {
		_, err := bt.Answer(context.Background(), bot.Question{Text: q})
		return err
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("answer-%d", workers), func(b *testing.B) {
			answer(b, ask, questions, workers)
		})
	}
}

// loadBot opens a bot over src, building or reusing its index.
func loadBot(b *testing.B, src bot.Source) *bot.Bot {
	bt, err := bot.Load(context.Background(), src, nil)
	if err != nil {
		b.Fatal(err)
	}
	return bt
}
