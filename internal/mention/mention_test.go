package mention_test

import (
	"testing"

	"github.com/parley-newsroom/parley/internal/mention"
)

func TestStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What did Trump warn Iran about? cc <@U0OTHER123>", "What did Trump warn Iran about? cc"},
		{"<@U0OTHER123> <@U0OTHER456|bob> what did Trump warn Iran about?", "what did Trump warn Iran about?"},
		{"<!here> <!subteam^S0EDITORS|@editors> what did Trump warn Iran about?", "what did Trump warn Iran about?"},
		{"<#C0NEWS|newsdesk> who mediated?", "who mediated?"},
		{"<@123456789012345678> <@!123> <@&987654321098765432> <#1000000000000000009> who mediated?", "who mediated?"},
		{"use </ask:1250000000000000001> to ask", "use to ask"},
		{"is 3 < 5 and 5 > 3?", "is 3 < 5 and 5 > 3?"},
		{"<b>What</b> did Trump say?", "<b>What</b> did Trump say?"},
		{"unclosed <@U0OTHER123 mention", "unclosed <@U0OTHER123 mention"},
		{"plain question", "plain question"},
	}
	for _, tt := range tests {
		if got := mention.Strip(tt.in); got != tt.want {
			t.Errorf("Strip(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
