package discord

import (
	"cmp"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"
)

// DefaultAPIURL is where REST calls go unless Config.APIURL says.
const DefaultAPIURL = "https://discord.com"

// Config holds the adapter's settings. The env tags name the settings in
// the environment and .env, which package config reads into a Config.
type Config struct {
	// BotToken, when set, connects over the gateway and registers the
	// slash commands at start-up.
	BotToken string `env:"DISCORD_BOT_TOKEN"`
	// PublicKey, the application's Ed25519 public key in hex, when set,
	// verifies the requests Handler serves.
	PublicKey string `env:"DISCORD_PUBLIC_KEY"`
	// AppID is the application's ID. It is needed to register commands
	// and to edit responses when neither READY nor the interaction says.
	AppID string `env:"DISCORD_APP_ID"`
	// GuildID, when set, registers the commands in that guild only,
	// where they show at once, instead of globally.
	GuildID string `env:"DISCORD_GUILD_ID"`
	// APIURL is the scheme and host REST calls go to, paths unchanged:
	// for a proxy, or a fake in tests. "" means DefaultAPIURL.
	APIURL string `env:"DISCORD_API_URL"`
	// Workers is how many questions are answered at once; 0 means
	// DefaultWorkers.
	Workers int `env:"DISCORD_WORKERS"`
	// QueueSize is how many acknowledged questions may wait for a worker;
	// 0 means DefaultQueueSize. Past it, an /ask is told at once that
	// Parley is busy.
	QueueSize int `env:"DISCORD_QUEUE_SIZE"`
	// DeliveryTimeout is each question's budget for answering and editing
	// the answer in, counted from when a worker takes it; 0 means
	// DefaultDeliveryTimeout. The interaction token's 15 minutes cap it.
	DeliveryTimeout time.Duration `env:"DISCORD_DELIVERY_TIMEOUT"`
}

// Defaults of the queue settings.
const (
	DefaultWorkers         = 64
	DefaultQueueSize       = 2000
	DefaultDeliveryTimeout = 2 * time.Minute
)

// queue returns the queue settings, defaults filled in.
func (c Config) queue() (workers, size int, timeout time.Duration) {
	return cmp.Or(c.Workers, DefaultWorkers), cmp.Or(c.QueueSize, DefaultQueueSize), cmp.Or(c.DeliveryTimeout, DefaultDeliveryTimeout)
}

// Enabled reports whether Discord is configured: over the gateway, over
// HTTP interactions, or both.
func (c Config) Enabled() bool { return c.Gateway() || c.HTTP() }

// Gateway reports whether Discord connects over the gateway.
func (c Config) Gateway() bool { return c.BotToken != "" }

// HTTP reports whether Discord posts interactions to Parley's endpoint.
func (c Config) HTTP() bool { return c.PublicKey != "" }

// Validate checks the settings' shape, reporting every problem at once,
// each naming its setting and never its value. A Config with nothing set
// is valid: Discord is simply off.
func (c Config) Validate() error {
	var errs []error
	bad := func(msg string) { errs = append(errs, errors.New(msg)) }
	if c.PublicKey != "" {
		if _, err := c.publicKey(); err != nil {
			bad("DISCORD_PUBLIC_KEY: want the application's public key, 64 hex characters")
		}
	}
	if !numeric(c.AppID) {
		bad("DISCORD_APP_ID: want a numeric ID (Developer Mode, Copy ID)")
	}
	if !numeric(c.GuildID) {
		bad("DISCORD_GUILD_ID: want a numeric ID (Developer Mode, Copy ID)")
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			bad("DISCORD_API_URL: want an http(s) address")
		case strings.Trim(u.Path, "/") != "" || u.RawQuery != "":
			bad("DISCORD_API_URL: want only a scheme and host, like https://discord.com")
		}
	}
	if c.Workers < 0 || c.QueueSize < 0 || c.DeliveryTimeout < 0 {
		bad("DISCORD_WORKERS, DISCORD_QUEUE_SIZE, DISCORD_DELIVERY_TIMEOUT: want 0 (the default) or more")
	}
	if c.DeliveryTimeout > tokenLifetime {
		bad("DISCORD_DELIVERY_TIMEOUT: at most 15m, the life of an interaction's token")
	}
	return errors.Join(errs...)
}

// numeric reports whether id is empty or a Discord snowflake's digits.
func numeric(id string) bool { return strings.Trim(id, "0123456789") == "" }

func (c Config) publicKey() (ed25519.PublicKey, error) {
	key, err := hex.DecodeString(c.PublicKey)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("not a 32-byte key in hex")
	}
	return key, nil
}

// base returns the scheme and host REST calls go to.
func (c Config) base() *url.URL {
	// Validate has checked it parses.
	u, _ := url.Parse(cmp.Or(c.APIURL, DefaultAPIURL))
	return u
}
