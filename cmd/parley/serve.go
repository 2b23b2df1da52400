package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/joho/godotenv"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/discord"
	"github.com/parley-newsroom/parley/bot/slack"
	"github.com/parley-newsroom/parley/internal/config"
)

// shutdownGrace bounds how long serve waits, on SIGINT or SIGTERM, for
// answers in flight to be posted and connections to close.
const shutdownGrace = 10 * time.Second

// adapter is a chat platform as serve runs it.
type adapter interface {
	// Run serves the platform's connection until ctx is done.
	Run(ctx context.Context) error
	// Shutdown waits for answers in flight, bounded by ctx.
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
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.Level()}))
	b, _, err := loadBot(ctx, *dir, lookup, log)
	if err != nil {
		return err
	}
	defer b.Close()
	s, err := newServer(cfg, b, log)
	if err != nil {
		return err
	}
	return s.run(ctx)
}

// server is every configured platform, and the HTTP endpoints they and
// the operator use.
type server struct {
	cfg      config.Config
	log      *slog.Logger
	mux      *http.ServeMux
	adapters []adapter
	articles int
}

// newServer sets up each configured platform's adapter over b; nothing
// connects until run.
func newServer(cfg config.Config, b *bot.Bot, log *slog.Logger) (*server, error) {
	s := &server{cfg: cfg, log: log, mux: http.NewServeMux(), articles: len(b.Articles())}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	if cfg.Slack.Enabled() {
		a, err := slack.New(cfg.Slack, b, log)
		if err != nil {
			return nil, err
		}
		s.adapters = append(s.adapters, a)
		if cfg.Slack.HTTP() {
			s.mux.Handle("/slack/", a.Handler())
		}
	}
	if cfg.Discord.Enabled() {
		a, err := discord.New(cfg.Discord, b, log)
		if err != nil {
			return nil, err
		}
		s.adapters = append(s.adapters, a)
		if cfg.Discord.HTTP() {
			s.mux.Handle("/discord/", a.Handler())
		}
	}
	return s, nil
}

// run serves until ctx is done or a platform fails for good, then shuts
// down within shutdownGrace. It returns the first failure.
func (s *server) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		failOnce sync.Once
		failure  error
	)
	fail := func(err error) {
		failOnce.Do(func() { failure = err })
		cancel()
	}
	var srv *http.Server
	if s.cfg.NeedsHTTP() {
		ln, err := net.Listen("tcp", s.cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on PARLEY_ADDR %s: %w", s.cfg.Addr, err)
		}
		srv = s.httpServer()
		s.log.Info("listening", "addr", ln.Addr().String())
		wg.Go(func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				fail(fmt.Errorf("http: %w", err))
			}
		})
	}
	for _, a := range s.adapters {
		wg.Go(func() {
			if err := a.Run(ctx); err != nil {
				fail(err)
			}
		})
	}
	s.log.Info("serving", "config", s.cfg, "articles", s.articles)
	<-ctx.Done()
	s.shutdown(ctx, srv)
	wg.Wait()
	return failure
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

// shutdown stops taking requests and waits, within shutdownGrace, for the
// answers in flight.
func (s *server) shutdown(ctx context.Context, srv *http.Server) {
	s.log.Info("shutting down")
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if srv != nil {
		if err := srv.Shutdown(ctx); err != nil {
			s.log.Warn("http shutdown", "err", err)
		}
	}
	for _, a := range s.adapters {
		if err := a.Shutdown(ctx); err != nil {
			s.log.Warn("answers still in flight at shutdown", "err", err)
		}
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
