package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
	"github.com/parley-newsroom/parley/internal/metrics"
)

const (
	appID    = "1200000000000000001"
	cmdToken = "FAKE_INTERACTION_TOKEN_CMD"
	// cmdEdit is the route that edits the response to the sample command.
	cmdEdit = "/webhooks/" + appID + "/" + cmdToken + "/messages/@original"
)

// harness is an adapter in HTTP interactions mode, its fakes, and what it
// logged.
type harness struct {
	a     *Adapter
	fake  *bottest.Discord
	bot   *fakeBot
	sign  signer
	clock *bottest.Clock
	log   *bottest.LogBuffer
}

// newHarness returns a harness over b, whose adapter's Config is changed
// by the options.
func newHarness(t *testing.T, b *fakeBot, opts ...func(*Config)) *harness {
	t.Helper()
	h := &harness{fake: bottest.NewDiscord(t), bot: b, sign: newSigner(t), clock: bottest.NewClock(time.Date(2026, 6, 24, 12, 0, 0, 0, time.UTC))}
	cfg := func(h *harness) Config {
		c := Config{PublicKey: h.sign.publicKey(), APIURL: h.fake.URL()}
		for _, o := range opts {
			o(&c)
		}
		return c
	}
	log, buf := bottest.Log()
	h.log = buf
	a, err := New(cfg(h), b, log, WithClock(h.clock.Now), WithMetrics(metrics.New()))
	if err != nil {
		t.Fatal(err)
	}
	a.retrier.WithClock(h.clock.Now, h.clock.Sleep)
	h.a = a
	t.Cleanup(func() { a.Shutdown(context.Background()) })
	return h
}

// send posts a signed interaction to the handler, and returns the
// response without waiting for the work it started.
func (h *harness) send(body []byte) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.a.Handler().ServeHTTP(rec, h.sign.request(body, h.clock.Now()))
	return rec
}

// post is send, then waits for the work the interaction started (the
// answer's edit) to finish.
func (h *harness) post(t *testing.T, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	rec := h.send(body)
	h.a.work.Wait()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec
}

// noSecrets checks that the log holds no token and, at Info and above,
// no question text.
func (h *harness) noSecrets(t *testing.T, question string) {
	t.Helper()
	for line := range strings.Lines(h.log.String()) {
		if strings.Contains(line, "FAKE_INTERACTION_TOKEN") || strings.Contains(line, "FAKE.BOT.TOKEN") {
			t.Errorf("log line holds a token: %s", line)
		}
		if !strings.Contains(line, "level=DEBUG") && question != "" && strings.Contains(line, question) {
			t.Errorf("log line above Debug holds the question: %s", line)
		}
	}
}

// responseType decodes an interaction response's type.
func responseType(t *testing.T, body []byte) int {
	t.Helper()
	var r struct{ Type int }
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return r.Type
}

// command returns the sample command with another name and options.
func command(t *testing.T, name string, options ...map[string]any) []byte {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal(payload(t, "discord_application_command.json"), &in); err != nil {
		t.Fatal(err)
	}
	data := in["data"].(map[string]any)
	data["name"] = name
	data["options"] = options
	out, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// button returns the sample button click with customID.
func button(t *testing.T, customID string) []byte {
	t.Helper()
	return []byte(strings.Replace(string(payload(t, "discord_message_component_button.json")), "more:q-7f3a:2", customID, 1))
}

// buttonID returns the custom_id of the "More sources" button, or "".
func buttonID(m wireMessage) string { return pressed(m, morePrefix) }

// pressed returns the custom_id of the first button whose custom_id
// starts with prefix, or "".
func pressed(m wireMessage, prefix string) string {
	for _, row := range m.Components {
		for _, c := range row.Components {
			if strings.HasPrefix(c.CustomID, prefix) {
				return c.CustomID
			}
		}
	}
	return ""
}

func fieldNames(m wireMessage) []string {
	var names []string
	for _, e := range m.Embeds {
		for _, f := range e.Fields {
			names = append(names, f.Name)
		}
	}
	return names
}

// An /ask is acknowledged with a deferral in the HTTP response, then the
// answer is edited into @original: an embed, no pings.
func TestAskDefersThenEdits(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered(), asOf: "June 23, 2026"})
	rec := h.post(t, payload(t, "discord_application_command.json"))

	if got := responseType(t, rec.Body.Bytes()); got != 5 {
		t.Fatalf("response type %d; want 5 (deferred): %s", got, rec.Body)
	}
	if m := checkMessage(t, rec.Body.Bytes()); m.Flags != 0 {
		t.Errorf("deferral flags = %d; want 0 (public)", m.Flags)
	}
	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 1 {
		t.Fatalf("%d edits of @original; want 1 (requests: %v)", len(edits), h.fake.Summary())
	}
	edit := edits[0]
	if auth := edit.Header.Get("Authorization"); auth != "" {
		t.Errorf("edit sent Authorization %q; webhook edits need none", auth)
	}
	m := checkMessage(t, edit.Body)
	if got, want := m.Embeds[0].Title, "What did Trump warn Iran about? @\u200beveryone"; got != want {
		t.Errorf("title = %q; want %q", got, want)
	}
	if diff := cmp.Diff([]string{"[1]", "[2]", "[3]"}, fieldNames(m)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if id := buttonID(m); !strings.HasPrefix(id, "more:") || !strings.HasSuffix(id, ":3") {
		t.Errorf("button custom_id = %q; want more:…:3", id)
	}
	if diff := cmp.Diff([]bot.Question{{Text: "What did Trump warn Iran about? @everyone", K: bot.MaxPassages, Platform: "discord", User: "1100000000000000001"}}, h.bot.questions()); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	if !strings.Contains(h.log.String(), "msg=answered") || !strings.Contains(h.log.String(), "passages=4") {
		t.Errorf("no answered line in the log:\n%s", h.log)
	}
	h.noSecrets(t, "Trump")
}

