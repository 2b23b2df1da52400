// Package config reads Parley's settings. It is given a lookup function
// (the environment, with .env behind it) and never reads the process
// environment itself. Each platform's adapter owns its settings and their
// checks; this package reads every setting into them, in one place, and
// reports every problem at once. Secrets are checked for shape, never
// printed.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parley-newsroom/parley/bot/discord"
	"github.com/parley-newsroom/parley/bot/slack"
)

// Config is every setting of Parley. A field's env tag names its setting.
type Config struct {
	// Corpus is a folder of articles, "" for the built-in ones.
	Corpus string `env:"PARLEY_CORPUS"`
	// Data is the folder Parley keeps its indexes and its records in
	// (feedback, the questions not covered); "" means DataDir's default.
	Data string `env:"PARLEY_DATA"`
	// Addr is where HTTP endpoints listen.
	Addr string `env:"PARLEY_ADDR"`
	// LogLevel is debug, info, warn or error; see Level.
	LogLevel string `env:"PARLEY_LOG_LEVEL"`
	// LogFormat is text (key=value, the default) or json.
	LogFormat string `env:"PARLEY_LOG_FORMAT"`
	// ShutdownGrace bounds how long a shutdown waits for the questions
	// taken to be answered; 0 means DefaultShutdownGrace.
	ShutdownGrace time.Duration `env:"PARLEY_SHUTDOWN_GRACE"`
	// RateLimit is how many questions one person may ask a minute, on
	// each platform; 0 means no limit.
	RateLimit int `env:"PARLEY_RATE_LIMIT"`
	// Channels lists, comma-separated, the IDs of the channels where
	// Parley answers mentions and replies in its threads; "" means every
	// channel. See ChannelIDs.
	Channels string `env:"PARLEY_CHANNELS"`
	Slack    slack.Config
	Discord  discord.Config
}

// DefaultShutdownGrace is how long a shutdown waits unless
// PARLEY_SHUTDOWN_GRACE says.
const DefaultShutdownGrace = 10 * time.Second

// DefaultAddr is where HTTP endpoints listen unless PARLEY_ADDR says.
const DefaultAddr = ":8080"

// ErrNoPlatform reports that no chat platform is configured.
var ErrNoPlatform = errors.New(`no chat platform is configured; set, in the environment or .env:
  Slack over Socket Mode:    SLACK_BOT_TOKEN and SLACK_APP_TOKEN
  Slack over the Events API: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (endpoints on PARLEY_ADDR)
  Discord over the gateway:  DISCORD_BOT_TOKEN (with DISCORD_APP_ID, and DISCORD_GUILD_ID for one server)
  Discord over HTTP:         DISCORD_PUBLIC_KEY (endpoint on PARLEY_ADDR)
see .env.example`)

// Read fills a Config through lookup, trimming white space, without
// checking anything: commands that need one setting read it here too. A
// number or duration that does not parse reads as unset.
func Read(lookup func(key string) (string, bool)) Config {
	c, _ := read(lookup)
	return c
}

// read fills a Config through lookup and returns it with a problem for
// every number or duration that does not parse.
func read(lookup func(key string) (string, bool)) (Config, []error) {
	var c Config
	var errs []error
	settings(&c, func(name string, v reflect.Value) {
		s, _ := lookup(name)
		if err := set(v, strings.TrimSpace(s)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	})
	return c, errs
}

// Names returns the name of every setting, in the order Config declares
// them.
func Names() []string {
	var names []string
	settings(&Config{}, func(name string, _ reflect.Value) { names = append(names, name) })
	return names
}

var durationType = reflect.TypeFor[time.Duration]()

// settings calls f with the name and field of every setting in c, in
// declaration order, nested platform configs included.
func settings(c *Config, f func(name string, v reflect.Value)) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := range v.NumField() {
			field, value := v.Type().Field(i), v.Field(i)
			switch {
			case field.Type.Kind() == reflect.Struct:
				walk(value)
			case field.Tag.Get("env") != "":
				f(field.Tag.Get("env"), value)
			}
		}
	}
	walk(reflect.ValueOf(c).Elem())
}

