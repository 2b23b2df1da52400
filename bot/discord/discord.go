// Package discord is Parley's Discord adapter. It turns slash-command
// interactions into bot.Question values and a bot.Answer into an embed of
// verbatim quotes with their citations.
//
// Interactions arrive over the gateway when a bot token is configured (the
// adapter then also registers the /ask, /timeline and /sources commands,
// and removes those a registration of the other kind, guild or global,
// left behind), or at the
// HTTP interactions endpoint served by Handler when the application's
// public key is configured, or both. Either way an /ask takes a place in a
// bounded queue and is acknowledged at once with a deferred response
// ("Parley is thinking…"), so Discord's three-second deadline is always
// met; a bounded pool of workers answers the queue and edits each answer
// in, retrying when Discord fails or rate limits the edit, within the
// interaction token's 15 minutes. An answer that still cannot be delivered
// is logged at ERROR and replaced, when Discord allows, by a one-line
// apology. When the queue is full an /ask is told at once that Parley is
// busy. A /timeline is queued as an /ask is. Autocomplete, /sources and
// the buttons under an answer ("More sources", "Copy citation", 👍 and 👎)
// are answered at once from memory.
//
// Every message Parley sends allows no mentions, and every piece of text
// from a question or the coverage is escaped so it renders literally and
// fits Discord's limits.
package discord

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/metrics"
	"github.com/parley-newsroom/parley/internal/ratelimit"
	"github.com/parley-newsroom/parley/internal/tally"
)

// platform names Discord in logs and metrics.
const platform = "discord"

// answerer is the Parley bot as the adapter uses it.
type answerer interface {
	Answer(ctx context.Context, q bot.Question) (bot.Answer, error)
	Timeline(ctx context.Context, topic string) (bot.Timeline, error)
	Cast(v bot.Vote)
	Articles() []bot.Article
	AsOf() string
	Suggest(typed string, n int) []string
}

var _ answerer = (*bot.Bot)(nil)

// An Option changes how New sets up an Adapter.
type Option func(*Adapter)

// WithClock makes the adapter read the time from now: for the age of a
// signed request, the expiry of "More sources" buttons and the deadlines
// of deliveries.
func WithClock(now func() time.Time) Option {
	return func(a *Adapter) {
		if now != nil {
			a.now = now
		}
	}
}

// WithHTTPClient makes REST calls with c. Requests for Discord's host
// still go to Config.APIURL when it is set.
func WithHTTPClient(c *http.Client) Option {
	return func(a *Adapter) { a.client = c }
}

// WithTransport makes REST calls through rt.
func WithTransport(rt http.RoundTripper) Option {
	return func(a *Adapter) { a.transport = rt }
}

// WithMetrics records the adapter's questions and deliveries in m.
func WithMetrics(m *metrics.Metrics) Option { return func(a *Adapter) { a.metrics = m } }

// WithRateLimit limits how many questions each person may ask; nil means
// no limit.
func WithRateLimit(l *ratelimit.Limiter) Option { return func(a *Adapter) { a.limiter = l } }

// maxBody bounds the body of a request to Handler.
const maxBody = 1 << 20

// maxAge bounds the age of a request's signature timestamp.
const maxAge = 5 * time.Minute

// The pool that sends initial responses to interactions that arrive over
// the gateway: each is due within three seconds.
const (
	ackWorkers = 8
	ackQueue   = 256
)

// Adapter connects a Parley bot to Discord.
type Adapter struct {
	cfg       Config
	bot       answerer
	log       *slog.Logger
	now       func() time.Time
	client    *http.Client
	transport http.RoundTripper
	api       string // scheme and host of REST calls
	session   *discordgo.Session
	key       ed25519.PublicKey
	pages     *pages
	appID     atomic.Pointer[string] // learned from READY
	// registered is set once the commands are registered.
	registered atomic.Bool

	metrics  *metrics.Metrics
	limiter  *ratelimit.Limiter
	queue    *delivery.Queue // answers to /ask
	acks     *delivery.Queue // initial responses over the gateway
	retrier  *delivery.Retrier
	rejected *tally.Tally // requests refused for their signature
	refused  *tally.Tally // questions refused for a full queue
	work     sync.WaitGroup

	mu     sync.Mutex
	state  error    // why the gateway is not ready; nil when it is
	guilds []string // the servers the bot is in, from READY
}