// private:true defers ephemerally, so the edited answer is seen only by
// the asker, and so are its further pages.
func TestAskPrivate(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	dm := strings.Replace(string(payload(t, "discord_application_command_dm.json")),
		`"options": [{"type": 3, "name": "question", "value": "which outlets covered the roadmap?"}]`,
		`"options": [{"type": 3, "name": "question", "value": "which outlets covered the roadmap?"}, {"type": 5, "name": "private", "value": true}]`, 1)
	rec := h.post(t, []byte(dm))
	if m := checkMessage(t, rec.Body.Bytes()); m.Flags != 64 {
		t.Errorf("deferral flags = %d; want 64 (ephemeral)", m.Flags)
	}
	edits := h.fake.All(http.MethodPatch, "/webhooks/"+appID+"/FAKE_INTERACTION_TOKEN_DM/messages/@original")
	if len(edits) != 1 {
		t.Fatalf("%d edits; want 1", len(edits))
	}
	more := h.post(t, button(t, buttonID(checkMessage(t, edits[0].Body))))
	if m := checkMessage(t, more.Body.Bytes()); m.Flags != 64 {
		t.Errorf("next page flags = %d; want 64 (ephemeral, as the answer)", m.Flags)
	}
}

// "More sources" shows the next passages, three at a time, until none are
// left.
func TestMoreSources(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: many(bot.MaxPassages)})
	h.post(t, payload(t, "discord_application_command.json"))
	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 1 {
		t.Fatalf("%d edits; want 1", len(edits))
	}
	id := buttonID(checkMessage(t, edits[0].Body))
	var pages [][]string
	for id != "" {
		rec := h.post(t, button(t, id))
		if got := responseType(t, rec.Body.Bytes()); got != 4 {
			t.Fatalf("response type %d; want 4: %s", got, rec.Body)
		}
		m := checkMessage(t, rec.Body.Bytes())
		if m.Flags != 64 {
			t.Errorf("flags = %d; want 64: further passages are shown to whoever asked for them", m.Flags)
		}
		pages = append(pages, fieldNames(m))
		id = buttonID(m)
	}
	want := [][]string{{"[4]", "[5]", "[6]"}, {"[7]", "[8]", "[9]"}, {"[10]"}}
	if diff := cmp.Diff(want, pages); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if n := len(h.bot.questions()); n != 1 {
		t.Errorf("bot asked %d times; want once (pages come from memory)", n)
	}
}

