package delivery

import (
	"sync"
	"time"
)

// globalRoute holds back every route.
const globalRoute = "*"

// maxRoutes bounds the routes remembered; expired holds are forgotten
// once there are more.
const maxRoutes = 4096

// routes remembers, per rate-limit route, until when the platform asked
// Parley to wait. It is safe for concurrent use.
type routes struct {
	mu    sync.Mutex
	holds map[string]time.Time
}

func newRoutes() *routes { return &routes{holds: map[string]time.Time{}} }

// hold holds route back until t, or longer if it already is; now is the
// time, for forgetting holds that have passed.
func (r *routes) hold(route string, t, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.holds) >= maxRoutes {
		for k, u := range r.holds {
			if u.Before(now) {
				delete(r.holds, k)
			}
		}
	}
	if t.After(r.holds[route]) {
		r.holds[route] = t
	}
}

// until returns when route may be called again: the later of its own
// hold and the global one.
func (r *routes) until(route string) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, g := r.holds[route], r.holds[globalRoute]
	if g.After(u) {
		return g
	}
	return u
}
