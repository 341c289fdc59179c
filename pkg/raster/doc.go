// Package raster turns the SVG that Graphviz writes into PNG and vector PDF
// in pure Go with github.com/tdewolff/canvas, drawing text with the bundled
// Liberation Sans (metric-compatible with Helvetica and Arial, which
// Graphviz measured the labels with) and, character by character, with the
// bundled DejaVu Sans for what Liberation lacks (₽, ★, Arabic, Armenian,
// Georgian, ...). Characters neither has (CJK, emoji, ...) are drawn with
// the font pkg/textmeasure's fallback chain picks (--font files, then
// system TrueType fonts), and reported in Options.Missing when no font has
// them. Text the bundled fonts cover never reaches the chain, so such
// drawings are the same on every machine. In the PDF, hard-stop gradients
// (the cards' channel headers) are drawn as solid shapes, which every
// viewer places exactly.
package raster