// A button whose answer is unknown, expired or out of range gets a polite
// ephemeral sentence and no REST call.
func TestExpiredButton(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	h.post(t, payload(t, "discord_application_command.json"))
	live := buttonID(checkMessage(t, h.fake.All(http.MethodPatch, cmdEdit)[0].Body))
	id, _, _ := parseMore(live)
	before := len(h.fake.All(http.MethodPatch, ".*"))

	tests := []struct {
		name     string
		customID string
		advance  time.Duration
	}{
		{"forged", "more:q-7f3a:2", 0},
		{"malformed", "more:", 0},
		{"other prefix", "vote:" + id + ":3", 0},
		{"past the answer", moreID(id, 4), 0},
		{"negative", moreID(id, -1), 0},
		{"stale", live, pagesTTL + time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.clock.Advance(tt.advance)
			rec := h.post(t, button(t, tt.customID))
			if got := responseType(t, rec.Body.Bytes()); got != 4 {
				t.Fatalf("response type %d; want 4", got)
			}
			m := checkMessage(t, rec.Body.Bytes())
			if m.Content != bot.Expired || m.Flags != 64 || len(m.Embeds) != 0 {
				t.Errorf("got content %q, flags %d, %d embeds; want %q, 64, none", m.Content, m.Flags, len(m.Embeds), bot.Expired)
			}
		})
	}
	if after := len(h.fake.All(http.MethodPatch, ".*")); after != before {
		t.Errorf("expired buttons made %d REST edits", after-before)
	}
}

// A rate-limited edit is retried after the wait Discord asks for, and the
// answer arrives once.
func TestRateLimitedEditRetried(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	h.fake.Script(http.MethodPatch, cmdEdit, rawResponse(t, "discord_rate_limited_response.txt"))
	h.post(t, payload(t, "discord_application_command.json"))

	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 2 {
		t.Fatalf("%d edits; want 2 (429, then the answer)", len(edits))
	}
	if string(edits[0].Body) != string(edits[1].Body) {
		t.Errorf("the retry sent a different body")
	}
	checkMessage(t, edits[1].Body)
	// retry_after says 0.5 s, Retry-After rounds it up to 1 s: both are
	// honoured.
	if diff := cmp.Diff([]time.Duration{time.Second}, h.clock.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if n := strings.Count(h.log.String(), "msg=answered"); n != 1 {
		t.Errorf("answered %d times; want 1:\n%s", n, h.log)
	}
	if n := len(h.bot.questions()); n != 1 {
		t.Errorf("bot asked %d times; want 1", n)
	}
	h.noSecrets(t, "Trump")
}

// A 429 is waited out in full, however long it asks for, while the token
// lasts; past the delivery deadline Parley gives up and says so at ERROR.
func TestRateLimitHonoured(t *testing.T) {
	limited := rawResponse(t, "discord_rate_limited_response.txt")
	tests := []struct {
		name     string
		replies  []bottest.Reply
		attempts int
		waits    []time.Duration
		answered bool
	}{
		{"limited four times", []bottest.Reply{limited, limited, limited, limited}, 5, []time.Duration{time.Second, time.Second, time.Second, time.Second}, true},
		{"Retry-After 30 s", []bottest.Reply{bottest.DiscordRetryAfter(30 * time.Second)}, 2, []time.Duration{30 * time.Second}, true},
		{"Retry-After past the deadline", []bottest.Reply{bottest.DiscordRetryAfter(5 * time.Minute)}, 1, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, &fakeBot{answer: answered()})
			h.fake.Script(http.MethodPatch, cmdEdit, tt.replies...)
			h.post(t, payload(t, "discord_application_command.json"))
			if n := len(h.fake.All(http.MethodPatch, cmdEdit)); n != tt.attempts {
				t.Errorf("%d attempts; want %d", n, tt.attempts)
			}
			if diff := cmp.Diff(tt.waits, h.clock.Waits()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if got := strings.Contains(h.log.String(), "msg=answered"); got != tt.answered {
				t.Errorf("answered %v; want %v:\n%s", got, tt.answered, h.log)
			}
			if !tt.answered {
				for _, want := range []string{"level=ERROR", `msg="gave up: delivery failed"`, "channel=1000000000000000009", "interaction=1300000000000000002", "status=429", "reason=deadline"} {
					if !strings.Contains(h.log.String(), want) {
						t.Errorf("the failure is not logged with %s:\n%s", want, h.log)
					}
				}
			}
			h.noSecrets(t, "Trump")
		})
	}
}

// A storm of 500s is waited out with backoff; the answer arrives once when
// Discord recovers.
func TestServerErrorStorm(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	for range 8 {
		h.fake.Script(http.MethodPatch, cmdEdit, bottest.DiscordServerError)
	}
	h.post(t, payload(t, "discord_application_command.json"))
	if n := len(h.fake.All(http.MethodPatch, cmdEdit)); n != 9 {
		t.Errorf("%d edits; want 8 refused, then the answer", n)
	}
	waits := h.clock.Waits()
	for i, w := range waits {
		if full := min(500*time.Millisecond<<i, 20*time.Second); w < full/2 || w > full {
			t.Errorf("wait %d = %v; want backoff within [%v, %v]", i, w, full/2, full)
		}
	}
	if n := strings.Count(h.log.String(), "msg=answered"); n != 1 || len(waits) != 8 {
		t.Errorf("answered %d times after %d waits; want once after 8:\n%s", n, len(waits), h.log)
	}
}

