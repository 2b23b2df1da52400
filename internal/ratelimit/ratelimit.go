// Package ratelimit bounds how many questions one person may ask a
// minute, so that one runaway script cannot take every answerer from the
// newsroom. Each person has a token bucket (golang.org/x/time/rate) that
// holds a minute's questions and refills at the same pace.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxTracked bounds the people tracked at once; past it, the ones idle
// longest are forgotten (a forgotten person starts with a full bucket).
const maxTracked = 50000

// Limiter allows each key (a platform and a user ID) perMinute questions a
// minute, in bursts of up to perMinute. A nil *Limiter allows everything.
// It is safe for concurrent use.
type Limiter struct {
	perMinute int
	now       func() time.Time

	mu    sync.Mutex
	users map[string]*user
}

type user struct {
	bucket *rate.Limiter
	seen   time.Time
}

// New returns a Limiter of perMinute questions a minute, reading the time
// from now (time.Now when nil). It returns nil, no limit, when perMinute
// is 0 or less.
func New(perMinute int, now func() time.Time) *Limiter {
	if perMinute <= 0 {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{perMinute: perMinute, now: now, users: map[string]*user{}}
}

// Allow reports whether key may ask a question now, and counts it if so.
func (l *Limiter) Allow(key string) bool {
	if l == nil {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	u, ok := l.users[key]
	if !ok {
		if len(l.users) >= maxTracked {
			l.forget(now)
		}
		u = &user{bucket: rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.perMinute)}
		l.users[key] = u
	}
	u.seen = now
	return u.bucket.AllowN(now, 1)
}

// forget drops the people whose bucket has refilled (idle a minute or
// more); if none has, it drops them all, the safe way to bound memory.
func (l *Limiter) forget(now time.Time) {
	for k, u := range l.users {
		if now.Sub(u.seen) >= time.Minute {
			delete(l.users, k)
		}
	}
	if len(l.users) >= maxTracked {
		clear(l.users)
	}
}