// set stores s, a setting's text, in v: as it is, as a whole number, or
// as a duration ("10s", "2m"). Empty leaves v unset.
func set(v reflect.Value, s string) error {
	switch {
	case v.Kind() == reflect.String:
		v.SetString(s)
	case s == "":
	case v.Type() == durationType:
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return errors.New("want a duration like 10s or 2m")
		}
		v.SetInt(int64(d))
	case v.Kind() == reflect.Int:
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return errors.New("want a whole number, 0 or more")
		}
		v.SetInt(int64(n))
	default:
		panic("config: setting of unsupported type " + v.Type().String())
	}
	return nil
}

// Load reads the settings through lookup and checks them, for serving: at
// least one platform must be configured. Every problem is reported, each
// naming its setting and never its value.
func Load(lookup func(key string) (string, bool)) (Config, error) {
	c, errs := read(lookup)
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.ShutdownGrace == 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, errors.New("PARLEY_ADDR: want host:port or :port, like :8080"))
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
	}
	if f := strings.ToLower(c.LogFormat); f != "" && f != "text" && f != "json" {
		errs = append(errs, errors.New("PARLEY_LOG_FORMAT: want text or json"))
	}
	for _, id := range c.ChannelIDs() {
		if strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			errs = append(errs, errors.New("PARLEY_CHANNELS: want channel IDs separated by commas, like C0123ABCD,G0456EFGH"))
			break
		}
	}
	errs = append(errs, c.Slack.Validate(), c.Discord.Validate())
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	if !c.Slack.Enabled() && !c.Discord.Enabled() {
		return Config{}, ErrNoPlatform
	}
	return c, nil
}

// ChannelIDs returns the channel IDs Channels lists, or none for every
// channel.
func (c Config) ChannelIDs() []string {
	var ids []string
	for id := range strings.SplitSeq(c.Channels, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// DataDir returns the folder Parley keeps its records in: Data, or else
// "parley" in the user's cache folder.
func (c Config) DataDir() (string, error) {
	if c.Data != "" {
		return c.Data, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("PARLEY_DATA is unset and there is no user cache folder: %w", err)
	}
	return filepath.Join(cache, "parley"), nil
}

// Level returns the log level LogLevel names; info when it names none.
func (c Config) Level() slog.Level {
	level, _ := parseLevel(c.LogLevel)
	return level
}

func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "", "info":
		return slog.LevelInfo, nil
	case "debug":
		return slog.LevelDebug, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return slog.LevelInfo, errors.New("PARLEY_LOG_LEVEL: want debug, info, warn or error")
}

// NeedsHTTP reports whether any platform posts to Parley's HTTP endpoints.
// The ops endpoints (/healthz, /readyz, /metrics) listen on PARLEY_ADDR
// whatever it reports.
func (c Config) NeedsHTTP() bool { return c.Slack.HTTP() || c.Discord.HTTP() }

// JSONLogs reports whether logs are JSON objects rather than text lines.
func (c Config) JSONLogs() bool { return strings.EqualFold(c.LogFormat, "json") }

// Secrets returns every secret setting's value, for the log's redactor.
func (c Config) Secrets() []string {
	return []string{c.Slack.BotToken, c.Slack.AppToken, c.Slack.SigningSecret, c.Discord.BotToken}
}

// LogValue describes the configuration for the log: which platforms and
// modes are on, never a secret.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("slack_socket_mode", c.Slack.Enabled() && c.Slack.SocketMode()),
		slog.Bool("slack_events_api", c.Slack.Enabled() && c.Slack.HTTP()),
		slog.Bool("discord_gateway", c.Discord.Gateway()),
		slog.Bool("discord_http", c.Discord.HTTP()),
		slog.String("addr", c.Addr),
		slog.Int("rate_limit", c.RateLimit),
		slog.Int("channels", len(c.ChannelIDs())),
		slog.Duration("shutdown_grace", c.ShutdownGrace),
	)
}
