package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// punkt is github.com/neurosnap/sentences' English tokenizer, unwrapped.
func punkt(tb testing.TB) *sentences.DefaultSentenceTokenizer {
	tb.Helper()
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return tok
}

// raw is what tok makes of text, before Split trims the sentences.
func raw(tok *sentences.DefaultSentenceTokenizer, text string) []Span {
	var out []Span
	for _, sent := range tok.Tokenize(text) {
		out = append(out, Span{sent.Start, sent.End})
	}
	return out
}

// Handing the annotations only the words that may end a sentence must not
// change a single boundary.
func TestSentencesAsPunktFindsThem(t *testing.T) {
	s, err := NewSentenceSplitter()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"",
		"No boundary here",
		"Iran’s missile program remains a red line for the U.S., who calls for its curtailment. Gen. Mohammad Hossein Bagheri attended. It ended.",
		"He said \"no.\" Then he left! Did he? Yes... and no . . . maybe.",
		"See No. 5 and N°. 3. 1. First item 2) second item. J. S. Bach wrote it. The F.B.I. agreed.",
		"Version 1.2.3. was out. Prices rose 4.5%. (Really.) 'Quoted.' «Fin.»",
		"東京は大きい。大阪も大きい。 Mixed. text!",
		"Sgt. Pepper met Gov. Smith on Jan. 5. They talked.\n\nA new paragraph.\nA new line.",
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "corpus", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus articles: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
		texts = append(texts, strings.Split(string(data), "\n\n")...)
	}
	tok := punkt(t)
	for _, text := range texts {
		if got, want := raw(s.tok, text), raw(tok, text); !slices.Equal(got, want) {
			t.Errorf("sentences of %.60q:\n got %v\nwant %v", text, got, want)
		}
	}
}

func FuzzSentencesAsPunkt(f *testing.F) {
	for _, seed := range []string{"A. B. C.", "He said \"no.\" Then!", "U.S. talks. Gen. X", "1. a 2) b. ...", "x .. y . . z"} {
		f.Add(seed)
	}
	s, err := NewSentenceSplitter()
	if err != nil {
		f.Fatal(err)
	}
	tok := punkt(f)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := raw(s.tok, text), raw(tok, text); !slices.Equal(got, want) {
			t.Errorf("sentences of %q:\n got %v\nwant %v", text, got, want)
		}
	})
}

// BenchmarkSplit splits the paragraphs of the built-in articles, as Parley
// does (wrapped), and as the unwrapped Punkt tokenizer would (punkt).
func BenchmarkSplit(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "corpus", "*.md"))
	var paras []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		paras = append(paras, strings.Split(string(data), "\n\n")...)
	}
	s, err := NewSentenceSplitter()
	if err != nil {
		b.Fatal(err)
	}
	tok := punkt(b)
	b.Run("wrapped", func(b *testing.B) {
		for b.Loop() {
			for _, p := range paras {
				s.Split(p)
			}
		}
	})
	b.Run("punkt", func(b *testing.B) {
		for b.Loop() {
			for _, p := range paras {
				tok.Tokenize(p)
			}
		}
	})
}
