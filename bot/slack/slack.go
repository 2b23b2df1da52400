// Package slack connects Parley to Slack. It turns app mentions, direct
// messages, the /talks command and its "Share in channel" button into
// bot.Questions, and a bot.Answer into a Block Kit reply: each quote as a
// block quote followed by its citation.
//
// Events arrive over Socket Mode (Run, given an app-level token) or from the
// Events API over HTTP (Handler, given a signing secret). Either way Slack is
// acknowledged first and answered afterwards, a delivery Slack repeats is
// answered once, and all text sent to Slack is escaped so that nothing a
// quote or a question contains can notify anyone or inject a link.
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
)

// answerer is the part of the bot the adapter uses.
type answerer interface {
	Answer(ctx context.Context, q bot.Question) (bot.Answer, error)
}

var _ answerer = (*bot.Bot)(nil)

// Option configures an Adapter.
type Option func(*Adapter)

// WithClock sets the clock used to judge a request signature's age and to
// expire remembered deliveries. The default is time.Now.
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
	// answerTimeout bounds answering and replying to one question.
	answerTimeout = 30 * time.Second
	// concurrent is how many questions are answered at once.
	concurrent = 16
	// maxAttempts bounds the calls made for one message when Slack rate
	// limits them.
	maxAttempts = 3
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

	// sleep waits between attempts; backoff is the first wait after a 429
	// that names none, doubled for each further attempt, and maxWait caps
	// every wait, also one Slack names in Retry-After.
	sleep   func(ctx context.Context, d time.Duration) error
	backoff time.Duration
	maxWait time.Duration

	slots chan struct{}

	// work is the parent of every answer's context; stop cancels it when
	// Shutdown gives up waiting.
	work context.Context
	stop context.CancelFunc

	mu      sync.Mutex // guards the fields below
	botID   string     // Parley's own user ID, from auth.test or an event
	closing bool
	seen    *seen
	wg      sync.WaitGroup // answers in flight; Add only under mu while !closing
}

// New returns an Adapter that answers with a. It checks cfg but makes no
// call to Slack; Run does.
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
	u := cfg.apiURL()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ad := &Adapter{
		answerer:   a,
		log:        log.With("platform", "slack"),
		now:        time.Now,
		httpClient: &http.Client{Timeout: 20 * time.Second},
		secret:     []byte(cfg.SigningSecret),
		socketMode: cfg.AppToken != "",
		apiURL:     u,
		sleep:      sleep,
		backoff:    time.Second,
		maxWait:    5 * time.Second,
		slots:      make(chan struct{}, concurrent),
		seen:       newSeen(remember, maxRemembered),
	}
	for _, o := range opts {
		o(ad)
	}
	ad.work, ad.stop = context.WithCancel(context.Background())
	ad.api = slackgo.New(cfg.BotToken,
		slackgo.OptionAPIURL(u.String()),
		slackgo.OptionHTTPClient(ad.httpClient),
		slackgo.OptionAppLevelToken(cfg.AppToken),
	)
	return ad, nil
}

// Run connects to Slack and serves until ctx is done, then returns nil. It
// first calls auth.test to learn Parley's own user ID, and returns an error
// if that fails. With an app token it then takes events over Socket Mode,
// reconnecting when Slack asks or the connection drops, and returns an error
// if Slack rejects the token; when ctx is done it closes the connection.
// Without an app token, events come through Handler and Run only waits for
// ctx. Run is called once.
func (a *Adapter) Run(ctx context.Context) error {
	auth, err := a.signIn(ctx)
	switch {
	case ctx.Err() != nil:
		return nil
	case err != nil && (a.socketMode || rejected(err)):
		return fmt.Errorf("slack: auth.test: %w", err)
	case err != nil:
		// Over HTTP Parley can answer without knowing its own ID yet: it
		// learns it from the first event that mentions it.
		a.log.Error("could not sign in to Slack; answering events anyway", "err", err)
	default:
		a.mu.Lock()
		a.botID = auth.UserID
		a.mu.Unlock()
		a.log.Info("signed in", "team", auth.Team, "user", auth.UserID, "socket_mode", a.socketMode)
	}
	if !a.socketMode {
		<-ctx.Done()
		return nil
	}
	return a.runSocketMode(ctx)
}

// signInAttempts bounds the tries of auth.test at start-up.
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

// Shutdown stops taking questions and waits for the answers in flight,
// bounded by ctx. If ctx ends first, it cancels them and returns ctx.Err().
func (a *Adapter) Shutdown(ctx context.Context) error {
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	done := make(chan struct{})
	go func() {
		a.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		a.stop()
		return nil
	case <-ctx.Done():
		a.stop()
		return ctx.Err()
	}
}

// task is work to do after Slack has been acknowledged.
type task struct {
	// keys identify the delivery; if any was seen recently, the task is a
	// repeat and is dropped.
	keys []string
	run  func(ctx context.Context)
}

var (
	errRepeat  = errors.New("delivery seen before")
	errClosing = errors.New("shutting down")
)

// submit starts t unless it repeats a recent delivery (errRepeat) or the
// adapter is shutting down (errClosing); in the latter case the keys are
// not remembered, so that Slack's redelivery is answered by whoever takes
// it.
func (a *Adapter) submit(t task) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closing {
		return errClosing
	}
	if a.seen.add(t.keys, a.now()) {
		return errRepeat
	}
	a.wg.Go(func() {
		ctx, cancel := context.WithTimeout(a.work, answerTimeout)
		defer cancel()
		select {
		case a.slots <- struct{}{}:
			defer func() { <-a.slots }()
		case <-ctx.Done():
			a.log.Warn("dropped a question", "err", ctx.Err())
			return
		}
		t.run(ctx)
	})
	return nil
}

// ownID returns Parley's user ID, or "" before it is known.
func (a *Adapter) ownID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.botID
}

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

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
