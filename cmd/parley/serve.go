package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/joho/godotenv"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/discord"
	"github.com/parley-newsroom/parley/bot/slack"
	"github.com/parley-newsroom/parley/internal/config"
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/feedback"
	"github.com/parley-newsroom/parley/internal/health"
	"github.com/parley-newsroom/parley/internal/metrics"
	"github.com/parley-newsroom/parley/internal/ratelimit"
	"github.com/parley-newsroom/parley/internal/redact"
)

// adapter is a chat platform as serve runs it.
type adapter interface {
	// Run serves the platform's connection until ctx is done; when it
	// fails, serve calls it again later.
	Run(ctx context.Context) error
	// Ready reports whether the platform can reach Parley.
	Ready() error
	// Shutdown stops taking questions and answers those taken, bounded
	// by ctx.
	Shutdown(ctx context.Context) error
}

var (
	_ adapter = (*slack.Adapter)(nil)
	_ adapter = (*discord.Adapter)(nil)
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("serve", stderr)
	envFile := fl.String("env", ".env", "read settings from `FILE` too; the environment wins over it")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments")
	}
	lookup, err := settings(*envFile, fl)
	if err != nil {
		return err
	}
	cfg, err := config.Load(lookup)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	red := redact.New(cfg.Secrets()...)
	log := newLogger(stderr, cfg, red)
	defer captureStdLog(log)()
	records := openFeedback(cfg, log)
	load := func(ctx context.Context) (*bot.Bot, bot.Source, error) {
		b, src, err := loadBot(ctx, *dir, lookup, stderr, log)
		if err == nil && records != nil {
			b.RecordTo(records)
		}
		return b, src, err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return red.Err(serve(ctx, cfg, load, log, red, hup))
}

// serve builds the bot and the server and runs it until ctx is done;
// each value on reload rebuilds the bot.
func serve(ctx context.Context, cfg config.Config, load loader, log *slog.Logger, red *redact.Redactor, reload <-chan os.Signal) error {
	b, src, err := load(ctx)
	if err != nil {
		return err
	}
	m := metrics.New()
	corpusMetrics(m, b)
	live := newLiveBot(b)
	defer live.Close()
	s, err := newServer(cfg, live, log, m, red)
	if err != nil {
		return err
	}
	s.load, s.builtin = load, src.Files == nil
	return s.run(ctx, reload)
}

// openFeedback opens the log of readers' votes and of the questions the
// coverage did not answer in PARLEY_DATA, or returns nil, having logged
// why, when that folder cannot be made: serving matters more.
func openFeedback(cfg config.Config, log *slog.Logger) *feedback.Log {
	dir, err := cfg.DataDir()
	if err == nil {
		var l *feedback.Log
		if l, err = feedback.Open(dir); err == nil {
			log.Info("recording feedback", "file", l.Path())
			return l
		}
	}
	log.Warn("not recording feedback or questions not covered", "err", err)
	return nil
}

// loader builds the bot from the configured corpus.
type loader func(ctx context.Context) (*bot.Bot, bot.Source, error)

// newLogger returns serve's logger: text or JSON lines at the configured
// level, every one passed through the redactor.
func newLogger(w io.Writer, cfg config.Config, red *redact.Redactor) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.Level()}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.JSONLogs() {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(red.Handler(h))
}

// captureStdLog sends what libraries write with the standard log package
// (discordgo's gateway errors) through log, and returns the function that
// undoes it.
func captureStdLog(l *slog.Logger) (restore func()) {
	prev, w, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(l)
	return func() {
		slog.SetDefault(prev)
		log.SetOutput(w)
		log.SetFlags(flags)
	}
}

// platform is a configured chat platform.
type platform struct {
	name string
	a    adapter
}

// server is every configured platform, and the HTTP endpoints they and
// the operator use.
type server struct {
	cfg       config.Config
	log       *slog.Logger
	metrics   *metrics.Metrics
	bot       *liveBot
	mux       *http.ServeMux
	health    *health.Checks
	platforms []platform
	closing   atomic.Bool

	// load rebuilds the bot on reload; builtin says the corpus is the one
	// built in, which a reload cannot change.
	load    loader
	builtin bool
	// sleep waits between a platform's connection attempts.
	sleep func(context.Context, time.Duration) error
}

