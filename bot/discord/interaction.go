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
	"github.com/parley-newsroom/parley/internal/delivery"
	"github.com/parley-newsroom/parley/internal/mention"
	"github.com/parley-newsroom/parley/internal/metrics"
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

// handle decides the initial response to in. An /ask is acknowledged at
// once with a deferral and returned with its place in the queue (the
// caller submits it once Discord has the response), unless the asker is
// over the rate limit or the queue is full or closed, which are said at
// once. Everything else is answered from memory in the response itself. A
// nil response means in is of a type Parley does not handle.
func (a *Adapter) handle(in *discordgo.Interaction, log *slog.Logger, received time.Time) (any, *ask) {
	switch in.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil

	case discordgo.InteractionApplicationCommandAutocomplete:
		data, _ := in.Data.(discordgo.ApplicationCommandInteractionData)
		return a.autocomplete(data), nil

	case discordgo.InteractionApplicationCommand:
		data, _ := in.Data.(discordgo.ApplicationCommandInteractionData)
		switch data.Name {
		case cmdAsk, cmdTimeline:
			question, private := askOptions(data)
			return a.take(&ask{in: in, log: log, question: question, private: private, received: received, timeline: data.Name == cmdTimeline})
		case cmdSources:
			log.Info("sources listed")
			return renderSources(a.bot.Articles(), a.bot.AsOf()).response(false), nil
		}
		return notice(bot.UnknownCommand).response(true), nil

	case discordgo.InteractionMessageComponent:
		data, _ := in.Data.(discordgo.MessageComponentInteractionData)
		if strings.HasPrefix(data.CustomID, morePrefix) {
			return a.more(log, data.CustomID), nil
		}
		return a.press(in, log, data.CustomID), nil
	}
	return nil, nil
}

// ask is an /ask or a /timeline acknowledged with a deferral: what to
// answer, and its place in the queue.
type ask struct {
	in       *discordgo.Interaction
	log      *slog.Logger
	question string // a timeline's topic
	private  bool
	timeline bool
	received time.Time
	ticket   *delivery.Ticket
}

// take reserves k's place in the queue and returns the deferral that
// acknowledges it, or the sentence that says why it will not be answered.
func (a *Adapter) take(k *ask) (any, *ask) {
	if !a.limiter.Allow(platform + "/" + userID(k.in)) {
		a.metrics.Question(platform, metrics.RateLimited, 0)
		k.log.Info("answered", "outcome", metrics.RateLimited)
		return notice(bot.RateLimited).response(true), nil
	}
	ticket, err := a.queue.Reserve()
	if err != nil {
		reason, msg := "queue full", bot.Busy
		if errors.Is(err, delivery.ErrClosed) {
			reason, msg = "shutting down", bot.Restarting
		}
		a.metrics.Rejected(platform, reason)
		a.refused.Add(reason)
		return notice(msg).response(true), nil
	}
	k.ticket = ticket
	return deferral(k.private), k
}

// userID returns the ID of whoever sent in: a member in a server, a user
// in a direct message.
func userID(in *discordgo.Interaction) string {
	if in.Member != nil && in.Member.User != nil {
		return in.Member.User.ID
	}
	if in.User != nil {
		return in.User.ID
	}
	return ""
}

// askOptions reads the options of /ask and /timeline: the question (or
// topic), with each filter option appended as the core reads filters typed
// in a question ("since:2026-06-01", `outlet:"Radio Free Europe"`), so that
// the core parses them once. Values of an unexpected type read as unset.
func askOptions(data discordgo.ApplicationCommandInteractionData) (question string, private bool) {
	var filters []string
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Name {
		case optQuestion, optTopic:
			question, _ = o.Value.(string)
		case optPrivate:
			private, _ = o.Value.(bool)
		case optSince, optBefore, optOutlet, optArticle:
			v, _ := o.Value.(string)
			if v = strings.Join(strings.Fields(strings.Map(noQuote, v)), " "); v != "" {
				if strings.Contains(v, " ") {
					v = `"` + v + `"`
				}
				filters = append(filters, o.Name+":"+v)
			}
		}
	}
	question = strings.Join(append([]string{question}, filters...), " ")
	return mention.Strip(strings.TrimSpace(question)), private
}

