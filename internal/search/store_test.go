package search

import (
	"bytes"
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
			if err := w.add(a.Meta.Slug, part); err != nil {
				t.Fatal(err)
			}
			a.Stored = append(a.Stored, uint32(len(part)))
			a.Passages++
			parts[id] = st
		}
	}
	w.place(articles)
	if err := w.add("b", []byte("x")); err == nil {
		t.Error("an article written again after another is not an error")
	}
	s := memStore(buf.Bytes(), articles)
	if s.size() != int64(buf.Len()) {
		t.Errorf("size %d, want %d: a refused part is not written", s.size(), buf.Len())
	}
	for id, want := range parts {
		got, err := s.read(id)
		if err != nil || got != want {
			t.Errorf("read(%s) = %q, %v; want %q", id, got, err, want)
		}
	}
	for _, id := range []string{"a", "a#0", "a#4", "c#1", "a#x", "#1", ""} {
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
	cs := memStore(copied.Bytes(), moved)
	for ordinal := 1; ordinal <= 3; ordinal++ {
		id := groupKey("a", ordinal)
		if got, err := cs.read(id); err != nil || got != parts[id] {
			t.Errorf("copied: read(%s) = %q, %v", id, got, err)
		}
	}
}
