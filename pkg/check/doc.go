// Package check is the one call every command makes to read a journey
// file: load it (package load), validate it (package validate) and return
// the findings sorted and deduplicated.
package check
