// Package csv exports a journey map's touchpoint inventory as CSV: one
// row per touchpoint, RFC 4180 quoting and CRLF line ends, UTF-8 (no byte
// order mark) with a header row of stable English column names.
//
// A cell that a spreadsheet would read as a formula (one starting with
// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`; a
// cell that is just a number, such as `-1`, is left alone. See
// docs/reports.md.
package csv
