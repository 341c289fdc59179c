// Package udiff writes a unified diff of two texts (the `diff -u` format
// that patch and code review tools read), as `cjm fmt -d` prints it.
package udiff
