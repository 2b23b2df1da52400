package slack

import (
	"cmp"
	"strings"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/internal/mention"
)

// eventCallback is an Events API payload, as posted over HTTP or carried in
// a Socket Mode envelope. Only the fields Parley reads are decoded:
// slackevents.ParseEvent fails on inner event types it does not know, and
// an event's subtype, bot_id and edited fields are all it takes to ignore
// it.
type eventCallback struct {
	Type           string `json:"type"`
	Challenge      string `json:"challenge"`
	EventID        string `json:"event_id"`
	Event          event  `json:"event"`
	Authorizations []struct {
		UserID string `json:"user_id"`
		IsBot  bool   `json:"is_bot"`
	} `json:"authorizations"`
}

// event is an app_mention or message event.
type event struct {
	Type        string    `json:"type"`
	Subtype     string    `json:"subtype"`
	User        string    `json:"user"`
	BotID       string    `json:"bot_id"`
	Text        string    `json:"text"`
	TS          string    `json:"ts"`
	ThreadTS    string    `json:"thread_ts"`
	Channel     string    `json:"channel"`
	ChannelType string    `json:"channel_type"`
	Edited      *struct{} `json:"edited"`
}

// botUser returns the bot user the event was delivered for, if it says.
func (cb eventCallback) botUser() string {
	for _, au := range cb.Authorizations {
		if au.IsBot {
			return au.UserID
		}
	}
	return ""
}

// question is a question asked in a conversation, and where to answer it.
type question struct {
	channel string
	user    string
	thread  string // thread to answer in; "" for the conversation itself
	text    string
	// message identifies the question in logs: the timestamp of the post
	// that asked it, or of the answer being shared; "" for /talks.
	message string
}

// eventTask returns the task that answers an event, or false when Parley
// ignores it: events other than app mentions and messages, messages from
// bots (Parley included), edits and every other message subtype, and
// channel messages that neither mention Parley nor reply in a thread it
// answered in (see follows). A mention in a channel outside the allowlist
// gets a task whose reply says where to ask instead. keys identify the
// delivery besides the event (a Socket Mode envelope).
func (a *Adapter) eventTask(cb eventCallback, keys ...string) (task, bool) {
	ev := cb.Event
	switch {
	case ev.Type != "app_mention" && ev.Type != "message":
		return task{}, false
	case ev.Subtype != "" || ev.BotID != "" || ev.Edited != nil:
		return task{}, false
	case ev.User == "" || ev.Channel == "" || ev.TS == "":
		return task{}, false
	}
	own := a.ownID()
	if own == "" {
		own = a.learnID(cb.botUser())
	}
	if ev.User == own {
		return task{}, false
	}
	// app_mention events carry no channel_type; direct message channel IDs
	// start with D.
	dm := ev.ChannelType == "im" || (ev.ChannelType == "" && strings.HasPrefix(ev.Channel, "D"))
	mentioned := ev.Type == "app_mention" || (own != "" && mentions(ev.Text, own))
	follow := !dm && !mentioned && a.follows(ev, own)
	switch {
	case !dm && !mentioned && !follow:
		return task{}, false
	case !dm && !a.allowed(ev.Channel) && !mentioned:
		return task{}, false
	}
	q := question{channel: ev.Channel, user: ev.User, thread: ev.ThreadTS, text: questionText(ev.Text), message: ev.TS}
	if q.thread == "" && !dm {
		q.thread = ev.TS
	}
	// A mention can arrive twice, as app_mention and as a message event,
	// with different event IDs: the post's channel and timestamp tell.
	keys = append(keys, key("event", cb.EventID), key("post", ev.Channel+"/"+ev.TS))
	return task{keys: keys, kind: threadReply, q: q, elsewhere: !dm && !a.allowed(ev.Channel)}, true
}

// follows reports whether a channel message is a reply Parley answers
// without a mention: one in a thread Parley answered in, when thread
// replies are on, that asks something (see bot.AsksSomething) and is not
// addressed to another person (a reply that mentions someone else is for
// them).
func (a *Adapter) follows(ev event, own string) bool {
	on, _ := a.cfg.threadReplies()
	if !on || ev.Type != "message" || ev.ThreadTS == "" || ev.ThreadTS == ev.TS || !bot.AsksSomething(questionText(ev.Text)) {
		return false
	}
	if strings.Contains(ev.Text, "<@") && (own == "" || !mentions(ev.Text, own)) {
		return false
	}
	return a.answeredThread(ev.Channel, ev.ThreadTS)
}

