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
	cmdSources    = "sources"
	optQuestion   = "question"
	optPrivate    = "private"
	registerLimit = 30 * time.Second // for registering commands
)

// commands defines Parley's slash commands: /ask, whose question
// autocompletes from the coverage, and /sources. They work in servers and
// in direct messages with the bot.
func commands() []*discordgo.ApplicationCommand {
	contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	installs := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	minLength := 1
	return []*discordgo.ApplicationCommand{
		{
			Name:             cmdAsk,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "Ask about the US–Iran talks; Parley answers with quotes from the coverage.",
			Contexts:         &contexts,
			IntegrationTypes: &installs,
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
				{
					Type:        discordgo.ApplicationCommandOptionBoolean,
					Name:        optPrivate,
					Description: "Show the answer only to you.",
				},
			},
		},
		{
			Name:             cmdSources,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "List the articles Parley answers from, with their dates.",
			Contexts:         &contexts,
			IntegrationTypes: &installs,
			Options:          []*discordgo.ApplicationCommandOption{},
		},
	}
}

// register replaces the application's commands with Parley's in one bulk
// overwrite: in the configured guild, where changes show at once, or
// globally. A failure is Run's, which its caller retries.
func (a *Adapter) register(ctx context.Context, appID string) error {
	ctx, cancel := context.WithTimeout(ctx, registerLimit)
	defer cancel()
	_, err := a.session.ApplicationCommandBulkOverwrite(appID, a.cfg.GuildID, commands(),
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	return nil
}
