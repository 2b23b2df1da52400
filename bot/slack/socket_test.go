package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/parley-newsroom/parley/bot/bottest"
)

// envelope returns the sample Socket Mode envelope with its fields changed
// (see payload).
func envelope(t *testing.T, changes ...any) string {
	t.Helper()
	return payload(t, "socketmode_events_api_envelope.json", changes...)
}

func TestSocketMode(t *testing.T) {
	f := bottest.NewSlack(t)
	ans := &fakeAnswerer{answer: trumpAnswer}
	a := newTestAdapter(t, f, ans, Config{AppToken: bottest.SlackAppToken})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	// An app_mention: acknowledged with its envelope ID, answered in its
	// thread.
	const id = "57d6a792-4d35-4d0b-b6aa-3361493e1caf"
	f.Send(envelope(t))
	if got := f.Ack(); got != id {
		t.Errorf("acknowledged %q; want %q", got, id)
	}
	reply := f.WaitFor("/api/chat.postMessage", 1)[0]
	if got := reply.Form; got.Get("channel") != "C0NEWSDESK1" || got.Get("thread_ts") != "1763690300.000600" {
		t.Errorf("reply to %q thread %q; want C0NEWSDESK1 thread 1763690300.000600", got.Get("channel"), got.Get("thread_ts"))
	}
	if q := bottest.BlockText(reply.Blocks(t), "quote-1"); !strings.HasPrefix(q, "> ") {
		t.Errorf("quote block %q", q)
	}
	if open := f.CallsTo("/api/apps.connections.open"); len(open) != 1 || open[0].Bearer != bottest.SlackAppToken {
		t.Errorf("apps.connections.open calls %v; want one with the app token", open)
	}

	// Redeliveries are acknowledged and not answered again: the same
	// envelope, and the same event in a new envelope.
	f.Send(envelope(t, "retry_attempt", 1, "retry_reason", "timeout"))
	if got := f.Ack(); got != id {
		t.Errorf("acknowledged %q; want %q", got, id)
	}
	f.Send(envelope(t, "envelope_id", "9a1b2c3d-redelivered", "retry_attempt", 2, "retry_reason", "timeout"))
	if got := f.Ack(); got != "9a1b2c3d-redelivered" {
		t.Errorf("acknowledged %q; want the redelivered envelope", got)
	}

	// An event type slack-go cannot parse is acknowledged, not left for
	// Slack to redeliver.
	f.Send(envelope(t, "envelope_id", "unknown-event", "payload.event_id", "Ev0ARCH00077", "payload.event.type", "no_such_event"))
	if got := f.Ack(); got != "unknown-event" {
		t.Errorf("acknowledged %q; want unknown-event", got)
	}

	// /talks over Socket Mode.
	cmd := map[string]any{"command": "/talks", "text": "where were the talks held?", "channel_id": "C0NEWSDESK1",
		"user_id": "U0REPORTER1", "response_url": f.ResponseURL("socket/1"), "trigger_id": "t.socket.1"}
	f.Send(socketEnvelope(t, "slash_commands", "env-cmd", cmd))
	if got := f.Ack(); got != "env-cmd" {
		t.Errorf("acknowledged %q; want env-cmd", got)
	}
	private := f.WaitFor("/hooks/", 1)[0]
	value := buttonValue(t, private.Blocks(t))
	block, _ := actions(t, private.Blocks(t))

	// "Share in channel" over Socket Mode.
	form, _ := url.ParseQuery(blockActions(f, block, value))
	var ic map[string]any
	json.Unmarshal([]byte(form.Get("payload")), &ic)
	f.Send(socketEnvelope(t, "interactive", "env-share", ic))
	if got := f.Ack(); got != "env-share" {
		t.Errorf("acknowledged %q; want env-share", got)
	}
	// Shared through the command's response URL.
	if shared := f.WaitFor("/hooks/", 2)[1]; shared.JSON["response_type"] != "in_channel" {
		t.Errorf("shared as %v; want in_channel", shared.JSON["response_type"])
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v; want nil once ctx is done", err)
		}
	case <-time.After(bottest.Wait):
		t.Fatal("Run did not return after ctx was done")
	}
	a.drain(t)
	if posts := f.CallsTo("/api/chat.postMessage"); len(posts) != 1 {
		t.Fatalf("got %d posts; want the mention's reply", len(posts))
	}
	// The share shows the answer given, without asking again.
	want := []string{"where were the fifth round of talks held?", "where were the talks held?"}
	if got := ans.questions(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("questions %q; want %q", got, want)
	}
}

func TestSocketModeBadAppToken(t *testing.T) {
	f := bottest.NewSlack(t)
	a := newTestAdapter(t, f, &fakeAnswerer{}, Config{AppToken: "xapp-1-WRONG"})
	err := a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("Run = %v; want an invalid_auth error", err)
	}
	if strings.Contains(err.Error(), "xapp-1-WRONG") {
		t.Errorf("the error holds the token: %v", err)
	}
}

// socketEnvelope returns a Socket Mode envelope of type typ.
func socketEnvelope(t *testing.T, typ, id string, payload any) string {
	t.Helper()
	data, err := json.Marshal(map[string]any{"envelope_id": id, "type": typ, "payload": payload, "accepts_response_payload": typ != "events_api"})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// With the queue full, an envelope is left unacknowledged, so that Slack
// delivers it again.
func TestSocketModeFullQueue(t *testing.T) {
	f := bottest.NewSlack(t)
	release := f.Hold("/api/chat.postMessage")
	defer release()
	a := newTestAdapter(t, f, &fakeAnswerer{answer: trumpAnswer}, Config{AppToken: bottest.SlackAppToken, Workers: 1, QueueSize: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.Run(ctx)
	for i, id := range []string{"env-1", "env-2"} {
		f.Send(envelope(t, "envelope_id", id, "payload.event_id", "EvFull"+id, "payload.event.ts", fmt.Sprintf("1763690300.00070%d", i)))
		if got := f.Ack(); got != id {
			t.Fatalf("acknowledged %q; want %q", got, id)
		}
		if i == 0 {
			f.WaitFor("/api/chat.postMessage", 1) // the worker holds the first
		}
	}
	f.Send(envelope(t, "envelope_id", "env-3", "payload.event_id", "EvFullenv-3", "payload.event.ts", "1763690300.000709"))
	if !f.NoAck(200 * time.Millisecond) {
		t.Error("an envelope was acknowledged with the queue full")
	}
}
