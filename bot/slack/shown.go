package slack

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/parley-newsroom/parley/bot"
)

// The bounds on the answers remembered for the buttons under them. A
// reader may vote on an answer the day after; an answer forgotten (or
// asked before a restart) answers its buttons with bot.Expired.
const (
	shownTTL = 24 * time.Hour
	shownMax = 5000
)

// shownAnswer is an answer as Parley showed it, kept for its buttons.
type shownAnswer struct {
	question string
	answered bool        // the answer's verdict
	note     string      // why the coverage did not answer
	quotes   []bot.Quote // the quotes shown, passages left out
	// commandURL is the response URL of the /talks command a private
	// answer replied to, which "Share in channel" posts through.
	commandURL string
	// share is the private answer as the channel sees it when shared:
	// what its asker saw, under the same ID, so that a vote counts once
	// per reader whichever copy it is cast on.
	share   *message
	arrived time.Time // when the command came; its URL lasts 30 minutes
	voters  map[string]bool
	expires time.Time
}

// shown remembers the answers Parley has shown, by an opaque random ID
// their buttons carry. Entries expire after ttl, and the oldest give way
// when max are kept, so memory stays bounded. It is safe for concurrent
// use.
type shown struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	byID  map[string]*shownAnswer
	order []string // IDs, oldest first; one ttl, so also by expiry
}

func newShown(ttl time.Duration, max int) *shown {
	return &shown{ttl: ttl, max: max, byID: map[string]*shownAnswer{}}
}

// newID returns a fresh ID for an answer to be shown.
func newID() string { return rand.Text() }

// put remembers e under id.
func (s *shown) put(id string, e shownAnswer, now time.Time) {
	e.quotes = append([]bot.Quote(nil), e.quotes...)
	for i := range e.quotes {
		e.quotes[i].Passage = ""
	}
	e.expires = now.Add(s.ttl)
	e.voters = map[string]bool{}
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 && (len(s.order) >= s.max || !now.Before(s.byID[s.order[0]].expires)) {
		delete(s.byID, s.order[0])
		s.order = s.order[1:]
	}
	s.byID[id] = &e
	s.order = append(s.order, id)
}

// get returns the answer remembered under id, unless it is unknown or
// expired.
func (s *shown) get(id string, now time.Time) (shownAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok || !now.Before(e.expires) {
		return shownAnswer{}, false
	}
	return *e, true
}

// vote counts user's vote on the answer under id, and reports whether it
// is user's first on it; ok is false when the answer is forgotten.
func (s *shown) vote(id, user string, now time.Time) (e shownAnswer, first, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.byID[id]
	if !ok || !now.Before(p.expires) {
		return shownAnswer{}, false, false
	}
	first = !p.voters[user]
	p.voters[user] = true
	return *p, first, true
}
