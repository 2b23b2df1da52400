package main

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot/bottest"
	"github.com/parley-newsroom/parley/internal/config"
)

// clearSettings empties every setting for the test but the corpus, so the
// machine's own environment cannot leak in.
func clearSettings(t *testing.T) {
	for _, k := range config.Names() {
		t.Setenv(k, "")
	}
	t.Setenv("PARLEY_CORPUS", fixture)
	t.Setenv("PARLEY_DATA", t.TempDir())
}

func TestServeNeedsAPlatform(t *testing.T) {
	clearSettings(t)
	code, _, errOut := parley(t, "", "serve", "--env", filepath.Join(t.TempDir(), "none.env"))
	if code != 1 || !strings.Contains(errOut, "settings file") {
		t.Errorf("a missing --env file: exit %d, %q", code, errOut)
	}
	code, _, errOut = parley(t, "", "serve")
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	for _, want := range []string{"no chat platform is configured", "SLACK_BOT_TOKEN and SLACK_APP_TOKEN",
		"SLACK_SIGNING_SECRET", "DISCORD_BOT_TOKEN", "DISCORD_PUBLIC_KEY", ".env.example"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("serve without settings does not say %q:\n%s", want, errOut)
		}
	}
}

func TestServeReadsEnvFile(t *testing.T) {
	clearSettings(t)
	env := filepath.Join(t.TempDir(), "test.env")
	os.WriteFile(env, []byte("# settings\nSLACK_BOT_TOKEN=xoxp-not-a-bot-token\nSLACK_APP_TOKEN=xapp-1\n"), 0o600)
	code, _, errOut := parley(t, "", "serve", "--env", env)
	if code != 1 || !strings.Contains(errOut, "SLACK_BOT_TOKEN: want a bot token") || strings.Contains(errOut, "xoxp-not") {
		t.Errorf("serve with a bad token in the file: exit %d, %q", code, errOut)
	}
	// The environment wins over the file.
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-from-env")
	t.Setenv("SLACK_APP_TOKEN", "bad-app-token")
	_, _, errOut = parley(t, "", "serve", "--env", env)
	if strings.Contains(errOut, "SLACK_BOT_TOKEN") || !strings.Contains(errOut, "SLACK_APP_TOKEN: want an app-level token") {
		t.Errorf("the environment did not win over the file: %q", errOut)
	}
}

// TestServeHTTP runs serve with Slack's Events API and Discord's HTTP
// interactions on one listener, checks both answer signed requests and
// refuse unsigned ones, then stops it as SIGTERM would.
func TestServeHTTP(t *testing.T) {
	clearSettings(t)
	fakeSlack := bottest.NewSlack(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "slack-signing-secret"
	t.Setenv("SLACK_BOT_TOKEN", bottest.SlackBotToken)
	t.Setenv("SLACK_SIGNING_SECRET", secret)
	t.Setenv("SLACK_API_URL", fakeSlack.APIURL())
	t.Setenv("DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))
	t.Setenv("DISCORD_APP_ID", "111")
	t.Setenv("PARLEY_ADDR", "127.0.0.1:0")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &bottest.LogBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, strings.NewReader(""), io.Discard, logs) }()

	addr := ""
	listening := regexp.MustCompile(`msg=listening addr=(\S+)`)
	for deadline := time.Now().Add(20 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, logs.String())
		default:
		}
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("serve did not start listening:\n%s", logs.String())
	}
	base := "http://" + addr

	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /healthz: %v %v", resp, err)
	}
	resp.Body.Close()

	post := func(path string, body string, header map[string]string) (int, string) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	// Discord: a signed PING is answered with a PONG; an unsigned one is not.
	ping := `{"type":1,"id":"1","application_id":"111","token":"t","version":1}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, []byte(ts+ping)))
	if code, body := post("/discord/interactions", ping, map[string]string{"X-Signature-Ed25519": sig, "X-Signature-Timestamp": ts, "Content-Type": "application/json"}); code != 200 || strings.TrimSpace(body) != `{"type":1}` {
		t.Errorf("signed PING: %d %q", code, body)
	}
	if code, _ := post("/discord/interactions", ping, nil); code != 401 {
		t.Errorf("unsigned PING: %d; want 401", code)
	}

	// Slack: a signed url_verification gets its challenge back.
	challenge := `{"token":"x","challenge":"c-123","type":"url_verification"}`
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, challenge)
	slackSig := "v0=" + hex.EncodeToString(mac.Sum(nil))
	if code, body := post("/slack/events", challenge, map[string]string{"X-Slack-Signature": slackSig, "X-Slack-Request-Timestamp": ts, "Content-Type": "application/json"}); code != 200 || !strings.Contains(body, "c-123") {
		t.Errorf("signed url_verification: %d %q", code, body)
	}
	if code, _ := post("/slack/events", challenge, map[string]string{"X-Slack-Signature": "v0=00", "X-Slack-Request-Timestamp": ts}); code != 401 {
		t.Errorf("badly signed url_verification: %d; want 401", code)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	out := logs.String()
	for _, secret := range []string{bottest.SlackBotToken, secret} {
		if strings.Contains(out, secret) {
			t.Errorf("the log reveals a secret:\n%s", out)
		}
	}
	if !strings.Contains(out, "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", out)
	}
}

// TestSettingsDocumented keeps .env.example and the README's settings table
// true: both list exactly the settings parley reads.
func TestSettingsDocumented(t *testing.T) {
	want := config.Names()
	slices.Sort(want)
	example, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	var inExample []string
	for line := range strings.SplitSeq(string(example), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			inExample = append(inExample, strings.TrimSpace(k))
		}
	}
	slices.Sort(inExample)
	if !slices.Equal(inExample, want) {
		t.Errorf(".env.example lists %v; parley reads %v", inExample, want)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var inReadme []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\|").FindAllStringSubmatch(string(readme), -1) {
		inReadme = append(inReadme, m[1])
	}
	slices.Sort(inReadme)
	if !slices.Equal(inReadme, want) {
		t.Errorf("the README's settings table lists %v; parley reads %v", inReadme, want)
	}
}
