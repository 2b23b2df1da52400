package discord

import (
	"crypto/rand"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-newsroom/parley/bot"
)

// The bounds on answers kept for the buttons under them. A reader may
// vote on an answer the day after; a button on an answer forgotten (or
// given before a restart) is answered with bot.Expired.
const (
	pagesTTL = 24 * time.Hour
	pagesMax = 5000
)

// The prefixes of the buttons' custom_ids: "More sources", "Copy
// citation", 👍 and 👎.
const (
	morePrefix = "more:"
	copyPrefix = "copy:"
	upPrefix   = "up:"
	downPrefix = "down:"
)

// pages keeps the answers whose buttons may still be pressed, keyed by an
// opaque random id. Entries expire after ttl, and the
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

// stored is an answer kept for the buttons under it.
type stored struct {
	answer  bot.Answer
	expires time.Time
	voters  map[string]bool // who has voted on it
}

func newPages(ttl time.Duration, max int, now func() time.Time) *pages {
	return &pages{ttl: ttl, max: max, now: now, byID: map[string]stored{}}
}

// put keeps a and returns its id.
func (s *pages) put(a bot.Answer) string {
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
	s.byID[id] = stored{answer: a, expires: now.Add(s.ttl), voters: map[string]bool{}}
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

// vote counts user's vote on the answer under id, and reports whether it
// is user's first on it; ok is false when the answer is unknown or
// expired.
func (s *pages) vote(id, user string) (e stored, first, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok = s.byID[id]
	if !ok || !s.now().Before(e.expires) {
		return stored{}, false, false
	}
	first = !e.voters[user]
	e.voters[user] = true
	return e, first, true
}

// pressID is the custom_id of a "Copy citation", 👍 or 👎 button (prefix
// says which) under the page of stored answer id that shows n passages
// from index from.
func pressID(prefix, id string, from, n int) string {
	return prefix + id + ":" + strconv.Itoa(from) + ":" + strconv.Itoa(n)
}

// parsePress reads a custom_id made by pressID.
func parsePress(customID string) (prefix, id string, from, n int, ok bool) {
	for _, p := range []string{copyPrefix, upPrefix, downPrefix} {
		rest, found := strings.CutPrefix(customID, p)
		if !found {
			continue
		}
		parts := strings.Split(rest, ":")
		if len(parts) != 3 || parts[0] == "" {
			return "", "", 0, 0, false
		}
		from, err1 := strconv.Atoi(parts[1])
		n, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || from < 0 || n < 0 || n > perPage || from+n > bot.MaxPassages {
			return "", "", 0, 0, false
		}
		return p, parts[0], from, n, true
	}
	return "", "", 0, 0, false
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
