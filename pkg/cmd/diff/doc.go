// Package diff implements `cjm diff OLD NEW`: what changed between two
// versions of a journey map, in the journey's terms (pkg/diff), with
// either side read from git as REV:PATH. Exit 0 when the maps mean the
// same, 1 when they differ, 2 when a side cannot be read or has errors.
package diff
