package slack

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/parley-newsroom/parley/bot/bottest"
)

func TestQuestionText(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"<@U0ARCHBOT> what did mediators say about the first round &amp; the roadmap?",
			"what did mediators say about the first round & the roadmap?"},
		{"<@U0ARCHBOT|archive-bot> and what about Lebanon?", "and what about Lebanon?"},
		{"what about Oman <@U0ARCHBOT>", "what about Oman"},
		{"did<@U0ARCHBOT>Oman mediate?", "did Oman mediate?"},
		// Other mentions name whom the question is for, not what it is
		// about: they are dropped, as are channels and groups.
		{"<@U0ARCHBOT> what did Trump warn Iran about? cc <@U0OTHER123>", "what did Trump warn Iran about? cc"},
		{"<@U0OTHER123> <@U0OTHER456|bob> what did Trump warn Iran about?", "what did Trump warn Iran about?"},
		{"<@U0ARCHBOT> summary for <#C0NEWSDESK1|newsdesk>", "summary for"},
		{"<@U0ARCHBOT> see <#C0NEWSDESK1>", "see"},
		{"<!here> <@U0ARCHBOT> sanctions?", "sanctions?"},
		{"<!here> <!subteam^S0EDITORS|@editors> what did Trump warn Iran about?", "what did Trump warn Iran about?"},
		{"talks on <!date^1392734382^{date_short}|Feb 18, 2014>?", "talks on Feb 18, 2014?"},
		{"<@U0ARCHBOT> what does <https://example.com/a?b=1&amp;c=2|this article> say?", "what does this article say?"},
		{"<@U0ARCHBOT> what does <https://example.com/a> say?", "what does https://example.com/a say?"},
		{"<@U0ARCHBOT> <mailto:desk@example.com|desk@example.com>", "desk@example.com"},
		{"is 3 &lt; 5 &amp;&amp; 5 &gt; 3?", "is 3 < 5 && 5 > 3?"},
		{"typed &amp;lt; literally", "typed &lt; literally"},
		// Mentions typed literally (Slack escapes them) go too.
		{"&lt;@U0ARCHBOT&gt; is text", "is text"},
		{"&lt;!channel&gt; &lt;@U0OTHER123&gt; what about Japan?", "what about Japan?"},
		{"&lt;@123456789012345678&gt; &lt;@&amp;987654321098765432&gt; &lt;#1000000000000000009&gt; who mediated?", "who mediated?"},
		{"unclosed <@U0ARCHBOT", "unclosed <@U0ARCHBOT"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := questionText(tt.text); got != tt.want {
			t.Errorf("questionText(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzQuestionText(f *testing.F) {
	for _, s := range []string{"<@U0ARCHBOT> hi &amp; <#C1|x> <http://a|b>", "<<>>", "<@U0ARCHBOT|", "&amp;lt;", "\xff<@\xfe>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := questionText(text)
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Errorf("questionText(%q) = %q: invalid UTF-8", text, got)
		}
		if !strings.Contains(text, "&") && strings.Contains(got, "<@"+bottest.SlackBotUser+">") {
			t.Errorf("questionText(%q) = %q keeps the bot's mention", text, got)
		}
	})
}

func TestSeen(t *testing.T) {
	s := newSeen(10*time.Minute, 3)
	t0 := time.Unix(0, 0)
	if s.add([]string{"event:1", "post:C/1"}, t0) {
		t.Fatal("first delivery is a repeat")
	}
	if !s.add([]string{"event:1"}, t0.Add(9*time.Minute)) {
		t.Error("retry after 9 minutes not recognised")
	}
	// The other event for the same post.
	if !s.add([]string{"event:2", "post:C/1"}, t0.Add(time.Minute)) {
		t.Error("message event for a mentioned post not recognised")
	}
	if !s.add([]string{"event:2"}, t0.Add(2*time.Minute)) {
		t.Error("a repeat's own key was not remembered")
	}
	if s.add([]string{"event:1"}, t0.Add(10*time.Minute)) {
		t.Error("remembered after 10 minutes")
	}
	if s.add([]string{"", ""}, t0) {
		t.Error("empty keys are a repeat")
	}
	// Bounded: the oldest go first.
	s = newSeen(time.Hour, 3)
	for i, k := range []string{"a", "b", "c", "d"} {
		s.add([]string{k}, t0.Add(time.Duration(i)*time.Second))
	}
	if s.size() != 3 {
		t.Errorf("holds %d keys; want 3", s.size())
	}
	if s.add([]string{"a"}, t0.Add(time.Minute)) {
		t.Error("the oldest key was kept over the bound")
	}
	// Expired keys are pruned.
	s.add([]string{"z"}, t0.Add(2*time.Hour))
	if s.size() != 1 {
		t.Errorf("after an hour holds %d keys; want 1", s.size())
	}
}

func TestManifest(t *testing.T) {
	data, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			AppHome struct {
				MessagesTab bool `yaml:"messages_tab_enabled"`
			} `yaml:"app_home"`
			SlashCommands []struct {
				Command string `yaml:"command"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `yaml:"is_enabled"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	scopes := strings.Join(m.OAuth.Scopes.Bot, " ")
	if scopes != "app_mentions:read channels:history groups:history chat:write commands im:history" {
		t.Errorf("scopes %q", scopes)
	}
	if events := strings.Join(m.Settings.Events.BotEvents, " "); events != "app_mention message.channels message.groups message.im" {
		t.Errorf("bot events %q", events)
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/talks" {
		t.Errorf("slash commands %v", m.Features.SlashCommands)
	}
	if !m.Settings.Interactivity.Enabled || !m.Settings.SocketMode || !m.Features.AppHome.MessagesTab {
		t.Errorf("interactivity %v, socket mode %v, messages tab %v; want all on",
			m.Settings.Interactivity.Enabled, m.Settings.SocketMode, m.Features.AppHome.MessagesTab)
	}
}
