// Package graphviz lays out and renders DOT with Graphviz compiled to
// WebAssembly (github.com/goccy/go-graphviz), and normalises the SVG it
// writes so that output is deterministic and embeddable.
//
// go-graphviz runs one WebAssembly instance per process and is not safe for
// concurrent use: every call goes through one process-wide lock. Its memory
// grows with every layout and is never given back, and a layout cannot be
// interrupted; long batches and untrusted sizes belong in worker processes
// (see pkg/renderpool), which use this package on their side of the pipe.
//
// Only the text renderers are used (svg, plain, dot/xdot): go-graphviz's
// PNG renderer drops strokes and its PDF renderer fails. Raster and PDF
// output is made from the SVG by pkg/raster.
package graphviz
