package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

// askWith returns the sample /ask with its own interaction ID and token.
func askWith(t *testing.T, n int, question string) (body []byte, token string) {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal(payload(t, "discord_application_command.json"), &in); err != nil {
		t.Fatal(err)
	}
	token = fmt.Sprintf("QUEUE_TOKEN_%04d", n)
	in["id"], in["token"] = fmt.Sprintf("13%017d", n), token
	in["data"].(map[string]any)["options"] = []map[string]any{{"type": 3, "name": "question", "value": question}}
	body, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	return body, token
}

func withQueue(workers, size int) func(*Config) {
	return func(c *Config) { c.Workers, c.QueueSize = workers, size }
}

// A backlog of /ask waits in the queue, not in goroutines, while Discord
// is slow; every one is deferred at once and answered once.
func TestBacklog(t *testing.T) {
	const n = 300
	h := newHarness(t, &fakeBot{answer: answered()}, withQueue(4, n))
	release := h.fake.Hold("/webhooks/")
	before := runtime.NumGoroutine()
	for i := range n {
		body, _ := askWith(t, i, "What did Trump warn Iran about?")
		if rec := h.send(body); responseType(t, rec.Body.Bytes()) != 5 {
			t.Fatalf("ask %d: %s; want a deferral", i, rec.Body)
		}
	}
	h.fake.Await(http.MethodPatch, "/webhooks/.*", 4) // the four workers wait on Discord
	if extra := runtime.NumGoroutine() - before; extra > 4*4+8 {
		t.Errorf("%d more goroutines with %d questions waiting; want them bounded by the workers", extra, n)
	}
	if d := h.a.queue.Depth(); d != n-4 {
		t.Errorf("queue depth %d; want %d", d, n-4)
	}
	release()
	h.a.work.Wait()
	edits := map[string]int{}
	for _, r := range h.fake.All(http.MethodPatch, "/webhooks/.*") {
		edits[strings.Split(r.Path, "/")[3]]++
	}
	for i := range n {
		if _, token := askWith(t, i, ""); edits[token] != 1 {
			t.Errorf("%s edited %d times; want once", token, edits[token])
		}
	}
}

// With the queue full an /ask is told at once, privately, that Parley is
// busy: an answer, not a loss.
func TestFullQueueSaysBusy(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()}, withQueue(1, 1))
	release := h.fake.Hold("/webhooks/")
	defer release()
	first, _ := askWith(t, 1, "What did Trump warn Iran about?")
	second, _ := askWith(t, 2, "What did Trump warn Iran about?")
	third, _ := askWith(t, 3, "What did Trump warn Iran about?")
	h.send(first)
	h.fake.Await(http.MethodPatch, "/webhooks/.*", 1)
	h.send(second)
	rec := h.send(third)
	if responseType(t, rec.Body.Bytes()) != 4 {
		t.Fatalf("with the queue full: %s; want a message", rec.Body)
	}
	if m := checkMessage(t, rec.Body.Bytes()); m.Content != bot.Busy || m.Flags != 64 {
		t.Errorf("with the queue full: %q flags %d; want %q, private", m.Content, m.Flags, bot.Busy)
	}
}

// Shutdown with questions queued behind a hung Discord: when the grace
// runs out each is logged at ERROR with its interaction, and Shutdown
// counts them.
func TestShutdownWithWorkQueued(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()}, withQueue(1, 10))
	release := h.fake.Hold("/webhooks/")
	defer release()
	for i := range 5 {
		body, _ := askWith(t, i, "What did Trump warn Iran about?")
		h.send(body)
	}
	h.fake.Await(http.MethodPatch, "/webhooks/.*", 1)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := h.a.Shutdown(ctx)
	if err == nil || !strings.Contains(err.Error(), "5 questions not answered") {
		t.Errorf("Shutdown = %v; want 5 questions not answered", err)
	}
	h.a.work.Wait()
	log := h.log.String()
	for i := range 5 {
		id := fmt.Sprintf("interaction=13%017d", i)
		if !strings.Contains(log, id) || !strings.Contains(log, "reason=shutdown") {
			t.Errorf("no ERROR line for %s:\n%s", id, log)
		}
	}
	if n := strings.Count(log, `msg="gave up: delivery failed"`); n != 5 {
		t.Errorf("%d questions logged as given up; want 5", n)
	}
	h.noSecrets(t, "")
}

// A question with mentions in it is answered as it is without them.
func TestMentionsAnsweredAsWithout(t *testing.T) {
	b := bottest.New(t)
	edit := func(question string) string {
		h := newHarness(t, &fakeBot{})
		a, err := New(Config{PublicKey: h.sign.publicKey(), APIURL: h.fake.URL()}, b, nil, WithClock(h.clock.Now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Shutdown(context.Background()) })
		h.a = a
		body, token := askWith(t, 1, question)
		h.post(t, body)
		m := checkMessage(t, h.fake.Await(http.MethodPatch, "/webhooks/"+appID+"/"+token+"/messages/@original", 1)[0].Body)
		return m.Embeds[0].Description
	}
	want := edit("What did Trump warn Iran about?")
	if !strings.Contains(want, "consequences") {
		t.Fatalf("the plain question is not answered:\n%s", want)
	}
	for _, q := range []string{
		"What did Trump warn Iran about? cc <@123456789012345678>",
		"<@!123456789012345678> <@&987654321098765432> <#1000000000000000009> What did Trump warn Iran about?",
		"<@U0OTHER123> What did Trump warn Iran about? </ask:1250000000000000001>",
		"What\u200b did\u200d Trump\ufeff warn\u2060 Iran about?",
	} {
		if got := edit(q); got != want {
			t.Errorf("%q is answered otherwise than without its mentions:\n%s\nwant\n%s", q, got, want)
		}
	}
}
