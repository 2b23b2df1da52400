package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

func TestAppMentionRepliesInThread(t *testing.T) {
	tests := []struct {
		name, payload string
		thread        string // the reply's thread_ts
		question      string // as the bot is asked it
	}{
		{"mention", "app_mention_event_callback.json", "1763690000.000200",
			"what did mediators say about the first round & the roadmap?"},
		{"mention in a thread", "app_mention_in_thread_event_callback.json", "1763690000.000200",
			"and what about Lebanon?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := bottest.NewSlack(t)
			ans := &fakeAnswerer{answer: trumpAnswer}
			a := newTestAdapter(t, f, ans, Config{})
			if w := a.do(t, "/slack/events", payload(t, tt.payload)); w.Code != http.StatusOK {
				t.Fatalf("POST /slack/events: %d %s", w.Code, w.Body)
			}
			a.drain(t)

			posts := f.CallsTo("/api/chat.postMessage")
			if len(posts) != 1 {
				t.Fatalf("got %d replies; want 1", len(posts))
			}
			got := posts[0].Form
			for k, want := range map[string]string{
				"channel": "C0NEWSDESK1", "thread_ts": tt.thread,
				"unfurl_links": "false", "unfurl_media": "false", "link_names": "",
			} {
				if got.Get(k) != want {
					t.Errorf("reply %s = %q; want %q", k, got.Get(k), want)
				}
			}
			blocks := posts[0].Blocks(t)
			if q := bottest.BlockText(blocks, "quote-1"); !strings.HasPrefix(q, "> President Trump issued") {
				t.Errorf("quote block = %q; want a block quote", q)
			}
			if c := bottest.BlockText(blocks, "cite-1"); !strings.Contains(c, "<https://example.com/news/unexpected-alliance?utm=a&amp;b=c|The Unexpected Alliance") || !strings.Contains(c, "¶16") {
				t.Errorf("citation = %q; want the linked headline and ¶16", c)
			}
			if diff := cmp.Diff([]string{tt.question}, ans.questions()); diff != "" {
				t.Errorf("questions asked (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRetriedEventAnsweredOnce(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	body := payload(t, "app_mention_event_callback.json")
	if w := a.do(t, "/slack/events", body); w.Code != http.StatusOK {
		t.Fatalf("first delivery: %d", w.Code)
	}
	f.WaitFor("/api/chat.postMessage", 1)
	for _, n := range []string{"1", "2"} {
		if w := a.do(t, "/slack/events", body, "X-Slack-Retry-Num", n, "X-Slack-Retry-Reason", "http_timeout"); w.Code != http.StatusOK {
			t.Fatalf("retry %s: %d; want 200 so that Slack stops retrying", n, w.Code)
		}
	}
	a.drain(t)
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 1 {
		t.Errorf("got %d replies; want 1", n)
	}
}

func TestMentionAndMessageForOnePostAnsweredOnce(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	mention := payload(t, "app_mention_event_callback.json")
	// The same post as a message event (message.channels), with its own
	// event ID.
	message := payload(t, "app_mention_event_callback.json",
		"event_id", "Ev0ARCH00099", "event.type", "message", "event.channel_type", "channel")
	for _, body := range []string{mention, message} {
		if w := a.do(t, "/slack/events", body); w.Code != http.StatusOK {
			t.Fatalf("POST: %d", w.Code)
		}
	}
	a.drain(t)
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 1 {
		t.Errorf("got %d replies; want 1", n)
	}
}

func TestSignature(t *testing.T) {
	body := payload(t, "app_mention_event_callback.json")
	tests := []struct {
		name string
		req  *http.Request
	}{
		{"wrong secret", signed("/slack/events", body, testNow, "not-the-secret")},
		{"stale timestamp", signed("/slack/events", body, testNow.Add(-6*time.Minute), bottest.SlackSecret)},
		{"future timestamp", signed("/slack/events", body, testNow.Add(6*time.Minute), bottest.SlackSecret)},
		{"body changed", func() *http.Request {
			r := signed("/slack/events", body, testNow, bottest.SlackSecret)
			r2 := httptest.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(strings.Replace(body, "C0NEWSDESK1", "C0ELSEWHERE", 1)))
			r2.Header = r.Header
			return r2
		}()},
		{"no signature", func() *http.Request {
			r := signed("/slack/events", body, testNow, bottest.SlackSecret)
			r.Header.Del("X-Slack-Signature")
			return r
		}()},
		{"malformed signature", func() *http.Request {
			r := signed("/slack/events", body, testNow, bottest.SlackSecret)
			r.Header.Set("X-Slack-Signature", "v1=zz")
			return r
		}()},
		{"command with wrong secret", signed("/slack/commands", "command=%2Ftalks&text=hi", testNow, "nope")},
		{"interaction with stale timestamp", signed("/slack/interactions", "payload=%7B%7D", testNow.Add(-time.Hour), bottest.SlackSecret)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := bottest.NewSlack(t)
			ans := &fakeAnswerer{answer: trumpAnswer}
			a := newTestAdapter(t, f, ans, Config{})
			w := httptest.NewRecorder()
			a.Handler().ServeHTTP(w, tt.req)
			if w.Code != http.StatusUnauthorized {
				t.Errorf("status %d; want 401", w.Code)
			}
			a.drain(t)
			if len(f.CallsTo("/")) != 0 || len(ans.questions()) != 0 {
				t.Errorf("a rejected request did work: calls %v, questions %q", f.CallsTo("/"), ans.questions())
			}
		})
	}
}

func TestSignatureWithinFiveMinutes(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	w := httptest.NewRecorder()
	a.Handler().ServeHTTP(w, signed("/slack/events", string(readPayload(t, "url_verification.json")), testNow.Add(-4*time.Minute), bottest.SlackSecret))
	if w.Code != http.StatusOK {
		t.Errorf("a request signed 4 minutes ago: %d; want 200", w.Code)
	}
}

func TestURLVerification(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{}, Config{})
	w := a.do(t, "/slack/events", string(readPayload(t, "url_verification.json")))
	if w.Code != http.StatusOK || w.Body.String() != "Zx9Qm2LkP0aT7rYc4VbN8sWd3HfJ6gUe1oIq5XpRtMnBvCz" {
		t.Errorf("url_verification = %d %q; want 200 and the challenge", w.Code, w.Body)
	}
}

func TestHandlerRoutes(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{}, Config{})
	tests := []struct {
		method, path string
		body         string
		want         int
	}{
		{http.MethodPost, "/slack/other", "{}", http.StatusNotFound},
		{http.MethodPost, "/slack/events/extra", "{}", http.StatusNotFound},
		{http.MethodGet, "/slack/events", "", http.StatusMethodNotAllowed},
		{http.MethodPut, "/slack/commands", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "/slack/events", strings.Repeat(" ", maxBody+1), http.StatusRequestEntityTooLarge},
		{http.MethodPost, "/slack/events", "not json", http.StatusBadRequest},
		{http.MethodPost, "/slack/events", `{"type":"team_join","event_id":"Ev1"}`, http.StatusOK},
		{http.MethodPost, "/slack/commands", "ssl_check=1&token=LEGACY", http.StatusOK},
		{http.MethodPost, "/slack/interactions", `payload={"type":"view_submission"}`, http.StatusOK},
		{http.MethodPost, "/slack/interactions", "payload=nope", http.StatusBadRequest},
	}
	for _, tt := range tests {
		r := signed(tt.path, tt.body, testNow, bottest.SlackSecret)
		r.Method = tt.method
		w := httptest.NewRecorder()
		a.Handler().ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("%s %s = %d; want %d", tt.method, tt.path, w.Code, tt.want)
		}
	}
}

