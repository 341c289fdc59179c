// Package udiff writes a unified diff of two texts (the `diff -u` format
// that patch and code review tools read), as `cjm fmt -d` prints it. The
// line matching is github.com/aymanbagabas/go-udiff's, a port of the Go
// tools' diff; this package only fixes the output cjm wants (nil for equal
// texts, the context size).
package udiff
