package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
	"github.com/parley-newsroom/parley/internal/metrics"
)

// testNow is the tests' clock, just after the sample payloads' event_time.
var testNow = time.Unix(1763690010, 0)

// fakeAnswerer answers every question with the same answer and records
// the questions.
type fakeAnswerer struct {
	answer bot.Answer
	err    error
	block  chan struct{} // when set, Answer waits for it to close

	timeline bot.Timeline

	mu     sync.Mutex
	asked  []string
	topics []string
	votes  []bot.Vote
}

func (f *fakeAnswerer) Timeline(ctx context.Context, topic string) (bot.Timeline, error) {
	f.mu.Lock()
	f.topics = append(f.topics, topic)
	f.mu.Unlock()
	if f.err != nil {
		return bot.Timeline{}, f.err
	}
	t := f.timeline
	t.Topic = bot.Normalize(topic)
	return t, nil
}

func (f *fakeAnswerer) Cast(v bot.Vote) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.votes = append(f.votes, v)
}

func (f *fakeAnswerer) cast() []bot.Vote {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Vote(nil), f.votes...)
}

func (f *fakeAnswerer) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q.Text)
	f.mu.Unlock()
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	if f.err != nil {
		return bot.Answer{}, f.err
	}
	text := bot.Normalize(q.Text)
	if text == "" {
		return bot.Answer{}, bot.ErrEmptyQuestion
	}
	a := f.answer
	a.Question = text
	return a, nil
}

func (f *fakeAnswerer) questions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

// trumpAnswer is an answered question, as the bot gives it.
var trumpAnswer = bot.Answer{
	Answered: true,
	Quotes: []bot.Quote{{
		Rank:      1,
		Fragments: []string{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments outlined in the roadmap would result in consequences."},
		Citation: bot.Citation{
			Article: "unexpected-alliance", Title: "The Unexpected Alliance: How Washington and Tehran Found Common Ground",
			Published: "2026-06-23", Date: "June 23, 2026", Section: "Trump’s Warning: Consequences for Non-Compliance", Paragraph: 16,
			URL: "https://example.com/news/unexpected-alliance?utm=a&b=c",
		},
	}},
}

// testAdapter is an Adapter wired to a fake Slack, with the tests' clock,
// whose sleeps record the wait and take no time.
type testAdapter struct {
	*Adapter
	fake  *bottest.Slack
	ans   *fakeAnswerer
	logs  *bottest.LogBuffer
	clock *bottest.Clock
}

func newTestAdapter(t testing.TB, f *bottest.Slack, ans answerer, cfg Config) *testAdapter {
	t.Helper()
	if cfg.BotToken == "" {
		cfg.BotToken = bottest.SlackBotToken
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		cfg.SigningSecret = bottest.SlackSecret
	}
	cfg.APIURL = strings.TrimSuffix(f.APIURL(), "/") // New adds the slash
	log, logs := bottest.JSONLog()
	clock := bottest.NewClock(testNow)
	a, err := New(cfg, ans, log, WithClock(clock.Now), WithHTTPClient(f.Client()), WithMetrics(metrics.New()))
	if err != nil {
		t.Fatal(err)
	}
	ta := &testAdapter{Adapter: a, fake: f, logs: logs, clock: clock}
	if fa, ok := ans.(*fakeAnswerer); ok {
		ta.ans = fa
	}
	a.sleep = clock.Sleep
	a.retrier.WithClock(clock.Now, clock.Sleep)
	t.Cleanup(func() {
		a.Shutdown(context.Background())
		if t.Failed() {
			t.Logf("adapter log:\n%s", logs)
		}
		// No test may leak a credential into the log.
		for _, secret := range []string{bottest.SlackBotToken, bottest.SlackAppToken, bottest.SlackSecret} {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("the log holds a credential:\n%s", logs.String())
			}
		}
	})
	return ta
}

// drain waits for every answer in flight; afterwards the fake's calls are
// final.
func (ta *testAdapter) drain(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), bottest.Wait)
	defer cancel()
	if err := ta.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
}

// do serves a request signed at the clock's time.
func (ta *testAdapter) do(t testing.TB, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := signed(path, body, ta.clock.Now(), bottest.SlackSecret)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	ta.Handler().ServeHTTP(w, r)
	return w
}

// signed returns a POST request signed as Slack signs them.
func signed(path, body string, at time.Time, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":"+body)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	if strings.HasPrefix(body, "{") {
		r.Header.Set("Content-Type", "application/json")
	} else {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return r
}

// readPayload reads a sample payload from testdata/payloads.
func readPayload(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/payloads/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// payload returns a sample payload with its JSON fields changed: each
// pair is a dotted path ("event.text") and the new value (nil deletes).
func payload(t testing.TB, name string, changes ...any) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(readPayload(t, name), &v); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(changes); i += 2 {
		path := strings.Split(changes[i].(string), ".")
		m := v
		for _, p := range path[:len(path)-1] {
			m = m[p].(map[string]any)
		}
		if changes[i+1] == nil {
			delete(m, path[len(path)-1])
		} else {
			m[path[len(path)-1]] = changes[i+1]
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
