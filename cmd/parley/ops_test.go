package main

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

// served is parley serve running in-process.
type served struct {
	base   string
	logs   *bottest.LogBuffer
	cancel context.CancelFunc
	done   chan error
	exited bool
}

// startServe runs parley serve with the settings given as pairs (and
// nothing from the machine's environment) and waits until it serves.
func startServe(t *testing.T, settings ...string) *served {
	t.Helper()
	clearSettings(t)
	t.Setenv("PARLEY_ADDR", "127.0.0.1:0")
	for i := 0; i+1 < len(settings); i += 2 {
		t.Setenv(settings[i], settings[i+1])
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{logs: &bottest.LogBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- run(ctx, []string{"serve"}, strings.NewReader(""), io.Discard, s.logs) }()
	listening := regexp.MustCompile(`msg=listening addr=(\S+)|"msg":"listening","addr":"([^"]+)"`)
	for deadline := time.Now().Add(bottest.Wait); s.base == "" || !strings.Contains(s.logs.String(), "serving"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", s.logs)
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve stopped early: %v\n%s", err, s.logs)
		default:
		}
		if m := listening.FindStringSubmatch(s.logs.String()); m != nil {
			s.base = "http://" + m[1] + m[2]
		}
	}
	t.Cleanup(func() {
		s.stop(t)
		if t.Failed() {
			t.Logf("serve's log:\n%s", s.logs)
		}
	})
	return s
}

// stop cancels serve, as SIGTERM would, and returns what it returned.
func (s *served) stop(t *testing.T) error {
	t.Helper()
	if s.exited {
		return nil
	}
	s.cancel()
	select {
	case err := <-s.done:
		s.exited = true
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
		return nil
	}
}

// waitLog waits until the log holds substr.
func (s *served) waitLog(t *testing.T, substr string) {
	t.Helper()
	for deadline := time.Now().Add(bottest.Wait); !strings.Contains(s.logs.String(), substr); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q:\n%s", substr, s.logs)
		}
	}
}

// get fetches path.
func (s *served) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// slackEvent posts a signed app_mention asking text in a thread of its own
// (ts) and returns the HTTP status.
func (s *served) slackEvent(t *testing.T, ts, text string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"type": "event_callback", "event_id": "Ev" + strings.ReplaceAll(ts, ".", ""), "team_id": "T0NEWS0001",
		"event": map[string]any{"type": "app_mention", "user": "U0REPORTER1", "text": "<@" + bottest.SlackBotUser + "> " + text, "ts": ts, "channel": "C0NEWSDESK1"},
	})
	return s.signedPost(t, "/slack/events", string(body), "application/json")
}

