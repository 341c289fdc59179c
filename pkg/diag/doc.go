// Package diag holds the diagnostics that every step of cjm reports: a
// position in a source file (1-based line and column, as yaml.v3 counts
// them), a severity, a stable rule name and a message that says what to do.
//
// The loader, the validator and every command share these types; the
// writers that print them live in package findings.
package diag
