package search

import (
	"slices"
	"testing"
)

func TestInitialisms(t *testing.T) {
	ix := &Index{initialisms: map[string][]string{}}
	ix.addInitialisms(names.FindAll("The capacity of the Lebanese Armed Forces matters. The Joint Comprehensive Plan of Action failed. The United States agreed."))
	tests := []struct {
		typed string
		want  string // "" for none
	}{
		{"LAF", "Lebanese Armed Forces"},
		{"laf", "Lebanese Armed Forces"},
		{"JCPOA", "Joint Comprehensive Plan of Action"},
		{"JCPA", "Joint Comprehensive Plan of Action"},
		{"Laf", ""},   // a capitalised word is a name, not an initialism
		{"US", ""},    // too short to trust
		{"LAF's", ""}, // not letters only
		{"TUS", ""},   // a leading "The" is not part of the name
	}
	for _, tt := range tests {
		got := ix.expansions(tt.typed)
		if (tt.want == "") != (len(got) == 0) || tt.want != "" && !slices.Contains(got, tt.want) {
			t.Errorf("expansions(%q) = %q; want %q", tt.typed, got, tt.want)
		}
	}
}
