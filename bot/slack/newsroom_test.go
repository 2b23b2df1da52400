package slack

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
	"github.com/parley-newsroom/parley/internal/ratelimit"
)

// press returns the interactivity request for a press of a button under
// an answer: action in the actions block blockID, with value.
func press(f *bottest.Slack, action, blockID, value, trigger string) string {
	p := map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": "U0REPORTER1", "username": "reporter", "team_id": "T0NEWS0001"},
		"api_app_id":   "A0ARCHIVE01",
		"container":    map[string]any{"type": "message", "message_ts": "1763690000.000900", "channel_id": "C0NEWSDESK1"},
		"trigger_id":   trigger,
		"team":         map[string]any{"id": "T0NEWS0001", "domain": "newsroom"},
		"channel":      map[string]any{"id": "C0NEWSDESK1", "name": "newsdesk"},
		"response_url": f.ResponseURL("actions/" + trigger),
		"actions": []any{map[string]any{
			"action_id": action, "block_id": blockID, "type": "button", "value": value, "action_ts": "1763690401.000800",
		}},
	}
	data, _ := json.Marshal(p)
	return url.Values{"payload": {string(data)}}.Encode()
}

// actions returns the block ID of the buttons under an answer and the
// action IDs of its buttons.
func actions(t *testing.T, blocks []map[string]any) (blockID string, ids []string) {
	t.Helper()
	for _, b := range blocks {
		if b["type"] != "actions" {
			continue
		}
		for _, el := range b["elements"].([]any) {
			ids = append(ids, el.(map[string]any)["action_id"].(string))
		}
		return b["block_id"].(string), ids
	}
	t.Fatal("no buttons under the answer")
	return "", nil
}

// newsroomAnswer is an answer with two quotes, a scope and a date.
var newsroomAnswer = bot.Answer{
	Answered: true,
	Scope:    "Searched coverage since January 1, 2025",
	AsOf:     "June 23, 2026",
	Quotes:   append(append([]bot.Quote(nil), trumpAnswer.Quotes...), newsroom.Quotes[1]),
}

func TestVoteRecordedOnce(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: newsroomAnswer}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	posted := f.WaitFor("/api/chat.postMessage", 1)[0].Blocks(t)
	block, ids := actions(t, posted)
	if diff := cmp.Diff([]string{copyAction, upAction, downAction}, ids); diff != "" {
		t.Errorf("buttons (-want +got):\n%s", diff)
	}
	if got := bottest.BlockText(posted, "footer"); got != "Coverage as of June 23, 2026" {
		t.Errorf("footer = %q", got)
	}
	if got := bottest.BlockText(posted, "scope"); got != "_Searched coverage since January 1, 2025_" {
		t.Errorf("scope = %q", got)
	}
	id := strings.TrimPrefix(block, answerBlock)
	for i, trigger := range []string{"t1", "t2", "t3"} {
		action := upAction
		if i == 2 {
			action = downAction // a change of mind is not counted either
		}
		if w := a.do(t, "/slack/interactions", press(f, action, block, id, trigger)); w.Code != http.StatusOK {
			t.Fatalf("press %d: %d", i, w.Code)
		}
		reply := f.WaitFor("/hooks/", i+1)[i]
		want := bot.Thanks
		if i > 0 {
			want = bot.AlreadyVoted
		}
		if reply.JSON["text"] != want || reply.JSON["response_type"] != "ephemeral" || reply.JSON["replace_original"] != false {
			t.Errorf("press %d told %v (%v, replace %v); want %q, ephemeral, not replacing the answer", i, reply.JSON["text"], reply.JSON["response_type"], reply.JSON["replace_original"], want)
		}
	}
	a.drain(t)
	want := []bot.Vote{{Platform: "slack", User: "U0REPORTER1", Question: "what did mediators say about the first round & the roadmap?", Up: true, Answered: newsroomAnswer.Answered,
		Passages: []bot.Citation{newsroomAnswer.Quotes[0].Citation, newsroomAnswer.Quotes[1].Citation}}}
	if diff := cmp.Diff(want, ans.cast()); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
	if len(ans.questions()) != 1 {
		t.Errorf("a press asked the bot %q", ans.questions())
	}
}

func TestCopyCitation(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: newsroomAnswer}, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	block, _ := actions(t, f.WaitFor("/api/chat.postMessage", 1)[0].Blocks(t))
	a.do(t, "/slack/interactions", press(f, copyAction, block, strings.TrimPrefix(block, answerBlock), "c1"))
	a.do(t, "/slack/interactions", press(f, copyAction, answerBlock+"FORGOTTEN", "FORGOTTEN", "c2"))
	a.drain(t)
	hooks := append(f.CallsTo("/hooks/commands/T0NEWS0001/actions/c1"), f.CallsTo("/hooks/commands/T0NEWS0001/actions/c2")...)
	if len(hooks) != 2 {
		t.Fatalf("%d replies to presses; want 2", len(hooks))
	}
	blocks := hooks[0].Blocks(t)
	for i, q := range newsroomAnswer.Quotes {
		if got, want := bottest.BlockText(blocks, "copy-"+string(rune('1'+i))), escape(q.CopyLine()); got != want {
			t.Errorf("copy-%d = %q; want %q", i+1, got, want)
		}
	}
	if hooks[0].JSON["response_type"] != "ephemeral" {
		t.Errorf("copy shown as %v; want ephemeral", hooks[0].JSON["response_type"])
	}
	if got := hooks[1].JSON["text"]; got != bot.Expired {
		t.Errorf("a forgotten answer's copy: %v; want %q", got, bot.Expired)
	}
}