// noQuote drops the quotation marks that would end a quoted filter value.
func noQuote(r rune) rune {
	if r == '"' || r == '“' || r == '”' {
		return -1
	}
	return r
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
		return notice(bot.Expired).response(true)
	}
	m, shown := renderAnswer(page{answer: e.answer, from: from, more: id})
	log.Info("more sources", "hits", shown)
	return m.response(true)
}

// press answers a press of "Copy citation", 👍 or 👎 under a page of a
// stored answer, to whoever pressed it only: the page's citations ready
// to paste, or thanks for the vote, which is recorded once per reader and
// answer. Recording a vote is one append to a file, well within Discord's
// three seconds.
func (a *Adapter) press(in *discordgo.Interaction, log *slog.Logger, customID string) *discordgo.InteractionResponse {
	prefix, id, from, n, ok := parsePress(customID)
	if !ok {
		log.Info("expired or unknown button")
		return notice(bot.Expired).response(true)
	}
	if prefix == copyPrefix {
		e, ok := a.pages.get(id)
		if !ok || from+n > len(e.answer.Quotes) {
			return notice(bot.Expired).response(true)
		}
		log.Info("pressed", "action", "copy")
		return renderCopy(e.answer.Quotes[from : from+n]).response(true)
	}
	e, first, ok := a.pages.vote(id, userID(in))
	switch {
	case !ok || from+n > len(e.answer.Quotes):
		return notice(bot.Expired).response(true)
	case !first:
		return notice(bot.AlreadyVoted).response(true)
	}
	v := bot.Vote{Platform: platform, User: userID(in), Question: e.answer.Question, Up: prefix == upPrefix, Answered: e.answer.Answered, Note: e.answer.Note}
	for _, q := range e.answer.Quotes[from : from+n] {
		v.Passages = append(v.Passages, q.Citation)
	}
	a.bot.Cast(v)
	log.Info("pressed", "action", strings.TrimSuffix(prefix, ":"))
	return notice(bot.Thanks).response(true)
}

// onInteraction answers an interaction that arrived over the gateway. It
// runs in the gateway's reader goroutine, so it only queues the initial
// response, for the small pool that sends them within Discord's three
// seconds.
func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	in := ic.Interaction
	received := a.now()
	log := a.log.With("guild", in.GuildID, "channel", in.ChannelID, "interaction", in.ID)
	resp, k := a.handle(in, log, received)
	if resp == nil {
		log.Debug("ignored an interaction", "type", int(in.Type))
		return
	}
	unacknowledged := func(err error) {
		if k != nil {
			k.ticket.Cancel()
		}
		log.Warn("interaction not acknowledged", "status", status(err), "code", code(err), "err", err)
	}
	err := a.acks.Submit(delivery.Job{
		Arrived: received,
		Expires: received.Add(responseDeadline),
		Deliver: func(ctx context.Context) error { return a.respond(ctx, in, resp, k) },
		Fail:    func(_ context.Context, err error) { unacknowledged(err) },
	})
	if err != nil {
		unacknowledged(err)
	}
}

// respond sends the initial response to an interaction that arrived over
// the gateway, then queues its answer, if any.
func (a *Adapter) respond(ctx context.Context, in *discordgo.Interaction, resp any, k *ask) error {
	path := "/interactions/" + in.ID + "/" + in.Token + "/callback"
	err := a.retrier.Do(ctx, "callback/"+in.ID, func(ctx context.Context) error {
		return a.call(ctx, http.MethodPost, path, "POST /interactions/"+in.ID+"/[token]/callback", resp)
	})
	if code(err) == codeAlreadyAcked {
		err = nil // a retry of a response whose reply was lost
	}
	if err != nil {
		return err
	}
	if k != nil {
		k.ticket.Submit(a.job(k))
	}
	return nil
}
