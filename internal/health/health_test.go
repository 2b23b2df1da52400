package health_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/internal/health"
)

func TestReady(t *testing.T) {
	c := health.New(func(s string) string { return strings.ReplaceAll(s, "SECRET", "[redacted]") })
	slack := errors.New("connecting to Slack: auth.test with SECRET: invalid_auth")
	c.Add("corpus", func() error { return nil })
	c.Add("slack", func() error { return slack })
	c.Add("discord", func() error { return nil })

	get := func() (int, string) {
		w := httptest.NewRecorder()
		c.ReadyHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return w.Code, strings.TrimSpace(w.Body.String())
	}
	code, body := get()
	if want := `{"ready":false,"not_ready":{"slack":"connecting to Slack: auth.test with [redacted]: invalid_auth"}}`; code != 503 || body != want {
		t.Errorf("GET /readyz = %d %s; want 503 %s", code, body, want)
	}
	slack = nil
	if code, body := get(); code != 200 || body != `{"ready":true}` {
		t.Errorf("GET /readyz = %d %s; want 200 {\"ready\":true}", code, body)
	}
	w := httptest.NewRecorder()
	health.LiveHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("GET /healthz = %d %q", w.Code, w.Body)
	}
}
