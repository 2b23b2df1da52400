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
	"strings"

	"github.com/parley-newsroom/parley/bot/discord"
	"github.com/parley-newsroom/parley/bot/slack"
)

// Config is every setting of Parley. A field's env tag names its setting.
type Config struct {
	// Corpus is a folder of articles, "" for the built-in ones.
	Corpus string `env:"PARLEY_CORPUS"`
	// Data is the folder Parley keeps its records in (feedback, the
	// questions not covered); "" means DataDir's default.
	Data string `env:"PARLEY_DATA"`
	// Addr is where HTTP endpoints listen.
	Addr string `env:"PARLEY_ADDR"`
	// LogLevel is debug, info, warn or error; see Level.
	LogLevel string `env:"PARLEY_LOG_LEVEL"`
	Slack    slack.Config
	Discord  discord.Config
}

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
// checking anything: commands that need one setting read it here too.
func Read(lookup func(key string) (string, bool)) Config {
	var c Config
	settings(&c, func(name string, v *string) {
		s, _ := lookup(name)
		*v = strings.TrimSpace(s)
	})
	return c
}

// Names returns the name of every setting, in the order Config declares
// them.
func Names() []string {
	var names []string
	settings(&Config{}, func(name string, _ *string) { names = append(names, name) })
	return names
}

// settings calls f with the name and field of every setting in c, in
// declaration order, nested platform configs included.
func settings(c *Config, f func(name string, v *string)) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := range v.NumField() {
			field, value := v.Type().Field(i), v.Field(i)
			switch {
			case field.Type.Kind() == reflect.Struct:
				walk(value)
			case field.Tag.Get("env") != "" && field.Type.Kind() == reflect.String:
				f(field.Tag.Get("env"), value.Addr().Interface().(*string))
			}
		}
	}
	walk(reflect.ValueOf(c).Elem())
}

// Load reads the settings through lookup and checks them, for serving: at
// least one platform must be configured. Every problem is reported, each
// naming its setting and never its value.
func Load(lookup func(key string) (string, bool)) (Config, error) {
	c := Read(lookup)
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, errors.New("PARLEY_ADDR: want host:port or :port, like :8080"))
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
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
