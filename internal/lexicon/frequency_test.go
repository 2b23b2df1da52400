package lexicon_test

import (
	"slices"
	"testing"
)

// The SemCor tag counts of WordNet 3.0's cntlist.rev, summed over each
// word's senses (and those of its base forms, for a word without any).
var frequencies = []struct {
	word string
	want int
}{
	// Everyday words.
	{"still", 347}, {"yet", 43}, {"even", 422}, {"just", 359},
	{"take", 732}, {"keep", 346}, {"full", 87}, {"big", 130},
	{"line", 204}, {"every", 68},
	// An inflected form counts as its base form when that is commoner
	// ("going": go); either and basically are rare as WordNet's adverbs
	// and adjectives.
	{"going", 598}, {"said", 2167}, {"either", 10}, {"basically", 7},
	// Words of the news.
	{"mediator", 0}, {"intermediaries", 1}, // intermediary's
	{"enrichment", 1}, {"sanctions", 10}, // sanction's, noun and verb
	{"uranium", 0}, {"roadmap", 0}, // not in WordNet
	{"hezbollah", 0},
	// Case, inflections, function words.
	{"STILL", 347}, {"Took", 732}, {"went", 598}, {"go", 598},
	{"the", 0}, {"xyzzy", 0}, {"", 0},
}

func TestFrequency(t *testing.T) {
	l := newLexicon(t)
	for _, tt := range frequencies {
		if got := l.Frequency(tt.word); got != tt.want {
			t.Errorf("Frequency(%q) = %d; want %d", tt.word, got, tt.want)
		}
	}
}

// TestFrequencySeparates checks that everyday words are far commoner than
// the topical words of the news. going, either and basically are not:
// see frequencies.
func TestFrequencySeparates(t *testing.T) {
	l := newLexicon(t)
	counts := func(words ...string) []int {
		var out []int
		for _, w := range words {
			out = append(out, l.Frequency(w))
		}
		return out
	}
	common := counts("still", "yet", "even", "just", "take", "keep", "full", "big", "line", "every")
	topical := counts("mediator", "intermediaries", "enrichment", "sanctions", "uranium", "roadmap", "hezbollah")
	if lo, hi := slices.Min(common), slices.Max(topical); lo < 4*hi {
		t.Errorf("the rarest everyday word has %d tags, the commonest topical word %d: want at least 4 times as many", lo, hi)
	}
	// The medians: common words are typically 100 times commoner.
	slices.Sort(common)
	slices.Sort(topical)
	if lo, hi := common[len(common)/2], topical[len(topical)/2]; lo < 100*max(hi, 1) {
		t.Errorf("median everyday word %d tags, median topical word %d: want 100 times as many", lo, hi)
	}
}

func BenchmarkFrequency(b *testing.B) {
	l := newLexicon(b)
	words := []string{"still", "sanctions", "took", "Hezbollah", "xyzzy", "the"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			l.Frequency(w)
		}
	}
}
