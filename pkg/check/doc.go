// Package check is the one call every command makes to read a journey
// file: load it (package load), validate it (package validate) and return
// the findings sorted and deduplicated. Callers pass check.Options and need
// not import package load.
package check
