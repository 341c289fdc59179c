// Package render implements `cjm render`: it checks journey files and
// writes their views (map, flow) and reports in the requested formats next
// to each input or into -o DIR, atomically, in parallel with -j, and with
// --check compares instead of writing, for CI.
//
// What is drawn and how is pkg/render's (the registry of views and
// formats, the output names, each view drawn once per map); this package
// keeps the command: flags, path planning, the refusal to overwrite an
// input, parallelism, progress, --check, atomic writes and the summary. It
// also picks where Graphviz runs: in this process for a few layouts, in
// recycled worker processes (`cjm __render-worker`, see pkg/renderpool)
// for batches, each layout bounded by --layout-timeout.
package render
