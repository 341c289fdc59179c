// Package site implements `cjm site PATH... -o DIR`: the static portfolio
// site of every map under the paths (pkg/site), rendered through the same
// Graphviz choice as cjm render (renderpool.Default) and written
// atomically. A map with errors stops it before anything is written
// (exit 1).
package site
