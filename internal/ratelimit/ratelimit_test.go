package ratelimit_test

import (
	"testing"
	"time"

	"github.com/parley-newsroom/parley/internal/ratelimit"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 6, 24, 12, 0, 0, 0, time.UTC)
	l := ratelimit.New(20, func() time.Time { return now })
	for i := range 20 {
		if !l.Allow("slack/U1") {
			t.Fatalf("question %d of the first 20 refused", i+1)
		}
	}
	if l.Allow("slack/U1") {
		t.Error("the 21st question within the minute was allowed")
	}
	if !l.Allow("slack/U2") || !l.Allow("discord/U1") {
		t.Error("one person's limit held back another")
	}
	now = now.Add(3 * time.Second) // one question's worth at 20 a minute
	if !l.Allow("slack/U1") {
		t.Error("not allowed again after 3 s")
	}
	if l.Allow("slack/U1") {
		t.Error("allowed twice after 3 s")
	}
	var off *ratelimit.Limiter = ratelimit.New(0, nil)
	for range 1000 {
		if !off.Allow("slack/U1") {
			t.Fatal("no limit refused a question")
		}
	}
}
