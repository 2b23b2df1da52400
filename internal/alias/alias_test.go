package alias_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/internal/alias"
)

// words is a stand-in for the search analyser: lower case, split on
// anything that is not a letter or digit, dots inside acronyms dropped.
func words(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), ".", "")
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

const table = `# countries
US, U.S., United States, Washington

JCPOA, Joint Comprehensive Plan of Action, Iran nuclear deal
why => because, reason
Iran, Tehran
`

func TestFind(t *testing.T) {
	tb, err := alias.Parse(strings.NewReader(table), "aliases.txt", words)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question string
		want     []string // entry: alternatives
	}{
		// "US" and "U.S." read the same, so the table keeps one of them.
		{"What did the United States say?", []string{"United States: US Washington"}},
		{"Why did the U.S. leave?", []string{"why: because reason", "US: United States Washington"}},
		// The longest entry wins: "Iran nuclear deal", not "Iran".
		{"what happened to the iran nuclear deal", []string{"Iran nuclear deal: JCPOA Joint Comprehensive Plan of Action"}},
		{"Tehran", []string{"Tehran: Iran"}},
		// One way only: "because" does not find "why".
		{"because", nil},
		{"nothing here", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range tb.Find(words(tt.question)) {
			var alts []string
			for _, a := range m.Alternatives {
				alts = append(alts, a.Text)
			}
			got = append(got, m.Entry+": "+strings.Join(alts, " "))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Find(%q) (-want +got):\n%s", tt.question, diff)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"US", "aliases.txt:1: a group needs at least two entries"},
		{"# ok\nUS,, America", "aliases.txt:2: empty entry"},
		{"a => b => c", `aliases.txt:1: more than one "=>"`},
		{"a, ..., b", `aliases.txt:1: entry "..." has no words`},
		{"why =>", "aliases.txt:1: empty entry"},
	}
	for _, tt := range tests {
		_, err := alias.Parse(strings.NewReader(tt.in), "aliases.txt", words)
		var ae *alias.Error
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &ae) {
			t.Errorf("Parse(%q) = %v; want an *alias.Error containing %q", tt.in, err, tt.want)
		}
	}
	// Every bad line is reported, not only the first.
	_, err := alias.Parse(strings.NewReader("a\nb\n"), "x", words)
	if err == nil || !strings.Contains(err.Error(), "x:1:") || !strings.Contains(err.Error(), "x:2:") {
		t.Errorf("Parse of two bad lines = %v; want both reported", err)
	}
}

func TestNilTable(t *testing.T) {
	var tb *alias.Table
	if got := tb.Find([]string{"us"}); got != nil {
		t.Errorf("nil table Find = %v", got)
	}
}
