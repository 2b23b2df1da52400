package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		text string
		want []Date
	}{
		{"As of June 23, 2026, the first round has concluded.", []Date{{2026, 6, 23}}},
		{"in Tehran on Thursday, April 17, 2025, with", []Date{{2025, 4, 17}}},
		{"reports dated 17 April 2025 and May 2025", []Date{{2025, 4, 17}, {2025, 5, 0}}},
		{"the US withdrawal in 2018 and the 1979 Islamic Revolution", []Date{{2018, 0, 0}, {1979, 0, 0}}},
		{"the 2015 JCPOA", []Date{{2015, 0, 0}}},
		{"a cap of 3.67% and 2,018 centrifuges, 2019% growth, $2020", nil},
		{"in May, talks resumed", nil},
		{"round 2", nil},
	}
	for _, tt := range tests {
		var got []Date
		for _, m := range Mentions(tt.text) {
			got = append(got, m.Date)
			if tt.text[m.Start:m.End] == "" {
				t.Errorf("Mentions(%q): empty span", tt.text)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Mentions(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestDateContains(t *testing.T) {
	april := Date{Year: 2025, Month: 4}
	if !april.Contains(Date{2025, 4, 17}) || april.Contains(Date{2025, 5, 1}) || april.Contains(Date{Year: 2025}) {
		t.Error("April 2025 should contain April 17, 2025 only")
	}
	if !(Date{Year: 2025}).Contains(Date{2025, 4, 17}) || (Date{}).Contains(Date{2025, 4, 17}) {
		t.Error("2025 contains April 17, 2025; the zero date contains nothing")
	}
}

// hasYear is only a quick test that mentionRE cannot match: whatever it
// rejects, mentionRE finds nothing in.
func FuzzHasYear(f *testing.F) {
	for _, s := range []string{"", "in 2018", "April 17, 2025", "June 2026", "1979", "20x5", "x19", "2,018", "１９７９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !hasYear(s) && mentionRE.MatchString(s) {
			t.Errorf("hasYear(%q) = false, yet mentionRE matches", s)
		}
	})
}