func TestSlashCommandThenShare(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{})

	form, err := url.ParseQuery(string(readPayload(t, "slash_command.form")))
	if err != nil {
		t.Fatal(err)
	}
	form.Set("response_url", f.ResponseURL("1234567890/AbCdEf"))
	w := a.do(t, "/slack/commands", form.Encode())
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Fatalf("/talks = %d %q; want 200 and an empty body", w.Code, w.Body)
	}

	// The answer, visible only to the asker, with a button to share it.
	private := f.WaitFor("/hooks/", 1)[0]
	if private.JSON["response_type"] != "ephemeral" {
		t.Errorf("response_type = %v; want ephemeral", private.JSON["response_type"])
	}
	blocks := private.Blocks(t)
	if q := bottest.BlockText(blocks, "question"); q != "*Question:* sanctions relief &amp; enrichment" {
		t.Errorf("question block = %q", q)
	}
	if q := bottest.BlockText(blocks, "quote-1"); !strings.HasPrefix(q, "> ") {
		t.Errorf("quote block = %q", q)
	}
	value := buttonValue(t, blocks)
	if value != "sanctions relief & enrichment" {
		t.Errorf("button value = %q; want the question", value)
	}
	block, _ := actions(t, blocks)
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 0 {
		t.Fatalf("/talks posted %d public messages; want none", n)
	}

	// "Share in channel".
	w = a.do(t, "/slack/interactions", blockActions(f, block, value))
	if w.Code != http.StatusOK {
		t.Fatalf("block_actions = %d", w.Code)
	}
	// Through the command's response URL, for everyone in the channel.
	calls := f.WaitFor("/hooks/", 3)
	shared := calls[1]
	if shared.JSON["response_type"] != "in_channel" || shared.Path != private.Path {
		t.Errorf("shared through %s as %v; want %s, in_channel", shared.Path, shared.JSON["response_type"], private.Path)
	}
	sb := shared.Blocks(t)
	if bottest.BlockText(sb, "quote-1") == "" || bottest.BlockText(sb, "cite-1") == "" {
		t.Errorf("shared answer lacks the quote or its citation: %v", sb)
	}
	if q := bottest.BlockText(sb, "question"); q != "*Question:* sanctions relief &amp; enrichment" {
		t.Errorf("shared question block = %q", q)
	}
	for _, b := range sb {
		if b["type"] == "actions" && strings.Contains(fmt.Sprint(b), "action_id:"+shareAction) {
			t.Errorf("the shared answer has a Share button: %v", b)
		}
	}
	// The private copy is removed.
	if del := calls[2]; del.JSON["delete_original"] != true {
		t.Errorf("after sharing, response URL got %v; want delete_original", del.JSON)
	}
	// A second click on the same button shares nothing more.
	a.do(t, "/slack/interactions", blockActions(f, block, value))
	a.drain(t)
	if n := len(f.CallsTo("/hooks/")); n != 3 || len(f.CallsTo("/api/chat.postMessage")) != 0 {
		t.Errorf("got %d response URL calls and %d posts; want 3 and none", n, len(f.CallsTo("/api/chat.postMessage")))
	}
	// The channel gets the answer the asker saw, not one asked again, and
	// under the same ID: a vote on either copy counts once per reader.
	if diff := cmp.Diff([]string{"sanctions relief & enrichment"}, ans.questions()); diff != "" {
		t.Errorf("questions asked (-want +got):\n%s", diff)
	}
	if got, _ := actions(t, sb); got != block {
		t.Errorf("shared answer's buttons in block %q; want %q, the private answer's", got, block)
	}
}

