package view

import (
	"math"

	"github.com/cjm-dev/cjm/pkg/palette"
)

// TextAt adds a node holding lines of text, left-aligned, whose top-left
// corner is at (x, y), in st (palette.Text unless st has a colour).
// Graphviz starts each \l line at the left edge of a fixed-size node as
// long as its own width estimate of the text is not wider than the node;
// the node is made wider than the text for that (see TextBoxWidth), so
// the text is drawn where it was measured. Nothing is added for no lines.
func (d *Doc) TextAt(id string, x, y float64, lines []string, st Style, extra ...Attr) {
	if len(lines) == 0 {
		return
	}
	w, h := textBox(lines, st)
	if d.Right > d.Left && x+w > d.Right {
		w = max(d.Right-x, tightBox(lines, st))
	}
	attrs := []Attr{A("width", Inches(w)), A("height", Inches(h)), Text(lines, false)}
	attrs = append(attrs, st.Font(palette.Text)...)
	d.Node(id, Point{X: x + w/2, Y: y + h/2}, append(attrs, extra...)...)
}

// TextRightAt adds a node holding lines of text, right-aligned (each line
// ends at xr), top at y: for right-to-left paragraphs (IsRTL). A line
// ended by \r ends at the node's right edge as long as Graphviz's
// estimate of it is narrower than the node, so the node's room is on its
// left. Nothing is added for no lines.
func (d *Doc) TextRightAt(id string, xr, y float64, lines []string, st Style, extra ...Attr) {
	if len(lines) == 0 {
		return
	}
	w, h := textBox(lines, st)
	if d.Right > d.Left && xr-w < d.Left {
		w = max(xr-d.Left, tightBox(lines, st))
	}
	attrs := []Attr{A("width", Inches(w)), A("height", Inches(h)), textLabel(lines, `\r`)}
	attrs = append(attrs, st.Font(palette.Text)...)
	d.Node(id, Point{X: xr - w/2, Y: y + h/2}, append(attrs, extra...)...)
}

// Centred adds a node holding lines of text centred on cx, top at y.
// Nothing is added for no lines.
func (d *Doc) Centred(id string, cx, y float64, lines []string, st Style) {
	if len(lines) == 0 {
		return
	}
	w, h := textBox(lines, st)
	if d.Right > d.Left {
		// Centred text is centred whatever the node's width: within the
		// edges, only the text's own room.
		w = max(min(w, 2*(cx-d.Left), 2*(d.Right-cx)), tightBox(lines, st))
	}
	attrs := []Attr{A("width", Inches(w)), A("height", Inches(h)), Text(lines, true)}
	d.Node(id, Point{X: cx, Y: y + h/2}, append(attrs, st.Font(palette.Text)...)...)
}

// textBox returns the size of the node that holds lines in st.
func textBox(lines []string, st Style) (w, h float64) {
	for _, l := range lines {
		w = math.Max(w, st.Width(l))
	}
	return TextBoxWidth(w), st.Height(len(lines))
}

// tightBox is the least width of a node holding lines in st near an edge
// of the drawing: the wider of the text as measured and as Graphviz
// estimates it (graphvizWidth), and 3 pt (a line 450 pt long came within
// 2 pt). A left-aligned line whose estimate is wider than its node would
// be centred on the node instead.
func tightBox(lines []string, st Style) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, math.Max(st.Width(l), graphvizWidth(l, st)))
	}
	return Ceil(w + 3)
}

// graphvizWidth is Graphviz's own estimate of a line's width (it has no
// font files here): Helvetica's widths for ASCII, and 0.2778 em for each
// byte of a character's UTF-8 encoding beyond it (measured: ж and α come
// out 5.56 pt at 10 pt, “, ₽ and 中 8.33 pt).
func graphvizWidth(line string, st Style) float64 {
	ascii := make([]byte, 0, len(line))
	other := 0
	for i := 0; i < len(line); i++ {
		if line[i] < 0x80 {
			ascii = append(ascii, line[i])
		} else {
			other++
		}
	}
	return st.Width(string(ascii)) + float64(other)*0.2778*st.Size
}

// Ellipsize cuts text to fit width on one line, ending it with "…".
func (s Style) Ellipsize(text string, width float64) string {
	if s.Width(text) <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && s.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// NodeDefaults are the node attributes of both views: fixed-size nodes
// without a shape or margin, text in the default font, size and colour.
func NodeDefaults() []Attr {
	return []Attr{
		A("shape", "plaintext"),
		A("margin", "0"),
		A("fixedsize", "true"),
		A("fontname", DefaultFont),
		A("fontsize", Num(DefaultFontSize)),
		A("fontcolor", palette.Text),
	}
}
