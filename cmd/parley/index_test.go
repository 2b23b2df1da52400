package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// parley index builds the index once, then finds it up to date, then
// re-indexes only the article whose file changed; ask answers from it.
func TestIndex(t *testing.T) {
	t.Setenv("PARLEY_DATA", t.TempDir())
	dir := t.TempDir()
	for _, name := range []string{"one.md", "two.md"} {
		os.WriteFile(filepath.Join(dir, name), []byte("---\ntitle: Article "+name+"\n---\n\nThe envoys met in Muscat on Monday.\n"), 0o644)
	}
	steps := []struct {
		change func()
		want   string
	}{
		{func() {}, "2 articles, 2 passages, built"},
		{func() {}, "2 articles, 2 passages, up to date"},
		{func() {
			os.WriteFile(filepath.Join(dir, "two.md"), []byte("---\ntitle: Two\n---\n\nThe envoys met in Geneva on Friday.\n\nThey agreed to meet again.\n"), 0o644)
		}, "2 articles, 3 passages, updated: 0 added, 1 changed, 0 removed, 1 unchanged"},
		{func() { os.Remove(filepath.Join(dir, "one.md")) }, "1 article, 2 passages, updated: 0 added, 0 changed, 1 removed, 1 unchanged"},
	}
	for i, s := range steps {
		s.change()
		code, out, errOut := parley(t, "", "index", "--corpus", dir)
		if code != 0 || !strings.Contains(out, s.want) || !regexp.MustCompile(`in \d+\.\d\d s\n$`).MatchString(out) {
			t.Errorf("step %d: exit %d, %q, %q; want %q", i, code, out, errOut, s.want)
		}
	}
	code, out, _ := parley(t, "", "ask", "--corpus", dir, "Where did the envoys meet on Friday?")
	if code != 0 || !strings.Contains(out, "Geneva on Friday") || strings.Contains(out, "Muscat") {
		t.Errorf("ask after index: exit %d, %q", code, out)
	}
}

func TestIndexNeedsAFolder(t *testing.T) {
	t.Setenv("PARLEY_DATA", filepath.Join("testdata", "questions.jsonl", "below-a-file"))
	code, _, errOut := parley(t, "", "index")
	if code != 1 || !strings.Contains(errOut, "cannot write the index") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// ask still answers, from an index in memory.
	if code, out, _ := parley(t, "", "ask", "When did the first round conclude?"); code != 0 || !strings.Contains(out, ">") {
		t.Errorf("ask without a writable data folder: exit %d, %q", code, out)
	}
}