// New returns an Adapter that answers with a, and starts its workers. It
// needs BotToken or PublicKey. A nil log discards.
func New(cfg Config, a answerer, log *slog.Logger, opts ...Option) (*Adapter, error) {
	if a == nil {
		return nil, errors.New("discord: no bot to answer with")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if !cfg.Enabled() {
		return nil, errors.New("discord: set a bot token (gateway) or a public key (HTTP interactions)")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	ad := &Adapter{cfg: cfg, bot: a, log: log.With("platform", platform), now: time.Now, api: cfg.base().String()}
	for _, opt := range opts {
		opt(ad)
	}
	ad.key, _ = cfg.publicKey()
	ad.client = ad.restClient()
	if err := ad.newSession(); err != nil {
		return nil, err
	}
	ad.pages = newPages(pagesTTL, pagesMax, ad.now)
	workers, size, timeout := cfg.queue()
	ad.queue = delivery.NewQueue(platform, delivery.Config{Workers: workers, Size: size, Timeout: timeout}, ad.log, ad.metrics, ad.now)
	ad.acks = delivery.NewQueue(platform+" responses", delivery.Config{Workers: ackWorkers, Size: ackQueue, Timeout: responseDeadline}, ad.log, nil, ad.now)
	ad.retrier = delivery.NewRetrier(platform, delivery.DefaultPolicy, classify, ad.log, ad.metrics)
	ad.rejected = tally.New(ad.log, slog.LevelWarn, "rejected unauthenticated requests", time.Minute)
	ad.refused = tally.New(ad.log, slog.LevelWarn, "questions refused; the asker was told why", time.Minute)
	if cfg.Gateway() {
		ad.state = errors.New("not connected to the gateway yet")
	}
	return ad, nil
}

// newSession sets up the discordgo session for the gateway and command
// registration.
func (a *Adapter) newSession() error {
	token := ""
	if a.cfg.BotToken != "" {
		token = "Bot " + strings.TrimPrefix(a.cfg.BotToken, "Bot ")
	}
	s, err := discordgo.New(token)
	if err != nil {
		return fmt.Errorf("discord: %w", err)
	}
	s.Client = a.client
	s.ShouldRetryOnRateLimit = false // a failed registration fails Run, which is retried
	s.MaxRestRetries = 1
	s.StateEnabled = false
	// Handlers run in the gateway's reader goroutine, one at a time, so a
	// burst of interactions cannot pile up goroutines; onInteraction only
	// queues work.
	s.SyncEvents = true
	// Interactions arrive whatever the intents: ask for no events at all,
	// and so for no privileged intent.
	s.Identify.Intents = discordgo.IntentsNone
	a.session = s
	return nil
}

// restClient returns the HTTP client for REST calls: the one an option
// gave, or one with a 20-second timeout, sending discordgo's requests for
// Discord's host to Config.APIURL when it names another.
func (a *Adapter) restClient() *http.Client {
	client := &http.Client{Timeout: 20 * time.Second}
	if a.client != nil {
		c := *a.client
		client = &c
	}
	if a.transport != nil {
		client.Transport = a.transport
	}
	if base := a.cfg.base(); base.Host != discordHost || base.Scheme != "https" {
		next := cmp.Or[http.RoundTripper](client.Transport, http.DefaultTransport)
		client.Transport = &rebase{base: base, next: next}
	}
	return client
}

// Run connects to Discord's gateway when a bot token is configured: it
// opens the gateway, registers the slash commands with one bulk overwrite,
// and answers interactions until ctx is done, then closes the connection
// and returns nil; discordgo reconnects if the connection drops. A failure
// to connect or register is returned, and Run may be called again. Without
// a bot token it logs that registration is skipped and waits for ctx;
// Handler still answers.
func (a *Adapter) Run(ctx context.Context) error {
	if a.cfg.BotToken == "" {
		a.log.Info("no bot token: not connecting to the gateway or registering commands; answering HTTP interactions only")
		<-ctx.Done()
		return nil
	}
	s := a.session
	for _, remove := range []func(){s.AddHandler(a.onInteraction), s.AddHandler(a.onDisconnect), s.AddHandler(a.onConnect), s.AddHandler(a.onReady)} {
		defer remove()
	}
	err := a.connect(ctx)
	switch {
	case ctx.Err() != nil:
		return nil
	case err != nil:
		err = fmt.Errorf("discord: %w", err)
		a.setState(err)
		return err
	}
	scope := "global"
	if a.cfg.GuildID != "" {
		scope = "guild"
	}
	a.log.Info("connected to the gateway; commands registered", "scope", scope, "guild", a.cfg.GuildID)
	a.setState(nil)
	<-ctx.Done()
	a.close()
	return nil
}

// connect opens the gateway and registers the commands.
func (a *Adapter) connect(ctx context.Context) error {
	s := a.session
	if err := s.Open(); err != nil {
		return fmt.Errorf("open gateway: %w", err)
	}
	appID := a.cfg.AppID
	if appID == "" {
		s.State.RLock()
		if app := s.State.Ready.Application; app != nil {
			appID = app.ID
		}
		s.State.RUnlock()
	}
	a.mu.Lock()
	guilds := a.guilds
	a.mu.Unlock()
	if appID == "" {
		a.close()
		return errors.New("READY named no application; set the application ID")
	}
	a.appID.Store(&appID)
	if err := a.register(ctx, appID, guilds); err != nil {
		a.close()
		return err
	}
	a.registered.Store(true)
	return nil
}

// onReady records the guilds READY names, the servers the bot is in.
// With the state off, discordgo keeps none of them; Open runs this
// handler before it returns, the handlers being synchronous.
func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	var ids []string
	for _, g := range r.Guilds {
		if g != nil {
			ids = append(ids, g.ID)
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.guilds = ids
}

// onDisconnect and onConnect keep Ready true to the gateway connection,
// which discordgo reopens when it drops.
func (a *Adapter) onDisconnect(*discordgo.Session, *discordgo.Disconnect) {
	a.setState(errors.New("gateway disconnected; reconnecting"))
}

func (a *Adapter) onConnect(*discordgo.Session, *discordgo.Connect) {
	if a.registered.Load() {
		a.setState(nil)
	}
}

// close closes the gateway connection.
func (a *Adapter) close() {
	// discordgo waits a second after its close frame, for Discord to close
	// the connection first.
	if err := a.session.Close(); err != nil {
		a.log.Warn("closing the gateway", "err", err)
	}
}

// Ready returns nil when Discord can reach Parley: always over HTTP
// interactions alone, and over the gateway once it is connected with the
// commands registered; else why not.
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

// Shutdown stops taking questions (an /ask is told Parley is restarting)
// and waits for the questions taken to be answered, bounded by ctx. When
// ctx is nearly done it gives up on the rest: each is logged at ERROR and,
// where Discord allows, its "thinking…" replaced by an apology. It returns
// an error when any question was given up.
func (a *Adapter) Shutdown(ctx context.Context) error {
	defer a.rejected.Flush()
	defer a.refused.Flush()
	acks, cancel := context.WithTimeout(ctx, responseDeadline)
	a.acks.Shutdown(acks)
	cancel()
	return a.queue.Shutdown(ctx)
}

// applicationID returns the application ID to edit in's response with.
func (a *Adapter) applicationID(in *discordgo.Interaction) string {
	if in.AppID != "" {
		return in.AppID
	}
	if a.cfg.AppID != "" {
		return a.cfg.AppID
	}
	if id := a.appID.Load(); id != nil {
		return *id
	}
	return ""
}