// signedPost posts body signed with the fake Slack's secret.
func (s *served) signedPost(t *testing.T, path, body, contentType string) int {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(bottest.SlackSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, s.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// slackSettings configures Slack over the Events API against f.
func slackSettings(f *bottest.Slack) []string {
	return []string{"SLACK_BOT_TOKEN", bottest.SlackBotToken, "SLACK_SIGNING_SECRET", bottest.SlackSecret, "SLACK_API_URL", f.APIURL()}
}

// The operator's endpoints listen whatever the platforms' modes, and a
// platform that cannot connect is retried in the background while the
// other serves; readiness names it until it connects.
func TestOpsEndpointsAndIndependentPlatforms(t *testing.T) {
	slack, discord := bottest.NewSlack(t), bottest.NewDiscord(t)
	discord.Script(http.MethodGet, "/gateway", bottest.Reply{Status: 503, Body: `{"message": "unavailable", "code": 0}`})
	s := startServe(t, append(slackSettings(slack), "DISCORD_BOT_TOKEN", "FAKE.BOT.TOKEN.DISCORD0000", "DISCORD_API_URL", discord.URL())...)

	if code, body := s.get(t, "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("GET /healthz = %d %q", code, body)
	}
	s.waitLog(t, `msg="not connected; retrying in the background" platform=discord`)
	code, body := s.get(t, "/readyz")
	var ready struct {
		Ready    bool              `json:"ready"`
		NotReady map[string]string `json:"not_ready"`
	}
	if err := json.Unmarshal([]byte(body), &ready); err != nil || code != 503 || ready.Ready || ready.NotReady["discord"] == "" {
		t.Errorf("GET /readyz with Discord down = %d %s; want 503 naming discord", code, body)
	}
	// Slack answers meanwhile.
	if code := s.slackEvent(t, "1763700000.000001", "What did Trump warn Iran about?"); code != 200 {
		t.Fatalf("Slack event: %d", code)
	}
	slack.WaitFor("/api/chat.postMessage", 1)
	// Discord connects at the next try, and Parley is ready.
	discord.Await(http.MethodPut, "/applications/"+bottest.DiscordAppID+"/commands", 1)
	for deadline := time.Now().Add(bottest.Wait); ; time.Sleep(10 * time.Millisecond) {
		if code, body = s.get(t, "/readyz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /readyz = %d %s; want ready once Discord connects", code, body)
		}
	}
	_, metrics := s.get(t, "/metrics")
	for _, want := range []string{"parley_corpus_articles 4", `parley_questions_total{outcome="answered",platform="slack"} 1`,
		`parley_reply_seconds_count{platform="slack"} 1`, "go_goroutines ", "parley_queue_depth"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// writeCorpus copies the fixture corpus to a folder of its own.
func writeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(fixture, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// SIGHUP reloads the corpus folder; a broken file keeps the corpus served
// and the log names the file and line.
func TestReload(t *testing.T) {
	slack := bottest.NewSlack(t)
	dir := writeCorpus(t)
	s := startServe(t, append(slackSettings(slack), "PARLEY_CORPUS", dir)...)
	article, err := os.ReadFile(filepath.Join(dir, "how-peace-happens.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "how-peace-happens-again.md"), article, 0o644)
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	s.waitLog(t, `msg="corpus reloaded"`)
	if _, m := s.get(t, "/metrics"); !strings.Contains(m, "parley_corpus_articles 5") {
		t.Errorf("after the reload, /metrics lacks 5 articles")
	}

	os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\noutlet: X\n---\n\nA body.\n"), 0o644)
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	s.waitLog(t, "reload failed")
	if !strings.Contains(s.logs.String(), "broken.md:1: front matter: missing title") {
		t.Errorf("the failed reload does not name the file and line:\n%s", s.logs)
	}
	_, m := s.get(t, "/metrics")
	if !strings.Contains(m, "parley_corpus_articles 5") || !strings.Contains(m, `parley_corpus_reloads_total{result="failed"} 1`) {
		t.Errorf("after a failed reload /metrics should still count 5 articles and one failure")
	}
	if code := s.slackEvent(t, "1763700000.000002", "What did Trump warn Iran about?"); code != 200 {
		t.Fatalf("Slack event: %d", code)
	}
	slack.WaitFor("/api/chat.postMessage", 1)
}

// SIGTERM with questions queued behind a hung Slack: serve stops taking
// questions (503, so Slack redelivers), gives up on the rest when the
// grace runs out, logs each with its message, and exits.
func TestShutdownWithWorkQueued(t *testing.T) {
	slack := bottest.NewSlack(t)
	release := slack.Hold("/api/chat.postMessage")
	defer release()
	s := startServe(t, append(slackSettings(slack), "PARLEY_SHUTDOWN_GRACE", "1s", "SLACK_WORKERS", "1")...)
	for i := range 3 {
		if code := s.slackEvent(t, fmt.Sprintf("1763700000.00001%d", i), "What did Trump warn Iran about?"); code != 200 {
			t.Fatalf("event %d: %d", i, code)
		}
	}
	slack.WaitFor("/api/chat.postMessage", 1)
	s.cancel()
	for deadline := time.Now().Add(bottest.Wait); ; time.Sleep(5 * time.Millisecond) {
		if _, body := s.get(t, "/readyz"); strings.Contains(body, "shutting down") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz never said it was shutting down")
		}
	}
	// The platforms stop taking questions a moment after /readyz says so:
	// an event in between is taken, and then given up and logged like
	// the rest, never lost unheard.
	var taken []string
	for i, deadline := 0, time.Now().Add(bottest.Wait); ; i++ {
		ts := fmt.Sprintf("1763700000.%06d", 200+i)
		code := s.slackEvent(t, ts, "Who mediated?")
		if code == http.StatusServiceUnavailable {
			break
		}
		if code != http.StatusOK || time.Now().After(deadline) {
			t.Fatalf("event %d while shutting down: %d; want 503", i, code)
		}
		taken = append(taken, ts)
		time.Sleep(time.Millisecond)
	}
	if err := s.stop(t); err != nil {
		t.Errorf("serve = %v; want nil", err)
	}
	log := s.logs.String()
	for i := range 3 {
		taken = append(taken, fmt.Sprintf("1763700000.00001%d", i))
	}
	for _, ts := range taken {
		if !strings.Contains(log, `level=ERROR msg="gave up: delivery failed" platform=slack channel=C0NEWSDESK1 message=`+ts) {
			t.Errorf("question %s is not logged as given up:\n%s", ts, log)
		}
	}
	if want := fmt.Sprintf("%d questions not answered", len(taken)); !strings.Contains(log, want) {
		t.Errorf("the shutdown does not count the questions given up (%q):\n%s", want, log)
	}
}

// Secrets and capability URLs never reach the log, whatever fails: a
// response URL whose connection is cut, a Discord edit that is refused.
func TestLogsRedacted(t *testing.T) {
	slack, discord := bottest.NewSlack(t), bottest.NewDiscord(t)
	slack.Cut("/hooks/")
	for range 3 {
		discord.Script(http.MethodPatch, "/webhooks/111/INTERACTIONTOKENSECRET0123456789/messages/@original", bottest.Reply{Status: 404, Body: `{"message": "Unknown Webhook", "code": 10015}`})
	}
	pub, priv, _ := ed25519.GenerateKey(nil)
	s := startServe(t, append(slackSettings(slack), "PARLEY_LOG_LEVEL", "debug", "PARLEY_SHUTDOWN_GRACE", "1s",
		"DISCORD_PUBLIC_KEY", hex.EncodeToString(pub), "DISCORD_APP_ID", "111", "DISCORD_API_URL", discord.URL())...)

	form := url.Values{"command": {"/talks"}, "text": {"who mediated the talks?"}, "channel_id": {"C0NEWSDESK1"}, "user_id": {"U0REPORTER1"},
		"response_url": {slack.ResponseURL("RESPURLSECRET1234567890")}, "trigger_id": {"TRIGSECRET1"}}
	s.signedPost(t, "/slack/commands", form.Encode(), "application/x-www-form-urlencoded")
	ask := `{"id":"1900000000000000001","application_id":"111","type":2,"token":"INTERACTIONTOKENSECRET0123456789","version":1,"channel_id":"1000000000000000009",` +
		`"member":{"user":{"id":"1100000000000000001"}},"data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"who mediated the talks?"}]}}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/discord/interactions", strings.NewReader(ask))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+ask))))
	req.Header.Set("X-Signature-Timestamp", ts)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	s.waitLog(t, "platform=discord guild=\"\" channel=1000000000000000009 interaction=1900000000000000001 user=1100000000000000001 reason=refused")
	s.waitLog(t, "msg=retrying platform=slack route=response_url/")
	s.stop(t) // gives up on the /talks, and logs its error
	log := s.logs.String()
	if !strings.Contains(log, `msg="gave up: delivery failed" platform=slack`) || !strings.Contains(log, "/[redacted]") {
		t.Errorf("the log does not show the response URL's failure, redacted:\n%s", log)
	}
	for _, secret := range []string{bottest.SlackBotToken, bottest.SlackSecret, "RESPURLSECRET", "TRIGSECRET", "INTERACTIONTOKENSECRET", "/hooks/commands"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
}

// JSON logs: one object a line, one line per question with its platform,
// outcome, passages and time; the question's text only at debug.
func TestJSONLogs(t *testing.T) {
	slack := bottest.NewSlack(t)
	s := startServe(t, append(slackSettings(slack), "PARLEY_LOG_FORMAT", "json")...)
	s.slackEvent(t, "1763700000.000030", "What did Trump warn Iran about?")
	slack.WaitFor("/api/chat.postMessage", 1)
	s.waitLog(t, `"msg":"answered"`)
	s.stop(t)
	var answered map[string]any
	for line := range strings.Lines(s.logs.String()) {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("not a JSON line: %q", line)
			continue
		}
		if v["msg"] == "answered" {
			answered = v
		}
		if strings.Contains(line, "warn Iran") {
			t.Errorf("the question's text is logged at %v: %s", v["level"], line)
		}
	}
	for _, k := range []string{"platform", "outcome", "passages", "elapsed", "channel"} {
		if _, ok := answered[k]; !ok {
			t.Errorf("the answered line lacks %q: %v", k, answered)
		}
	}
	if answered["platform"] != "slack" || answered["outcome"] != "answered" {
		t.Errorf("answered line %v", answered)
	}
}

// Past PARLEY_RATE_LIMIT a person is told, privately and politely, to
// wait.
func TestRateLimit(t *testing.T) {
	slack := bottest.NewSlack(t)
	s := startServe(t, append(slackSettings(slack), "PARLEY_RATE_LIMIT", "1")...)
	s.slackEvent(t, "1763700000.000040", "What did Trump warn Iran about?")
	slack.WaitFor("/api/chat.postMessage", 1)
	s.slackEvent(t, "1763700000.000041", "Who mediated the talks?")
	told := slack.WaitFor("/api/chat.postEphemeral", 1)[0]
	if got := told.Form.Get("text"); got != bot.RateLimited || told.Form.Get("user") != "U0REPORTER1" {
		t.Errorf("over the limit, told %q; want %q", got, bot.RateLimited)
	}
	if n := len(slack.CallsTo("/api/chat.postMessage")); n != 1 {
		t.Errorf("%d public replies; want 1", n)
	}
}
