// Package xlsx is the importer.Source of XLSX workbooks: the workbook
// `cjm render -f xlsx` writes (pkg/export/xlsx describes its sheets and
// columns) and the workshop template `cjm init --format xlsx` writes,
// filled in by hand. Sheets and headers are recognised in English and
// Russian, whatever the map's language; columns may be moved, unknown
// ones are left out with a warning.
//
// Positions: a workbook has no lines, so a finding about a cell is at
// line = the cell's row and column = its column number (both 1-based),
// and its message starts with the sheet and the cell as a spreadsheet
// names them ("Touchpoints!C7: ..."), so the CLI prints
// "map.xlsx:7:3: error: Touchpoints!C7: ...". See docs/import.md.
package xlsx