// A share of an answer Parley no longer remembers (or never showed) is
// not asked again: its presser alone is told it has expired.
func TestShareOfAnUnknownAnswer(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{})
	for _, block := range []string{"share", answerBlock + "UNKNOWN"} {
		a.do(t, "/slack/interactions", blockActions(f, block, "What did Trump warn Iran about?"))
	}
	a.drain(t)
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 0 || len(ans.questions()) != 0 {
		t.Errorf("%d posts and questions %q; want none", n, ans.questions())
	}
	for _, h := range f.CallsTo("/hooks/") {
		if h.JSON["text"] != bot.Expired || h.JSON["response_type"] != "ephemeral" {
			t.Errorf("told the presser %v (%v); want %q, ephemeral", h.JSON["text"], h.JSON["response_type"], bot.Expired)
		}
	}
}

func TestShareWhereParleyIsNotInvited(t *testing.T) {
	f := bottest.NewSlack(t)
	f.Respond("/api/chat.postMessage", bottest.SlackNotInChannel)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	// An answer whose command's URL has lapsed: Parley posts it itself.
	form := url.Values{"command": {"/talks"}, "text": {"What did Trump warn Iran about?"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {"https://example.invalid/lapsed"}, "trigger_id": {"t-lapsed"}}
	a.do(t, "/slack/commands", form.Encode())
	a.do(t, "/slack/interactions", blockActions(f, answerBlock+shownID(t, a.Adapter), "What did Trump warn Iran about?"))
	a.drain(t)
	hooks := f.CallsTo("/hooks/")
	if len(hooks) != 1 {
		t.Fatalf("got %d response URL calls; want 1", len(hooks))
	}
	want := bot.NotInvited
	if got := hooks[0].JSON["text"]; got != want || hooks[0].JSON["response_type"] != "ephemeral" {
		t.Errorf("told the user %v (%v); want %q, ephemeral", got, hooks[0].JSON["response_type"], want)
	}
	if !strings.Contains(a.logs.String(), `"code":"not_in_channel"`) {
		t.Errorf("log lacks the Slack error code:\n%s", a.logs)
	}
}

func TestSlashCommandHelp(t *testing.T) {
	for _, text := range []string{"help", "", " Help? "} {
		f := bottest.NewSlack(t)
		ans := &fakeAnswerer{answer: trumpAnswer}
		a := newTestAdapter(t, f, ans, Config{})
		form := url.Values{"command": {"/talks"}, "text": {text}, "channel_id": {"C0NEWSDESK1"},
			"user_id": {"U0REPORTER1"}, "response_url": {f.ResponseURL("1/help")}, "trigger_id": {"t-" + text}}
		a.do(t, "/slack/commands", form.Encode())
		a.drain(t)
		hooks := f.CallsTo("/hooks/")
		if len(hooks) != 1 {
			t.Fatalf("/talks %q: %d responses; want 1", text, len(hooks))
		}
		help := bottest.BlockText(hooks[0].Blocks(t), "help")
		if n := strings.Count(help, "\n") + 1; n != len(helpLines) {
			t.Errorf("/talks %q: help has %d lines; want %d:\n%s", text, n, len(helpLines), help)
		}
		if len(ans.questions()) != 0 {
			t.Errorf("/talks %q asked the bot %q", text, ans.questions())
		}
	}
}

func TestMentionHelp(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json", "event.text", "<@U0ARCHBOT> help"))
	a.drain(t)
	posts := f.CallsTo("/api/chat.postMessage")
	if len(posts) != 1 || bottest.BlockText(posts[0].Blocks(t), "help") == "" {
		t.Fatalf("@Parley help: got %v; want one help reply", posts)
	}
	if posts[0].Form.Get("thread_ts") != "1763690000.000200" {
		t.Errorf("help not in the thread: %q", posts[0].Form.Get("thread_ts"))
	}
}

func TestDirectMessage(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "message_im_event_callback.json"))
	a.drain(t)
	posts := f.CallsTo("/api/chat.postMessage")
	if len(posts) != 1 {
		t.Fatalf("got %d replies; want 1", len(posts))
	}
	if got := posts[0].Form; got.Get("channel") != "D0DMCHAN001" || got.Get("thread_ts") != "" {
		t.Errorf("reply to channel %q thread %q; want D0DMCHAN001, not threaded", got.Get("channel"), got.Get("thread_ts"))
	}
	if diff := cmp.Diff([]string{"what enrichment level did Iran propose?"}, ans.questions()); diff != "" {
		t.Errorf("questions asked (-want +got):\n%s", diff)
	}
}

