package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// TestLoad drives serve with 1,000 Slack mentions and 1,000 Discord /ask
// from 50 senders at once, both fakes taking a second over each reply, and
// checks that every question is answered exactly once and that goroutines
// stay bounded. It takes a minute or so, and reports its figures with -v:
// set PARLEY_LOAD_TEST=1 to run it.
func TestLoad(t *testing.T) {
	if os.Getenv("PARLEY_LOAD_TEST") == "" {
		t.Skip("set PARLEY_LOAD_TEST=1 to run the load test (a minute or so)")
	}
	const n, senders = 1000, 50
	slack, discord := bottest.NewSlack(t), bottest.NewDiscord(t)
	slack.Slow("/api/chat.postMessage", time.Second)
	discord.Slow("/webhooks/", time.Second)
	pub, priv, _ := ed25519.GenerateKey(nil)
	s := startServe(t, append(slackSettings(slack), "DISCORD_PUBLIC_KEY", hex.EncodeToString(pub), "DISCORD_APP_ID", "111", "DISCORD_API_URL", discord.URL())...)

	sent := make([]time.Time, 2*n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for i := range jobs {
				sent[i] = time.Now()
				if i < n {
					s.slackEvent(t, loadTS(i), "What did Trump warn Iran about?")
				} else {
					s.discordAsk(t, priv, loadToken(i-n), "What did Trump warn Iran about?")
				}
			}
		})
	}
	start := time.Now()
	peak := 0
	go func() {
		for i := range 2 * n {
			jobs <- i
		}
		close(jobs)
	}()
	for len(slack.CallsTo("/api/chat.postMessage"))+len(discord.All(http.MethodPatch, "/webhooks/.*")) < 2*n && time.Since(start) < 3*time.Minute {
		peak = max(peak, runtime.NumGoroutine())
		time.Sleep(50 * time.Millisecond)
	}
	wg.Wait()
	took := time.Since(start)
	slackLat, discordLat := checkLoad(t, slack, discord, sent)
	t.Logf("%d questions answered in %v (%.0f a second); reply p50/p99: Slack %v/%v, Discord %v/%v; peak goroutines in the test process %d",
		len(slackLat)+len(discordLat), took.Round(time.Millisecond), float64(len(slackLat)+len(discordLat))/took.Seconds(),
		pct(slackLat, 50), pct(slackLat, 99), pct(discordLat, 50), pct(discordLat, 99), peak)
	// The workers (64 a platform), the requests they hold at the fakes and
	// the senders: a goroutine per question would be thousands.
	if peak > 1500 {
		t.Errorf("peak of %d goroutines; want them bounded by the workers", peak)
	}
}

func loadTS(i int) string    { return fmt.Sprintf("1763700000.%06d", i) }
func loadToken(i int) string { return fmt.Sprintf("LOADTOKEN%06d", i) }

// checkLoad checks each question was answered once and returns the
// replies' latencies.
func checkLoad(t *testing.T, slack *bottest.Slack, discord *bottest.Discord, sent []time.Time) (slackLat, discordLat []time.Duration) {
	n := len(sent) / 2
	bySlack := map[string][]time.Time{}
	for _, c := range slack.CallsTo("/api/chat.postMessage") {
		bySlack[c.Form.Get("thread_ts")] = append(bySlack[c.Form.Get("thread_ts")], c.At)
	}
	byDiscord := map[string][]time.Time{}
	for _, r := range discord.All(http.MethodPatch, "/webhooks/.*") {
		tok := strings.Split(r.Path, "/")[3]
		byDiscord[tok] = append(byDiscord[tok], r.At)
	}
	for i := range n {
		if got := bySlack[loadTS(i)]; len(got) != 1 {
			t.Errorf("Slack question %d answered %d times", i, len(got))
		} else {
			slackLat = append(slackLat, got[0].Sub(sent[i]))
		}
		if got := byDiscord[loadToken(i)]; len(got) != 1 {
			t.Errorf("Discord question %d answered %d times", i, len(got))
		} else {
			discordLat = append(discordLat, got[0].Sub(sent[n+i]))
		}
	}
	return slackLat, discordLat
}

// pct returns the p-th percentile of ds.
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*p/100].Round(time.Millisecond)
}

// discordAsk posts a signed /ask with its own token.
func (s *served) discordAsk(t *testing.T, key ed25519.PrivateKey, token, question string) int {
	t.Helper()
	body := `{"id":"13` + strings.TrimPrefix(token, "LOADTOKEN") + `","application_id":"111","type":2,"token":"` + token + `","version":1,"channel_id":"1000000000000000009",` +
		`"member":{"user":{"id":"1100000000000000001"}},"data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"` + question + `"}]}}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(ts+body))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
