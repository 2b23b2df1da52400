// Package metrics is what Parley tells Prometheus: questions by platform
// and outcome, answer and reply latency, delivery attempts, retries and
// failures by status, queue depth and busy workers, dedupe hits, refused
// and rate-limited requests, and the corpus (articles, passages, newest
// article). Every method of a nil *Metrics does nothing, so a component
// built without metrics needs no checks.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of a question, for Question.
const (
	Answered    = "answered"
	NotCovered  = "not_covered"
	Error       = "error"
	RateLimited = "rate_limited"
	Help        = "help"
	// Timeline is a request for the timeline, answered.
	Timeline = "timeline"
	// Elsewhere is a question asked where Parley does not answer.
	Elsewhere = "elsewhere"
	// Shared is an answer shown to its asker alone, shared with the
	// channel; Expired is a share of one Parley no longer remembers.
	Shared  = "shared"
	Expired = "expired"
)

// Metrics holds Parley's metrics in a registry of their own, with the Go
// runtime's and the process's.
type Metrics struct {
	reg       *prometheus.Registry
	questions *prometheus.CounterVec
	answer    *prometheus.HistogramVec
	reply     *prometheus.HistogramVec
	attempts  *prometheus.CounterVec
	retries   *prometheus.CounterVec
	failures  *prometheus.CounterVec
	lost      *prometheus.CounterVec
	depth     *prometheus.GaugeVec
	busy      *prometheus.GaugeVec
	dedupe    *prometheus.CounterVec
	rejected  *prometheus.CounterVec
	articles  prometheus.Gauge
	passages  prometheus.Gauge
	newest    prometheus.Gauge
	reloads   *prometheus.CounterVec
}

// New returns Parley's metrics, registered.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_questions_total",
			Help: "Questions taken, by platform and outcome (answered, not_covered, error, rate_limited, help)."}, []string{"platform", "outcome"}),
		answer: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "parley_answer_seconds",
			Help: "Time the bot took to answer a question (search and quoting).", Buckets: prometheus.DefBuckets}, []string{"platform"}),
		reply: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "parley_reply_seconds",
			Help:    "Time from a question's arrival to its reply's delivery, queueing included.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 14)}, []string{"platform"}),
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_delivery_attempts_total",
			Help: "Calls to a platform's API to deliver a reply, by the status they ended with."}, []string{"platform", "status"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_delivery_retries_total",
			Help: "Calls retried, by the status that made Parley retry."}, []string{"platform", "status"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_delivery_failures_total",
			Help: "Deliveries given up after retries, by the last status."}, []string{"platform", "status"}),
		lost: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_questions_unanswered_total",
			Help: "Acknowledged questions whose reply was not delivered (each is logged at ERROR), by reason."}, []string{"platform", "reason"}),
		depth: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "parley_queue_depth",
			Help: "Questions acknowledged and waiting for a worker."}, []string{"platform"}),
		busy: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "parley_workers_busy",
			Help: "Workers answering or delivering a question."}, []string{"platform"}),
		dedupe: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_dedupe_hits_total",
			Help: "Deliveries the platform repeated, acknowledged and not answered again."}, []string{"platform"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_rejected_requests_total",
			Help: "Requests refused before any work, by reason (signature, stale, full)."}, []string{"platform", "reason"}),
		articles: prometheus.NewGauge(prometheus.GaugeOpts{Name: "parley_corpus_articles", Help: "Articles in the corpus served."}),
		passages: prometheus.NewGauge(prometheus.GaugeOpts{Name: "parley_corpus_passages", Help: "Passages indexed."}),
		newest: prometheus.NewGauge(prometheus.GaugeOpts{Name: "parley_corpus_newest_article_timestamp_seconds",
			Help: "Publication date of the newest dated article, as a Unix time (0 when none is dated)."}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parley_corpus_reloads_total",
			Help: "Corpus reloads (SIGHUP), by result (ok, failed)."}, []string{"result"}),
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.questions, m.answer, m.reply, m.attempts, m.retries, m.failures, m.lost, m.depth, m.busy,
		m.dedupe, m.rejected, m.articles, m.passages, m.newest, m.reloads)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Question counts a question taken on platform with its outcome, and the
// time the bot took over it (0 when it was not asked).
func (m *Metrics) Question(platform, outcome string, answer time.Duration) {
	if m == nil {
		return
	}
	m.questions.WithLabelValues(platform, outcome).Inc()
	if answer > 0 {
		m.answer.WithLabelValues(platform).Observe(answer.Seconds())
	}
}

// Delivered records a reply delivered wait after its question arrived.
func (m *Metrics) Delivered(platform string, wait time.Duration) {
	if m == nil {
		return
	}
	m.reply.WithLabelValues(platform).Observe(wait.Seconds())
}

// Attempt counts one call to a platform's API and the status it ended with.
func (m *Metrics) Attempt(platform, status string) {
	if m != nil {
		m.attempts.WithLabelValues(platform, status).Inc()
	}
}

// Retry counts a call retried after status.
func (m *Metrics) Retry(platform, status string) {
	if m != nil {
		m.retries.WithLabelValues(platform, status).Inc()
	}
}

// Failure counts a delivery given up after status.
func (m *Metrics) Failure(platform, status string) {
	if m != nil {
		m.failures.WithLabelValues(platform, status).Inc()
	}
}

// Unanswered counts an acknowledged question left unanswered, for reason
// (deadline, shutdown, refused).
func (m *Metrics) Unanswered(platform, reason string) {
	if m != nil {
		m.lost.WithLabelValues(platform, reason).Inc()
	}
}

// Queue sets platform's queue depth and busy workers.
func (m *Metrics) Queue(platform string, depth, busy int) {
	if m == nil {
		return
	}
	m.depth.WithLabelValues(platform).Set(float64(depth))
	m.busy.WithLabelValues(platform).Set(float64(busy))
}

// Repeat counts a delivery the platform repeated.
func (m *Metrics) Repeat(platform string) {
	if m != nil {
		m.dedupe.WithLabelValues(platform).Inc()
	}
}

// Rejected counts a request refused for reason.
func (m *Metrics) Rejected(platform, reason string) {
	if m != nil {
		m.rejected.WithLabelValues(platform, reason).Inc()
	}
}

// Corpus sets the size and date of the corpus served.
func (m *Metrics) Corpus(articles, passages int, newest time.Time) {
	if m == nil {
		return
	}
	m.articles.Set(float64(articles))
	m.passages.Set(float64(passages))
	if newest.IsZero() {
		m.newest.Set(0)
		return
	}
	m.newest.Set(float64(newest.Unix()))
}

// Reload counts a corpus reload and whether it worked.
func (m *Metrics) Reload(ok bool) {
	if m == nil {
		return
	}
	result := "ok"
	if !ok {
		result = "failed"
	}
	m.reloads.WithLabelValues(result).Inc()
}
