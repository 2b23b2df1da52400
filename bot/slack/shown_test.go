package slack

import (
	"net/url"
	"testing"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// What Parley remembers of a /talks answer for its buttons holds no
// passage: only the quotes shown and the copy to share, bounded in size.
func TestShownKeepsNoPassages(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{})
	form := url.Values{"command": {"/talks"}, "text": {"what did Trump warn?"}, "channel_id": {"C0NEWSDESK1"},
		"user_id": {"U0REPORTER1"}, "response_url": {f.ResponseURL("1/kept")}, "trigger_id": {"t-kept"}}
	a.do(t, "/slack/commands", form.Encode())
	e, ok := a.shown.get(shownID(t, a.Adapter), testNow)
	if !ok || e.share == nil {
		t.Fatalf("no share kept for the /talks answer: %+v", e)
	}
	if len(e.share.shown) != 0 {
		t.Errorf("the copy to share keeps %d quotes with their passages", len(e.share.shown))
	}
	for _, q := range e.quotes {
		if q.Passage != "" {
			t.Errorf("kept quote %d with its passage", q.Rank)
		}
	}
}
