package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// runSocketMode takes events over Socket Mode until ctx is done. slack-go
// opens the connection (apps.connections.open with the app token, then a
// websocket), reconnects when Slack asks, and closes it when ctx is done.
func (a *Adapter) runSocketMode(ctx context.Context) error {
	client := socketmode.New(a.api)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- client.RunContext(runCtx) }()
	for {
		select {
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			err = fmt.Errorf("slack: socket mode: %w", err)
			a.setState(err)
			return err
		case evt := <-client.Events:
			a.socketEvent(runCtx, client, evt)
		}
	}
}

// socketEvent handles one event from the Socket Mode client.
func (a *Adapter) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("socket mode connecting")
	case socketmode.EventTypeConnected:
		a.setState(nil)
		a.log.Info("socket mode connected")
	case socketmode.EventTypeHello:
		a.log.Debug("socket mode hello")
	case socketmode.EventTypeDisconnect:
		a.setState(errors.New("socket mode reconnecting at Slack's request"))
		a.log.Info("socket mode reconnecting at Slack's request")
	case socketmode.EventTypeConnectionError:
		if e, ok := evt.Data.(*slackgo.ConnectionErrorEvent); ok {
			a.setState(fmt.Errorf("socket mode connection failed: %w", e.ErrorObj))
			a.log.Warn("socket mode connection failed", "attempt", e.Attempt, "wait", e.Backoff, "err", e.ErrorObj)
		}
	case socketmode.EventTypeInvalidAuth:
		a.setState(errors.New("socket mode: Slack rejected the app token"))
		a.log.Error("socket mode: Slack rejected the app token")
	case socketmode.EventTypeIncomingError:
		if e, ok := evt.Data.(*slackgo.IncomingEventError); ok {
			a.log.Warn("socket mode: read failed", "err", e.ErrorObj)
		}
	case socketmode.EventTypeErrorWriteFailed:
		if e, ok := evt.Data.(*socketmode.ErrorWriteFailed); ok {
			a.log.Warn("socket mode: acknowledgement not sent", "err", e.Cause)
		}
	case socketmode.EventTypeErrorBadMessage:
		// slack-go could not parse the envelope, typically an event type it
		// does not know, and leaves it unacknowledged. Parley reads events
		// with its own decoder, so it tries again before acknowledging.
		bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
		if !ok {
			return
		}
		var req socketmode.Request
		if err := json.Unmarshal(bad.Message, &req); err != nil || req.EnvelopeID == "" {
			a.log.Warn("socket mode: unreadable message", "err", bad.Cause)
			return
		}
		if req.Type == socketmode.RequestTypeEventsAPI {
			a.envelope(ctx, client, socketmode.EventTypeEventsAPI, &req, nil)
			return
		}
		a.ack(ctx, client, req.EnvelopeID)
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		if evt.Request != nil {
			a.envelope(ctx, client, evt.Type, evt.Request, evt.Data)
		}
	}
}

// envelope queues the task for an envelope and acknowledges it. Repeats
// (Slack redelivers an envelope it thinks was not acknowledged) are
// acknowledged and dropped. When the queue is full, or while shutting
// down, envelopes are left unacknowledged so that Slack delivers them
// again.
func (a *Adapter) envelope(ctx context.Context, client *socketmode.Client, typ socketmode.EventType, req *socketmode.Request, data any) {
	env := key("envelope", req.EnvelopeID)
	var (
		t  task
		ok bool
	)
	switch typ {
	case socketmode.EventTypeEventsAPI:
		var cb eventCallback
		if err := json.Unmarshal(req.Payload, &cb); err != nil {
			a.log.Warn("socket mode: malformed event", "err", err)
			break
		}
		t, ok = a.eventTask(cb, env)
	case socketmode.EventTypeSlashCommand:
		if cmd, is := data.(slackgo.SlashCommand); is {
			t, ok = a.commandTask(cmd, env), true
		}
	case socketmode.EventTypeInteractive:
		if ic, is := data.(slackgo.InteractionCallback); is {
			t, ok = a.interactionTask(ic, env)
		}
	}
	if ok {
		if err := a.take(t); err != nil && !errors.Is(err, errRepeat) {
			return
		}
	}
	a.ack(ctx, client, req.EnvelopeID)
}

// ack acknowledges an envelope.
func (a *Adapter) ack(ctx context.Context, client *socketmode.Client, envelopeID string) {
	if err := client.AckCtx(ctx, envelopeID, nil); err != nil && ctx.Err() == nil {
		a.log.Warn("socket mode: acknowledgement failed", "err", err)
	}
}
