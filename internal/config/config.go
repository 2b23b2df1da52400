// Package config reads Parley's settings. It is given a lookup function
// (the environment, with .env behind it) and never reads the process
// environment itself. Secrets are checked for shape, never printed.
package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
)

// Config is every setting of `parley serve`.
type Config struct {
	Addr     string     // PARLEY_ADDR: where HTTP endpoints listen
	Corpus   string     // PARLEY_CORPUS: a folder of articles, "" for the built-in ones
	LogLevel slog.Level // PARLEY_LOG_LEVEL
	Slack    Slack
	Discord  Discord
}

// Slack holds the Slack settings.
type Slack struct {
	BotToken      string // SLACK_BOT_TOKEN
	AppToken      string // SLACK_APP_TOKEN: Socket Mode
	SigningSecret string // SLACK_SIGNING_SECRET: Events API over HTTP
	APIURL        string // SLACK_API_URL
}

// Enabled reports whether Slack is configured.
func (s Slack) Enabled() bool { return s.BotToken != "" }

// SocketMode reports whether Slack connects over Socket Mode.
func (s Slack) SocketMode() bool { return s.AppToken != "" }

// HTTP reports whether Slack posts events to Parley's HTTP endpoints.
func (s Slack) HTTP() bool { return s.SigningSecret != "" }

// Discord holds the Discord settings.
type Discord struct {
	BotToken  string // DISCORD_BOT_TOKEN: gateway mode, command registration
	PublicKey string // DISCORD_PUBLIC_KEY: HTTP interactions mode
	AppID     string // DISCORD_APP_ID
	GuildID   string // DISCORD_GUILD_ID
	APIURL    string // DISCORD_API_URL
}

// Enabled reports whether Discord is configured.
func (d Discord) Enabled() bool { return d.BotToken != "" || d.PublicKey != "" }

// Gateway reports whether Discord connects over the gateway.
func (d Discord) Gateway() bool { return d.BotToken != "" }

// HTTP reports whether Discord posts interactions to Parley's endpoint.
func (d Discord) HTTP() bool { return d.PublicKey != "" }

// DefaultAddr is where HTTP endpoints listen unless PARLEY_ADDR says.
const DefaultAddr = ":8080"

// ErrNoPlatform reports that no chat platform is configured.
var ErrNoPlatform = errors.New(`no chat platform is configured; set, in the environment or .env:
  Slack over Socket Mode:    SLACK_BOT_TOKEN and SLACK_APP_TOKEN
  Slack over the Events API: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (endpoints on PARLEY_ADDR)
  Discord over the gateway:  DISCORD_BOT_TOKEN (with DISCORD_APP_ID, and DISCORD_GUILD_ID for one server)
  Discord over HTTP:         DISCORD_PUBLIC_KEY (endpoint on PARLEY_ADDR)
see .env.example`)

// Names returns the name of every setting Load reads.
func Names() []string {
	return []string{
		"PARLEY_CORPUS", "PARLEY_ADDR", "PARLEY_LOG_LEVEL",
		"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
		"DISCORD_BOT_TOKEN", "DISCORD_PUBLIC_KEY", "DISCORD_APP_ID", "DISCORD_GUILD_ID", "DISCORD_API_URL",
	}
}

// Load reads the settings through lookup and checks them. Every problem
// is reported, each naming its setting and never its value.
func Load(lookup func(key string) (string, bool)) (Config, error) {
	get := func(key string) string {
		v, _ := lookup(key)
		return strings.TrimSpace(v)
	}
	c := Config{
		Addr:   get("PARLEY_ADDR"),
		Corpus: get("PARLEY_CORPUS"),
		Slack: Slack{
			BotToken:      get("SLACK_BOT_TOKEN"),
			AppToken:      get("SLACK_APP_TOKEN"),
			SigningSecret: get("SLACK_SIGNING_SECRET"),
			APIURL:        get("SLACK_API_URL"),
		},
		Discord: Discord{
			BotToken:  get("DISCORD_BOT_TOKEN"),
			PublicKey: get("DISCORD_PUBLIC_KEY"),
			AppID:     get("DISCORD_APP_ID"),
			GuildID:   get("DISCORD_GUILD_ID"),
			APIURL:    get("DISCORD_API_URL"),
		},
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if c.Addr == "" {
		c.Addr = DefaultAddr
	} else if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("PARLEY_ADDR: want host:port or :port, like :8080")
	}
	switch level := strings.ToLower(get("PARLEY_LOG_LEVEL")); level {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		bad("PARLEY_LOG_LEVEL: want debug, info, warn or error")
	}

	s := c.Slack
	switch {
	case s.BotToken != "" && !strings.HasPrefix(s.BotToken, "xoxb-"):
		bad("SLACK_BOT_TOKEN: want a bot token (xoxb-…) from OAuth & Permissions")
	case s.BotToken == "" && (s.AppToken != "" || s.SigningSecret != ""):
		bad("SLACK_BOT_TOKEN: needed with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
	case s.BotToken != "" && !s.SocketMode() && !s.HTTP():
		bad("SLACK_BOT_TOKEN: needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (Events API)")
	}
	if s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-") {
		bad("SLACK_APP_TOKEN: want an app-level token (xapp-…) with the connections:write scope")
	}
	if s.APIURL != "" {
		if err := httpURL(s.APIURL); err != nil {
			bad("SLACK_API_URL: %v", err)
		}
	}

	d := c.Discord
	if d.PublicKey != "" {
		if k, err := hex.DecodeString(d.PublicKey); err != nil || len(k) != 32 {
			bad("DISCORD_PUBLIC_KEY: want the application's public key, 64 hex characters")
		}
	}
	for key, v := range map[string]string{"DISCORD_APP_ID": d.AppID, "DISCORD_GUILD_ID": d.GuildID} {
		if v != "" && strings.Trim(v, "0123456789") != "" {
			bad("%s: want a numeric ID (Developer Mode, Copy ID)", key)
		}
	}
	if d.APIURL != "" {
		if err := httpURL(d.APIURL); err != nil {
			bad("DISCORD_API_URL: %v", err)
		} else if u, _ := url.Parse(d.APIURL); strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
			bad("DISCORD_API_URL: want only a scheme and host, like https://discord.com")
		}
	}

	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	if !c.Slack.Enabled() && !c.Discord.Enabled() {
		return Config{}, ErrNoPlatform
	}
	return c, nil
}

func httpURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want an http(s) address")
	}
	return nil
}

// NeedsHTTP reports whether any platform posts to Parley's HTTP endpoints.
func (c Config) NeedsHTTP() bool { return c.Slack.HTTP() || c.Discord.HTTP() }

// LogValue describes the configuration for the log: which platforms and
// modes are on, never a secret.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("slack_socket_mode", c.Slack.Enabled() && c.Slack.SocketMode()),
		slog.Bool("slack_events_api", c.Slack.Enabled() && c.Slack.HTTP()),
		slog.Bool("discord_gateway", c.Discord.Gateway()),
		slog.Bool("discord_http", c.Discord.HTTP()),
		slog.String("addr", c.Addr),
	)
}
