// Package slack connects Parley to Slack. It turns app mentions, direct
// messages, replies in the threads Parley answered in, the /talks command
// and its "Share in channel" button into bot.Questions ("timeline …" into
// a timeline), and a bot.Answer into a Block Kit reply: each quote as a
// block quote followed by its citation, how current the coverage is, and
// the "Copy citation", 👍 and 👎 buttons.
//
// Events arrive over Socket Mode (Run, given an app-level token) or from the
// Events API over HTTP (Handler, given a signing secret). Either way a
// question is put in a bounded queue before Slack is acknowledged, and
// answered by a bounded pool of workers afterwards; when the queue is full
// Slack is not acknowledged (HTTP 503, or no Socket Mode ack), so it
// delivers the event again later. A delivery Slack repeats is answered
// once. Replies are retried with backoff when Slack fails or rate limits
// them, and an acknowledged question that still cannot be answered is
// logged at ERROR with its channel and message. All text sent to Slack is
// escaped so that nothing a quote or a question contains can notify anyone
// or inject a link.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/metrics"
	"github.com/parley-newsroom/parley/internal/ratelimit"
	"github.com/parley-newsroom/parley/internal/tally"
)

// platform names Slack in logs and metrics.
const platform = "slack"

// answerer is the part of the bot the adapter uses.
type answerer interface {
	Answer(ctx context.Context, q bot.Question) (bot.Answer, error)
	Timeline(ctx context.Context, topic string) (bot.Timeline, error)
	Cast(v bot.Vote)
}

var _ answerer = (*bot.Bot)(nil)

// Option configures an Adapter.
type Option func(*Adapter)

// WithClock sets the clock used to judge a request signature's age, to
// expire remembered deliveries and to time deliveries. The default is
// time.Now.
func WithClock(now func() time.Time) Option {
	return func(a *Adapter) {
		if now != nil {
			a.now = now
		}
	}
}

// WithHTTPClient sets the client for calls to the Slack Web API and to
// response URLs. The default has a 20-second timeout.
func WithHTTPClient(c *http.Client) Option {
	return func(a *Adapter) {
		if c != nil {
			a.httpClient = c
		}
	}
}

// WithMetrics records the adapter's questions and deliveries in m.
func WithMetrics(m *metrics.Metrics) Option { return func(a *Adapter) { a.metrics = m } }

// WithRateLimit limits how many questions each person may ask; nil means
// no limit.
func WithRateLimit(l *ratelimit.Limiter) Option { return func(a *Adapter) { a.limiter = l } }

// WithChannels makes Parley answer mentions and thread replies only in the
// channels with these IDs, and tell whoever mentions it elsewhere, in one
// line only they see, where to ask instead. Direct messages and /talks are
// answered everywhere. No IDs means every channel.
func WithChannels(ids []string) Option {
	return func(a *Adapter) {
		a.channels = nil
		for _, id := range ids {
			if a.channels == nil {
				a.channels = map[string]bool{}
			}
			a.channels[id] = true
		}
	}
}

const (
	// maxBody bounds a request body; Slack's payloads are a few kilobytes.
	maxBody = 1 << 20
	// maxSkew is how far a request's timestamp may be from the clock.
	maxSkew = 5 * time.Minute
	// remember is how long a delivery is remembered. Slack retries an event
	// after about 1 and 5 minutes.
	remember = 15 * time.Minute
	// maxRemembered bounds the deliveries remembered at once.
	maxRemembered = 20000
	// threadTTL and maxThreads bound the threads Parley remembers having
	// answered in, whose replies it answers without a mention.
	threadTTL  = 7 * 24 * time.Hour
	maxThreads = 20000
)

// Adapter answers questions asked in Slack.
type Adapter struct {
	api        *slackgo.Client
	answerer   answerer
	log        *slog.Logger
	now        func() time.Time
	httpClient *http.Client
	secret     []byte
	socketMode bool
	apiURL     *url.URL
	cfg        Config

	metrics  *metrics.Metrics
	limiter  *ratelimit.Limiter
	queue    *delivery.Queue
	retrier  *delivery.Retrier
	rejected *tally.Tally    // requests refused for their signature
	refused  *tally.Tally    // questions refused for a full queue or shutdown
	shown    *shown          // answers shown, for the buttons under them
	channels map[string]bool // where mentions are answered; nil: everywhere

	// sleep waits between sign-in attempts; backoff is the first wait,
	// doubled for each further attempt up to maxWait.
	sleep   func(ctx context.Context, d time.Duration) error
	backoff time.Duration
	maxWait time.Duration

	mu      sync.Mutex // guards the fields below
	botID   string     // Parley's own user ID, from auth.test or an event
	seen    *seen
	threads *seen // the threads Parley answered in, as channel/thread_ts
	state   error // why Slack is not ready; nil when it is
}