// "Share in channel" posts through the /talks command's response URL, in
// the channel, and falls back to posting as Parley when that fails.
func TestShareThroughCommandURL(t *testing.T) {
	for _, fails := range []bool{false, true} {
		f := bottest.NewSlack(t)
		a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
		command := f.ResponseURL("1234567890/Command")
		if fails {
			f.Respond("/hooks/commands/T0NEWS0001/1234567890/Command",
				bottest.Reply{Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: "ok"},
				bottest.Reply{Status: 404, Header: http.Header{"Content-Type": {"text/html"}}, Body: "expired_url"})
		}
		form := url.Values{"command": {"/talks"}, "text": {"what did Trump warn?"}, "channel_id": {"C0NEWSDESK1"},
			"user_id": {"U0REPORTER1"}, "response_url": {command}, "trigger_id": {"t-share"}}
		a.do(t, "/slack/commands", form.Encode())
		private := f.WaitFor("/hooks/", 1)[0].Blocks(t)
		block, ids := actions(t, private)
		if diff := cmp.Diff([]string{shareAction, copyAction, upAction, downAction}, ids); diff != "" {
			t.Errorf("buttons (-want +got):\n%s", diff)
		}
		a.do(t, "/slack/interactions", press(f, shareAction, block, "what did Trump warn?", "s1"))
		a.drain(t)
		var inChannel []bottest.SlackCall
		for _, c := range f.CallsTo("/hooks/commands/T0NEWS0001/1234567890/Command") {
			if c.JSON["response_type"] == "in_channel" {
				inChannel = append(inChannel, c)
			}
		}
		posts := f.CallsTo("/api/chat.postMessage")
		switch {
		case len(inChannel) != 1:
			t.Errorf("fails %v: %d in_channel posts through the command's URL; want 1", fails, len(inChannel))
		case !fails && len(posts) != 0:
			t.Errorf("shared through the command's URL and posted %d times too", len(posts))
		case fails && len(posts) != 1:
			t.Errorf("the command's URL failed and %d posts followed; want 1", len(posts))
		}
		if del := f.CallsTo("/hooks/commands/T0NEWS0001/actions/s1"); len(del) != 1 || del[0].JSON["delete_original"] != true {
			t.Errorf("the private answer was not removed: %v", del)
		}
	}
}

func TestThreadReplies(t *testing.T) {
	reply := func(text, thread string) string {
		return payload(t, "app_mention_event_callback.json", "event_id", "Ev"+thread+text, "event.type", "message",
			"event.channel_type", "channel", "event.text", text, "event.ts", "1763690100.000300", "event.thread_ts", thread)
	}
	tests := []struct {
		name     string
		cfg      Config
		follow   string
		answered bool
	}{
		{"a reply in Parley's thread", Config{}, reply("and what about sanctions?", "1763690000.000200"), true},
		{"thread replies off", Config{ThreadReplies: "false"}, reply("and what about sanctions?", "1763690000.000200"), false},
		{"another thread", Config{}, reply("and what about sanctions?", "1763600000.000100"), false},
		{"addressed to someone else", Config{}, reply("<@U0EDITOR01> can you check this?", "1763690000.000200"), false},
		{"no question", Config{}, reply("ok, makes sense. thanks!", "1763690000.000200"), false},
		{"a mention that is no question", Config{}, reply("<@U0ARCHBOT> thanks", "1763690000.000200"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := bottest.NewSlack(t)
			ans := &fakeAnswerer{answer: trumpAnswer}
			a := newTestAdapter(t, f, ans, tt.cfg)
			a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
			f.WaitFor("/api/chat.postMessage", 1)
			a.do(t, "/slack/events", tt.follow)
			a.drain(t)
			posts := f.CallsTo("/api/chat.postMessage")
			if got := len(posts) == 2; got != tt.answered {
				t.Fatalf("answered the reply: %v; want %v (questions %q)", got, tt.answered, ans.questions())
			}
			if tt.answered {
				if th := posts[1].Form.Get("thread_ts"); th != "1763690000.000200" {
					t.Errorf("answered in thread %q", th)
				}
				if q := ans.questions()[1]; q != "and what about sanctions?" && tt.name == "a reply in Parley's thread" {
					t.Errorf("asked %q; want the reply alone, no hidden context", q)
				}
			}
		})
	}
}

