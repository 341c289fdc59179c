// Package portfolio loads the maps of a team's repository for the commands
// that look across maps (cjm stats, cjm site): every journey file checked
// in parallel under the project configuration that applies to it, the
// valid maps kept in path order, catalogues left out, and the findings of
// the maps (and configurations) with errors collected for the caller to
// report.
package portfolio
