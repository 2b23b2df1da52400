// Package parley holds the corpus built into the parley binary: the article
// files and the alias table in corpus/, so that parley needs no files beside
// it.
package parley

import (
	"embed"
	"io/fs"
)

//go:embed corpus/*.md corpus/aliases.txt
var corpusFiles embed.FS

// Corpus returns the built-in corpus folder: one Markdown file per article,
// and the alias table.
func Corpus() fs.FS {
	// Sub cannot fail on a folder the embed directive names.
	sub, _ := fs.Sub(corpusFiles, "corpus")
	return sub
}
