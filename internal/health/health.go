// Package health answers the operator's two questions: is Parley alive
// (GET /healthz) and is it ready to answer (GET /readyz: the corpus
// indexed, each configured platform connected). Readiness is a list of
// named checks, each asked when /readyz is; the answer names what is not
// ready and why.
package health

import (
	"encoding/json"
	"net/http"
	"sync"
)

// A Check reports nil when its part of Parley is ready, or why it is not.
type Check func() error

// Checks are the readiness checks. They are safe for concurrent use.
type Checks struct {
	clean func(string) string // keeps secrets out of the reasons

	mu     sync.Mutex
	names  []string
	checks map[string]Check
}

// New returns no checks yet. clean rewrites each reason before it is
// shown (a redactor's String); nil shows them as they are.
func New(clean func(string) string) *Checks {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	return &Checks{clean: clean, checks: map[string]Check{}}
}

// Add adds (or replaces) the check called name.
func (c *Checks) Add(name string, check Check) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.checks[name]; !ok {
		c.names = append(c.names, name)
	}
	c.checks[name] = check
}

// Status runs the checks and returns what is not ready, by name; it is
// empty when Parley is ready.
func (c *Checks) Status() map[string]string {
	c.mu.Lock()
	names := append([]string(nil), c.names...)
	checks := make([]Check, len(names))
	for i, n := range names {
		checks[i] = c.checks[n]
	}
	c.mu.Unlock()
	out := map[string]string{}
	for i, check := range checks {
		if err := check(); err != nil {
			out[names[i]] = c.clean(err.Error())
		}
	}
	return out
}

// readiness is /readyz's answer.
type readiness struct {
	Ready    bool              `json:"ready"`
	NotReady map[string]string `json:"not_ready,omitempty"`
}

// ReadyHandler serves /readyz: 200 and {"ready":true} when every check
// passes, else 503 and {"ready":false,"not_ready":{"slack":"…"}}.
func (c *Checks) ReadyHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		not := c.Status()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if len(not) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(readiness{Ready: len(not) == 0, NotReady: not})
	})
}

// LiveHandler serves /healthz: 200 and "ok" while the process serves
// HTTP at all.
func LiveHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte("ok\n"))
	})
}
