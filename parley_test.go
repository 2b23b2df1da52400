package parley_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// newArticle is a valid article an editor might add: front matter, a lead,
// headings, a list and a table.
const newArticle = `---
title: "European Capitals Weigh In on the US-Iran Roadmap"
outlet: Newsroom Wire
published: 2026-06-25
---

European governments gave the US-Iran roadmap a guarded welcome on Wednesday, saying that its value would be judged by the verification steps that follow.

## What European officials said

Officials in Berlin, Paris and London said they were ready to support the monitoring arrangements, and stressed that any easing of sanctions had to follow verified steps.

- Support for inspections: the three governments offered technical staff to the monitoring effort.
- Sanctions: European relief would follow, not precede, verified compliance.

| Capital | Position |
|---|---|
| Berlin | Supports phased relief |
| Paris | Wants stricter verification |
`

// TestNewArticleKeepsSuiteGreen proves the README's promise to editors: a
// valid article dropped into corpus/ leaves go test ./... green once the
// files pinned to the built-in corpus are refreshed with -update (the
// corpus goldens, and the lexicon's related words, which need WordNet).
// It runs the suite on a copy of the repository with one article more.
func TestNewArticleKeepsSuiteGreen(t *testing.T) {
	switch {
	case os.Getenv("PARLEY_INNER_SUITE") != "":
		t.Skip("already inside the copy")
	case testing.Short():
		t.Skip("runs the whole suite on a copy of the repository")
	}
	if _, err := os.Stat("/usr/share/wordnet/data.noun"); err != nil {
		if os.Getenv("PARLEY_REQUIRE_SHARED") != "" {
			t.Fatal("WordNet is missing (Debian: apt-get install wordnet-base); .ci/run installs it")
		}
		t.Skip("WordNet is missing: the lexicon cannot be refreshed for the new article")
	}
	dir := copyRepository(t)
	if err := os.WriteFile(filepath.Join(dir, "corpus", "european-capitals.md"), []byte(newArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	gotool := filepath.Join(runtime.GOROOT(), "bin", "go")
	env := append(os.Environ(), "PARLEY_INNER_SUITE=1")
	for _, args := range [][]string{
		{"test", "./internal/corpus", "-run", "TestGolden", "-update"},
		{"test", "./internal/lexicon", "-run", "TestFresh", "-update"},
		{"test", "./..."},
	} {
		cmd := exec.Command(gotool, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s in a copy with a new article: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// copyRepository copies the repository, without .git, into a temporary
// folder beside a link to ../shared, and returns the copy's path.
func copyRepository(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "main")
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, path), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if shared, err := filepath.Abs("../shared"); err == nil {
		if _, err := os.Stat(shared); err == nil {
			if err := os.Symlink(shared, filepath.Join(root, "shared")); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}
