package derive

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
)

func TestNoWordNet(t *testing.T) {
	_, err := Build(t.TempDir(), &corpus.Corpus{})
	if !errors.Is(err, ErrNoWordNet) {
		t.Errorf("Build(empty folder) = %v; want ErrNoWordNet", err)
	}
}

// TestBuildMatchesFiles rebuilds the tables and compares them with the
// lexicon's: they differ when the generator changed and nobody ran go
// generate, or when WordNet's files are not Debian's 3.0.
func TestBuildMatchesFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of WordNet")
	}
	if _, err := os.Stat(filepath.Join(DefaultDir, "data.noun")); err != nil {
		t.Skipf("no WordNet: %v", err)
	}
	c, err := corpus.Load(parley.Corpus())
	if err != nil {
		t.Fatal(err)
	}
	f, err := Build(DefaultDir, c)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{WordsFile: f.Words, RelatedFile: f.Related} {
		want, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("Build gives a different %s than the lexicon's: run go generate ./internal/lexicon", name)
		}
	}
}

func TestForm(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"armed_forces", "armed forces"}, {"out_of_reach(p)", "out of reach"},
		{"galore(ip)", "galore"}, {"Japan", "Japan"}, {"go-between", "go-between"},
	} {
		if got := form(tt.word); got != tt.want {
			t.Errorf("form(%q) = %q; want %q", tt.word, got, tt.want)
		}
	}
}

func TestClassColumn(t *testing.T) {
	for _, tt := range []struct {
		classes, first uint8
		want           string
	}{
		{0, 0, "-"}, {0b00001, 0b00001, "P"}, {0b00110, 0b00010, "Lg"},
		{0b11111, 0b10100, "plGtQ"},
	} {
		if got := classColumn(tt.classes, tt.first); got != tt.want {
			t.Errorf("classColumn(%05b, %05b) = %q; want %q", tt.classes, tt.first, got, tt.want)
		}
	}
}

func TestReadTagCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cntlist.rev")
	text := "still%1:06:01:: 1 2\nstill%2:30:00:: 2 1\nstill%4:02:01:: 1 233\n" +
		"still%5:00:00:calm:00 3 3\nstill%3:00:03:: 4 2\nsee_red%2:37:00:: 1 1\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readTagCounts(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"nstill": 2, "vstill": 1, "rstill": 233, "astill": 5, "vsee red": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readTagCounts (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"still%1:06:01:: 1\n", "still 1 2\n", "%1:06:01:: 1 2\n", "still%6:06:01:: 1 2\n",
		"still%1:06:01:: 1 0\n", "still%1:06:01:: 1 -2\n", "still%1:06:01:: x 2\n"} {
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readTagCounts(path); err == nil {
			t.Errorf("readTagCounts(%q) = nil error; want one", bad)
		}
	}
}
