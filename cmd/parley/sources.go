package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

func runSources(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("sources", stderr)
	asJSON := fl.Bool("json", false, "print JSON")
	dir := fl.String("corpus", "", "read articles from `DIR` instead of the built-in corpus")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("sources takes no arguments")
	}
	b, _, err := loadBot(ctx, *dir, os.LookupEnv, stderr, nil)
	if err != nil {
		return err
	}
	defer b.Close()
	if *asJSON {
		type source struct {
			Article   string `json:"article"`
			Title     string `json:"title"`
			Outlet    string `json:"outlet"`
			Published string `json:"published"`
			URL       string `json:"url"`
			Passages  int    `json:"passages"`
		}
		var out []source
		for _, s := range b.Articles() {
			out = append(out, source{s.Article, s.Title, s.Outlet, s.Published, s.URL, s.Passages})
		}
		return json.NewEncoder(stdout).Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tHEADLINE\tOUTLET\tDATE\tPASSAGES")
	for _, s := range b.Articles() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", s.Article, s.Title, dash(s.Outlet), dash(s.Published), s.Passages)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
