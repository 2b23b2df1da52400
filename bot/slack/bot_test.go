package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot/bottest"
)

func TestEndToEndWithTheBot(t *testing.T) {
	b := bottest.New(t)
	tests := []struct {
		text  string
		quote string // the first quote starts so
		cite  string // its citation
		note  string // when not answered
	}{
		{
			text:  "<@U0ARCHBOT> What did Trump warn Iran about?",
			quote: "> President Trump issued a direct warning to Iran",
			cite:  "The Unexpected Alliance: How Washington and Tehran Found Common Ground · June 23, 2026 · “Trump’s Warning: Consequences for Non-Compliance” · attributed to President Trump · ¶16",
		},
		{
			text: "<@U0ARCHBOT> What did Japan say about the roadmap?",
			note: "The coverage doesn't mention Japan.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			f := bottest.NewSlack(t)
			a := newTestAdapter(t, f, b, Config{})
			a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json", "event.text", tt.text))
			a.drain(t)
			posts := f.CallsTo("/api/chat.postMessage")
			if len(posts) != 1 {
				t.Fatalf("got %d replies; want 1", len(posts))
			}
			blocks := posts[0].Blocks(t)
			if tt.note != "" {
				if got := bottest.BlockText(blocks, "note"); got != tt.note {
					t.Errorf("note %q; want %q", got, tt.note)
				}
				return
			}
			if got := bottest.BlockText(blocks, "quote-1"); !strings.HasPrefix(got, tt.quote) {
				t.Errorf("quote-1 = %q; want it to start %q", got, tt.quote)
			}
			if got := bottest.BlockText(blocks, "cite-1"); got != tt.cite {
				t.Errorf("cite-1 = %q; want %q", got, tt.cite)
			}
			if got := posts[0].Form.Get("text"); !strings.HasPrefix(got, "“President Trump issued") {
				t.Errorf("fallback text %q", got)
			}
		})
	}
}

// A question with mentions in it is answered as it is without them.
func TestMentionsAnsweredAsWithout(t *testing.T) {
	b := bottest.New(t)
	reply := func(text string) []map[string]any {
		f := bottest.NewSlack(t)
		a := newTestAdapter(t, f, b, Config{})
		a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json", "event.text", text))
		a.drain(t)
		posts := f.CallsTo("/api/chat.postMessage")
		if len(posts) != 1 {
			t.Fatalf("%q: %d replies; want 1", text, len(posts))
		}
		return withoutButtons(posts[0].Blocks(t))
	}
	want := reply("<@U0ARCHBOT> What did Trump warn Iran about?")
	if bottest.BlockText(want, "quote-1") == "" {
		t.Fatalf("the plain question is not answered: %v", want)
	}
	for _, text := range []string{
		"<@U0ARCHBOT> What did Trump warn Iran about? cc <@U0OTHER123>",
		"<@U0OTHER123> <@U0OTHER456|bob> <@U0ARCHBOT> What did Trump warn Iran about?",
		"<!here> <!subteam^S0EDITORS|@editors> <@U0ARCHBOT> What did Trump warn Iran about? <#C0NEWSDESK1|newsdesk>",
		"<@U0ARCHBOT> What did Trump warn Iran about? &lt;@123456789012345678&gt;",
		"<@U0ARCHBOT> What\u200b did\u200d Trump\ufeff warn\u2060 Iran about?",
	} {
		if diff := cmp.Diff(want, reply(text)); diff != "" {
			t.Errorf("%q is answered otherwise than without its mentions (-want +got):\n%s", text, diff)
		}
	}
}

// benchQuestions are asked in turn by BenchmarkEventToReply.
var benchQuestions = []string{
	"What did the US and Iran agree on?",
	"What did Trump warn Iran about?",
	"What uranium enrichment level did Iran propose?",
	"where are the nuclear talks taking place",
	"How did Europe respond?",
	"What did Japan say about the roadmap?",
	"what did the mediaters say about the first round",
	"What factors could derail the process?",
}

// BenchmarkEventToReply sends 200 signed app_mention events through
// Handler, one after another, to the real bot, and reports the median and
// 99th percentile time from a request arriving to the fake Slack receiving
// the reply (chat.postMessage). Run it with -benchtime=1x for exactly 200
// events.
func BenchmarkEventToReply(b *testing.B) {
	bt := bottest.New(b)
	f := bottest.NewSlack(b)
	a, err := New(Config{BotToken: bottest.SlackBotToken, SigningSecret: bottest.SlackSecret, APIURL: f.APIURL()}, bt, nil,
		WithHTTPClient(f.Client()))
	if err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	var lat []time.Duration
	n := 0
	for b.Loop() {
		for i := range 200 {
			n++
			ts := fmt.Sprintf("1763700000.%06d", n)
			body := payload(b, "app_mention_event_callback.json", "event_id", fmt.Sprint("EvBench", n),
				"event.ts", ts, "event.event_ts", ts, "event.text", "<@U0ARCHBOT> "+benchQuestions[i%len(benchQuestions)])
			r := signed("/slack/events", body, time.Now(), bottest.SlackSecret)
			w := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Fatalf("event %d: %d", n, w.Code)
			}
			reply := f.WaitFor("/api/chat.postMessage", n)[n-1]
			if reply.Form.Get("thread_ts") != ts {
				b.Fatalf("reply %d in thread %q; want %q", n, reply.Form.Get("thread_ts"), ts)
			}
			lat = append(lat, reply.At.Sub(start))
		}
	}
	b.StopTimer()
	if err := a.Shutdown(context.Background()); err != nil {
		b.Fatal(err)
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(float64(len(lat)), "events")
}

// withoutButtons returns blocks without the actions block, whose IDs are
// new for every answer.
func withoutButtons(blocks []map[string]any) []map[string]any {
	var out []map[string]any
	for _, b := range blocks {
		if b["type"] != "actions" {
			out = append(out, b)
		}
	}
	return out
}