// commandTask returns the task that answers a /talks command.
func (a *Adapter) commandTask(cmd slackgo.SlashCommand, keys ...string) task {
	q := question{channel: cmd.ChannelID, user: cmd.UserID, text: questionText(cmd.Text)}
	keys = append(keys, key("command", cmd.TriggerID))
	return task{keys: keys, kind: privateReply, q: q, responseURL: cmd.ResponseURL}
}

// interactionTask returns the task for a press of one of the buttons
// under a reply, or false for any other interaction.
func (a *Adapter) interactionTask(ic slackgo.InteractionCallback, keys ...string) (task, bool) {
	if ic.Type != slackgo.InteractionTypeBlockActions {
		return task{}, false
	}
	channel := cmp.Or(ic.Channel.ID, ic.Container.ChannelID)
	for _, act := range ic.ActionCallback.BlockActions {
		if act == nil || channel == "" || ic.User.ID == "" || strings.TrimSpace(act.Value) == "" {
			continue
		}
		switch act.ActionID {
		case shareAction:
			// The block ID names the answer to share, which Parley
			// remembers as its asker saw it; the value, the question, is
			// only logged.
			q := question{channel: channel, user: ic.User.ID, text: mention.Strip(act.Value), message: ic.Container.MessageTs}
			// One share per answer, however often the button is clicked.
			if ic.Container.MessageTs != "" {
				keys = append(keys, key("share", ic.User.ID+"/"+ic.Container.MessageTs))
			}
			id, ok := strings.CutPrefix(act.BlockID, answerBlock)
			if !ok {
				id = ""
			}
			return task{keys: keys, kind: sharedReply, q: q, responseURL: ic.ResponseURL, answerID: id}, true
		case copyAction, upAction, downAction:
			q := question{channel: channel, user: ic.User.ID, message: ic.Container.MessageTs}
			keys = append(keys, key("press", ic.TriggerID))
			// Answered, as /talks is, through the response URL: to the
			// presser alone, within its 30 minutes.
			return task{keys: keys, kind: privateReply, q: q, responseURL: ic.ResponseURL, action: act.ActionID, answerID: act.Value}, true
		}
	}
	return task{}, false
}

// key returns a dedupe key, or "" when id is empty.
func key(kind, id string) string {
	if id == "" {
		return ""
	}
	return kind + ":" + id
}

// mentions reports whether Slack-formatted text mentions user id.
func mentions(text, id string) bool {
	return strings.Contains(text, "<@"+id+">") || strings.Contains(text, "<@"+id+"|")
}

// unescaper undoes Slack's escaping of message text: Slack sends "&", "<"
// and ">" typed by a user as &amp;, &lt; and &gt;, so a raw "<" always
// opens Slack's own markup. A Replacer makes one pass, so "&amp;lt;" comes
// out as "&lt;", as typed.
var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// questionText turns message text as Slack sends it into the question to
// search: mentions of people, channels and groups dropped (Parley's own
// included: they name whom the question is for, not what it is about),
// links as their label or URL, entities unescaped, mention-shaped text
// typed literally dropped too, and white space collapsed.
func questionText(text string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(text, '<')
		if start < 0 {
			break
		}
		end := strings.IndexByte(text[start:], '>')
		if end < 0 {
			break
		}
		b.WriteString(unescaper.Replace(text[:start]))
		b.WriteString(unescaper.Replace(markup(text[start+1 : start+end])))
		text = text[start+end+1:]
	}
	b.WriteString(unescaper.Replace(text))
	return mention.Strip(strings.Join(strings.Fields(b.String()), " "))
}

// markup returns the plain text for the inside of Slack markup <…>.
func markup(m string) string {
	target, label, labelled := strings.Cut(m, "|")
	switch {
	case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "#"):
		// <@U…>, <@U…|name>, <#C…|name>: whom or where, not what. A space
		// keeps the words either side apart.
		return " "
	case strings.HasPrefix(target, "!date^") && labelled:
		// <!date^1392734382^{date}|Feb 18th>: a date is part of the
		// question.
		return label
	case strings.HasPrefix(target, "!"):
		// <!here>, <!channel>, <!subteam^S…|@team>.
		return " "
	}
	if labelled && label != "" { // <http://x|label>
		return label
	}
	return target // <http://x>
}
