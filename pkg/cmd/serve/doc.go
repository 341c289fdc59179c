// Package serve implements `cjm serve`, the live preview: it wires
// pkg/serve to the real pipeline (check, then the same view builders and
// Graphviz as `cjm render`) and to a listener, signals and the terminal.
package serve
