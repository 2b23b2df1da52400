package search

import (
	"io/fs"
	"strconv"
	"syscall"
	"time"
)

// changeStamp returns what Linux changes at every write to a file and at
// every change of its metadata: its inode and status change time, which,
// unlike the modification time, no copying tool (cp -p, rsync -t, tar)
// can set back. The time is the status change.
func changeStamp(info fs.FileInfo) (string, time.Time) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", time.Time{}
	}
	changed := time.Unix(st.Ctim.Sec, st.Ctim.Nsec)
	return strconv.FormatUint(st.Ino, 10) + "@" + strconv.FormatInt(changed.UnixNano(), 10), changed
}
