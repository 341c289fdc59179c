//go:build !unix

package atomicfile

// syncDir does nothing on systems where a directory cannot be opened and
// synced like a file (Windows): there the rename is as durable as the
// system makes it.
func syncDir(string) error { return nil }
