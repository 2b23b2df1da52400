// Package feedback keeps what readers thought of Parley's answers, and
// the questions the coverage could not answer, in an append-only JSON
// Lines file, so that an editor can see what coverage or aliases to add
// (see Gaps). It stores no personal data beyond a platform's user id.
package feedback

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// FileName is the log's name in Parley's data folder.
const FileName = "feedback.jsonl"

// The kinds of record.
const (
	Vote       = "vote"        // a reader's 👍 or 👎 on an answer
	NotCovered = "not_covered" // a question the coverage did not answer
)

// Record is one line of the log.
type Record struct {
	Time     time.Time `json:"time"`
	Kind     string    `json:"kind"`
	Platform string    `json:"platform"`
	User     string    `json:"user,omitempty"` // the platform's user id
	Question string    `json:"question"`
	// Up is the reader's verdict on a Vote: true for 👍.
	Up bool `json:"up,omitempty"`
	// Passages are the IDs of the passages the answer showed.
	Passages []string `json:"passages,omitempty"`
	// Answered is Parley's verdict on the question: whether the coverage
	// answered it (false for NotCovered).
	Answered bool `json:"answered"`
	// Note is why the coverage did not answer: for NotCovered, and for a
	// Vote on such an answer.
	Note string `json:"note,omitempty"`
}

// Log appends records to a file. It is safe for concurrent use, and
// several processes may append to one file: each record is written with
// a single write to a file opened for appending.
type Log struct {
	path string
	mu   sync.Mutex
	// cut is set when the file may end in a line cut short (a full disk,
	// a crash): the next record starts on a line of its own.
	cut bool
}

// Open returns the log in the folder dir, creating the folder.
func Open(dir string) (*Log, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("feedback: %w", err)
	}
	l := &Log{path: filepath.Join(dir, FileName)}
	l.cut = endsCut(l.path)
	return l, nil
}

// endsCut reports whether the file at path ends without a line break.
func endsCut(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return false
	}
	last := make([]byte, 1)
	_, err = f.ReadAt(last, st.Size()-1)
	return err == nil && last[0] != '\n'
}

// Path returns the log's file.
func (l *Log) Path() string { return l.path }

// Append writes r as one line.
func (l *Log) Append(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cut {
		line = append([]byte{'\n'}, line...)
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
	n, werr := f.Write(line)
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		l.cut = l.cut && n == 0 || n > 0 && n < len(line)
		return fmt.Errorf("feedback: %w", werr)
	}
	l.cut = false
	return nil
}

// Read reads every record of a log. A line that is not a record (a write
// cut short by a crash) is skipped and counted.
func Read(r io.Reader) (records []Record, bad int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec Record
		if json.Unmarshal(sc.Bytes(), &rec) != nil || rec.Kind == "" {
			bad++
			continue
		}
		records = append(records, rec)
	}
	return records, bad, sc.Err()
}

// ReadFile reads the log in the folder dir; a missing log has no records.
func ReadFile(dir string) ([]Record, int, error) {
	f, err := os.Open(filepath.Join(dir, FileName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	return Read(f)
}

// Gap is a question readers found unanswered: 👎 votes on its answers and
// the times the coverage did not answer it.
type Gap struct {
	Question   string    `json:"question"`
	Count      int       `json:"count"` // Down + NotCovered
	Down       int       `json:"down"`
	NotCovered int       `json:"not_covered"`
	Note       string    `json:"note,omitempty"` // the latest reason given
	Last       time.Time `json:"last"`
}

// Gaps groups the 👎 votes and the questions not covered by question
// (ignoring case, spaces and end punctuation), most frequent first.
func Gaps(records []Record) []Gap {
	byKey := map[string]*Gap{}
	for _, r := range records {
		if r.Kind == Vote && r.Up || r.Kind != Vote && r.Kind != NotCovered {
			continue
		}
		key := strings.Trim(strings.Join(strings.Fields(strings.ToLower(r.Question)), " "), "?!. ")
		g := byKey[key]
		if g == nil {
			g = &Gap{Question: r.Question}
			byKey[key] = g
		}
		g.Count++
		if r.Kind == Vote {
			g.Down++
		} else {
			g.NotCovered++
			g.Note = r.Note
		}
		if r.Time.After(g.Last) {
			g.Last = r.Time
		}
	}
	out := make([]Gap, 0, len(byKey))
	for _, g := range byKey {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last), cmp.Compare(a.Question, b.Question))
	})
	return out
}
