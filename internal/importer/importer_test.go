package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	xhtml "golang.org/x/net/html"

	"github.com/parley-newsroom/parley/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// newConverter returns a Converter and the parser it checks with.
func newConverter(t testing.TB) (*Converter, *corpus.Parser) {
	t.Helper()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	return NewConverter(p), p
}

// convert converts the file testdata/name.
func convert(t *testing.T, c *Converter, name string, d Defaults) *Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Convert(filepath.Join("testdata", name), data, d)
	if err != nil {
		t.Fatalf("Convert(%s): %v", name, err)
	}
	return a
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		file     string
		defaults Defaults
		slug     string
	}{
		{"jsonld.html", Defaults{}, "us-and-iran-agree-roadmap-toward-final-deal-mediators-say"},
		{"og.html", Defaults{}, "rome-hosts-fifth-round-of-nuclear-talks-as-iran-floats"},
		{"chrome.html", Defaults{Outlet: "Ignored", Published: corpus.Date{Year: 2020}}, "trump-warns-iran-of-consequences-if-it-breaks-roadmap"},
		{"roadmap.txt", Defaults{Outlet: "Muscat Wire", Published: corpus.Date{Year: 2026, Month: 6}}, "mediators-say-us-iran-roadmap-leaves-the-hardest-questions"},
	}
	c, _ := newConverter(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := convert(t, c, tt.file, tt.defaults)
			if a.Slug != tt.slug {
				t.Errorf("Convert(%s).Slug = %q; want %q", tt.file, a.Slug, tt.slug)
			}
			golden(t, strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".md", a.Data)
		})
	}
}

func TestConvertMarkdownKeptAsIs(t *testing.T) {
	c, _ := newConverter(t)
	data, err := os.ReadFile("testdata/article.md")
	if err != nil {
		t.Fatal(err)
	}
	a := convert(t, c, "article.md", Defaults{Outlet: "Ignored"})
	if !bytes.Equal(a.Data, data) {
		t.Errorf("Convert(article.md) changed the file:\n%s", a.Data)
	}
	if a.Slug != "article" {
		t.Errorf("Convert(article.md).Slug = %q; want the file's, %q", a.Slug, "article")
	}
}

