package metrics_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/internal/metrics"
)

func TestHandler(t *testing.T) {
	m := metrics.New()
	m.Question("slack", metrics.Answered, 20*time.Millisecond)
	m.Delivered("slack", 1500*time.Millisecond)
	m.Attempt("discord", "500")
	m.Retry("discord", "500")
	m.Failure("discord", "500")
	m.Unanswered("discord", "deadline")
	m.Queue("slack", 7, 3)
	m.Repeat("slack")
	m.Rejected("slack", "signature")
	m.Corpus(4, 120, time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC))
	m.Reload(true)

	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(w.Body)
	for _, want := range []string{
		`parley_questions_total{outcome="answered",platform="slack"} 1`,
		`parley_answer_seconds_count{platform="slack"} 1`,
		`parley_reply_seconds_count{platform="slack"} 1`,
		`parley_delivery_attempts_total{platform="discord",status="500"} 1`,
		`parley_delivery_retries_total{platform="discord",status="500"} 1`,
		`parley_delivery_failures_total{platform="discord",status="500"} 1`,
		`parley_questions_unanswered_total{platform="discord",reason="deadline"} 1`,
		`parley_queue_depth{platform="slack"} 7`,
		`parley_workers_busy{platform="slack"} 3`,
		`parley_dedupe_hits_total{platform="slack"} 1`,
		`parley_rejected_requests_total{platform="slack",reason="signature"} 1`,
		`parley_corpus_articles 4`,
		`parley_corpus_passages 120`,
		`parley_corpus_newest_article_timestamp_seconds 1.7821728e+09`,
		`parley_corpus_reloads_total{result="ok"} 1`,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// A nil *Metrics records nothing and does not panic.
func TestNil(t *testing.T) {
	var m *metrics.Metrics
	m.Question("slack", metrics.Error, time.Second)
	m.Delivered("slack", time.Second)
	m.Attempt("slack", "ok")
	m.Retry("slack", "ok")
	m.Failure("slack", "ok")
	m.Unanswered("slack", "x")
	m.Queue("slack", 1, 1)
	m.Repeat("slack")
	m.Rejected("slack", "x")
	m.Corpus(1, 1, time.Time{})
	m.Reload(false)
}
