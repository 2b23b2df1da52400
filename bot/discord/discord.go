// Package discord is Parley's Discord adapter. It turns slash-command
// interactions into bot.Question values and a bot.Answer into an embed of
// verbatim quotes with their citations.
//
// Interactions arrive over the gateway when a bot token is configured (the
// adapter then also registers the /ask and /sources commands), or at the
// HTTP interactions endpoint served by Handler when the application's
// public key is configured, or both. Either way an /ask is acknowledged at
// once with a deferred response and the answer is edited in afterwards, so
// Discord's three-second deadline is always met. Autocomplete, /sources
// and "More sources" are answered at once from memory.
//
// Every message Parley sends allows no mentions, and every piece of text
// from a question or the coverage is escaped so it renders literally and
// fits Discord's limits.
package discord

import (
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
)

// answerer is the Parley bot as the adapter uses it.
type answerer interface {
	Answer(ctx context.Context, q bot.Question) (bot.Answer, error)
	Articles() []bot.Article
	AsOf() string
	Suggest(typed string, n int) []string
}

var _ answerer = (*bot.Bot)(nil)

// An Option changes how New sets up an Adapter.
type Option func(*Adapter)

// WithClock makes the adapter read the time from now: for the age of a
// signed request and the expiry of "More sources" buttons.
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

// maxBody bounds the body of a request to Handler.
const maxBody = 1 << 20

// maxAge bounds the age of a request's signature timestamp.
const maxAge = 5 * time.Minute

// Adapter connects a Parley bot to Discord.
type Adapter struct {
	cfg       Config
	bot       answerer
	log       *slog.Logger
	now       func() time.Time
	sleep     func(context.Context, time.Duration) error
	client    *http.Client
	transport http.RoundTripper
	session   *discordgo.Session
	token     string // "Bot …", for redaction
	key       ed25519.PublicKey
	pages     *pages
	appID     atomic.Pointer[string] // learned from READY

	// base is the context of answers in flight; Shutdown cancels it when
	// they outlast its deadline.
	base   context.Context
	cancel context.CancelFunc

	mu      sync.RWMutex
	closing bool
	work    sync.WaitGroup // answers in flight
}

// New returns an Adapter that answers with a. It needs BotToken or
// PublicKey. A nil log discards.
func New(cfg Config, a answerer, log *slog.Logger, opts ...Option) (*Adapter, error) {
	if a == nil {
		return nil, errors.New("discord: no bot to answer with")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ad := &Adapter{
		cfg:   cfg,
		bot:   a,
		log:   log.With("platform", "discord"),
		now:   time.Now,
		sleep: sleep,
	}
	for _, opt := range opts {
		opt(ad)
	}
	if !cfg.Enabled() {
		return nil, errors.New("discord: set a bot token (gateway) or a public key (HTTP interactions)")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	ad.key, _ = cfg.publicKey()
	client := ad.restClient()
	if cfg.BotToken != "" {
		ad.token = "Bot " + strings.TrimPrefix(cfg.BotToken, "Bot ")
	}
	// Without a token no Authorization header is sent: the interaction
	// endpoints are authorised by the interaction's token in the path.
	s, err := discordgo.New(ad.token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", ad.redact(err))
	}
	s.Client = client
	s.ShouldRetryOnRateLimit = false // retried within bounds by retry
	s.MaxRestRetries = 1
	s.StateEnabled = false
	// Interactions arrive whatever the intents: ask for no events at all,
	// and so for no privileged intent.
	s.Identify.Intents = discordgo.IntentsNone
	ad.session = s

	ad.pages = newPages(pagesTTL, pagesMax, ad.now)
	ad.base, ad.cancel = context.WithCancel(context.Background())
	return ad, nil
}

// restClient returns the HTTP client for REST calls: the one an option
// gave, or one with a 20-second timeout, sending Discord's requests to
// Config.APIURL when it names another host.
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
		next := client.Transport
		if next == nil {
			next = http.DefaultTransport
		}
		client.Transport = &rebase{base: base, next: next}
	}
	return client
}

// Run connects to Discord's gateway when a bot token is configured: it
// opens the gateway, registers the slash commands with one bulk overwrite,
// and answers interactions until ctx is done, then closes the connection
// and returns nil. Without a bot token it logs that registration is
// skipped and waits for ctx; Handler still answers. A failure to connect
// or register is returned.
func (a *Adapter) Run(ctx context.Context) error {
	if a.cfg.BotToken == "" {
		a.log.Info("no bot token: not connecting to the gateway or registering commands; answering HTTP interactions only")
		<-ctx.Done()
		return nil
	}
	s := a.session
	remove := s.AddHandler(a.onInteraction)
	defer remove()
	if err := s.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", a.redact(err))
	}
	appID := a.cfg.AppID
	if appID == "" {
		s.State.RLock()
		if app := s.State.Ready.Application; app != nil {
			appID = app.ID
		}
		s.State.RUnlock()
	}
	if appID == "" {
		a.close()
		return errors.New("discord: READY named no application; set the application ID")
	}
	a.appID.Store(&appID)

	if err := a.register(ctx, appID); err != nil {
		a.close()
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("discord: %w", err)
	}
	scope := "global"
	if a.cfg.GuildID != "" {
		scope = "guild"
	}
	a.log.Info("connected to the gateway; commands registered", "scope", scope, "guild", a.cfg.GuildID)
	<-ctx.Done()
	a.close()
	return nil
}

// close closes the gateway connection.
func (a *Adapter) close() {
	// discordgo waits a second after its close frame, for Discord to close
	// the connection first.
	if err := a.session.Close(); err != nil {
		a.log.Warn("closing the gateway", "err", a.redact(err))
	}
}

// Shutdown stops taking new questions and waits for the answers in flight
// to be sent. When ctx is done first it cancels them and returns
// ctx.Err().
func (a *Adapter) Shutdown(ctx context.Context) error {
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	done := make(chan struct{})
	go func() {
		a.work.Wait()
		close(done)
	}()
	select {
	case <-done:
		a.cancel()
		return nil
	case <-ctx.Done():
		a.cancel()
		return ctx.Err()
	}
}

// begin counts an interaction in flight, unless Shutdown has begun; the
// caller calls a.work.Done when it reports true.
func (a *Adapter) begin() bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.closing {
		return false
	}
	a.work.Add(1)
	return true
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
