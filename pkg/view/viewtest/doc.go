// Package viewtest makes journey maps for the tests and benchmarks of the
// views and the renderers: a small map that fills every lane, a map of
// hostile labels, and a synthetic generator for maps of any size. It also
// loads the examples and runs the benchmarks the views share. Only tests
// import it.
package viewtest
