// Package importcmd is `cjm import FILE... [-o OUT]`: it turns Mermaid
// journeys, CSV touchpoint tables and XLSX workbooks into journey files in the canonical layout, through the
// sources of pkg/importer. See docs/import.md.
package importcmd
