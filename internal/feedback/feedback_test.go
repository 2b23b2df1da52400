package feedback

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Appends from many goroutines each land as one whole line.
func TestAppendConcurrent(t *testing.T) {
	l, err := Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			r := Record{Time: time.Unix(int64(i), 0), Kind: Vote, Platform: "slack", User: "U1", Question: fmt.Sprintf("q%d %s", i, strings.Repeat("x", 500))}
			if err := l.Append(r); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	recs, bad, err := ReadFile(filepath.Dir(l.Path()))
	if err != nil || bad != 0 || len(recs) != 50 {
		t.Fatalf("ReadFile = %d records, %d bad, %v; want 50, 0", len(recs), bad, err)
	}
	info, _ := os.Stat(l.Path())
	if info.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v; want 0600", info.Mode().Perm())
	}
}

// A line cut short by an earlier process (a crash, a full disk) costs
// only itself: the next record starts on a line of its own.
func TestAppendAfterACutLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(dir, 0o700)
	cut := `{"time":"2026-06-24T00:00:00Z","kind":"vote","platform":"discord","question":"a"}` + "\n" + `{"time":"2026-06-24T00:00:00Z","kind":"vo`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(cut), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"b", "c"} {
		if err := l.Append(Record{Time: time.Unix(0, 0), Kind: NotCovered, Platform: "terminal", Question: q}); err != nil {
			t.Fatal(err)
		}
	}
	recs, bad, err := ReadFile(dir)
	var got []string
	for _, r := range recs {
		got = append(got, r.Question)
	}
	if err != nil || bad != 1 || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ReadFile = %q, %d bad, %v; want a, b, c and the cut line bad", got, bad, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	if strings.Count(string(data), "\n\n") != 0 {
		t.Errorf("blank lines in the log:\n%s", data)
	}
}

func TestReadSkipsBrokenLines(t *testing.T) {
	in := `{"time":"2026-06-24T00:00:00Z","kind":"vote","platform":"discord","question":"a"}
{"time":"2026-06-24T00:00:00Z","kind":"vo
not json
{"time":"2026-06-24T00:00:00Z","kind":"not_covered","platform":"terminal","question":"b"}
`
	recs, bad, err := Read(strings.NewReader(in))
	if err != nil || len(recs) != 2 || bad != 2 {
		t.Errorf("Read = %d records, %d bad, %v; want 2, 2", len(recs), bad, err)
	}
}

func TestGaps(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 6, 24, h, 0, 0, 0, time.UTC) }
	recs := []Record{
		{Time: at(1), Kind: NotCovered, Question: "Who leads the US team?", Note: "The coverage doesn't say who leads the US team."},
		{Time: at(2), Kind: Vote, Question: "who leads the US team", Up: false},
		{Time: at(3), Kind: Vote, Question: "What did Trump warn?", Up: true},
		{Time: at(4), Kind: Vote, Question: "What did Trump warn?", Up: false},
		{Time: at(5), Kind: NotCovered, Question: "Japan's view?", Note: "The coverage doesn't mention Japan."},
	}
	want := []Gap{
		{Question: "Who leads the US team?", Count: 2, Down: 1, NotCovered: 1, Note: "The coverage doesn't say who leads the US team.", Last: at(2)},
		{Question: "Japan's view?", Count: 1, NotCovered: 1, Note: "The coverage doesn't mention Japan.", Last: at(5)},
		{Question: "What did Trump warn?", Count: 1, Down: 1, Last: at(4)},
	}
	if diff := cmp.Diff(want, Gaps(recs)); diff != "" {
		t.Errorf("Gaps (-want +got):\n%s", diff)
	}
}
