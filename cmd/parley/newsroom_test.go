package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/bot"
	"github.com/parley-newsroom/parley/bot/bottest"
)

// A 👎 under a served Slack answer is recorded in PARLEY_DATA, thanked
// privately, and listed by parley gaps.
func TestVoteRecordedAndListed(t *testing.T) {
	slack := bottest.NewSlack(t)
	data := t.TempDir()
	s := startServe(t, append(slackSettings(slack), "PARLEY_DATA", data)...)
	s.slackEvent(t, "1763700000.000050", "What did Trump warn Iran about?")
	blocks := slack.WaitFor("/api/chat.postMessage", 1)[0].Blocks(t)
	if got := bottest.BlockText(blocks, "footer"); !strings.HasPrefix(got, "Coverage as of ") {
		t.Errorf("footer = %q", got)
	}
	var block string
	for _, b := range blocks {
		if b["type"] == "actions" {
			block = b["block_id"].(string)
		}
	}
	id, ok := strings.CutPrefix(block, "answer:")
	if !ok {
		t.Fatalf("no buttons under the answer: %v", blocks)
	}
	press, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U0REPORTER1"}, "trigger_id": "t-down",
		"channel": map[string]any{"id": "C0NEWSDESK1"}, "container": map[string]any{"message_ts": "1763700000.000900"},
		"response_url": slack.ResponseURL("actions/down"),
		"actions":      []any{map[string]any{"action_id": "down", "block_id": block, "type": "button", "value": id}},
	})
	s.signedPost(t, "/slack/interactions", url.Values{"payload": {string(press)}}.Encode(), "application/x-www-form-urlencoded")
	if got := slack.WaitFor("/hooks/", 1)[0].JSON["text"]; got != bot.Thanks {
		t.Errorf("the vote was answered %v; want %q", got, bot.Thanks)
	}
	if err := s.stop(t); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"gaps"}, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "What did Trump warn Iran about?") {
		t.Errorf("parley gaps does not list the 👎 question:\n%s", out.String())
	}
}
