// Package csv imports a CSV touchpoint table as a journey map: one row per
// touchpoint, in map order. It reads the inventory that `cjm render -f
// csv` writes (pkg/export/csv) and the "workshop" layout people fill in
// by hand, whose columns may come in any order, with English or Russian
// header names (docs/import.md lists them).
//
// Stages, channels, owners and personas are created from the values met,
// in the order met; a blank stage cell continues the stage of the row
// above (merged cells of a spreadsheet come out that way). Lists (pains,
// delights, personas …) are one item per line inside the cell. A `'` that
// pkg/export/csv put before a formula-like cell is taken off again. The
// separator is `,`, `;` or a tab, whichever the header row uses most.
//
// Diagnostics name the row and the cell (E5, as spreadsheets do) at the
// line and column where the cell starts.
package csv
