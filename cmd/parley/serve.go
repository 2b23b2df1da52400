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
	b, err := loadBot(ctx, *dir, lookup, log)
	if err != nil {
		return err
	}
	defer b.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	var adapters []adapter
	if cfg.Slack.Enabled() {
		s, err := slack.New(cfg.Slack, b, log)
		if err != nil {
			return err
		}
		adapters = append(adapters, s)
		if cfg.Slack.HTTP() {
			mux.Handle("/slack/", s.Handler())
		}
	}
	if cfg.Discord.Enabled() {
		d, err := discord.New(cfg.Discord, b, log)
		if err != nil {
			return err
		}
		adapters = append(adapters, d)
		if cfg.Discord.HTTP() {
			mux.Handle("/discord/", d.Handler())
		}
	}

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
	if cfg.NeedsHTTP() {
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on PARLEY_ADDR %s: %w", cfg.Addr, err)
		}
		srv = &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      10 * time.Second,
			IdleTimeout:       time.Minute,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		log.Info("listening", "addr", ln.Addr().String())
		wg.Go(func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				fail(fmt.Errorf("http: %w", err))
			}
		})
	}
	for _, a := range adapters {
		wg.Go(func() {
			if err := a.Run(ctx); err != nil {
				fail(err)
			}
		})
	}
	log.Info("serving", "config", cfg, "articles", len(b.Articles()))
	<-ctx.Done()

	log.Info("shutting down")
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer scancel()
	if srv != nil {
		if err := srv.Shutdown(sctx); err != nil {
			log.Warn("http shutdown", "err", err)
		}
	}
	for _, a := range adapters {
		if err := a.Shutdown(sctx); err != nil {
			log.Warn("answers still in flight at shutdown", "err", err)
		}
	}
	wg.Wait()
	return failure
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