func TestChannelAllowlist(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{})
	WithChannels([]string{"C0POLITICS1"})(a.Adapter)
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json"))
	a.do(t, "/slack/events", string(readPayload(t, "message_im_event_callback.json")))
	form := url.Values{"command": {"/talks"}, "text": {"what did Trump warn?"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {f.ResponseURL("1/allow")}, "trigger_id": {"t-allow"}}
	a.do(t, "/slack/commands", form.Encode())
	a.drain(t)
	eph := f.CallsTo("/api/chat.postEphemeral")
	if len(eph) != 1 || eph[0].Form.Get("text") != bot.Elsewhere || eph[0].Form.Get("channel") != "C0NEWSDESK1" {
		t.Fatalf("the mention outside the allowlist was told %v; want %q, privately", eph, bot.Elsewhere)
	}
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 1 {
		t.Errorf("%d posts; want 1, the DM's answer", n)
	}
	if n := len(f.CallsTo("/hooks/")); n != 1 {
		t.Errorf("%d /talks replies; want 1", n)
	}
	if n := len(ans.questions()); n != 2 {
		t.Errorf("asked the bot %q; want the DM and /talks only", ans.questions())
	}
}

func TestTimeline(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{timeline: timeline}
	a := newTestAdapter(t, f, ans, Config{})
	a.do(t, "/slack/events", payload(t, "app_mention_event_callback.json", "event.text", "<@U0ARCHBOT> Timeline sanctions since:2025"))
	form := url.Values{"command": {"/talks"}, "text": {"timeline"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {f.ResponseURL("1/timeline")}, "trigger_id": {"t-timeline"}}
	a.do(t, "/slack/commands", form.Encode())
	a.drain(t)
	ans.mu.Lock()
	topics := slices.Sorted(slices.Values(ans.topics)) // the two are answered concurrently
	ans.mu.Unlock()
	if diff := cmp.Diff([]string{"", "sanctions since:2025"}, topics); diff != "" {
		t.Errorf("timelines asked for (-want +got):\n%s", diff)
	}
	posted := f.WaitFor("/api/chat.postMessage", 1)[0].Blocks(t)
	if got := bottest.BlockText(posted, "event-1"); !strings.HasPrefix(got, "*2018*\n> In 2018") {
		t.Errorf("event-1 = %q", got)
	}
	private := f.CallsTo("/hooks/")[0].Blocks(t)
	if got := bottest.BlockText(private, "title"); got != "*Timeline*" {
		t.Errorf("/talks timeline title = %q", got)
	}
}

// A /talks timeline is shared as its asker saw it, through the command's
// response URL, like an answer.
func TestShareTimeline(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{timeline: timeline}
	a := newTestAdapter(t, f, ans, Config{})
	command := f.ResponseURL("1234567890/Timeline")
	form := url.Values{"command": {"/talks"}, "text": {"timeline sanctions"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {command}, "trigger_id": {"t-timeline-share"}}
	a.do(t, "/slack/commands", form.Encode())
	private := f.WaitFor("/hooks/", 1)[0].Blocks(t)
	block, ids := actions(t, private)
	if diff := cmp.Diff([]string{shareAction}, ids); diff != "" {
		t.Errorf("timeline buttons (-want +got):\n%s", diff)
	}
	a.do(t, "/slack/interactions", press(f, shareAction, block, "timeline sanctions", "tl1"))
	a.drain(t)
	var shared []map[string]any
	for _, c := range f.CallsTo("/hooks/commands/T0NEWS0001/1234567890/Timeline") {
		if c.JSON["response_type"] == "in_channel" {
			shared = c.Blocks(t)
		}
	}
	if got := bottest.BlockText(shared, "event-1"); !strings.HasPrefix(got, "*2018*") {
		t.Errorf("shared timeline's first event = %q; want the timeline shown", got)
	}
	if n := len(f.CallsTo("/api/chat.postMessage")); n != 0 {
		t.Errorf("%d posts; want the timeline shared through the command's URL", n)
	}
	ans.mu.Lock()
	defer ans.mu.Unlock()
	if len(ans.topics) != 1 {
		t.Errorf("timelines asked for %q; want one, not asked again to share", ans.topics)
	}
}

// Sharing asks no question, so it is not held to the rate limit.
func TestShareIsNotRateLimited(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	WithRateLimit(ratelimit.New(1, a.clock.Now))(a.Adapter)
	form := url.Values{"command": {"/talks"}, "text": {"what did Trump warn?"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {f.ResponseURL("1/limited")}, "trigger_id": {"t-limited"}}
	a.do(t, "/slack/commands", form.Encode())
	block, _ := actions(t, f.WaitFor("/hooks/", 1)[0].Blocks(t))
	a.do(t, "/slack/interactions", press(f, shareAction, block, "what did Trump warn?", "lim1"))
	a.drain(t)
	for _, c := range f.CallsTo("/hooks/") {
		if c.JSON["text"] == bot.RateLimited {
			t.Errorf("the share was refused by the rate limit")
		}
	}
}