// TestMetadata checks what each page's metadata gave: JSON-LD before og:
// tags, and og: tags alone.
func TestMetadata(t *testing.T) {
	tests := []struct {
		file                               string
		title, outlet, published, url, src string
	}{
		{"jsonld.html", "US and Iran Agree Roadmap Toward Final Deal, Mediators Say", "Meridian Post", "2026-06-24",
			"https://www.meridianpost.example/world/2026/06/24/us-iran-roadmap-final-deal", "jsonld.html"},
		{"og.html", "Rome hosts fifth round of nuclear talks as Iran floats enrichment offer", "Gulf Ledger", "2026-05-23",
			"https://gulfledger.example/news/rome-fifth-round-enrichment-offer", "og.html"},
		{"chrome.html", "Trump warns Iran of “consequences” if it breaks roadmap commitments", "The Caspian Review", "2026-06-26",
			"https://www.caspianreview.example/2026/06/26/trump-warns-iran-consequences/", "chrome.html"},
	}
	c, _ := newConverter(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := convert(t, c, tt.file, Defaults{}).Parsed
			got := []string{p.Title, p.Outlet, p.Published.String(), p.URL, p.Source}
			want := []string{tt.title, tt.outlet, tt.published, tt.url, tt.src}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Convert(%s) metadata (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestChromeDropped checks that none of the site's furniture reaches the
// article: share buttons, newsletter prompt, "read more" and related
// stories, comments, cookie banner, sidebar, footer.
func TestChromeDropped(t *testing.T) {
	c, _ := newConverter(t)
	a := convert(t, c, "chrome.html", Defaults{})
	for _, chrome := range []string{
		"Share", "Facebook", "WhatsApp", "Copy link", "Iran Briefing", "Sign up", "privacy policy",
		"Read more", "sanctions relief would work", "Related stories", "Lebanon ceasefire hopes",
		"Leave a Reply", "Post Comment", "reader_77", "Nothing will change", "cookies", "Most read",
		"Advertisement", "Tags:", "Registered in England", "4 min read", "Subscribe", "Search",
	} {
		if bytes.Contains(a.Data, []byte(chrome)) {
			t.Errorf("Convert(chrome.html) kept %q", chrome)
		}
	}
	if n := len(a.Parsed.Passages); n != 8 {
		t.Errorf("Convert(chrome.html) has %d passages; want the article's 8", n)
	}
}

// TestVerbatim checks that every passage of every converted page is the
// page's own words.
func TestVerbatim(t *testing.T) {
	c, _ := newConverter(t)
	for _, file := range []string{"jsonld.html", "og.html", "chrome.html", "roadmap.txt"} {
		a := convert(t, c, file, Defaults{})
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		src := collapse(string(data))
		if strings.HasSuffix(file, ".html") {
			src = pageText(t, data)
		}
		for _, p := range a.Parsed.Passages {
			for _, frag := range corpus.Fragments(p.Text) {
				if !strings.Contains(src, frag) {
					t.Errorf("%s: passage %d: %q is not in the input", file, p.Ordinal, frag)
				}
			}
		}
	}
}

// pageText returns a page's text, white space collapsed.
func pageText(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return collapse(text(doc))
}

func TestConvertErrors(t *testing.T) {
	binary, err := os.ReadFile("testdata/binary.html")
	if err != nil {
		t.Fatal(err)
	}
	const para = "<p>Iran and the United States ended a first round of talks in Muscat on Tuesday, mediators said, with both sides agreeing to meet again.</p>"
	tests := []struct {
		name, data, want string
	}{
		{"binary.html", string(binary), "binary.html: binary data (application/x-gzip), not a text file"},
		{"photo.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt: binary data (image/png), not a text file"},
		{"empty.html", "", "empty.html: empty file"},
		{"blank.txt", " \n\n\t\n", "blank.txt: empty file"},
		{"nobody.html", "<html><head><title>Talks resume</title></head><body></body></html>", "nobody.html: no article text found"},
		{"headline-only.txt", "Talks resume in Muscat\n", "headline-only.txt: no article text found"},
		{"untitled.html", "<html><body><article>" + para + "</article></body></html>", "untitled.html: no headline found"},
		{"baddate.html", `<html><head><title>Talks resume</title><meta property="article:published_time" content="last Tuesday"></head><body><article>` + para + `</article></body></html>`,
			`baddate.html: published date "last Tuesday" is not a date (want ISO 8601, like 2026-06-24)`},
		{"latin1.txt", "Talks resume\n\nCaf\xe9 diplomacy in Muscat.\n", "latin1.txt: not UTF-8 text"},
		{"nofront.md", "# Talks resume\n\nText.\n", `nofront.md:1: file must start with front matter`},
		{"report.pdf", "%PDF-1.7", "report.pdf: not an article file (want .md, .txt or .html)"},
	}
	c, _ := newConverter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Convert(tt.name, []byte(tt.data), Defaults{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Convert(%s) = %v; want %q", tt.name, err, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-06-24", "2026-06-24"},
		{"2026-06-24T09:15:00+03:00", "2026-06-24"},
		{"2026-06-24T01:00:00+04:00", "2026-06-24"}, // the page's day, not UTC's
		{"2026-06-24 18:05:00", "2026-06-24"},
		{"2026-06-24T18:05Z", "2026-06-24"},
		{"2026-06", "2026-06"},
		{"2026", "2026"},
		{"Wed, 24 Jun 2026 09:15:00 +0300", "2026-06-24"},
		{"Wed, 24 Jun 2026 09:15:00 GMT", "2026-06-24"},
		{"June 24, 2026", "2026-06-24"},
		{"24 June 2026", "2026-06-24"},
	}
	for _, tt := range tests {
		d, err := parseDate(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
	for _, bad := range []string{"last Tuesday", "2026-13-01", "2026-02-30", "24/06/2026", "26"} {
		if d, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %q; want an error", bad, d)
		}
	}
}

func TestFirstDate(t *testing.T) {
	d, err := firstDate([]string{"soon", "2026-06-24T09:15:00Z"})
	if err != nil || d.String() != "2026-06-24" {
		t.Errorf("firstDate(soon, 2026-06-24…) = %q, %v; want the date that parses", d, err)
	}
	if d, err := firstDate(nil); err != nil || !d.IsZero() {
		t.Errorf("firstDate(none) = %q, %v; want no date and no error", d, err)
	}
}

func TestSlugFor(t *testing.T) {
	tests := []struct{ title, name, want string }{
		{"Iran’s offer: 3.67% for frozen assets", "page.html", "irans-offer-3-67-for-frozen-assets"},
		{"U.S./Iran talks resume", "page.html", "u-s-iran-talks-resume"},
		{"A very long headline about the talks between the United States and Iran in Muscat", "x.html",
			"a-very-long-headline-about-the-talks-between-the-united"},
		{"مذاکرات ایران و آمریکا", "tehran-talks.html", "tehran-talks"},
		{"مذاکرات", "مذاکرات.html", "article"},
	}
	for _, tt := range tests {
		if got := slugFor(tt.title, tt.name); got != tt.want {
			t.Errorf("slugFor(%q, %q) = %q; want %q", tt.title, tt.name, got, tt.want)
		}
		if got := slugFor(tt.title, tt.name); len(got) > maxSlug {
			t.Errorf("slugFor(%q) = %q: longer than %d", tt.title, got, maxSlug)
		}
	}
}

// TestText checks the plain-text rules, and that Markdown reads the text
// exactly as written however much markup it looks like.
func TestText(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // passages, in order
	}{
		{"paragraphs", "Headline\n\nOne line\ncontinues here.\n\nTwo.\n", []string{"One line continues here.", "Two."}},
		{"repeated headline", "Headline\n\nHeadline\n\nBody.\n", []string{"Body."}},
		{"bullets", "H\n\nThe steps are:\n  • First step\n  • Second step\n    wraps here\n", []string{"The steps are:\nFirst step", "The steps are:\nSecond step wraps here"}},
		{"heading", "H\n\nWhat Comes Next\n\nMore talks.\n", []string{"More talks."}},
		{"no heading at the end", "H\n\nBody.\n\nThe End\n", []string{"Body.", "The End"}},
		{"markup", "H\n\n# not a heading\n\n1. not a list.\n\n*stars* and _under_ `code` [link](x) <b>tag</b> a|b ~x~ \\n &amp; &lt;\n",
			[]string{"# not a heading", "1. not a list.", "*stars* and _under_ `code` [link](x) <b>tag</b> a|b ~x~ \\n &amp; &lt;"}},
		{"dash lines", "H\n\n---\n\n- \n\n+ plus\n", []string{"---", "-", "+ plus"}},
	}
	c, _ := newConverter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := c.Convert(tt.name+".txt", []byte(tt.in), Defaults{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range a.Parsed.Passages {
				got = append(got, p.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Convert(%q) passages (-want +got):\n%s\nfile:\n%s", tt.in, diff, a.Data)
			}
		})
	}
}
