package discord

import (
	"crypto/rand"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-newsroom/parley/bot"
)

// The bounds on answers kept for their "More sources" button.
const (
	pagesTTL = time.Hour
	pagesMax = 1000
)

// morePrefix starts the custom_id of every "More sources" button.
const morePrefix = "more:"

// pages keeps the answers whose "More sources" button may still be
// pressed, keyed by an opaque random id. Entries expire after ttl, and the
// oldest give way when max are kept, so memory stays bounded however many
// questions are asked.
type pages struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	byID  map[string]stored
	order []string // ids, oldest first; all share one ttl, so also by expiry
}

// stored is an answer kept for its "More sources" button.
type stored struct {
	answer  bot.Answer
	private bool // whether the answer was visible only to the asker
	expires time.Time
}

func newPages(ttl time.Duration, max int, now func() time.Time) *pages {
	return &pages{ttl: ttl, max: max, now: now, byID: map[string]stored{}}
}

// put keeps a and returns its id.
func (s *pages) put(a bot.Answer, private bool) string {
	// Only the quotes and citations are shown again.
	a.Quotes = append([]bot.Quote(nil), a.Quotes...)
	for i := range a.Quotes {
		a.Quotes[i].Passage = ""
	}
	id := rand.Text()
	now := s.now()

	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 && (len(s.order) >= s.max || !now.Before(s.byID[s.order[0]].expires)) {
		delete(s.byID, s.order[0])
		s.order = s.order[1:]
	}
	s.byID[id] = stored{answer: a, private: private, expires: now.Add(s.ttl)}
	s.order = append(s.order, id)
	return id
}

// get returns the answer kept under id, unless it is unknown or expired.
func (s *pages) get(id string) (stored, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok || !s.now().Before(e.expires) {
		return stored{}, false
	}
	return e, true
}

// moreID is the custom_id of a "More sources" button that shows the
// passages of stored answer id from index from.
func moreID(id string, from int) string {
	return morePrefix + id + ":" + strconv.Itoa(from)
}

// parseMore reads a custom_id made by moreID.
func parseMore(customID string) (id string, from int, ok bool) {
	rest, ok := strings.CutPrefix(customID, morePrefix)
	if !ok {
		return "", 0, false
	}
	id, n, ok := strings.Cut(rest, ":")
	if !ok || id == "" {
		return "", 0, false
	}
	from, err := strconv.Atoi(n)
	if err != nil || from < 1 || from >= bot.MaxPassages {
		return "", 0, false
	}
	return id, from, true
}
