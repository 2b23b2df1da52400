package discord

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-newsroom/parley/bot"
)

// The sentences users see when Parley has no answer to show.
const (
	msgExpired    = "This answer has expired — please ask again."
	msgRestarting = "Parley is restarting — please ask again in a moment."
	msgUnknown    = "I only know /ask and /sources."
	msgUnshowable = "Sorry, I couldn't show that answer here. Please try again."
)

// autocompleteResponse is an autocomplete result. discordgo's response
// type omits an empty list of choices, which Discord requires.
type autocompleteResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data autocompleteData                  `json:"data"`
}

type autocompleteData struct {
	Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

// handle decides the initial response to in and returns it with the work,
// if any, to do once Discord has it: an /ask is acknowledged at once and
// its answer edited in by the work. Everything else is answered from
// memory in the response itself. Once Shutdown has begun (open is false)
// a question gets a polite refusal instead. A nil response means in is of
// a type Parley does not handle.
func (a *Adapter) handle(in *discordgo.Interaction, log *slog.Logger, received time.Time, open bool) (any, func(context.Context)) {
	switch in.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil

	case discordgo.InteractionApplicationCommandAutocomplete:
		data, _ := in.Data.(discordgo.ApplicationCommandInteractionData)
		return a.autocomplete(data), nil

	case discordgo.InteractionApplicationCommand:
		data, _ := in.Data.(discordgo.ApplicationCommandInteractionData)
		switch data.Name {
		case cmdAsk:
			question, private := askOptions(data)
			if !open {
				return notice(msgRestarting).response(true), nil
			}
			return deferral(private), func(ctx context.Context) {
				a.answer(ctx, log, in, question, private, received)
			}
		case cmdSources:
			log.Info("sources listed")
			return renderSources(a.bot.Articles(), a.bot.AsOf()).response(false), nil
		}
		return notice(msgUnknown).response(true), nil

	case discordgo.InteractionMessageComponent:
		data, _ := in.Data.(discordgo.MessageComponentInteractionData)
		return a.more(log, data.CustomID), nil
	}
	return nil, nil
}

// askOptions reads /ask's options. Values of an unexpected type read as
// unset.
func askOptions(data discordgo.ApplicationCommandInteractionData) (question string, private bool) {
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Name {
		case optQuestion:
			question, _ = o.Value.(string)
		case optPrivate:
			private, _ = o.Value.(bool)
		}
	}
	return question, private
}

// autocomplete offers headings and key phrases of the coverage that match
// what the user has typed of the question.
func (a *Adapter) autocomplete(data discordgo.ApplicationCommandInteractionData) *autocompleteResponse {
	resp := &autocompleteResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	resp.Data.Choices = []*discordgo.ApplicationCommandOptionChoice{}
	typed, focused := "", false
	for _, o := range data.Options {
		if o != nil && o.Focused && o.Name == optQuestion {
			typed, _ = o.Value.(string)
			focused = true
		}
	}
	if data.Name != cmdAsk || !focused {
		return resp
	}
	seen := map[string]bool{}
	// Ask for more than fit: a phrase too long for a choice is passed
	// over, not cut, as the choice's value becomes the question.
	for _, s := range a.bot.Suggest(typed, 2*maxChoices) {
		// A choice is shown as plain text, so it needs no escaping.
		s = strings.Join(strings.Fields(printable(s)), " ")
		if s == "" || length(s) > maxChoice || seen[s] {
			continue
		}
		seen[s] = true
		resp.Data.Choices = append(resp.Data.Choices, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
		if len(resp.Data.Choices) == maxChoices {
			break
		}
	}
	return resp
}

// answer answers an /ask and edits the answer into the deferred response.
// It asks for the most passages at once and keeps them, so "More sources"
// pages through the same answer without searching again.
func (a *Adapter) answer(ctx context.Context, log *slog.Logger, in *discordgo.Interaction, question string, private bool, received time.Time) {
	start := time.Now()
	log.Debug("question", "question", question, "private", private)
	ans, err := a.bot.Answer(ctx, bot.Question{Text: question, K: bot.MaxPassages})
	var m message
	if err != nil {
		level := slog.LevelError
		if errors.Is(err, bot.ErrEmptyQuestion) || errors.Is(err, bot.ErrQuestionTooLong) {
			level = slog.LevelInfo
		}
		log.Log(ctx, level, "discord: no answer", "err", err, "elapsed", time.Since(start))
		m = notice(bot.UserMessage(err))
	} else {
		var id string
		if len(ans.Quotes) > perPage {
			id = a.pages.put(ans, private)
		}
		m, _ = renderAnswer(page{answer: ans, asOf: a.bot.AsOf(), more: id})
	}
	err = a.editOriginal(ctx, log, in, m, received)
	if badRequest(err) {
		// Discord refused the answer as sent: say so rather than leave
		// the user with "Parley is thinking…" until the token expires.
		err = a.editOriginal(ctx, log, in, notice(msgUnshowable), received)
	}
	if err == nil && ans.Question != "" {
		log.Info("answered", "hits", len(ans.Quotes), "answered", ans.Answered, "private", private, "elapsed", time.Since(start))
	}
}

// editOriginal replaces the response to in with m.
func (a *Adapter) editOriginal(ctx context.Context, log *slog.Logger, in *discordgo.Interaction, m message, received time.Time) error {
	appID := a.applicationID(in)
	if appID == "" {
		err := errors.New("no application ID to edit the response with; set the application ID")
		log.Error("discord: edit the response failed", "err", err)
		return err
	}
	endpoint := discordgo.EndpointWebhookMessage(appID, in.Token, "@original")
	err := a.retry(ctx, log, received.Add(tokenLifetime), func() error {
		return a.request(ctx, http.MethodPatch, endpoint, in.Token, m.edit())
	})
	if err != nil {
		err = a.redact(err, in.Token)
		logREST(log, "edit the response", err)
	}
	return err
}

// more shows the next page of a stored answer for its "More sources"
// button, to whoever pressed it only: a public answer's button pressed by
// many people must not fill the channel with copies.
func (a *Adapter) more(log *slog.Logger, customID string) *discordgo.InteractionResponse {
	id, from, ok := parseMore(customID)
	var e stored
	if ok {
		e, ok = a.pages.get(id)
	}
	if !ok || from >= len(e.answer.Quotes) {
		log.Info("expired or unknown button")
		return notice(msgExpired).response(true)
	}
	m, shown := renderAnswer(page{answer: e.answer, from: from, asOf: a.bot.AsOf(), more: id})
	log.Info("more sources", "hits", shown)
	return m.response(true)
}

// onInteraction answers an interaction that arrived over the gateway: the
// initial response goes to Discord's callback endpoint.
func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	in := ic.Interaction
	received := a.now()
	log := a.log.With("guild", in.GuildID, "channel", in.ChannelID)
	open := a.begin()
	if open {
		defer a.work.Done()
	}
	resp, then := a.handle(in, log, received, open)
	if resp == nil {
		log.Debug("ignored an interaction", "type", int(in.Type))
		return
	}
	ctx := a.base
	if !open {
		// Shutdown may cancel base; the refusal is still worth sending.
		ctx = context.WithoutCancel(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, tokenLifetime)
	defer cancel()
	endpoint := discordgo.EndpointInteractionResponse(in.ID, in.Token)
	err := a.retry(ctx, log, received.Add(responseDeadline), func() error {
		return a.request(ctx, http.MethodPost, endpoint, in.Token, resp)
	})
	if err != nil {
		logREST(log, "respond to the interaction", a.redact(err, in.Token))
		return
	}
	if then != nil {
		then(ctx)
	}
}
