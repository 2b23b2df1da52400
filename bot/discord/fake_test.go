package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

// payload reads a sample payload (copied from ../shared/payloads).
func payload(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rawResponse reads a raw HTTP response from the sample payloads.
func rawResponse(t testing.TB, name string) bottest.Reply {
	t.Helper()
	return bottest.ParseReply(t, payload(t, name))
}

// fakeBot is a hand-written answerer: every question gets answer (with the
// question filled in) or err.
type fakeBot struct {
	mu       sync.Mutex
	answer   bot.Answer
	err      error
	asked    []bot.Question
	block    chan struct{} // when set, Answer waits for it to close
	suggest  []string
	sources  []bot.Article
	asOf     string
	timeline bot.Timeline
	topics   []string
	votes    []bot.Vote
}

func (b *fakeBot) Timeline(ctx context.Context, topic string) (bot.Timeline, error) {
	b.mu.Lock()
	b.topics = append(b.topics, topic)
	t, err := b.timeline, b.err
	b.mu.Unlock()
	if err != nil {
		return bot.Timeline{}, err
	}
	t.Topic = bot.Normalize(topic)
	return t, nil
}

func (b *fakeBot) Cast(v bot.Vote) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.votes = append(b.votes, v)
}

func (b *fakeBot) cast() []bot.Vote {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]bot.Vote(nil), b.votes...)
}

func (b *fakeBot) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	b.mu.Lock()
	b.asked = append(b.asked, q)
	a, err, block := b.answer, b.err, b.block
	b.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return bot.Answer{}, ctx.Err()
		}
	}
	if err != nil {
		return bot.Answer{}, err
	}
	a.Question = bot.Normalize(q.Text)
	return a, nil
}

func (b *fakeBot) Articles() []bot.Article { return b.sources }
func (b *fakeBot) AsOf() string            { return b.asOf }

func (b *fakeBot) Suggest(typed string, n int) []string {
	var out []string
	for _, s := range b.suggest {
		if strings.Contains(strings.ToLower(s), strings.ToLower(typed)) && len(out) < n {
			out = append(out, s)
		}
	}
	return out
}

func (b *fakeBot) questions() []bot.Question {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]bot.Question(nil), b.asked...)
}

// signer signs requests to Handler as Discord does, with a key pair made
// for the test.
type signer struct {
	public  ed25519.PublicKey
	private ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

func (s signer) publicKey() string { return hex.EncodeToString(s.public) }

// request returns a POST of body to the interactions endpoint, signed with
// timestamp at.
func (s signer) request(body []byte, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.private, append([]byte(ts), body...))
	r := httptest.NewRequest(http.MethodPost, InteractionsPath, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
	return r
}