func TestIgnoredEvents(t *testing.T) {
	mention := "app_mention_event_callback.json"
	dm := "message_im_event_callback.json"
	tests := []struct {
		name string
		body string
	}{
		{"bot message", string(readPayload(t, "message_im_from_bot_event_callback.json"))},
		{"Parley's own message", payload(t, dm, "event.user", bottest.SlackBotUser, "event.bot_id", "B0ARCHBOT01")},
		{"Parley's own message without bot_id", payload(t, dm, "event.user", bottest.SlackBotUser)},
		{"another bot mentioning Parley", payload(t, mention, "event.bot_id", "B0OTHERBOT1")},
		{"edit", payload(t, dm, "event.subtype", "message_changed")},
		{"edited mention", payload(t, mention, "event.edited", map[string]any{"user": "U0REPORTER1", "ts": "1763690005.000000"})},
		{"channel join", payload(t, dm, "event.subtype", "channel_join")},
		{"thread reply without a mention", payload(t, dm, "event.channel", "C0NEWSDESK1", "event.channel_type", "channel",
			"event.thread_ts", "1763690000.000200")},
		{"channel message without a mention", payload(t, dm, "event.channel", "C0NEWSDESK1", "event.channel_type", "channel")},
		{"reaction", payload(t, dm, "event.type", "reaction_added")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := bottest.NewSlack(t)
			ans := &fakeAnswerer{answer: trumpAnswer}
			a := newTestAdapter(t, f, ans, Config{})
			if w := a.do(t, "/slack/events", tt.body); w.Code != http.StatusOK {
				t.Errorf("status %d; want 200", w.Code)
			}
			a.drain(t)
			if len(f.CallsTo("/")) != 0 || len(ans.questions()) != 0 {
				t.Errorf("answered: calls %v, questions %q", f.CallsTo("/"), ans.questions())
			}
		})
	}
}

