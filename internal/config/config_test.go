package config_test

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/internal/config"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

const pub = "a3f1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"

func TestLoad(t *testing.T) {
	c, err := config.Load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_API_URL", "http://127.0.0.1:9/api",
		"DISCORD_PUBLIC_KEY", pub, "PARLEY_LOG_LEVEL", "debug"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Level() != slog.LevelDebug || !c.Slack.SocketMode() || c.Slack.HTTP() ||
		c.Slack.APIURL != "http://127.0.0.1:9/api" || !c.Discord.HTTP() || c.Discord.Gateway() || !c.NeedsHTTP() {
		t.Errorf("Load = %+v", c)
	}
}

func TestChannelIDs(t *testing.T) {
	c, err := config.Load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "PARLEY_CHANNELS", " C0NEWSDESK1, ,G0POLITICS "))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.ChannelIDs(), "|"); got != "C0NEWSDESK1|G0POLITICS" {
		t.Errorf("ChannelIDs = %q", got)
	}
	if ids := (config.Config{}).ChannelIDs(); ids != nil {
		t.Errorf("no PARLEY_CHANNELS: ChannelIDs = %q; want none", ids)
	}
}

func TestNoPlatform(t *testing.T) {
	_, err := config.Load(env("PARLEY_ADDR", ":9000"))
	if !errors.Is(err, config.ErrNoPlatform) {
		t.Fatalf("Load = %v; want ErrNoPlatform", err)
	}
	for _, setting := range []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_BOT_TOKEN", "DISCORD_PUBLIC_KEY"} {
		if !strings.Contains(err.Error(), setting) {
			t.Errorf("the message does not tell of %s:\n%v", setting, err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	secret := "xoxp-user-token-secret"
	tests := []struct {
		env  []string
		want string
	}{
		{[]string{"SLACK_BOT_TOKEN", secret, "SLACK_APP_TOKEN", "xapp-1"}, "SLACK_BOT_TOKEN: want a bot token"},
		{[]string{"SLACK_APP_TOKEN", "xapp-1"}, "SLACK_BOT_TOKEN: needed with"},
		{[]string{"SLACK_BOT_TOKEN", "xoxb-1"}, "SLACK_BOT_TOKEN: needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET"},
		{[]string{"SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2"}, "SLACK_APP_TOKEN: want an app-level token"},
		{[]string{"SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "SLACK_API_URL", "ftp://x"}, "SLACK_API_URL: want an http(s) address"},
		{[]string{"DISCORD_PUBLIC_KEY", "abc"}, "DISCORD_PUBLIC_KEY: want the application's public key"},
		{[]string{"SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "PARLEY_CHANNELS", "C0123, #general"}, "PARLEY_CHANNELS: want channel IDs"},
		{[]string{"SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "SLACK_THREAD_REPLIES", "sometimes"}, "SLACK_THREAD_REPLIES: want true"},
		{[]string{"DISCORD_BOT_TOKEN", "t", "DISCORD_GUILD_ID", "my-server"}, "DISCORD_GUILD_ID: want a numeric ID"},
		{[]string{"DISCORD_BOT_TOKEN", "t", "DISCORD_API_URL", "https://proxy.example/api"}, "DISCORD_API_URL: want only a scheme and host"},
		{[]string{"DISCORD_BOT_TOKEN", "t", "PARLEY_ADDR", "8080"}, "PARLEY_ADDR: want host:port"},
		{[]string{"DISCORD_BOT_TOKEN", "t", "PARLEY_LOG_LEVEL", "loud"}, "PARLEY_LOG_LEVEL: want debug"},
	}
	for _, tt := range tests {
		_, err := config.Load(env(tt.env...))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %v; want %q", tt.env, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("Load(%q) error reveals a secret: %v", tt.env, err)
		}
	}
}

func TestNamesAreWhatLoadReads(t *testing.T) {
	read := map[string]bool{}
	config.Load(func(k string) (string, bool) { read[k] = true; return "", false })
	names := config.Names()
	if len(read) != len(names) {
		t.Errorf("Load reads %d settings, Names lists %d", len(read), len(names))
	}
	for _, n := range names {
		if !read[n] {
			t.Errorf("Names lists %s, which Load does not read", n)
		}
	}
}

func TestNumbersAndDurations(t *testing.T) {
	c, err := config.Load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s",
		"SLACK_WORKERS", "8", "SLACK_QUEUE_SIZE", " 100 ", "SLACK_DELIVERY_TIMEOUT", "90s"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Slack.Workers != 8 || c.Slack.QueueSize != 100 || c.Slack.DeliveryTimeout != 90*time.Second {
		t.Errorf("Load = %+v", c.Slack)
	}
	_, err = config.Load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s",
		"SLACK_WORKERS", "many", "SLACK_DELIVERY_TIMEOUT", "2 minutes", "SLACK_QUEUE_SIZE", "-3"))
	for _, want := range []string{"SLACK_WORKERS: want a whole number", "SLACK_DELIVERY_TIMEOUT: want a duration", "SLACK_QUEUE_SIZE: want a whole number"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load = %v; want %q", err, want)
		}
	}
	// Read, for commands that need one setting, ignores what does not parse.
	if c := config.Read(env("SLACK_WORKERS", "many")); c.Slack.Workers != 0 {
		t.Errorf("Read = %d workers; want 0", c.Slack.Workers)
	}
}
