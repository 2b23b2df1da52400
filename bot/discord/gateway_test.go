package discord

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

const guildID = "1000000000000000000"

// runAdapter runs a in the background and returns a function that cancels
// it and returns what Run returned.
func runAdapter(t *testing.T, a *Adapter) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	return func() error {
		cancel()
		select {
		case err := <-errc:
			return err
		case <-time.After(30 * time.Second): // only keeps a broken test from hanging
			t.Fatal("Run did not return after its context was cancelled")
			return nil
		}
	}
}

// Over the gateway: Hello, Identify (no privileged intents), READY, then
// an INTERACTION_CREATE is answered with a callback and an edit. The
// commands are registered with one bulk overwrite in the guild, and Run
// returns nil once cancelled.
func TestGateway(t *testing.T) {
	fake := bottest.NewDiscord(t)
	log, buf := bottest.Log()
	b := &fakeBot{answer: answered(), asOf: "June 23, 2026"}
	// No AppID: it is learned from READY.
	a, err := New(Config{BotToken: "FAKE.BOT.TOKEN", GuildID: guildID, APIURL: fake.URL()}, b, log)
	if err != nil {
		t.Fatal(err)
	}
	stop := runAdapter(t, a)

	put := fake.Await(http.MethodPut, "/applications/"+appID+"/guilds/"+guildID+"/commands", 1)[0]
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(put.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	if got := put.Header.Get("Authorization"); got != "Bot FAKE.BOT.TOKEN" {
		t.Errorf("registration Authorization = %q", got)
	}
	checkCommands(t, cmds, false)

	fake.Dispatch <- payload(t, "discord_application_command.json")
	callback := fake.Await(http.MethodPost, "/interactions/1300000000000000002/"+cmdToken+"/callback", 1)[0]
	if got := responseType(t, callback.Body); got != 5 {
		t.Errorf("callback type %d; want 5", got)
	}
	checkMessage(t, callback.Body)
	edit := fake.Await(http.MethodPatch, cmdEdit, 1)[0]
	if !edit.At.After(callback.At) && !edit.At.Equal(callback.At) {
		t.Errorf("the edit came before the callback")
	}
	m := checkMessage(t, edit.Body)
	if diff := cmp.Diff([]string{"[1]", "[2]", "[3]"}, fieldNames(m)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}

	// Autocomplete and a button click over the gateway answer in the callback.
	fake.Dispatch <- payload(t, "discord_autocomplete.json")
	ac := fake.Await(http.MethodPost, "/interactions/1300000000000000004/FAKE_INTERACTION_TOKEN_AC/callback", 1)[0]
	if got := responseType(t, ac.Body); got != 8 {
		t.Errorf("autocomplete callback type %d; want 8", got)
	}
	fake.Dispatch <- payload(t, "discord_message_component_button.json")
	btn := fake.Await(http.MethodPost, "/interactions/1300000000000000005/FAKE_INTERACTION_TOKEN_BTN/callback", 1)[0]
	if m := checkMessage(t, btn.Body); m.Content != bot.Expired {
		t.Errorf("forged button over the gateway: %q; want %q", m.Content, bot.Expired)
	}

	if err := stop(); err != nil {
		t.Errorf("Run = %v; want nil", err)
	}
	if n := len(fake.All(http.MethodPut, ".*")); n != 1 {
		t.Errorf("%d registrations; want 1", n)
	}

	identify := fake.Identify()
	var id struct {
		Op int
		D  struct {
			Token   string
			Intents discordgo.Intent
		}
	}
	if err := json.Unmarshal(identify, &id); err != nil {
		t.Fatalf("identify %s: %v", identify, err)
	}
	privileged := discordgo.IntentsGuildMembers | discordgo.IntentsGuildPresences | discordgo.IntentMessageContent
	if id.Op != 2 || id.D.Token != "Bot FAKE.BOT.TOKEN" || id.D.Intents&privileged != 0 {
		t.Errorf("identify op %d, intents %b; want op 2, no privileged intents", id.Op, id.D.Intents)
	}
	a.Shutdown(context.Background())
	for line := range strings.Lines(buf.String()) {
		if strings.Contains(line, "FAKE.BOT.TOKEN") || strings.Contains(line, "FAKE_INTERACTION_TOKEN") {
			t.Errorf("log line holds a token: %s", line)
		}
	}
}

// checkCommands checks the registered commands: /ask with an
// autocompleting question of bounded length, an optional private flag and
// the filters, /timeline and /sources; registered globally, each usable in
// servers and in DMs with the bot, and in a guild without either setting,
// which Discord reads on global commands only.
func checkCommands(t *testing.T, cmds []*discordgo.ApplicationCommand, global bool) {
	t.Helper()
	if len(cmds) != 3 || cmds[0].Name != cmdAsk || cmds[1].Name != cmdTimeline || cmds[2].Name != cmdSources {
		t.Fatalf("commands %+v; want ask, timeline and sources", cmds)
	}
	opts := cmds[0].Options
	var names []string
	for _, o := range opts {
		names = append(names, o.Name)
		if o.Name != optQuestion && o.Required {
			t.Errorf("option %s is required", o.Name)
		}
	}
	if diff := cmp.Diff([]string{optQuestion, optPrivate, optSince, optBefore, optOutlet, optArticle}, names); diff != "" {
		t.Fatalf("ask options (-want +got):\n%s", diff)
	}
	for _, c := range cmds {
		dm := c.Contexts != nil && slices.Contains(*c.Contexts, discordgo.InteractionContextBotDM)
		if dm != global || (c.IntegrationTypes != nil) != global {
			t.Errorf("/%s contexts %v, integration types %v; want them set only globally (global %v)", c.Name, c.Contexts, c.IntegrationTypes, global)
		}
	}
	q, p := opts[0], opts[1]
	if q.Name != optQuestion || q.Type != discordgo.ApplicationCommandOptionString || !q.Required || !q.Autocomplete || q.MaxLength != 500 {
		t.Errorf("question option %+v", q)
	}
	if p.Name != optPrivate || p.Type != discordgo.ApplicationCommandOptionBoolean || p.Required {
		t.Errorf("private option %+v", p)
	}
	for _, c := range cmds {
		if l := len(c.Description); l == 0 || length(c.Description) > 100 {
			t.Errorf("/%s description is %d long", c.Name, l)
		}
	}
}

// Without a guild the commands are registered globally.
func TestGatewayRegistersGlobally(t *testing.T) {
	fake := bottest.NewDiscord(t)
	a, err := New(Config{BotToken: "FAKE.BOT.TOKEN", AppID: appID, APIURL: fake.URL()}, &fakeBot{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop := runAdapter(t, a)
	put := fake.Await(http.MethodPut, "/applications/"+appID+"/commands", 1)[0]
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(put.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	checkCommands(t, cmds, true)
	if err := stop(); err != nil {
		t.Errorf("Run = %v; want nil", err)
	}
	if n := len(fake.All(http.MethodPut, ".*")); n != 1 {
		t.Errorf("%d registrations; want 1", n)
	}
}

// Switching between guild and global registration removes the commands
// the other kind left: global ones when registering in a guild, and the
// guild ones in each server the bot is in when registering globally.
func TestStaleCommandsRemoved(t *testing.T) {
	const other = "1000000000000000077"
	old := `[{"id": "1", "name": "ask", "description": "old", "type": 1}]`
	tests := []struct {
		name    string
		guild   string
		stale   []string // paths holding old commands
		removed []string // paths overwritten with no commands
	}{
		{"guild to global", "", []string{"/guilds/" + guildID}, []string{"/guilds/" + guildID}},
		{"global to guild", guildID, []string{""}, []string{""}},
		{"nothing stale", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := bottest.NewDiscord(t)
			fake.Guilds(guildID, other)
			for _, p := range tt.stale {
				fake.SetCommands("/applications/"+appID+p+"/commands", old)
			}
			a, err := New(Config{BotToken: "FAKE.BOT.TOKEN", AppID: appID, GuildID: tt.guild, APIURL: fake.URL()}, &fakeBot{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			stop := runAdapter(t, a)
			registered := "/applications/" + appID + "/commands"
			if tt.guild != "" {
				registered = "/applications/" + appID + "/guilds/" + tt.guild + "/commands"
			}
			fake.Await(http.MethodPut, registered, 1)
			for _, p := range tt.removed {
				put := fake.Await(http.MethodPut, "/applications/"+appID+p+"/commands", 1)[0]
				if string(put.Body) != "[]" {
					t.Errorf("stale commands at %s overwritten with %s; want []", p, put.Body)
				}
			}
			for !a.registered.Load() {
				time.Sleep(time.Millisecond)
			}
			if err := stop(); err != nil {
				t.Errorf("Run = %v; want nil", err)
			}
			if n := len(fake.All(http.MethodPut, ".*")); n != 1+len(tt.removed) {
				t.Errorf("PUTs %v; want the registration and %d removals", fake.Summary(), len(tt.removed))
			}
		})
	}
}

// A refused registration is Run's error, without the token.
func TestGatewayRegistrationFails(t *testing.T) {
	fake := bottest.NewDiscord(t)
	fake.Script(http.MethodPut, "/applications/"+appID+"/guilds/"+guildID+"/commands",
		bottest.Reply{Status: http.StatusUnauthorized, Body: `{"message": "401: Unauthorized", "code": 0}`})
	a, err := New(Config{BotToken: "FAKE.BOT.TOKEN", AppID: appID, GuildID: guildID, APIURL: fake.URL()}, &fakeBot{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "register commands") || !strings.Contains(err.Error(), "401") {
		t.Errorf("Run = %v; want the registration's 401", err)
	}
	if err != nil && strings.Contains(err.Error(), "FAKE.BOT.TOKEN") {
		t.Errorf("error shows the token: %v", err)
	}
}

// A gateway that cannot be reached is Run's error.
func TestGatewayOpenFails(t *testing.T) {
	fake := bottest.NewDiscord(t)
	fake.Script(http.MethodGet, "/gateway", bottest.Reply{Status: http.StatusServiceUnavailable, Body: `{"message": "unavailable"}`})
	a, err := New(Config{BotToken: "FAKE.BOT.TOKEN", AppID: appID, APIURL: fake.URL()}, &fakeBot{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "open gateway") {
		t.Errorf("Run = %v; want an open gateway error", err)
	}
	if n := len(fake.All(http.MethodPut, ".*")); n != 0 {
		t.Errorf("%d registrations without a gateway", n)
	}
}

// Without a bot token Run logs once that registration is skipped and waits
// for its context.
func TestRunWithoutToken(t *testing.T) {
	log, buf := bottest.Log()
	a, err := New(Config{PublicKey: newSigner(t).publicKey()}, &fakeBot{}, log)
	if err != nil {
		t.Fatal(err)
	}
	stop := runAdapter(t, a)
	if err := stop(); err != nil {
		t.Errorf("Run = %v; want nil", err)
	}
	if n := strings.Count(buf.String(), "not connecting to the gateway or registering commands"); n != 1 {
		t.Errorf("logged %d times; want once:\n%s", n, buf)
	}
}