func TestRateLimited(t *testing.T) {
	tests := []struct {
		name     string
		script   []bottest.Reply
		posts    int // calls to chat.postMessage
		waits    func(t *testing.T, waits []time.Duration)
		answered bool
	}{
		{"429 with Retry-After", []bottest.Reply{bottest.SlackRateLimited}, 2, exactly(time.Second), true},
		{"429 without Retry-After backs off", []bottest.Reply{bottest.SlackRateLimitedBare, bottest.SlackRateLimitedBare}, 3,
			backoff(500*time.Millisecond, time.Second), true},
		{"Retry-After waited in full", []bottest.Reply{bottest.SlackRetryAfter(30 * time.Second)}, 2, exactly(30 * time.Second), true},
		// A fourth wait of 30 s would end at the two-minute delivery
		// deadline: after the fourth 429 Parley gives up and tells the
		// asker.
		{"gives up at the deadline", []bottest.Reply{bottest.SlackRetryAfter(30 * time.Second), bottest.SlackRetryAfter(30 * time.Second),
			bottest.SlackRetryAfter(30 * time.Second), bottest.SlackRetryAfter(30 * time.Second), bottest.SlackRetryAfter(30 * time.Second)},
			4, exactly(30*time.Second, 30*time.Second, 30*time.Second), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := bottest.NewSlack(t)
			f.Respond("/api/chat.postMessage", tt.script...)
			a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
			a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
			a.drain(t)
			if n := len(f.CallsTo("/api/chat.postMessage")); n != tt.posts {
				t.Errorf("got %d calls to chat.postMessage; want %d", n, tt.posts)
			}
			tt.waits(t, a.clock.Waits())
			ephemeral := f.CallsTo("/api/chat.postEphemeral")
			if tt.answered && len(ephemeral) != 0 {
				t.Errorf("answered, yet the user was told %v", ephemeral)
			}
			if !tt.answered {
				if len(ephemeral) != 1 || ephemeral[0].Form.Get("user") != "U0REPORTER1" {
					t.Fatalf("after giving up, told the user %v; want one ephemeral message", ephemeral)
				}
				if got, want := ephemeral[0].Form.Get("text"), "Slack is busy right now; please ask me again in a minute."; got != want {
					t.Errorf("told the user %q; want %q", got, want)
				}
				for _, want := range []string{`"level":"ERROR","msg":"gave up: delivery failed"`, `"channel":"C0NEWSDESK1"`, `"message":"1763690000.000200"`, `"code":"ratelimited"`, `"reason":"deadline"`} {
					if !strings.Contains(a.logs.String(), want) {
						t.Errorf("log lacks %s:\n%s", want, a.logs)
					}
				}
			}
		})
	}
}

