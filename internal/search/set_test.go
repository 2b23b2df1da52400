package search

import (
	"slices"
	"strings"
	"testing"
)

func TestUnion(t *testing.T) {
	tests := []struct {
		sets [][]string
		want []string
	}{
		{nil, nil},
		{[][]string{{"a", "c"}}, []string{"a", "c"}},
		{[][]string{{"a", "c"}, {"b", "c", "d"}}, []string{"a", "b", "c", "d"}},
		{[][]string{{}, {"b"}, {"a", "b"}}, []string{"a", "b"}},
		{[][]string{{"x"}, {"w"}, {"v"}, {"u", "x"}, {"t"}}, []string{"t", "u", "v", "w", "x"}},
	}
	for _, tt := range tests {
		var sets []set
		for _, s := range tt.sets {
			sets = append(sets, set(s))
		}
		if got := union(sets); !slices.Equal(got, tt.want) {
			t.Errorf("union(%q) = %q, want %q", tt.sets, got, tt.want)
		}
	}
}

func FuzzUnion(f *testing.F) {
	f.Add("b a\nc a b\n\nd")
	f.Fuzz(func(t *testing.T, lines string) {
		var sets []set
		var all []string
		for l := range strings.SplitSeq(lines, "\n") {
			sets = append(sets, newSet(strings.Fields(l)))
			all = append(all, strings.Fields(l)...)
		}
		got, want := union(sets), asSet(all)
		if !slices.Equal(got, want) || !got.ordered() {
			t.Errorf("union of %q = %q, want %q", lines, got, want)
		}
	})
}

// A record's stem lines are sets as stemLines writes them; one that is not
// (a damaged or hand-made record) still reads back as sets.
func TestReadStemsOrdersLines(t *testing.T) {
	for _, stems := range []string{
		stemLines([][]string{{"talk", "iran", "talk"}, {"rome", "iran"}}, []string{"zeta"}, nil, []string{"head"}, nil),
		"talk iran talk\nrome iran\nzeta\n\nhead\n\n",
	} {
		var e entry
		if err := readStems(&e, stems, 2, 0); err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"iran", "talk"}, {"iran", "rome"}}
		for i, s := range e.sentences {
			if !slices.Equal(s, want[i]) {
				t.Errorf("%q: sentence %d = %q, want %q", stems, i, s, want[i])
			}
		}
		if w := []string{"head", "iran", "rome", "talk", "zeta"}; !slices.Equal(e.terms, w) {
			t.Errorf("%q: terms = %q, want %q", stems, e.terms, w)
		}
		if w := []string{"iran", "rome", "talk", "zeta"}; !slices.Equal(e.own(), w) {
			t.Errorf("%q: own = %q, want %q", stems, e.own(), w)
		}
		if w := []string{"head"}; !slices.Equal(e.section, w) {
			t.Errorf("%q: section = %q, want %q", stems, e.section, w)
		}
	}
}

func FuzzContainsFoldASCII(f *testing.F) {
	f.Add("See OUR guide", "our ")
	f.Add("K\u212a our", "k")
	f.Fuzz(func(t *testing.T, s, sub string) {
		sub = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r == ' ' {
				return r
			}
			return -1
		}, strings.ToLower(sub))
		if strings.ContainsAny(sub, "ki") {
			return // the Kelvin sign and İ lower-case into k and i
		}
		if got, want := containsFoldASCII(s, sub), strings.Contains(strings.ToLower(s), sub); got != want {
			t.Errorf("containsFoldASCII(%q, %q) = %v, want %v", s, sub, got, want)
		}
	})
}

// BenchmarkReadStems reads back the stem lines of a passage of three
// sentences, as every entry the cache does not hold is.
func BenchmarkReadStems(b *testing.B) {
	sentences := [][]string{
		strings.Fields("iran us talk rome agre roadmap final deal"),
		strings.Fields("lebanon includ provis hezbollah disarm"),
		strings.Fields("mediat oman qatar hold talk week"),
	}
	stems := stemLines(sentences, strings.Fields("note"), nil, strings.Fields("roadmap"), strings.Fields("talk roadmap"))
	b.ReportAllocs()
	for b.Loop() {
		var e entry
		if err := readStems(&e, stems, len(sentences), 0); err != nil {
			b.Fatal(err)
		}
	}
}

// Whatever a record's stems hold, reading them is an error or sets, in
// order, whose union is the terms.
func FuzzReadStems(f *testing.F) {
	f.Add("b a\nc\n\nd\ne f\ng\n", 2)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, stems string, n int) {
		if n < 0 || n > 1000 {
			return
		}
		var e entry
		if readStems(&e, stems, n, 0) != nil {
			return
		}
		all := append(slices.Clone(e.sentences), e.ownRest, e.section)
		for _, s := range append(all, e.terms) {
			if !s.ordered() {
				t.Fatalf("%q: set %q out of order", stems, s)
			}
		}
		if want := asSet(strings.Fields(stems)); !slices.Equal(e.terms, want) {
			t.Errorf("%q: terms %q, want %q", stems, e.terms, want)
		}
	})
}
