package discord

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/bot"
)

// The slash commands and their options, as Discord sends their names back.
const (
	cmdAsk        = "ask"
	cmdTimeline   = "timeline"
	cmdSources    = "sources"
	optQuestion   = "question"
	optTopic      = "topic"
	optPrivate    = "private"
	optSince      = "since"
	optBefore     = "before"
	optOutlet     = "outlet"
	optArticle    = "article"
	registerLimit = 30 * time.Second // for registering commands
)

// commands defines Parley's slash commands: /ask, whose question
// autocompletes from the coverage and whose filters are options, /timeline
// and /sources. Registered globally, they say they work in servers and in
// direct messages with the bot (contexts and integration_types, which
// Discord reads on global commands only); registered in a guild, they work
// in that server alone.
func commands(global bool) []*discordgo.ApplicationCommand {
	minLength := 1
	filter := func(name, description string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name,
			Description: description, MaxLength: 100}
	}
	private := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: optPrivate,
		Description: "Show the answer only to you."}
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Type:        discordgo.ChatApplicationCommand,
			Description: "Ask about the US–Iran talks; Parley answers with quotes from the coverage.",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optQuestion,
					Description:  "Your question, e.g. What did the mediators say about the first round?",
					Required:     true,
					Autocomplete: true,
					MinLength:    &minLength,
					MaxLength:    bot.MaxQuestionLen,
				},
				private,
				filter(optSince, "Only coverage from this date on, e.g. 2026-06-01, 2026-06 or 2026."),
				filter(optBefore, "Only coverage before this date, e.g. 2026-01."),
				filter(optOutlet, "Only coverage from this outlet, e.g. Euractiv."),
				filter(optArticle, "Only this article, by its slug (a wrong one lists them)."),
			},
		},
		{
			Name:        cmdTimeline,
			Type:        discordgo.ChatApplicationCommand,
			Description: "The dated events the coverage reports, oldest first, each quoted with its source.",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optTopic, MaxLength: bot.MaxQuestionLen,
					Description: "Only events about this, e.g. sanctions (filters such as since:2025 work too)."},
				private,
			},
		},
		{
			Name:        cmdSources,
			Type:        discordgo.ChatApplicationCommand,
			Description: "List the articles Parley answers from, with their dates.",
			Options:     []*discordgo.ApplicationCommandOption{},
		},
	}
	if global {
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
		installs := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
		for _, c := range cmds {
			c.Contexts, c.IntegrationTypes = &contexts, &installs
		}
	}
	return cmds
}

// register replaces the application's commands with Parley's in one bulk
// overwrite: in the configured guild, where changes show at once, or
// globally. A failure is Run's, which its caller retries. Then it removes
// the commands a registration of the other kind left behind (see
// removeStale).
func (a *Adapter) register(ctx context.Context, appID string, guilds []string) error {
	ctx, cancel := context.WithTimeout(ctx, registerLimit)
	defer cancel()
	_, err := a.session.ApplicationCommandBulkOverwrite(appID, a.cfg.GuildID, commands(a.cfg.GuildID == ""),
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	a.removeStale(ctx, appID, guilds)
	return nil
}

// removeStale removes the commands left by registering the other way
// before: registered in a guild, Parley's global commands (which would
// show twice there, and in DMs); registered globally, its commands in
// each guild it is in (guilds, from READY), which would show twice. A
// guild with no commands is left alone. Failures are logged, not
// returned: the commands just registered work regardless.
func (a *Adapter) removeStale(ctx context.Context, appID string, guilds []string) {
	stale := guilds
	if a.cfg.GuildID != "" {
		stale = []string{""}
	}
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false)}
	for _, g := range stale {
		if g == a.cfg.GuildID {
			continue
		}
		cmds, err := a.session.ApplicationCommands(appID, g, opts...)
		if err == nil && len(cmds) > 0 {
			_, err = a.session.ApplicationCommandBulkOverwrite(appID, g, []*discordgo.ApplicationCommand{}, opts...)
			if err == nil {
				a.log.Info("removed stale commands", "guild", g, "commands", len(cmds))
			}
		}
		if err != nil {
			a.log.Warn("could not remove stale commands", "guild", g, "err", err)
		}
	}
}
