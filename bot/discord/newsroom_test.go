package discord

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
)

// answer asks the sample /ask and returns the answer edited in.
func (h *harness) answer(t *testing.T) wireMessage {
	t.Helper()
	h.post(t, payload(t, "discord_application_command.json"))
	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 1 {
		t.Fatalf("%d edits; want 1", len(edits))
	}
	return checkMessage(t, edits[0].Body)
}

// A 👍 is recorded with the asker's question and the passages shown, and
// thanked privately; a second press by the same reader is not counted.
func TestVoteRecordedOnce(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	m := h.answer(t)
	up, down := pressed(m, upPrefix), pressed(m, downPrefix)
	if up == "" || down == "" {
		t.Fatalf("no 👍 and 👎 under the answer: %+v", m.Components)
	}
	for i, id := range []string{up, up, down} {
		rec := h.post(t, button(t, id))
		want := bot.Thanks
		if i > 0 {
			want = bot.AlreadyVoted
		}
		if got := checkMessage(t, rec.Body.Bytes()); responseType(t, rec.Body.Bytes()) != 4 || got.Content != want || got.Flags != 64 {
			t.Errorf("press %d: %q (flags %d); want %q, privately", i, got.Content, got.Flags, want)
		}
	}
	a := answered()
	want := []bot.Vote{{Platform: "discord", User: "1100000000000000001", Question: "What did Trump warn Iran about? @everyone", Up: true, Answered: a.Answered,
		Passages: []bot.Citation{a.Quotes[0].Citation, a.Quotes[1].Citation, a.Quotes[2].Citation}}}
	if diff := cmp.Diff(want, h.bot.cast()); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
	if n := len(h.fake.All(http.MethodPost, ".*")); n != 0 {
		t.Errorf("a press made %d REST calls; the response is the answer", n)
	}
}

// "Copy citation" shows the page's quotes as copy-ready lines, privately.
func TestCopyCitation(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	m := h.answer(t)
	rec := h.post(t, button(t, pressed(m, copyPrefix)))
	got := checkMessage(t, rec.Body.Bytes())
	if got.Flags != 64 {
		t.Errorf("copy flags %d; want 64", got.Flags)
	}
	var want []string
	for _, q := range answered().Quotes[:perPage] {
		want = append(want, escape(q.CopyLine()))
	}
	if diff := cmp.Diff(want, strings.Split(got.Content, "\n\n")); diff != "" {
		t.Errorf("copy lines (-want +got):\n%s", diff)
	}
	// Well formed for an answer Parley does not know, or malformed.
	for _, id := range []string{"copy:UNKNOWN:0:3", "up:UNKNOWN:0:3", "down:UNKNOWN:3:1", "copy:x:0:9", "up:x:1", "down:"} {
		if got := checkMessage(t, h.post(t, button(t, id)).Body.Bytes()); got.Content != bot.Expired {
			t.Errorf("%s: %q; want %q", id, got.Content, bot.Expired)
		}
	}
}

// /ask's filter options reach the bot as filters typed in the question.
func TestAskFilterOptions(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	h.post(t, command(t, cmdAsk,
		map[string]any{"type": 3, "name": optQuestion, "value": "What did Trump warn?"},
		map[string]any{"type": 3, "name": optSince, "value": "2026-06"},
		map[string]any{"type": 3, "name": optOutlet, "value": ` Radio "Free" Europe `},
		map[string]any{"type": 3, "name": optBefore, "value": ""},
	))
	qs := h.bot.questions()
	if len(qs) != 1 || qs[0].Text != `What did Trump warn? since:2026-06 outlet:"Radio Free Europe"` {
		t.Errorf("asked %+v", qs)
	}
}

// /timeline is deferred, then the timeline is edited in.
func TestTimelineCommand(t *testing.T) {
	h := newHarness(t, &fakeBot{timeline: timeline()})
	rec := h.post(t, command(t, cmdTimeline, map[string]any{"type": 3, "name": optTopic, "value": "sanctions"}))
	if got := responseType(t, rec.Body.Bytes()); got != 5 {
		t.Fatalf("response type %d; want 5 (deferred)", got)
	}
	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 1 {
		t.Fatalf("%d edits; want 1", len(edits))
	}
	m := checkMessage(t, edits[0].Body)
	if m.Embeds[0].Title != "Timeline: sanctions" || !strings.Contains(m.Embeds[0].Description, "**2018**\n> In 2018") {
		t.Errorf("timeline %q: %q", m.Embeds[0].Title, m.Embeds[0].Description)
	}
	if diff := cmp.Diff([]string{"sanctions"}, h.bot.topics); diff != "" {
		t.Errorf("topics (-want +got):\n%s", diff)
	}
}
