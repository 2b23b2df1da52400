// Package corpus embeds the article files Parley answers from, and the alias
// table that widens questions, so the parley binary needs no files beside it.
package corpus

import (
	"embed"
	"io/fs"
)

//go:embed *.md aliases.txt
var files embed.FS

// FS returns the embedded corpus folder.
func FS() fs.FS { return files }

// AliasesFile is the name of the alias table in a corpus folder.
const AliasesFile = "aliases.txt"
