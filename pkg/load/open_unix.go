//go:build unix

package load

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting: should a named
// pipe take the place of a regular file between the Stat and the open, the
// open returns at once and the mode check that follows refuses it.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