// newServer sets up each configured platform's adapter over b and the
// HTTP endpoints; nothing connects until run.
func newServer(cfg config.Config, b *liveBot, log *slog.Logger, m *metrics.Metrics, red *redact.Redactor) (*server, error) {
	s := &server{cfg: cfg, log: log, metrics: m, bot: b, mux: http.NewServeMux(), health: health.New(red.String), sleep: delivery.Sleep}
	s.health.Add("corpus", b.Ready)
	s.health.Add("shutdown", func() error {
		if s.closing.Load() {
			return errors.New("shutting down")
		}
		return nil
	})
	limit := ratelimit.New(cfg.RateLimit, nil)
	if cfg.Slack.Enabled() {
		a, err := slack.New(cfg.Slack, b, log, slack.WithMetrics(m), slack.WithRateLimit(limit),
			slack.WithChannels(cfg.ChannelIDs()))
		if err != nil {
			return nil, err
		}
		s.add("slack", a)
		if cfg.Slack.HTTP() {
			s.mux.Handle("/slack/", a.Handler())
		}
	}
	if cfg.Discord.Enabled() {
		a, err := discord.New(cfg.Discord, b, log, discord.WithMetrics(m), discord.WithRateLimit(limit))
		if err != nil {
			return nil, err
		}
		s.add("discord", a)
		if cfg.Discord.HTTP() {
			s.mux.Handle("/discord/", a.Handler())
		}
	}
	s.mux.Handle("GET /healthz", health.LiveHandler())
	s.mux.Handle("GET /readyz", s.health.ReadyHandler())
	s.mux.Handle("GET /metrics", m.Handler())
	return s, nil
}

// add adds a platform and its readiness check.
func (s *server) add(name string, a adapter) {
	s.platforms = append(s.platforms, platform{name, a})
	s.health.Add(name, a.Ready)
}

// run serves until ctx is done or the HTTP listener fails, reloading the
// bot on each value from reload, then shuts down within the grace. Each
// platform starts on its own: one that cannot connect is retried in the
// background while the others serve.
func (s *server) run(ctx context.Context, reload <-chan os.Signal) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on PARLEY_ADDR %s: %w", s.cfg.Addr, err)
	}
	srv := s.httpServer()
	s.log.Info("listening", "addr", ln.Addr().String())
	failed := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			failed <- fmt.Errorf("http: %w", err)
		}
	}()
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, p := range s.platforms {
		wg.Go(func() { s.keep(runCtx, p) })
	}
	s.log.Info("serving", "config", s.cfg, "articles", len(s.bot.Articles()))
	var failure error
	for failure == nil && ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-reload:
			s.reload(ctx)
		case failure = <-failed:
		}
	}
	stop()
	s.shutdown(srv)
	wg.Wait()
	return failure
}

// keep runs p until ctx is done, running it again with backoff when it
// fails to connect.
func (s *server) keep(ctx context.Context, p platform) {
	wait := time.Second
	for {
		start := time.Now()
		err := p.a.Run(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		if time.Since(start) > time.Minute {
			wait = time.Second // it was up a while: start the backoff afresh
		}
		s.log.Error("not connected; retrying in the background", "platform", p.name, "err", err, "retry_in", wait)
		if s.sleep(ctx, wait) != nil {
			return
		}
		wait = min(2*wait, time.Minute)
	}
}

// reload rebuilds the bot from the corpus folder and swaps it in; a
// corpus that does not load leaves the current one serving.
func (s *server) reload(ctx context.Context) {
	if s.builtin {
		s.log.Info("SIGHUP: the corpus is built into parley; nothing to reload (set PARLEY_CORPUS to serve a folder)")
		return
	}
	start := time.Now()
	b, src, err := s.load(ctx)
	if err != nil {
		s.metrics.Reload(false)
		s.log.Error("reload failed; still answering from the corpus loaded before", "err", err)
		return
	}
	s.bot.swap(b)
	s.metrics.Reload(true)
	corpusMetrics(s.metrics, b)
	s.log.Info("corpus reloaded", "corpus", src.Name, "articles", len(b.Articles()), "elapsed", time.Since(start))
}

func (s *server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// httpDrain bounds the wait for HTTP requests in flight once the platforms
// have shut down.
const httpDrain = time.Second

// shutdown stops taking questions and waits, within the grace, for the
// questions taken to be answered, platforms in parallel. The HTTP
// listener stays open meanwhile, so that Slack hears 503 (and delivers
// again later), Discord hears "restarting" and /readyz says why, rather
// than a refused connection; it closes last.
func (s *server) shutdown(srv *http.Server) {
	s.closing.Store(true)
	s.log.Info("shutting down", "grace", s.cfg.ShutdownGrace)
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	var wg sync.WaitGroup
	for _, p := range s.platforms {
		wg.Go(func() {
			if err := p.a.Shutdown(ctx); err != nil {
				s.log.Error("answers still in flight at shutdown were given up", "platform", p.name, "err", err)
			}
		})
	}
	wg.Wait()
	ctx, cancel = context.WithTimeout(context.Background(), httpDrain)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		s.log.Warn("http shutdown", "err", err)
	}
}

// settings returns a lookup over the environment with the .env file behind
// it: a variable set in the environment wins over the file; one set empty
// counts as unset. A missing .env is fine unless --env named it.
func settings(file string, fl *flag.FlagSet) (func(string) (string, bool), error) {
	vals, err := godotenv.Read(file)
	if err != nil {
		explicit := false
		fl.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "env" })
		if explicit || !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("settings file %s: %w", file, err)
		}
		vals = nil
	}
	return func(key string) (string, bool) {
		if v := os.Getenv(key); v != "" {
			return v, true
		}
		v, ok := vals[key]
		return v, ok
	}, nil
}
