package importer

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// meta is what a page states about itself: in its JSON-LD, its og: and
// article: meta tags, and its canonical link. Each field lists the values
// found, most trusted first; values are trimmed, entities decoded.
type meta struct {
	titles, outlets, dates, urls []string
}

// readMeta collects a page's metadata. It must run before readability,
// which removes scripts from the tree it is given.
func readMeta(doc *xhtml.Node) meta {
	var (
		ld   ldArticle
		tags = map[string]string{}
		link string
	)
	walk(doc, func(n *xhtml.Node) bool {
		switch n.DataAtom {
		case atom.Script:
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && ld.Headline == "" {
				ld = findLDArticle(text(n))
			}
		case atom.Meta:
			key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
			if key == "" {
				key = strings.ToLower(strings.TrimSpace(attr(n, "name")))
			}
			if _, seen := tags[key]; !seen && key != "" {
				tags[key] = attr(n, "content")
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && link == "" {
				link = attr(n, "href")
			}
		}
		return true
	})
	var m meta
	m.titles = values(ld.Headline, ld.Name, tags["og:title"])
	m.outlets = values(ld.publisher(), tags["og:site_name"])
	m.dates = values(ld.DatePublished, tags["article:published_time"])
	m.urls = values(ld.URL, tags["og:url"], link)
	return m
}

// values returns the non-empty values, entities decoded and white space
// collapsed: JSON-LD from WordPress often carries "&#8220;" in its strings.
func values(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.Join(strings.Fields(html.UnescapeString(v)), " "); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ldArticle is the part of a schema.org NewsArticle (or Article,
// ReportageNewsArticle, BlogPosting, …) that Parley reads.
type ldArticle struct {
	Headline      string          `json:"headline"`
	Name          string          `json:"name"`
	DatePublished string          `json:"datePublished"`
	URL           string          `json:"url"`
	Publisher     json.RawMessage `json:"publisher"`
}

// publisher returns the publisher's name: publisher is an object, a list
// of objects, or (rarely) a plain name.
func (a ldArticle) publisher() string {
	var (
		one  struct{ Name string }
		many []struct{ Name string }
		name string
	)
	switch {
	case json.Unmarshal(a.Publisher, &one) == nil && one.Name != "":
		return one.Name
	case json.Unmarshal(a.Publisher, &many) == nil && len(many) > 0:
		return many[0].Name
	case json.Unmarshal(a.Publisher, &name) == nil:
		return name
	}
	return ""
}

// findLDArticle returns the first article object in a JSON-LD block: the
// block itself, an element of a top-level list, or a node of its @graph.
// A block that is not valid JSON gives the zero article.
func findLDArticle(src string) ldArticle {
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var root any
	if json.Unmarshal([]byte(src), &root) != nil {
		return ldArticle{}
	}
	queue := []any{root}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		switch v := v.(type) {
		case []any:
			queue = append(queue, v...)
		case map[string]any:
			if isArticleType(v["@type"]) {
				return decodeLD(v)
			}
			if g, ok := v["@graph"]; ok {
				queue = append(queue, g)
			}
		}
	}
	return ldArticle{}
}

// isArticleType reports whether a JSON-LD @type (a string or a list of
// them) names a kind of article.
func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "BlogPosting")
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func decodeLD(v map[string]any) ldArticle {
	var a ldArticle
	// Re-encoding a value that came from JSON cannot fail.
	data, _ := json.Marshal(v)
	// A field of an unexpected type (headline as a list) leaves the
	// fields decoded before it; the article is still found.
	_ = json.Unmarshal(data, &a)
	return a
}

// pageURL returns the first value that is an absolute http(s) address.
func pageURL(candidates []string) string {
	for _, c := range candidates {
		u, err := url.Parse(c)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// isoDate matches the date at the start of an ISO 8601 timestamp: a year,
// a month of it, or a day, optionally followed by a time of day.
var isoDate = regexp.MustCompile(`^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:\d{2}\S*)?$`)

// dayLayouts are the other forms in which pages state a day.
var dayLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC850, time.RFC822Z, time.RFC822,
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006",
}

// parseDate reads a publication date as precise as the page states it. The
// day is the one written in the page's own time zone: "2026-06-24T01:00:00+04:00"
// is June 24, not the UTC day before.
func parseDate(s string) (corpus.Date, error) {
	if m := isoDate.FindStringSubmatch(s); m != nil {
		if d, err := corpus.ParseDate(m[1]); err == nil {
			return d, nil
		}
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return corpus.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
		}
	}
	return corpus.Date{}, fmt.Errorf("published date %q is not a date (want ISO 8601, like 2026-06-24)", s)
}

// firstDate returns the first of the stated dates that parses; when some
// are stated and none parses, the error names the first.
func firstDate(stated []string) (corpus.Date, error) {
	var first error
	for _, s := range stated {
		d, err := parseDate(s)
		if err == nil {
			return d, nil
		}
		if first == nil {
			first = err
		}
	}
	return corpus.Date{}, first
}
