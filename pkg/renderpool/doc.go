// Package renderpool runs Graphviz layouts in worker processes of cjm
// itself (`cjm __render-worker`), so that a batch gets real parallelism on
// several cores although one process holds one single-threaded Graphviz
// instance, memory stays bounded although Graphviz never gives memory back
// (a worker is replaced after a number of layouts or once it has grown
// past a size), and a layout that runs away can be stopped (the worker is
// killed when the context is cancelled or times out).
//
// Requests and results travel over the worker's stdin and stdout as gob
// values. The same pkg/graphviz code runs on both sides, so a pooled
// render gives the same bytes as an in-process one.
package renderpool
