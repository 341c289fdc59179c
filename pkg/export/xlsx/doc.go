// Package xlsx writes a journey map as an XLSX workbook that a consultant
// can hand over or fill in at a workshop, and that `cjm import` reads back
// without loss (pkg/importer/xlsx): one sheet each for the map itself, its
// personas, channels, owners, stages, touchpoints, metrics and transitions
// (and the measurements, when the map has them, for reading only).
//
// Layout describes the sheets and their columns once, for the writer and
// the reader. Headers are in the map's language (pkg/i18n); lists are
// multi-line cells, one item per line; numbers are numbers; enums and ids
// have drop-down lists; channel and owner cells are filled with their
// colours (pkg/view.NewColors). The bytes are deterministic: fixed
// document timestamps and zip entry times. See docs/reports.md.
package xlsx
