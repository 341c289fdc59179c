// Package importer builds journey files from data kept in other formats:
// a Mermaid `journey` block, a CSV touchpoint inventory or workshop sheet,
// a spreadsheet. Each format is a Source (its own sub-package) that turns
// the bytes of one input into a *journey.Map plus diagnostics that point
// into that input (file, line and column; the row and cell of a CSV; the
// sheet and cell of a workbook).
//
// What every source shares lives here: IDs derives valid, unique,
// deterministic ids from names in any script (transliterated with
// github.com/gosimple/slug, else a stable hash); Catalogue creates the
// personas, channels and owners met by name; Finish fills in the ids a
// source left empty; Write emits the map as a journey file in the
// canonical layout of `cjm fmt`.
//
// The package never prints or exits; see docs/import.md.
package importer
