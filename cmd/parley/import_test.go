package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pages are the importer's saved pages and text, shaped like real ones.
const pages = "../../internal/importer/testdata"

func TestImport(t *testing.T) {
	dir := t.TempDir()
	args := []string{"import", "--corpus", dir, "--outlet", "Muscat Wire", "--published", "2026-06",
		pages + "/jsonld.html", pages + "/og.html", pages + "/chrome.html", pages + "/binary.html", pages + "/roadmap.txt"}
	code, out, errOut := parley(t, "", args...)
	if code != 1 {
		t.Errorf("parley import: exit %d; want 1, as one file failed", code)
	}
	golden(t, "import", strings.ReplaceAll(out+errOut, dir, "CORPUS"))

	// Importing the same files again changes nothing.
	code, out, errOut = parley(t, "", args...)
	if code != 1 {
		t.Errorf("parley import again: exit %d; want 1", code)
	}
	golden(t, "import_again", strings.ReplaceAll(out+errOut, dir, "CORPUS"))

	// The folder is a corpus Parley answers from.
	code, out, errOut = parley(t, "", "sources", "--corpus", dir)
	if code != 0 {
		t.Fatalf("parley sources on the imported folder: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Meridian Post", "Gulf Ledger", "The Caspian Review", "Muscat Wire", "2026-06"} {
		if !strings.Contains(out, want) {
			t.Errorf("parley sources does not list %q:\n%s", want, out)
		}
	}
}

func TestImportFolderSetting(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PARLEY_CORPUS", dir)
	code, _, errOut := parley(t, "", "import", pages+"/og.html")
	if code != 0 {
		t.Fatalf("parley import: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "rome-hosts-fifth-round-of-nuclear-talks-as-iran-floats.md")); err != nil {
		t.Errorf("PARLEY_CORPUS=%s: %v", dir, err)
	}
}

func TestImportUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import"}, "import needs a file or folder to import"},
		{[]string{"import", "--published", "June 2026", "x.txt"}, `--published: date "June 2026" is not YYYY-MM-DD, YYYY-MM or YYYY`},
	}
	for _, tt := range tests {
		code, _, errOut := parley(t, "", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("parley %q: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
