package search

import (
	"slices"
	"testing"
)

// Skipping the acronyms filter for a text it cannot change analyses the
// text exactly as the filter would.
func FuzzAcronymShortcut(f *testing.F) {
	m, err := newMapping(DefaultScoring)
	if err != nil {
		f.Fatal(err)
	}
	an := newAnalyzers(m)
	always := an
	always.plain = an.exact
	for _, s := range []string{"U.S. officials met", "the U.S.", "A.B.C.D.", "no acronym here", "x.U.S.A.", "E.U", "e.u. and U.N.", "Ü.S. ü.S."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := an.words(s), always.words(s); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %v, want %v", s, got, want)
		}
	})
}
