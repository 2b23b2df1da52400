//go:build !linux

package search

import (
	"io/fs"
	"time"
)

// changeStamp has nothing beyond the modification time to offer on this
// system.
func changeStamp(fs.FileInfo) (string, time.Time) { return "", time.Time{} }
