package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// InteractionsPath is where Handler serves Discord's interactions; set the
// application's Interactions Endpoint URL to it.
const InteractionsPath = "/discord/interactions"

// Handler returns the handler for Discord's HTTP interactions endpoint,
// POST /discord/interactions. It verifies each request's Ed25519
// signature against Config.PublicKey and rejects stale timestamps and
// oversized bodies before any work; an /ask is acknowledged in the
// response and its answer edited in through the REST API, which needs no
// bot token. Without a public key it serves 404s.
func (a *Adapter) Handler() http.Handler {
	return http.HandlerFunc(a.serveHTTP)
}

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	received := a.now()
	if r.URL.Path != InteractionsPath || a.key == nil {
		http.NotFound(w, r)
		return
	}
	body, ok := a.readSigned(w, r, received)
	if !ok {
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil {
		a.log.Warn("unreadable interaction", "err", err)
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	log := a.log.With("guild", in.GuildID, "channel", in.ChannelID, "interaction", in.ID)
	resp, k := a.handle(&in, log, received)
	if resp == nil {
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
		return
	}
	out, err := json.Marshal(resp)
	if err != nil {
		if k != nil {
			k.ticket.Cancel()
		}
		log.Error("encode the response", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(out)
	if k == nil {
		return
	}
	// The edit must not reach Discord before the response it edits.
	http.NewResponseController(w).Flush()
	k.ticket.Submit(a.job(k))
}

// readSigned reads a POST's body and checks its signature, answering the
// request itself when either fails.
func (a *Adapter) readSigned(w http.ResponseWriter, r *http.Request, received time.Time) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return nil, false
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	if !a.verify(r.Header, body, received) {
		// Anyone can send these, as fast as they like: count them, and
		// log the count once a minute.
		a.metrics.Rejected(platform, "signature")
		a.rejected.Add("bad or stale signature")
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// verify checks a request's signature: X-Signature-Ed25519 is the hex
// Ed25519 signature, by the application's key, of X-Signature-Timestamp
// followed by the body. The timestamp must be within maxAge of now.
func (a *Adapter) verify(h http.Header, body []byte, now time.Time) bool {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	ts := h.Get("X-Signature-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if age := now.Sub(time.Unix(secs, 0)); age > maxAge || age < -maxAge {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	return ed25519.Verify(a.key, msg, sig)
}
