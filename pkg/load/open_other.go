//go:build !unix

package load

import "os"

// openNonBlocking opens path for reading; this system has no named pipes
// in the file system that an open could wait on.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
