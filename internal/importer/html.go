package importer

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// fromHTML turns a saved web page into an article: the main text chosen
// by readability, stripped of the site's chrome, as Markdown, with the
// headline, outlet, date and address the page's metadata states.
func (c *Converter) fromHTML(data []byte) (*Draft, error) {
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	m := readMeta(doc)
	d := &Draft{URL: pageURL(m.urls)}
	if d.Published, err = firstDate(m.dates); err != nil {
		return nil, err
	}
	if len(m.outlets) > 0 {
		d.Outlet = m.outlets[0]
	}
	dropChrome(doc)
	var base *url.URL
	if d.URL != "" {
		base, _ = url.Parse(d.URL)
	}
	p := readability.NewParser()
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return nil, fmt.Errorf("find the article text: %w", err)
	}
	if len(m.titles) > 0 {
		d.Title = m.titles[0]
	} else {
		d.Title = strings.Join(strings.Fields(art.Title()), " ")
	}
	if art.Node == nil {
		return nil, errNoText
	}
	tidy(art.Node)
	if d.Body, err = c.md.ConvertNode(art.Node); err != nil {
		return nil, fmt.Errorf("convert to Markdown: %w", err)
	}
	return d, nil
}

// errNoText reports a page or file without any article text.
var errNoText = errors.New("no article text found")

// chrome matches the class, id or role of a page's furniture that
// readability keeps when it sits inside the article: share buttons,
// newsletter prompts, "read more" boxes, comment sections.
var chrome = regexp.MustCompile(`(?i)\b(share|sharing|social|newsletter|signup|sign-up|subscribe|subscription|promo|related|read-?more|more-stories|recommended|comments?|respond|cookie|consent|paywall|ad-slot|advert|breadcrumbs?|tags-links)\b`)

// dropChrome removes the page's furniture before readability sees it:
// forms, navigation and elements whose class or id says chrome. An
// element holding half the page's paragraph text or more is the article,
// whatever its class says ("entry-content share-enabled"), or a wrapper
// (ASP.NET pages sit inside one <form>), and is kept.
func dropChrome(doc *html.Node) {
	total := paragraphText(doc)
	var doomed []*html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.DataAtom {
		case atom.Html, atom.Body, atom.Main, atom.Article:
			return true
		case atom.Form, atom.Button, atom.Input, atom.Textarea, atom.Select, atom.Nav:
		default:
			if !chrome.MatchString(attr(n, "class") + " " + attr(n, "id")) {
				return true
			}
		}
		if 2*paragraphText(n) >= total && total > 0 {
			return true
		}
		doomed = append(doomed, n)
		return false
	})
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// paragraphText returns how many bytes of text the paragraphs in n hold.
func paragraphText(n *html.Node) int {
	size := 0
	walk(n, func(n *html.Node) bool {
		if n.DataAtom == atom.P {
			size += len(strings.TrimSpace(text(n)))
			return false
		}
		return true
	})
	return size
}

// tidy prepares readability's output for Markdown: images and media go
// (a corpus file holds prose), links become their text, and lists of
// nothing but links (other stories) go.
func tidy(root *html.Node) {
	var doomed, unwrap []*html.Node
	walk(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Img, atom.Picture, atom.Svg, atom.Video, atom.Audio, atom.Iframe, atom.Object, atom.Embed, atom.Noscript:
			doomed = append(doomed, n)
			return false
		case atom.Ul, atom.Ol:
			if linksOnly(n) {
				doomed = append(doomed, n)
				return false
			}
		case atom.A:
			unwrap = append(unwrap, n)
		}
		return true
	})
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
	for _, n := range unwrap {
		if n.Parent == nil {
			continue
		}
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
			n.Parent.InsertBefore(c, n)
		}
		n.Parent.RemoveChild(n)
	}
}

// linksOnly reports whether every item of a list is a link and nothing
// else: a list of other stories, not of the article's points.
func linksOnly(list *html.Node) bool {
	items := 0
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		items++
		var linked strings.Builder
		walk(li, func(n *html.Node) bool {
			if n.DataAtom == atom.A {
				linked.WriteString(text(n))
				return false
			}
			return true
		})
		if strings.TrimSpace(linked.String()) == "" || strings.TrimSpace(linked.String()) != strings.TrimSpace(text(li)) {
			return false
		}
	}
	return items > 0
}

// walk calls f for n and, while f returns true, for its descendants.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text returns the text of n and its descendants.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		return true
	})
	return b.String()
}
