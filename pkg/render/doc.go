// Package render is cjm's drawing pipeline as a library: from a loaded,
// valid journey.Map and the views and formats asked for, to the bytes of
// each output. It never prints and knows nothing of the command line.
//
// It holds the one registry of views (views.go: name, title per language,
// builder, the Graphviz calls it costs) and the one registry of formats
// (formats.go: name, extension, per view or whole map, what it draws).
// A Plan checks a request once; Plan.Render draws each view at most once
// however many formats use it (its DOT and SVG are cached per call) and
// decides the id prefix of every SVG (IDPrefix). Where Graphviz runs is
// injected: graphviz.InProcess, or a pkg/renderpool.Pool of worker
// processes. A map may be drawn against a baseline, another version of
// it (Options.Baseline, Plan.RenderAgainst): the map view draws what
// changed since.
//
// Adding a view or a format is one entry in this package (and its labels
// in pkg/i18n); `cjm render`, `cjm serve` and the reports take their lists
// from here (pkg/config's accepted `render.views` are kept equal by a test
// of pkg/cmd/root).
package render
