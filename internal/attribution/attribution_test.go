package attribution

import "testing"

func TestFind(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"Further reinforcing this cautious optimism, Al Busaidi, an Omani official, stated on X that the talks made progress.", "Al Busaidi, an Omani official"},
		{"Majid Farahani, an official with the Iranian presidency, explicitly stated that diplomacy with Iran can “easily” be started again.", "Majid Farahani, an official with the Iranian presidency"},
		{"President Trump issued a direct warning to Iran, stating that failure to honor the commitments would result in consequences.", "President Trump"},
		{"Radio Free Europe/Radio Liberty reported on the warning, which underscores the delicate balance.", "Radio Free Europe/Radio Liberty"},
		{"According to reports from CNBC and NPR, the roadmap addresses several core issues.", "CNBC and NPR"},
		{"According to reports from CNBC, NPR, BBC, and other major outlets, the agreement is not a final deal.", "CNBC, NPR, BBC"},
		{"As reported by Parisa Hafezi and John Irish on May 23, 2025, Iran and the US see hope for progress.", "Parisa Hafezi and John Irish"},
		{"BBC reporting on the first round of talks highlighted the “encouraging progress”.", "BBC"},
		{"BBC reported that mediators described the first round as producing “encouraging progress,” while the New York Times noted that the talks concluded.", "BBC"},
		// No one is quoted or credited.
		{"The agreement, brokered through regional mediators, marks a significant turning point.", ""},
		{"This language is significant in diplomacy.", ""},
		{"Iran has proposed capping uranium enrichment at 3.67 percent.", ""},
		{"They can shuttle proposals between parties.", ""},
	}
	for _, tt := range tests {
		if got := Find(tt.sentence); got != tt.want {
			t.Errorf("Find(%q) = %q; want %q", tt.sentence, got, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("According to reports from CNBC and NPR, the roadmap")
	f.Add("Al Busaidi, an Omani official, stated")
	f.Fuzz(func(t *testing.T, s string) {
		Find(s) // never panics
	})
}