// exactly wants the waits to be want.
func exactly(want ...time.Duration) func(*testing.T, []time.Duration) {
	return func(t *testing.T, got []time.Duration) {
		t.Helper()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("waits (-want +got):\n%s", diff)
		}
	}
}

// backoff wants waits of at most full, and at least half of it: backoff
// with jitter.
func backoff(full ...time.Duration) func(*testing.T, []time.Duration) {
	return func(t *testing.T, got []time.Duration) {
		t.Helper()
		if len(got) != len(full) {
			t.Fatalf("waits %v; want %d", got, len(full))
		}
		for i, w := range got {
			if w < full[i]/2 || w > full[i] {
				t.Errorf("wait %d = %v; want within [%v, %v]", i, w, full[i]/2, full[i])
			}
		}
	}
}

// A storm of 500s from Slack is waited out: the reply is posted once when
// Slack recovers.
func TestServerErrorStorm(t *testing.T) {
	f := bottest.NewSlack(t)
	for range 8 {
		f.Respond("/api/chat.postMessage", bottest.SlackServerError)
	}
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	a.drain(t)
	posts := f.CallsTo("/api/chat.postMessage")
	if len(posts) != 9 {
		t.Errorf("%d calls to chat.postMessage; want 8 failures, then the reply", len(posts))
	}
	if n := len(f.CallsTo("/api/chat.postEphemeral")); n != 0 {
		t.Errorf("%d apologies; want none", n)
	}
	if n := strings.Count(a.logs.String(), `"msg":"answered"`); n != 1 {
		t.Errorf("answered %d times; want 1:\n%s", n, a.logs)
	}
}

func TestPostFailureToldInOneLine(t *testing.T) {
	f := bottest.NewSlack(t)
	f.Respond("/api/chat.postMessage", bottest.SlackInvalidBlocks)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	a.drain(t)
	eph := f.CallsTo("/api/chat.postEphemeral")
	if len(eph) != 1 {
		t.Fatalf("got %d ephemeral messages; want 1", len(eph))
	}
	if got := eph[0].Form; got.Get("text") != "Sorry, I couldn't post my answer; please try again in a moment." ||
		got.Get("thread_ts") != "1763690000.000200" || got.Get("user") != "U0REPORTER1" {
		t.Errorf("told the user %v", got)
	}
	if !strings.Contains(a.logs.String(), `"code":"invalid_blocks"`) {
		t.Errorf("log lacks the Slack error code:\n%s", a.logs)
	}
}

func TestAnswerErrorIsOnePoliteSentence(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{err: context.DeadlineExceeded}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	a.drain(t)
	posts := f.CallsTo("/api/chat.postMessage")
	if len(posts) != 1 {
		t.Fatalf("got %d replies; want 1", len(posts))
	}
	if got, want := posts[0].Form.Get("text"), bot.UserMessage(context.DeadlineExceeded); got != want {
		t.Errorf("reply %q; want %q", got, want)
	}
	if !strings.Contains(a.logs.String(), "deadline exceeded") {
		t.Errorf("the log lacks the error:\n%s", a.logs)
	}
}

