package slack

import (
	"cmp"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"
)

// Config holds the adapter's settings. The env tags name the settings in
// the environment and .env, which package config reads into a Config.
type Config struct {
	// BotToken is the Bot User OAuth Token, xoxb-…; required.
	BotToken string `env:"SLACK_BOT_TOKEN"`
	// AppToken is an app-level token, xapp-…, set to use Socket Mode.
	AppToken string `env:"SLACK_APP_TOKEN"`
	// SigningSecret is set to take Events API requests over HTTP (Handler).
	SigningSecret string `env:"SLACK_SIGNING_SECRET"`
	// APIURL is the Slack Web API base URL, for a proxy or a fake; "" means
	// Slack's own. A trailing slash is added.
	APIURL string `env:"SLACK_API_URL"`
	// Workers is how many questions are answered at once; 0 means
	// DefaultWorkers.
	Workers int `env:"SLACK_WORKERS"`
	// QueueSize is how many acknowledged questions may wait for a worker;
	// 0 means DefaultQueueSize. A question past it is refused (503), and
	// Slack retries it.
	QueueSize int `env:"SLACK_QUEUE_SIZE"`
	// DeliveryTimeout is each question's budget for answering and
	// delivering, counted from when a worker takes it; 0 means
	// DefaultDeliveryTimeout. A response URL's 30 minutes cap it.
	DeliveryTimeout time.Duration `env:"SLACK_DELIVERY_TIMEOUT"`
	// ThreadReplies is "false" to answer a reply in a thread Parley
	// answered in only when it mentions Parley; "" or "true" answers every
	// reply there not addressed to someone else.
	ThreadReplies string `env:"SLACK_THREAD_REPLIES"`
}

// Defaults of the queue settings.
const (
	DefaultWorkers         = 64
	DefaultQueueSize       = 2000
	DefaultDeliveryTimeout = 2 * time.Minute
)

// responseURLLifetime is how long Slack takes replies at a response URL.
const responseURLLifetime = 30 * time.Minute

// queue returns the queue settings, defaults filled in.
func (c Config) queue() (workers, size int, timeout time.Duration) {
	return cmp.Or(c.Workers, DefaultWorkers), cmp.Or(c.QueueSize, DefaultQueueSize), cmp.Or(c.DeliveryTimeout, DefaultDeliveryTimeout)
}

// Enabled reports whether Slack is configured at all.
func (c Config) Enabled() bool { return c.BotToken != "" || c.AppToken != "" || c.SigningSecret != "" }

// SocketMode reports whether events come over Socket Mode.
func (c Config) SocketMode() bool { return c.AppToken != "" }

// HTTP reports whether Slack posts events to Parley's HTTP endpoints.
func (c Config) HTTP() bool { return c.SigningSecret != "" }

// Validate checks the settings' shape, reporting every problem at once,
// each naming its setting and never its value. A Config with nothing set
// is valid: Slack is simply off.
func (c Config) Validate() error {
	var errs []error
	bad := func(msg string) { errs = append(errs, errors.New(msg)) }
	switch {
	case !c.Enabled():
		return nil
	case c.BotToken == "":
		bad("SLACK_BOT_TOKEN: needed with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
	case !strings.HasPrefix(c.BotToken, "xoxb-"):
		bad("SLACK_BOT_TOKEN: want a bot token (xoxb-…) from OAuth & Permissions")
	case !c.SocketMode() && !c.HTTP():
		bad("SLACK_BOT_TOKEN: needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (Events API)")
	}
	if c.AppToken != "" && !strings.HasPrefix(c.AppToken, "xapp-") {
		bad("SLACK_APP_TOKEN: want an app-level token (xapp-…) with the connections:write scope")
	}
	if c.APIURL != "" {
		if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("SLACK_API_URL: want an http(s) address")
		}
	}
	if c.Workers < 0 || c.QueueSize < 0 || c.DeliveryTimeout < 0 {
		bad("SLACK_WORKERS, SLACK_QUEUE_SIZE, SLACK_DELIVERY_TIMEOUT: want 0 (the default) or more")
	}
	if _, err := c.threadReplies(); err != nil {
		bad("SLACK_THREAD_REPLIES: want true (the default) or false")
	}
	return errors.Join(errs...)
}

// threadReplies reports whether replies in a thread Parley answered in
// are answered without a mention.
func (c Config) threadReplies() (bool, error) {
	if c.ThreadReplies == "" {
		return true, nil
	}
	return strconv.ParseBool(c.ThreadReplies)
}

// apiURL returns the Web API base URL with its trailing slash: slack-go
// appends method names to it as they are.
func (c Config) apiURL() *url.URL {
	base := c.APIURL
	if base == "" {
		base = slackgo.APIURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	// Validate has checked it parses.
	u, _ := url.Parse(base)
	return u
}
