package view

import (
	"math"
	"strings"

	"github.com/cjm-dev/cjm/pkg/textmeasure"
)

// Style is how a run of text is set.
type Style struct {
	Size   float64
	Bold   bool
	Italic bool
	Color  string // empty: the default text colour
}

// Wrap breaks text into lines no wider than width in the style.
func (s Style) Wrap(text string, width float64) []string {
	return textmeasure.Wrap(text, width, s.Size, s.Bold)
}

// Width returns the width of one line of text in the style.
func (s Style) Width(text string) float64 {
	return textmeasure.Width(text, s.Size, s.Bold)
}

// LineHeight returns the height of one line in the style.
func (s Style) LineHeight() float64 { return s.Size * textmeasure.LineHeight }

// Height returns the height of n lines in the style.
func (s Style) Height(n int) float64 { return float64(n) * s.LineHeight() }

// Default font of the nodes of both views; Font only writes what differs.
const (
	DefaultFont     = "Helvetica"
	DefaultFontSize = 10.0
)

// Font returns the node attributes that set the style's font: the
// PostScript name Graphviz knows the metrics of (Helvetica, -Bold,
// -Oblique, -BoldOblique), the size and the colour, each only when it
// differs from the defaults (DefaultFont, DefaultFontSize, defaultColor).
func (s Style) Font(defaultColor string) []Attr {
	var out []Attr
	name := DefaultFont
	switch {
	case s.Bold && s.Italic:
		name += "-BoldOblique"
	case s.Bold:
		name += "-Bold"
	case s.Italic:
		name += "-Oblique"
	}
	if name != DefaultFont {
		out = append(out, A("fontname", name))
	}
	if s.Size != DefaultFontSize && s.Size != 0 {
		out = append(out, A("fontsize", Num(s.Size)))
	}
	if s.Color != "" && s.Color != defaultColor {
		out = append(out, A("fontcolor", s.Color))
	}
	return out
}

// Span returns escaped text wrapped in the style's FONT, B and I tags.
func (s Style) Span(text string) string {
	return s.open() + HTML(text) + s.close()
}

func (s Style) open() string {
	var b strings.Builder
	b.WriteString(`<FONT POINT-SIZE="`)
	b.WriteString(Num(s.Size))
	b.WriteByte('"')
	if s.Color != "" {
		b.WriteString(` COLOR="`)
		b.WriteString(s.Color)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if s.Bold {
		b.WriteString("<B>")
	}
	if s.Italic {
		b.WriteString("<I>")
	}
	return b.String()
}

func (s Style) close() string {
	var b strings.Builder
	if s.Italic {
		b.WriteString("</I>")
	}
	if s.Bold {
		b.WriteString("</B>")
	}
	b.WriteString("</FONT>")
	return b.String()
}

// LeftLines returns the lines in the style, each ended by a left-aligned
// break, for a table cell with ALIGN="LEFT" BALIGN="LEFT". Left alignment
// starts every line at the cell's left edge, so a line is drawn where it
// was measured whatever width Graphviz estimates for it.
func (s Style) LeftLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(s.Span(l))
		b.WriteString(`<BR ALIGN="LEFT"/>`)
	}
	return b.String()
}

// CenterLines returns the lines in the style, each centred.
func (s Style) CenterLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`<BR/>`)
		}
		b.WriteString(s.Span(l))
	}
	return b.String()
}

// Ceil rounds a size up to whole points (HTML-like labels take integer
// sizes).
func Ceil(x float64) float64 { return math.Ceil(x - 1e-9) }

// TextBoxWidth returns the width to give a node holding left-aligned text
// measured w wide. Graphviz starts a \l line at the left edge of a
// fixed-size node only when its own estimate of the text is narrower than
// the node (else it centres its estimate and the text starts left of the
// node); its estimates are off by up to a quarter for non-Latin text, so
// the node gets that much room and more. The node draws nothing itself.
func TextBoxWidth(w float64) float64 { return Ceil(w*1.3 + 12) }
