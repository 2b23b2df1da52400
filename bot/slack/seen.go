package slack

import "time"

// seen remembers recent deliveries by key (an event ID, a Socket Mode
// envelope ID, a channel and message timestamp) so that one Slack repeats
// is answered once. It forgets a key after ttl, and the oldest keys first
// when it holds max. It is not safe for concurrent use.
type seen struct {
	ttl  time.Duration
	max  int
	at   map[string]time.Time
	fifo []seenKey // in the order added, which is the order of time
}

type seenKey struct {
	key string
	at  time.Time
}

func newSeen(ttl time.Duration, max int) *seen {
	return &seen{ttl: ttl, max: max, at: map[string]time.Time{}}
}

// contains reports whether any of keys was added less than ttl before
// now.
func (s *seen) contains(keys []string, now time.Time) bool {
	for _, k := range keys {
		if t, ok := s.at[k]; k != "" && ok && now.Sub(t) < s.ttl {
			return true
		}
	}
	return false
}

// add reports whether any of keys was added less than ttl before now; if
// none was, it adds them all. Empty keys are ignored.
func (s *seen) add(keys []string, now time.Time) (repeat bool) {
	s.prune(now)
	for _, k := range keys {
		if t, ok := s.at[k]; k != "" && ok && now.Sub(t) < s.ttl {
			repeat = true
		}
	}
	// A repeat's other keys are remembered too: an app_mention and the
	// message event for the same post have different event IDs.
	for _, k := range keys {
		if k == "" {
			continue
		}
		if t, ok := s.at[k]; ok && now.Sub(t) < s.ttl {
			continue
		}
		s.at[k] = now
		s.fifo = append(s.fifo, seenKey{k, now})
	}
	for len(s.at) > s.max {
		s.drop()
	}
	return repeat
}

// prune forgets the keys older than ttl.
func (s *seen) prune(now time.Time) {
	for len(s.fifo) > 0 && now.Sub(s.fifo[0].at) >= s.ttl {
		s.drop()
	}
}

// drop forgets the oldest key.
func (s *seen) drop() {
	e := s.fifo[0]
	s.fifo = s.fifo[1:]
	// A key added again after it expired has a newer entry further on.
	if t, ok := s.at[e.key]; ok && t.Equal(e.at) {
		delete(s.at, e.key)
	}
}

// size returns how many keys are remembered.
func (s *seen) size() int { return len(s.at) }
