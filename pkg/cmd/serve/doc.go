// Package serve implements `cjm serve`, the live preview: it wires
// pkg/serve to the real pipeline (pkg/check, then pkg/render, which draws
// the same bytes as `cjm render -f svg`) and to a listener, signals and
// the terminal. Graphviz runs in one recycled worker process
// (pkg/renderpool), never in the server's own, so a long session's memory
// stays bounded.
package serve