// When the grace runs out, a question still in flight is given up: it is
// logged at ERROR with its channel and message, Shutdown says so, and new
// events are refused so that Slack delivers them again.
func TestShutdown(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer, block: make(chan struct{})}
	defer close(ans.block)
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.Shutdown(ctx); err == nil || !strings.Contains(err.Error(), "1 questions not answered") {
		t.Errorf("Shutdown with an answer in flight = %v; want it counted", err)
	}
	for _, want := range []string{`"msg":"gave up: delivery failed"`, `"reason":"shutdown"`, `"message":"1763690000.000200"`} {
		if !strings.Contains(a.logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, a.logs)
		}
	}
	if w := a.do(t, "/slack/events", payload(t, "message_im_event_callback.json")); w.Code != http.StatusServiceUnavailable {
		t.Errorf("event while shutting down: %d; want 503", w.Code)
	}
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 0 {
		t.Errorf("%d replies posted after giving up", n)
	}
}

func TestShutdownWaitsForAnswers(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer, block: make(chan struct{})}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	done := make(chan error)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), bottest.Wait)
		defer cancel()
		done <- a.Shutdown(ctx)
	}()
	close(ans.block)
	if err := <-done; err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 1 {
		t.Errorf("after Shutdown, %d replies; want the one in flight", n)
	}
}

func TestRunAuthTest(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{}, Config{BotToken: "xoxb-revoked-token"})
	err := a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("Run with a bad token = %v; want an invalid_auth error", err)
	}
	if strings.Contains(err.Error(), "xoxb-revoked-token") {
		t.Errorf("the error holds the token: %v", err)
	}

	if err := a.Ready(); err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Errorf("Ready = %v; want the rejection", err)
	}

	// Slack out of reach at start-up: Run retries a few times, then
	// returns so that the caller tries again later; events are still
	// answered over HTTP meanwhile. A rejected token is not retried (one
	// call above).
	if n := len(f.CallsTo("/api/auth.test")); n != 1 {
		t.Errorf("a rejected token was tried %d times; want 1", n)
	}
	down := bottest.NewSlack(t)
	for range signInAttempts {
		down.Respond("/api/auth.test", bottest.Reply{Status: 500, Body: "upstream unavailable"})
	}
	a = newTestAdapter(t, down, &fakeAnswerer{answer: trumpAnswer}, Config{})
	if err := a.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "auth.test") {
		t.Errorf("Run with Slack down = %v; want the auth.test error", err)
	}
	if n := len(down.CallsTo("/api/auth.test")); n != signInAttempts {
		t.Errorf("auth.test tried %d times; want %d", n, signInAttempts)
	}
	if a.Ready() == nil {
		t.Error("Ready = nil before signing in")
	}
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	down.WaitFor("/api/chat.postMessage", 1)

	// Without an app token Run only signs in and waits.
	a = newTestAdapter(t, f, &fakeAnswerer{}, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- a.Run(ctx) }()
	for deadline := time.Now().Add(bottest.Wait); a.ownID() == ""; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("Run did not learn Parley's user ID")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v; want nil after ctx is done", err)
	}
	if a.ownID() != bottest.SlackBotUser {
		t.Errorf("own ID %q; want %q", a.ownID(), bottest.SlackBotUser)
	}
	if err := a.Ready(); err != nil {
		t.Errorf("Ready = %v after signing in", err)
	}
}

