// Package raster turns the SVG that Graphviz writes into PNG and vector PDF
// in pure Go with github.com/tdewolff/canvas, drawing text with the bundled
// Liberation Sans (metric-compatible with Helvetica and Arial, which
// Graphviz measured the labels with) and, character by character, with the
// bundled DejaVu Sans for what Liberation lacks (₽, ★, Arabic, Armenian,
// Georgian, ...). It never reads a system font, so the output is the same
// on every machine.
package raster
