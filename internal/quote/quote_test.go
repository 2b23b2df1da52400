package quote_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/quote"
)

// spans splits text at ". " for these tests.
func spans(text string) []corpus.Span {
	var out []corpus.Span
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if (text[i] == '.' || text[i] == ':') && (text[i+1] == ' ' || text[i+1] == '\n') {
			out = append(out, corpus.Span{Start: start, End: i + 1})
			start = i + 2
		}
	}
	return append(out, corpus.Span{Start: start, End: len(text)})
}

func TestPick(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		scores  []float64
		context int
		want    quote.Quote
	}{
		{
			name:   "best sentence alone when it is long enough",
			text:   "Alpha is a long sentence that answers the question fully and says a great deal about it, more than enough for a reader to go on. Beta is unrelated. Gamma is unrelated too.",
			scores: []float64{3, 0, 0},
			want:   quote.Quote{"Alpha is a long sentence that answers the question fully and says a great deal about it, more than enough for a reader to go on."},
		},
		{
			name:   "a short answer takes the next sentence",
			text:   "Beta is unrelated. Alpha answers. Gamma follows on.",
			scores: []float64{0, 3, 0},
			want:   quote.Quote{"Alpha answers. Gamma follows on."},
		},
		{
			name:   "skipped sentences become an ellipsis",
			text:   "Alpha answers the question in a sentence of reasonable length for a quote. Beta is unrelated and long enough not to matter at all here. Gamma also answers it.",
			scores: []float64{3, 0, 2},
			want:   quote.Quote{"Alpha answers the question in a sentence of reasonable length for a quote.", "Gamma also answers it."},
		},
		{
			name:   "a sentence pointing back takes the one before",
			text:   "The campaign began in 2018 under the previous administration of the country. This policy involved sanctions that were designed to hurt. Unrelated.",
			scores: []float64{0, 3, 0},
			want:   quote.Quote{"The campaign began in 2018 under the previous administration of the country. This policy involved sanctions that were designed to hurt."},
		},
		{
			name:   "a one-word answer before the best sentence is kept",
			text:   "No. While the roadmap establishes a framework, significant challenges remain before a final deal can be reached in the talks.",
			scores: []float64{0, 3},
			want:   quote.Quote{"No. While the roadmap establishes a framework, significant challenges remain before a final deal can be reached in the talks."},
		},
		{
			name:    "a list item keeps its introducing sentence",
			text:    "Several factors could derail the process:\nHardline opposition: factions may undermine the talks for domestic or ideological reasons.",
			scores:  []float64{1, 2},
			context: 1,
			want:    quote.Quote{"Several factors could derail the process:\nHardline opposition: factions may undermine the talks for domestic or ideological reasons."},
		},
		{
			name:   "nothing matched: quote from the start",
			text:   "Alpha opens the passage with enough words to stand as a quote on its own terms, which is to say more than a hundred and twenty. Beta.",
			scores: []float64{0, 0},
			want:   quote.Quote{"Alpha opens the passage with enough words to stand as a quote on its own terms, which is to say more than a hundred and twenty."},
		},
		{
			name:   "at most three sentences",
			text:   "One answers. Two answers. Three answers. Four answers.",
			scores: []float64{3, 3, 3, 3},
			want:   quote.Quote{"One answers. Two answers. Three answers."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quote.Pick(tt.text, spans(tt.text), tt.scores, tt.context)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Pick(%q, %v) (-want +got):\n%s", tt.text, tt.scores, diff)
			}
			for _, f := range got {
				if !strings.Contains(tt.text, f) {
					t.Errorf("fragment %q is not in the passage", f)
				}
			}
		})
	}
}

func TestString(t *testing.T) {
	q := quote.Quote{"A.", "B."}
	if got, want := q.String(), "A. … B."; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	if got := quote.Pick("text", nil, nil, 0); got != nil {
		t.Errorf("Pick without sentences = %q; want nil", got)
	}
}

func FuzzPick(f *testing.F) {
	f.Add("One. Two. Three.", uint8(1), uint8(0))
	f.Add("Intro:\nItem one. Item two.", uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, text string, seed, context uint8) {
		sp := spans(text)
		scores := make([]float64, len(sp))
		for i := range scores {
			scores[i] = float64((int(seed) * (i + 7)) % 5)
		}
		q := quote.Pick(text, sp, scores, int(context%3))
		if len(q) == 0 {
			t.Fatalf("Pick(%q) returned nothing", text)
		}
		for _, frag := range q {
			if !strings.Contains(text, frag) {
				t.Fatalf("fragment %q is not in %q", frag, text)
			}
		}
	})
}
