package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// runVersion prints parley's module version, the VCS revision it was
// built from, and the Go version, from the build information.
func runVersion(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(stdout, "parley: no build information (built without module support)")
		return nil
	}
	fmt.Fprintln(stdout, versionLine(info))
	return nil
}

// versionLine describes a build: "parley v1.2.0 (1a2b3c4d5e6f,
// 2026-12-01T10:00:00Z, modified) go1.26.0", or "(no VCS revision)" for a
// build without VCS information (go build -buildvcs=false).
func versionLine(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var vcs []string
	var revision string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
			if len(revision) > 12 {
				revision = revision[:12]
			}
		case "vcs.time":
			vcs = append(vcs, s.Value)
		case "vcs.modified":
			if s.Value == "true" {
				vcs = append(vcs, "modified")
			}
		}
	}
	if revision == "" {
		revision = "no VCS revision"
	}
	vcs = append([]string{revision}, vcs...)
	return fmt.Sprintf("parley %s (%s) %s", version, strings.Join(vcs, ", "), info.GoVersion)
}
