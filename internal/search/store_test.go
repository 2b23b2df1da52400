package search

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
)

func FuzzStored(f *testing.F) {
	f.Add("Iran and the US met.", "Talks\nRound one", "\x01\x02", "iran met\nus\n")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, text, section, record, stems string) {
		want := stored{text, section, record, stems}
		got, err := decodeStored(want.encode())
		if err != nil || got != want {
			t.Fatalf("decodeStored(encode(%q)) = %q, %v", want, got, err)
		}
		// Whatever the bytes, reading them is an error or a value, never
		// a panic.
		decodeStored([]byte(text))
	})
}

// A store hands back each passage's part by its ID, from where its article
// was written, and an ID it does not hold is an error.
func TestStore(t *testing.T) {
	var buf bytes.Buffer
	w := newStoreWriter(&buf)
	parts := map[string]stored{}
	articles := []Article{{Meta: corpus.Article{Slug: "b"}}, {Meta: corpus.Article{Slug: "a"}}}
	for i := range articles {
		a := &articles[i]
		for ordinal := 1; ordinal <= 3; ordinal++ {
			id := groupKey(a.Meta.Slug, ordinal)
			st := stored{text: strings.Repeat(id+" ", ordinal), stems: id}
			part := st.encode()
			if err := w.add(a.Meta.Slug, ordinal, part); err != nil {
				t.Fatal(err)
			}
			a.Stored = append(a.Stored, uint32(len(part)))
			a.Passages++
			parts[id] = st
		}
	}
	w.place(articles)
	if err := w.add("b", 4, []byte("x")); err == nil {
		t.Error("an article written again after another is not an error")
	}
	if err := w.add("a", 1, []byte("x")); err == nil {
		t.Error("a second article of the same name is not an error")
	}
	s, err := memStore(buf.Bytes(), articles)
	if err != nil {
		t.Fatal(err)
	}
	if s.size() != int64(buf.Len()) {
		t.Errorf("size %d, want %d: a refused part is not written", s.size(), buf.Len())
	}
	for id, want := range parts {
		got, err := s.read(id)
		if err != nil || got != want {
			t.Errorf("read(%s) = %q, %v; want %q", id, got, err, want)
		}
	}
	for _, id := range []string{"a", "a#0", "a#4", "c#1", "a#x", "#1", "", "a#01", "a#+1", "a#1 "} {
		if _, err := s.read(id); err == nil {
			t.Errorf("read(%q) is not an error", id)
		}
	}
	// Copied to another store, an article reads back the same.
	var copied bytes.Buffer
	cw := newStoreWriter(&copied)
	if err := cw.copyArticle(bytes.NewReader(buf.Bytes()), articles[1]); err != nil {
		t.Fatal(err)
	}
	moved := []Article{articles[1]}
	cw.place(moved)
	if moved[0].At != 0 {
		t.Errorf("the copied article starts at %d, want 0", moved[0].At)
	}
	cs, err := memStore(copied.Bytes(), moved)
	if err != nil {
		t.Fatal(err)
	}
	for ordinal := 1; ordinal <= 3; ordinal++ {
		id := groupKey("a", ordinal)
		if got, err := cs.read(id); err != nil || got != parts[id] {
			t.Errorf("copied: read(%s) = %q, %v", id, got, err)
		}
	}
}

// A store refuses articles that do not say where their parts are within
// it, so that no read goes astray or allocates what damage claims.
func TestNewStoreRefusesPartsThatDoNotFit(t *testing.T) {
	art := func(slug string, at int64, sizes ...uint32) Article {
		return Article{Meta: corpus.Article{Slug: slug}, Passages: len(sizes), At: at, Stored: sizes}
	}
	for name, articles := range map[string][]Article{
		"before the start":   {art("a", -1, 4)},
		"past the end":       {art("a", 10, 8)},
		"much past the end":  {art("a", 16-(256<<20), 256<<20)},
		"sizes that wrap":    {art("a", 0, 0xFFFFFFF0, 0x20)},
		"an empty part":      {art("a", 0, 4, 0)},
		"fewer parts":        {{Meta: corpus.Article{Slug: "a"}, Passages: 2, Stored: []uint32{4}}},
		"overlapping":        {art("a", 0, 8), art("b", 4, 8)},
		"one slug twice":     {art("a", 0, 4), art("a", 4, 4)},
		"passages, no parts": {{Meta: corpus.Article{Slug: "a"}, Passages: 1}},
	} {
		if _, err := newStore(bytes.NewReader(make([]byte, 16)), 16, articles, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	ok := []Article{art("a", 0, 8), art("b", 8, 4, 4), {Meta: corpus.Article{Slug: "empty"}}}
	if _, err := newStore(bytes.NewReader(make([]byte, 16)), 16, ok, nil); err != nil {
		t.Errorf("parts that fit: %v", err)
	}
}

// A part whose header claims far more than it can hold is an error,
// before anything of that size is allocated.
func TestDecodeStoredBoundsWhatAPartClaims(t *testing.T) {
	bomb := []byte{0x80, 0x80, 0x80, 0x80, 0x01} // a snappy length of 256 MiB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := decodeStored(bomb)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("no error")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("allocated %d bytes for a 5-byte part", n)
	}
}