func TestNew(t *testing.T) {
	ans := &fakeAnswerer{}
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"socket mode", Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, true},
		{"http", Config{BotToken: "xoxb-1", SigningSecret: "s"}, true},
		{"no bot token", Config{AppToken: "xapp-1"}, false},
		{"tokens swapped", Config{BotToken: "xapp-1", AppToken: "xoxb-1"}, false},
		{"app token not xapp", Config{BotToken: "xoxb-1", AppToken: "xoxb-2"}, false},
		{"no way in", Config{BotToken: "xoxb-1"}, false},
		{"bad API URL", Config{BotToken: "xoxb-1", SigningSecret: "s", APIURL: "ftp://x"}, false},
		{"API URL without slash", Config{BotToken: "xoxb-1", SigningSecret: "s", APIURL: "http://127.0.0.1:9/api"}, true},
	}
	for _, tt := range tests {
		a, err := New(tt.cfg, ans, nil)
		if (err == nil) != tt.ok {
			t.Errorf("%s: New = %v; want ok %v", tt.name, err, tt.ok)
		}
		if err != nil {
			for _, tok := range []string{"xoxb-1", "xapp-1", "xoxb-2"} {
				if strings.Contains(err.Error(), tok) {
					t.Errorf("%s: the error holds a token: %v", tt.name, err)
				}
			}
			continue
		}
		if !strings.HasSuffix(a.apiURL.String(), "/") {
			t.Errorf("%s: API URL %q lacks the trailing slash", tt.name, a.apiURL)
		}
	}
	if _, err := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, nil, nil); err == nil {
		t.Error("New without an answerer succeeded")
	}
}

// buttonValue returns the value of the "Share in channel" button.
func buttonValue(t *testing.T, blocks []map[string]any) string {
	t.Helper()
	for _, b := range blocks {
		if b["type"] != "actions" {
			continue
		}
		el := b["elements"].([]any)[0].(map[string]any)
		if el["action_id"] != shareAction {
			t.Fatalf("button action_id = %v", el["action_id"])
		}
		return el["value"].(string)
	}
	t.Fatal("no Share button")
	return ""
}

// blockActions returns the interactivity request for a click on "Share in
// channel" in an ephemeral /talks answer.
// shownID waits for the adapter to remember one answer, and returns its
// ID.
func shownID(t *testing.T, a *Adapter) string {
	t.Helper()
	deadline := time.Now().Add(bottest.Wait)
	for time.Now().Before(deadline) {
		a.shown.mu.Lock()
		order := slices.Clone(a.shown.order)
		a.shown.mu.Unlock()
		if len(order) > 0 {
			return order[0]
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("no answer remembered")
	return ""
}

// blockActions is a press of "Share in channel" in the block blockID.
func blockActions(f *bottest.Slack, blockID, value string) string {
	p := map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": "U0REPORTER1", "username": "reporter", "team_id": "T0NEWS0001"},
		"api_app_id":   "A0ARCHIVE01",
		"token":        "LEGACYVERIFICATIONTOKEN01",
		"container":    map[string]any{"type": "message", "message_ts": "1763690400.000700", "channel_id": "C0NEWSDESK1", "is_ephemeral": true},
		"trigger_id":   "1234567890.1234567890.share",
		"team":         map[string]any{"id": "T0NEWS0001", "domain": "newsroom"},
		"channel":      map[string]any{"id": "C0NEWSDESK1", "name": "newsdesk"},
		"response_url": f.ResponseURL("actions/1"),
		"actions": []any{map[string]any{
			"action_id": shareAction, "block_id": blockID, "type": "button", "value": value,
			"text": map[string]any{"type": "plain_text", "text": "Share in channel"}, "action_ts": "1763690401.000800",
		}},
	}
	data, _ := json.Marshal(p)
	return url.Values{"payload": {string(data)}}.Encode()
}

func TestTrustedResponseURLs(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"https://hooks.slack.com/commands/T0NEWS0001/1/abc", true},
		{"https://HOOKS.slack.com:443/actions/T0NEWS0001/1/abc", true},
		{"https://hooks.slack-gov.com/commands/T1/2/x", true},
		{f.ResponseURL("1/test"), true}, // the configured API URL's host
		{"http://hooks.slack.com/commands/T1/2/x", false},
		{"https://hooks.slack.com:8443/commands/T1/2/x", false},
		{"https://files.slack.com/commands/T1/2/x", false},
		{"https://evil.slack.com.example.org/x", false},
		{"https://user@hooks.slack.com/x", false},
		{"hooks.slack.com/x", false},
		{"", false},
	} {
		if got := a.trusted(tt.url); got != tt.want {
			t.Errorf("trusted(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}
