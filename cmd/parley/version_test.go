package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	code, out, _ := parley(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "parley ") || !strings.Contains(out, " go1.") {
		t.Errorf("parley version: exit %d, %q", code, out)
	}
	if code, _, _ := parley(t, "", "version", "extra"); code != 2 {
		t.Errorf("parley version extra: exit %d; want 2", code)
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	if got, want := versionLine(info), "parley v1.2.0 (1a2b3c4d5e6f, 2026-12-01T10:00:00Z, modified) go1.26.0"; got != want {
		t.Errorf("versionLine = %q; want %q", got, want)
	}
	info = &debug.BuildInfo{GoVersion: "go1.26.0"}
	if got, want := versionLine(info), "parley (devel) (no VCS revision) go1.26.0"; got != want {
		t.Errorf("versionLine = %q; want %q", got, want)
	}
}
