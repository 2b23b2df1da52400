package search

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-newsroom/parley/internal/corpus"
)

func TestRecordRoundTrip(t *testing.T) {
	for _, r := range []record{
		{ordinal: 1, spans: []corpus.Span{}, kinds: []uint16{}},
		{
			ordinal: 7, block: corpus.Block(2), lead: 1, first: true, promo: true, group: 5, leadIn: 0,
			spans:  []corpus.Span{{Start: 0, End: 12}, {Start: 13, End: 40}},
			kinds:  []uint16{0, 3},
			events: []corpus.Date{{Year: 2026, Month: time.June, Day: 23}, {Year: 1979}},
		},
		{ordinal: 3, gist: true, leadIn: 3, spans: []corpus.Span{{Start: 2, End: 2}}, kinds: []uint16{1}},
	} {
		got, err := decodeRecord(r.encode())
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if d := cmp.Diff(r, got, cmp.AllowUnexported(record{})); d != "" {
			t.Errorf("round trip (-want +got):\n%s", d)
		}
	}
}

// Whatever a stored record holds, reading it is an error or a record that
// writes back the same.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(record{ordinal: 7, lead: 1, first: true, promo: true, spans: []corpus.Span{{Start: 0, End: 12}}, kinds: []uint16{3}, events: []corpus.Date{{Year: 2026}}}.encode())
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := decodeRecord(s)
		if err != nil {
			return
		}
		again, err := decodeRecord(r.encode())
		if err != nil {
			t.Fatalf("%q: %+v does not read back: %v", s, r, err)
		}
		if d := cmp.Diff(r, again, cmp.AllowUnexported(record{})); d != "" {
			t.Errorf("%q: (-first +again):\n%s", s, d)
		}
	})
}