// "Unknown interaction" is logged with its status and code, not retried,
// and the adapter goes on answering.
func TestUnknownInteraction(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	h.fake.Script(http.MethodPatch, cmdEdit, rawResponse(t, "discord_unknown_interaction_response.txt"))
	h.post(t, payload(t, "discord_application_command.json"))
	if n := len(h.fake.All(http.MethodPatch, cmdEdit)); n != 1 {
		t.Errorf("%d attempts; want 1", n)
	}
	log := h.log.String()
	if !strings.Contains(log, "level=ERROR") || !strings.Contains(log, "status=404") || !strings.Contains(log, "code=10062") {
		t.Errorf("10062 not logged with status and code:\n%s", log)
	}
	h.noSecrets(t, "Trump")

	h.post(t, payload(t, "discord_application_command.json"))
	if n := len(h.fake.All(http.MethodPatch, cmdEdit)); n != 2 {
		t.Errorf("the next question made %d edits in all; want 2", n)
	}
}

// An edit Discord refuses as malformed is replaced by one polite
// sentence, so the user is not left waiting.
func TestEditRefusedFallsBack(t *testing.T) {
	h := newHarness(t, &fakeBot{answer: answered()})
	h.fake.Script(http.MethodPatch, cmdEdit, bottest.Reply{Status: http.StatusBadRequest, Body: `{"message": "Invalid Form Body", "code": 50035}`})
	h.post(t, payload(t, "discord_application_command.json"))
	edits := h.fake.All(http.MethodPatch, cmdEdit)
	if len(edits) != 2 {
		t.Fatalf("%d edits; want 2", len(edits))
	}
	if m := checkMessage(t, edits[1].Body); m.Content != bot.Unshowable || len(m.Embeds) != 0 {
		t.Errorf("fallback = %q with %d embeds; want %q alone", m.Content, len(m.Embeds), bot.Unshowable)
	}
	if !strings.Contains(h.log.String(), "code=50035") {
		t.Errorf("refusal not logged with its code:\n%s", h.log)
	}
}

// Errors from the bot reach the user as its one polite sentence.
func TestAnswerErrors(t *testing.T) {
	for _, err := range []error{bot.ErrQuestionTooLong, bot.ErrEmptyQuestion, errors.New("index closed")} {
		t.Run(err.Error(), func(t *testing.T) {
			h := newHarness(t, &fakeBot{err: err})
			h.post(t, payload(t, "discord_application_command.json"))
			edits := h.fake.All(http.MethodPatch, cmdEdit)
			if len(edits) != 1 {
				t.Fatalf("%d edits; want 1", len(edits))
			}
			m := checkMessage(t, edits[0].Body)
			if m.Content != bot.UserMessage(err) || len(m.Embeds) != 0 {
				t.Errorf("edit = %q with %d embeds; want %q", m.Content, len(m.Embeds), bot.UserMessage(err))
			}
			if !strings.Contains(h.log.String(), err.Error()) {
				t.Errorf("the error is not logged:\n%s", h.log)
			}
		})
	}
}

