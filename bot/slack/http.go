package slack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/parley-newsroom/parley/internal/delivery"
)

// Handler returns the handler for Slack's HTTP requests: POST
// /slack/events (the Events API), /slack/commands (/talks) and
// /slack/interactions (buttons). Other paths get 404 and other methods 405.
// A request whose signature does not verify with the signing secret, or
// whose timestamp is more than five minutes from the clock, gets 401 and
// no work; without a signing secret, every request does. A question is
// queued and Slack answered at once (503 when the queue is full); the
// question is answered afterwards.
func (a *Adapter) Handler() http.Handler { return handler{a} }

type handler struct{ a *Adapter }

var _ http.Handler = handler{}

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := h.a
	var serve func(http.ResponseWriter, []byte)
	switch r.URL.Path {
	case "/slack/events":
		serve = a.serveEvent
	case "/slack/commands":
		serve = a.serveCommand
	case "/slack/interactions":
		serve = a.serveInteraction
	default:
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request", http.StatusBadRequest)
		return
	}
	if err := a.verify(r.Header, body); err != nil {
		// Anyone can send these, as fast as they like: count them, and
		// log the count once a minute.
		a.metrics.Rejected(platform, "signature")
		a.rejected.Add(err.Error())
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	serve(w, body)
}

var (
	errNoSecret    = errors.New("no signing secret configured")
	errNoSignature = errors.New("missing signature or timestamp")
	errStale       = errors.New("timestamp too far from now")
	errSignature   = errors.New("signature does not match")
)

// verify checks Slack's v0 signature of a request: an HMAC-SHA256, keyed
// with the signing secret, of "v0:" + timestamp + ":" + raw body. It does
// not use slack.NewSecretsVerifier, which reads time.Now and so cannot be
// tested with a clock.
func (a *Adapter) verify(h http.Header, body []byte) error {
	if len(a.secret) == 0 {
		return errNoSecret
	}
	ts, sig := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if ts == "" || sig == "" {
		return errNoSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errNoSignature
	}
	if d := a.now().Sub(time.Unix(secs, 0)); d > maxSkew || d < -maxSkew {
		return errStale
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, "v0="))
	if err != nil || !strings.HasPrefix(sig, "v0=") {
		return errSignature
	}
	mac := hmac.New(sha256.New, a.secret)
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return errSignature
	}
	return nil
}

// serveEvent handles an Events API request.
func (a *Adapter) serveEvent(w http.ResponseWriter, body []byte) {
	var cb eventCallback
	if err := json.Unmarshal(body, &cb); err != nil {
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	switch cb.Type {
	case "url_verification":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, cb.Challenge)
		return
	case "app_rate_limited":
		a.log.Warn("Slack is dropping events: the app is over its event rate limit")
	case "event_callback":
		if t, ok := a.eventTask(cb); ok {
			a.accept(w, t)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// serveCommand handles a slash command request.
func (a *Adapter) serveCommand(w http.ResponseWriter, body []byte) {
	r, err := http.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	cmd, err := slackgo.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	// Slack checks the URL's certificate now and then with ssl_check=1 and
	// no command.
	if r.PostForm.Get("ssl_check") == "1" || cmd.ChannelID == "" || cmd.UserID == "" {
		w.WriteHeader(http.StatusOK)
		return
	}
	// An empty 200 shows the asker nothing; the answer follows through the
	// response URL.
	a.accept(w, a.commandTask(cmd))
}

// serveInteraction handles an interactivity request.
func (a *Adapter) serveInteraction(w http.ResponseWriter, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	var ic slackgo.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &ic); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if t, ok := a.interactionTask(ic); ok {
		a.accept(w, t)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// accept queues t and acknowledges the request: 200, also for a repeat,
// so Slack stops retrying; 503 when the queue is full or Parley is
// shutting down, so that Slack delivers the event again later.
func (a *Adapter) accept(w http.ResponseWriter, t task) {
	switch err := a.take(t); {
	case err == nil, errors.Is(err, errRepeat):
		w.WriteHeader(http.StatusOK)
	case errors.Is(err, delivery.ErrFull):
		w.Header().Set("Retry-After", "10")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	default:
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
	}
}