// New returns an Adapter that answers with a, and starts its workers. It
// checks cfg but makes no call to Slack; Run does.
func New(cfg Config, a answerer, log *slog.Logger, opts ...Option) (*Adapter, error) {
	switch {
	case a == nil:
		return nil, errors.New("slack: no answerer")
	case cfg.BotToken == "":
		return nil, errors.New("slack: a bot token (xoxb-…) is required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ad := &Adapter{
		answerer:   a,
		log:        log.With("platform", platform),
		now:        time.Now,
		httpClient: &http.Client{Timeout: 20 * time.Second},
		secret:     []byte(cfg.SigningSecret),
		socketMode: cfg.AppToken != "",
		apiURL:     cfg.apiURL(),
		cfg:        cfg,
		sleep:      delivery.Sleep,
		backoff:    time.Second,
		maxWait:    5 * time.Second,
		seen:       newSeen(remember, maxRemembered),
		threads:    newSeen(threadTTL, maxThreads),
		shown:      newShown(shownTTL, shownMax),
		state:      errors.New("not signed in to Slack yet"),
	}
	for _, o := range opts {
		o(ad)
	}
	ad.api = slackgo.New(cfg.BotToken,
		slackgo.OptionAPIURL(ad.apiURL.String()),
		slackgo.OptionHTTPClient(ad.httpClient),
		slackgo.OptionAppLevelToken(cfg.AppToken),
	)
	workers, size, timeout := cfg.queue()
	ad.queue = delivery.NewQueue(platform, delivery.Config{Workers: workers, Size: size, Timeout: timeout}, ad.log, ad.metrics, ad.now)
	ad.retrier = delivery.NewRetrier(platform, delivery.DefaultPolicy, classify, ad.log, ad.metrics)
	ad.rejected = tally.New(ad.log, slog.LevelWarn, "rejected unauthenticated requests", time.Minute)
	ad.refused = tally.New(ad.log, slog.LevelWarn, "questions refused; Slack will deliver them again", time.Minute)
	return ad, nil
}

// Run connects to Slack and serves until ctx is done, then returns nil. It
// first calls auth.test to learn Parley's own user ID, retrying a few
// times, and returns an error if that fails. With an app token it then
// takes events over Socket Mode (slack-go reconnects when Slack asks or
// the connection drops), and returns an error if Slack rejects the token.
// Without an app token, events come through Handler, which answers even
// before Run has signed in, and Run only waits for ctx. Run may be called
// again after it returns an error; Ready says whether Slack is connected.
func (a *Adapter) Run(ctx context.Context) error {
	auth, err := a.signIn(ctx)
	switch {
	case ctx.Err() != nil:
		return nil
	case err != nil:
		err = fmt.Errorf("slack: auth.test: %w", err)
		a.setState(err)
		return err
	}
	a.mu.Lock()
	a.botID = auth.UserID
	a.mu.Unlock()
	a.log.Info("signed in", "team", auth.Team, "user", auth.UserID, "socket_mode", a.socketMode)
	if !a.socketMode {
		a.setState(nil)
		<-ctx.Done()
		return nil
	}
	a.setState(errors.New("socket mode connecting"))
	return a.runSocketMode(ctx)
}

// signInAttempts bounds the tries of auth.test in one Run.
const signInAttempts = 5

// signIn calls auth.test, retrying with backoff when Slack cannot be
// reached or fails, but not when it rejects the token.
func (a *Adapter) signIn(ctx context.Context) (*slackgo.AuthTestResponse, error) {
	wait := a.backoff
	for attempt := 1; ; attempt++ {
		auth, err := a.api.AuthTestContext(ctx)
		if err == nil || rejected(err) || attempt == signInAttempts || ctx.Err() != nil {
			return auth, err
		}
		a.log.Warn("auth.test failed; retrying", "err", err, "attempt", attempt)
		if err := a.sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait = min(2*wait, a.maxWait)
	}
}

// rejected reports whether Slack refused the token itself, which no retry
// mends.
func rejected(err error) bool {
	var e slackgo.SlackErrorResponse
	if !errors.As(err, &e) {
		return false
	}
	switch e.Err {
	case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope":
		return true
	}
	return false
}

// Ready returns nil when Slack is connected (signed in, and over Socket
// Mode connected), else why not.
func (a *Adapter) Ready() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state
}

func (a *Adapter) setState(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.state = err
}

// Shutdown stops taking questions (Slack is asked to deliver new ones
// again later) and waits for the questions taken to be answered, bounded
// by ctx. When ctx is nearly done it gives up on the rest: each is logged
// at ERROR and its asker, where Slack allows, is told to ask again. It
// returns an error when any question was given up.
func (a *Adapter) Shutdown(ctx context.Context) error {
	defer a.rejected.Flush()
	defer a.refused.Flush()
	return a.queue.Shutdown(ctx)
}

// ownID returns Parley's user ID, or "" before it is known.
func (a *Adapter) ownID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.botID
}

// answeredIn remembers that Parley answered in a channel's thread.
func (a *Adapter) answeredIn(channel, thread string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.threads.add([]string{channel + "/" + thread}, a.now())
}

// answeredThread reports whether Parley answered in a channel's thread.
func (a *Adapter) answeredThread(channel, thread string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.threads.contains([]string{channel + "/" + thread}, a.now())
}

// allowed reports whether Parley answers mentions and thread replies in a
// channel.
func (a *Adapter) allowed(channel string) bool { return a.channels == nil || a.channels[channel] }

// learnID records Parley's user ID as an event reports it, for events that
// arrive over HTTP before Run's auth.test has returned.
func (a *Adapter) learnID(id string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.botID == "" {
		a.botID = id
	}
	return a.botID
}
