package search

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZQ(t *testing.T) {
	qs := os.Getenv("QS")
	if qs == "" {
		t.Skip()
	}
	ix := realIndex(t, "")
	for _, q := range strings.Split(qs, "|") {
		r, _ := ix.Search(context.Background(), q, 3)
		fmt.Printf("%q verdict=%+v focus=%+v\n", q, r.Verdict, r.focus)
		for _, tm := range r.Terms {
			fmt.Printf("   %+v\n", tm)
		}
	}
}
