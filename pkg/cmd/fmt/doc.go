// Package fmtcmd implements `cjm fmt PATH...`: it rewrites journey files in
// the canonical layout of pkg/yamlfmt, with gofmt's flags: -l lists the
// files that differ, -d prints a unified diff, -w writes the files
// (atomically); with no flag, the single input is printed formatted.
package fmtcmd
