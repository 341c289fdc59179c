// Package textmeasure measures and wraps text the way the diagrams draw it:
// with the metrics of Liberation Sans (bundled through
// github.com/go-fonts/liberation), which is metric-compatible with
// Helvetica and Arial, the font the DOT output names.
//
// Graphviz's own text metrics give every non-ASCII character one estimated
// width, so Cyrillic labels come out narrower than they are drawn. The view
// builders therefore measure and wrap every label here and hand Graphviz
// explicit sizes and pre-wrapped lines.
//
// A character Liberation Sans lacks (₽, ★, ↶, Arabic, Armenian, Georgian,
// box drawing, many symbols) is measured in DejaVu Sans (bundled through
// github.com/go-fonts/dejavu), the fallback pkg/raster draws it with, so
// the layout matches the PNG and PDF. Characters neither font has (CJK,
// emoji, Thai, ...) are measured in the font of the fallback chain that
// draws them (FallbackFont): pinned font files (SetFonts, from cjm render
// --font), then TrueType fonts found in the system's font directories in
// a fixed order. Only characters no font has are estimated: East Asian
// wide characters (CJK) as 1 em, emoji as 1.25 em, combining marks and
// joiners as zero, anything else as 0.6 em. Estimates err on the wide
// side, so text fits its box in any reasonable fallback font.
package textmeasure
