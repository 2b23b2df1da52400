package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// FuzzConvert checks that converting any page or text never panics, and
// that whatever it makes reads back with the corpus parser. A plain-text
// file's passages are, word for word, its own text.
func FuzzConvert(f *testing.F) {
	for _, name := range []string{"jsonld.html", "og.html", "chrome.html", "roadmap.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(strings.HasSuffix(name, ".html"), data)
	}
	f.Add(false, []byte("H\n\n# a\n\n1) b\n\n- \n\n*c* _d_ `e` [f](g) <h> i|j ~k~ \\l &amp; &#35; ##\n"))
	f.Add(true, []byte(`<title>T</title><script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"headline":1,"publisher":[{"name":"P"}]}]}</script><p>x *y* [z]</p>`))
	c, p := newConverter(f)
	f.Fuzz(func(t *testing.T, page bool, data []byte) {
		name := "input.txt"
		if page {
			name = "input.html"
		}
		a, err := c.Convert(name, data, Defaults{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("Convert error %q does not name the file", err)
			}
			return
		}
		back, err := p.Parse(a.Slug+".md", a.Data)
		if err != nil {
			t.Fatalf("Convert made a file that does not parse: %v\n%s", err, a.Data)
		}
		if page {
			return
		}
		src := collapse(string(data))
		for _, ps := range back.Passages {
			for _, frag := range corpus.Fragments(ps.Text) {
				if !strings.Contains(src, frag) {
					t.Fatalf("passage %q is not in the text %q\nfile:\n%s", frag, src, a.Data)
				}
			}
		}
	})
}
