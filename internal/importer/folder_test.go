package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// article returns the article converted from text, read as the file name.
func article(t *testing.T, c *Converter, name, text string) *Article {
	t.Helper()
	a, err := c.Convert(name, []byte(text), Defaults{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFolderAdd(t *testing.T) {
	c, p := newConverter(t)
	dir := t.TempDir()
	// A file the parser rejects still holds its slug.
	if err := os.WriteFile(filepath.Join(dir, "talks-resume-2.md"), []byte("not an article"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFolder(dir, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("testdata/og.html")
	if err != nil {
		t.Fatal(err)
	}
	og := article(t, c, "og.html", string(page))
	edited := article(t, c, "og-edited.html", strings.Replace(string(page), "did not immediately respond", "declined to comment", 1))
	steps := []struct {
		what string
		a    *Article
		want Result
	}{
		{"new article", article(t, c, "a.txt", "Talks resume\n\nThe talks resumed in Muscat.\n"),
			Result{Path: filepath.Join(dir, "talks-resume.md")}},
		{"same text again", article(t, c, "b.txt", "Talks resume\n\nThe talks resumed in Muscat.\n"),
			Result{Path: filepath.Join(dir, "talks-resume.md"), Unchanged: true, Reason: "same text"}},
		{"same text, other headline", article(t, c, "c.txt", "Talks Resume in Oman\n\nThe talks resumed in Muscat.\n"),
			Result{Path: filepath.Join(dir, "talks-resume.md"), Unchanged: true, Reason: "same text"}},
		{"same slug, other article", article(t, c, "d.txt", "Talks resume\n\nThe talks resumed in Geneva.\n"),
			Result{Path: filepath.Join(dir, "talks-resume-3.md")}},
		{"page", og, Result{Path: filepath.Join(dir, og.Slug+".md")}},
		{"same URL, edited text", edited, Result{Path: filepath.Join(dir, og.Slug+".md"), Unchanged: true, Reason: "same URL"}},
	}
	for _, s := range steps {
		got, err := f.Add(s.a)
		if err != nil {
			t.Fatalf("%s: %v", s.what, err)
		}
		if diff := cmp.Diff(s.want, got); diff != "" {
			t.Errorf("%s: Add (-want +got):\n%s", s.what, diff)
		}
	}
	want := []string{og.Slug + ".md", "talks-resume-2.md", "talks-resume-3.md", "talks-resume.md"}
	slices.Sort(want)
	if diff := cmp.Diff(want, fileNames(t, dir)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	// A folder opened afterwards knows what the first one wrote.
	again, err := OpenFolder(dir, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := again.Add(og); err != nil || !got.Unchanged {
		t.Errorf("Add(og) to the reopened folder = %+v, %v; want unchanged", got, err)
	}
}

// fileNames returns the names of the files in dir, sorted.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := writeAtomic(path, []byte("data")); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(filepath.Join(dir, "missing", "b.md"), []byte("data")); err == nil {
		t.Error("writeAtomic into a missing folder succeeded")
	}
	if names := fileNames(t, dir); len(names) != 1 || names[0] != "a.md" {
		t.Errorf("folder holds %q; want a.md alone, no temporary files", names)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("a.md: %v, %v; want mode 0644", st.Mode(), err)
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.html", "a.txt", "notes.pdf", "aliases.txt", ".hidden.md",
		"sub/c.md", "sub/d.htm", "Saved Page_files/frame.html", ".git/e.md",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, errs := Inputs([]string{dir, filepath.Join(dir, "notes.pdf"), filepath.Join(dir, "missing.html")})
	for i := range files {
		files[i], _ = filepath.Rel(dir, files[i])
	}
	want := []string{"a.txt", "b.html", "sub/c.md", "sub/d.htm", "notes.pdf"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("Inputs files (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.html") {
		t.Errorf("Inputs errors = %v; want one naming missing.html", errs)
	}
}