// Autocomplete answers at once from the bot's suggestions: at most 25
// choices of at most 100 characters, name and value alike.
func TestAutocomplete(t *testing.T) {
	b := &fakeBot{suggest: []string{"uranium enrichment", "Enrichment", "uranium enrichment"}}
	b.suggest = append(b.suggest, "Enrichment "+strings.Repeat("and more words ", 10))
	for i := range 30 {
		b.suggest = append(b.suggest, "enrichment phrase "+string(rune('a'+i%26))+strings.Repeat("x", i))
	}
	h := newHarness(t, b)
	rec := h.post(t, payload(t, "discord_autocomplete.json"))
	var resp struct {
		Type int
		Data struct {
			Choices []struct{ Name, Value string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != 8 {
		t.Errorf("type %d; want 8", resp.Type)
	}
	// The bot offers its 34 matches; one is a duplicate and one too long
	// for a choice, and 25 of the rest fit.
	if len(resp.Data.Choices) != maxChoices {
		t.Errorf("%d choices; want %d", len(resp.Data.Choices), maxChoices)
	}
	seen := map[string]bool{}
	for _, c := range resp.Data.Choices {
		if c.Name != c.Value || length(c.Name) > maxChoice || c.Name == "" || seen[c.Name] {
			t.Errorf("bad choice %+v", c)
		}
		seen[c.Name] = true
	}
	if got := resp.Data.Choices[0].Name; got != "uranium enrichment" {
		t.Errorf("first choice %q; want the bot's first", got)
	}
	if len(h.fake.All(http.MethodPost, ".*"))+len(h.fake.All(http.MethodPatch, ".*")) != 0 {
		t.Errorf("autocomplete made REST calls: %v", h.fake.Summary())
	}

	// Nothing to suggest is still a list, which Discord requires.
	h = newHarness(t, &fakeBot{})
	rec = h.post(t, payload(t, "discord_autocomplete.json"))
	if !strings.Contains(rec.Body.String(), `"choices":[]`) {
		t.Errorf("empty autocomplete = %s; want \"choices\":[]", rec.Body)
	}
}

// /sources lists the articles with their dates, at once.
func TestSources(t *testing.T) {
	h := newHarness(t, &fakeBot{sources: testSources, asOf: "June 23, 2026"})
	rec := h.post(t, command(t, "sources"))
	if got := responseType(t, rec.Body.Bytes()); got != 4 {
		t.Fatalf("type %d; want 4", got)
	}
	m := checkMessage(t, rec.Body.Bytes())
	desc := m.Embeds[0].Description
	for _, want := range []string{"This Is How Peace Happens", "June 2026", "Euractiv · undated", "June 23, 2026", "(https://example.com/breakthrough)"} {
		if !strings.Contains(desc, want) {
			t.Errorf("sources lack %q:\n%s", want, desc)
		}
	}
	if n := strings.Count(desc, "\n- ") + 1; n != len(testSources) {
		t.Errorf("%d lines; want %d", n, len(testSources))
	}
}

// Shutdown waits for the answers in flight, then refuses new questions
// politely.
func TestShutdownWaits(t *testing.T) {
	b := &fakeBot{answer: answered(), block: make(chan struct{})}
	h := newHarness(t, b)
	if rec := h.send(payload(t, "discord_application_command.json")); responseType(t, rec.Body.Bytes()) != 5 {
		t.Fatalf("no deferral: %s", rec.Body)
	}
	done := make(chan error)
	go func() { done <- h.a.Shutdown(context.Background()) }()
	close(b.block)
	if err := <-done; err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if n := len(h.fake.All(http.MethodPatch, cmdEdit)); n != 1 {
		t.Errorf("Shutdown returned with %d edits sent; want the answer's", n)
	}

	rec := h.post(t, payload(t, "discord_application_command.json"))
	if m := checkMessage(t, rec.Body.Bytes()); m.Content != bot.Restarting || m.Flags != 64 {
		t.Errorf("after Shutdown: %q flags %d; want %q, 64", m.Content, m.Flags, bot.Restarting)
	}
}

// Shutdown gives up when its context ends first, and cancels the answers
// in flight.
func TestShutdownBounded(t *testing.T) {
	b := &fakeBot{answer: answered(), block: make(chan struct{})}
	defer close(b.block)
	h := newHarness(t, b)
	h.send(payload(t, "discord_application_command.json"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.a.Shutdown(ctx); err == nil || !strings.Contains(err.Error(), "1 questions not answered") {
		t.Errorf("Shutdown = %v; want the question given up counted", err)
	}
	if log := h.log.String(); !strings.Contains(log, `msg="gave up: delivery failed"`) || !strings.Contains(log, "reason=shutdown") {
		t.Errorf("the question given up is not logged:\n%s", log)
	}
	h.a.work.Wait() // the cancelled answer finishes
}

func TestNew(t *testing.T) {
	key := newSigner(t).publicKey()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"gateway", Config{BotToken: "FAKE.BOT.TOKEN"}, true},
		{"http", Config{PublicKey: key}, true},
		{"both, proxied", Config{BotToken: "Bot FAKE.BOT.TOKEN", PublicKey: key, APIURL: "http://127.0.0.1:9"}, true},
		{"neither", Config{AppID: appID}, false},
		{"short key", Config{PublicKey: "abcd"}, false},
		{"not hex", Config{PublicKey: strings.Repeat("zz", 32)}, false},
		{"bad API URL", Config{PublicKey: key, APIURL: "discord.com"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, &fakeBot{}, nil)
			if (err == nil) != tt.ok {
				t.Fatalf("New(%s) = %v; want ok %v", tt.name, err, tt.ok)
			}
			if err != nil && (strings.Contains(err.Error(), "FAKE") || strings.Contains(err.Error(), "zz")) {
				t.Errorf("error shows a secret: %v", err)
			}
		})
	}
}
