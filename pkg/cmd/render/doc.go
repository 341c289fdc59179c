// Package render implements `cjm render`: it checks journey files and
// writes their views (map, flow) and reports in the requested formats next
// to each input or into -o DIR, atomically, in parallel with -j, and with
// --check compares instead of writing, for CI.
//
// Formats are a registry (formats.go): each is a function from a Job (one
// loaded map, its language, its SVG per view rendered lazily once) to
// bytes, so a new format is one entry. Graphviz runs in this process for a
// few renders and in recycled worker processes (`cjm __render-worker`, see
// pkg/renderpool) for batches.
package render
