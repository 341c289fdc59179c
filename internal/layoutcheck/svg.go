package layoutcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/cjm-dev/cjm/pkg/textmeasure"
)

// Box is an axis-aligned rectangle in the drawing's coordinates (points,
// y down as SVG has it).
type Box struct{ X0, Y0, X1, Y1 float64 }

// W and H are the box's width and height.
func (b Box) W() float64 { return b.X1 - b.X0 }
func (b Box) H() float64 { return b.Y1 - b.Y0 }

// empty reports whether b holds nothing (the zero box, or inverted).
func (b Box) empty() bool { return b.X1 <= b.X0 && b.Y1 <= b.Y0 }

// union returns the smallest box holding b and c.
func (b Box) union(c Box) Box {
	if b.empty() {
		return c
	}
	if c.empty() {
		return b
	}
	return Box{math.Min(b.X0, c.X0), math.Min(b.Y0, c.Y0), math.Max(b.X1, c.X1), math.Max(b.Y1, c.Y1)}
}

// overlap returns the width and height of b ∩ c (≤ 0 when they do not
// meet).
func (b Box) overlap(c Box) (w, h float64) {
	return math.Min(b.X1, c.X1) - math.Max(b.X0, c.X0), math.Min(b.Y1, c.Y1) - math.Max(b.Y0, c.Y0)
}

// within reports whether b lies inside c, give or take tol points.
func (b Box) within(c Box, tol float64) bool {
	return b.X0 >= c.X0-tol && b.Y0 >= c.Y0-tol && b.X1 <= c.X1+tol && b.Y1 <= c.Y1+tol
}

func (b Box) String() string {
	return fmt.Sprintf("[%.1f,%.1f %.1f×%.1f]", b.X0, b.Y0, b.W(), b.H())
}

// Text is one <text> element of a drawing.
type Text struct {
	// ID is the id of the node or edge group that holds it ("" when it is
	// directly in the graph).
	ID string
	// Text is its content.
	Text string
	// Size is its font size, pt of the drawing; Bold its weight.
	Size float64
	Bold bool
	// Box is where it is drawn: its measured width placed by x and
	// text-anchor, from Ascent×Size above the baseline to Descent×Size
	// under it.
	Box Box
	// Baseline is its y; Anchor its text-anchor ("start" when absent).
	Baseline float64
	Anchor   string
	// order is its place in the drawing order.
	order int
}

// The vertical extent of a text box as fractions of its font size: the
// height of the box is the font size (the "height ≈ font size"),
// most of it above the baseline, as the Latin and Cyrillic letters are.
const (
	Ascent  = 0.8
	Descent = 0.2
)

// Swatch is the colour mark of one legend entry.
type Swatch struct {
	// ID is the mark's node id; Kind is "channel", "owner" or "persona".
	ID, Kind string
	// Fill is its colour as written ("#ee6677").
	Fill string
}

// Drawing is what the checks read of one SVG written by Graphviz.
type Drawing struct {
	// ID is the graph's id (the ids of its nodes start with it and "-").
	ID string
	// Bounds is the graph's background polygon: the whole drawing.
	Bounds Box
	// Content is what is drawn on it: the boxes of the texts, the lines
	// and the shapes with a visible fill (not white) or stroke.
	Content Box
	// Texts are the non-blank texts, in document order.
	Texts []Text
	// Shapes are the bounding boxes of the shapes (polygon, path,
	// ellipse, rect) of each node group, by node id.
	Shapes map[string]Box
	// Nodes are the node ids in document order.
	Nodes []string
	// Swatches are the legend's colour marks of channels, owners and
	// personas, in document order.
	Swatches []Swatch
	// Lines are the stroked paths of the edges (grid lines, curves,
	// arrows), in document order.
	Lines []Line
	// fills are the filled shapes of the nodes, in document order: what
	// hides the lines drawn before them.
	fills []fill
	// Fills are the fill colour of each node's first filled shape, by
	// node id, lower case.
	Fills map[string]string
}

// Line is one stroked path of an edge group, as the polyline of its
// points (a Graphviz path's control points: exact for its straight
// segments).
type Line struct {
	// ID is the edge's id.
	ID     string
	Points [][2]float64
	Box    Box
	order  int
}

// fill is a filled node shape and its place in the drawing order.
type fill struct {
	box   Box
	order int
	// node is the id of the node the shape belongs to; opaque whether
	// it is painted at full opacity (no fill-opacity or opacity under 1),
	// white whether in white.
	node          string
	opaque, white bool
}

// Parse reads an SVG as Graphviz writes it: a graph group holding node
// and edge groups (<g class="node" id=...>), which hold the shapes and
// texts of each.
func Parse(svg []byte) (*Drawing, error) {
	d := &Drawing{Shapes: map[string]Box{}, Fills: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	// stack of the <g> elements open: the node or edge id each belongs to.
	type group struct{ item, class string }
	var stack []group
	current := func() (string, string) {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].class == "node" || stack[i].class == "edge" {
				return stack[i].item, stack[i].class
			}
		}
		return "", ""
	}
	haveBounds := false
	order := 0
	addShape := func(b Box, a map[string]string) {
		id, class := current()
		colour := a["fill"]
		order++
		if class != "" && (paints(colour) && !strings.EqualFold(colour, "#ffffff") || paints(a["stroke"])) {
			d.Content = d.Content.union(b)
		}
		switch {
		case class == "node":
			if paints(colour) {
				d.fills = append(d.fills, fill{box: b, order: order, node: id, opaque: opaque(a),
					white: strings.EqualFold(colour, "#ffffff") || strings.EqualFold(colour, "white")})
				if _, ok := d.Fills[id]; !ok {
					d.Fills[id] = strings.ToLower(colour)
				}
			}
			if _, ok := d.Shapes[id]; !ok {
				d.Shapes[id] = b
			} else {
				d.Shapes[id] = d.Shapes[id].union(b)
			}
			if kind := swatchKind(d.ID, id); kind != "" && colour != "" && colour != "none" {
				// One swatch per mark: the first coloured shape.
				if n := len(d.Swatches); n == 0 || d.Swatches[n-1].ID != id {
					d.Swatches = append(d.Swatches, Swatch{ID: id, Kind: kind, Fill: colour})
				}
			}
		case class == "" && !haveBounds:
			d.Bounds, haveBounds = b, true
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrs(t)
			switch t.Name.Local {
			case "g":
				g := group{class: a["class"]}
				if g.class == "node" || g.class == "edge" {
					g.item = a["id"]
					if g.class == "node" {
						d.Nodes = append(d.Nodes, g.item)
					}
				}
				if g.class == "graph" && d.ID == "" {
					d.ID = a["id"]
				}
				stack = append(stack, g)
			case "polygon", "polyline":
				if b, ok := pointsBox(a["points"]); ok && t.Name.Local == "polygon" {
					addShape(b, a)
				}
			case "path":
				if b, ok := pointsBox(a["d"]); ok {
					switch id, class := current(); class {
					case "node":
						addShape(b, a)
					case "edge":
						if stroke := a["stroke"]; stroke != "none" && stroke != "transparent" && !strings.EqualFold(stroke, "#ffffff") {
							order++
							d.Lines = append(d.Lines, Line{ID: id, Points: points(a["d"]), Box: b, order: order})
							d.Content = d.Content.union(b)
						}
					}
				}
			case "ellipse":
				cx, cy, rx, ry := num(a["cx"]), num(a["cy"]), num(a["rx"]), num(a["ry"])
				addShape(Box{cx - rx, cy - ry, cx + rx, cy + ry}, a)
			case "rect":
				x, y, w, h := num(a["x"]), num(a["y"]), num(a["width"]), num(a["height"])
				addShape(Box{x, y, x + w, y + h}, a)
			case "text":
				var content string
				if err := dec.DecodeElement(&struct {
					Inner *string `xml:",chardata"`
				}{&content}, &t); err != nil {
					return nil, fmt.Errorf("svg: text: %w", err)
				}
				if blank(content) {
					continue
				}
				id, _ := current()
				order++
				t := newText(id, content, a)
				t.order = order
				d.Texts = append(d.Texts, t)
				d.Content = d.Content.union(t.Box)
			}
		case xml.EndElement:
			if t.Name.Local == "g" && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if d.ID == "" {
		return nil, fmt.Errorf("svg: no graph group (<g class=\"graph\">): not an SVG written by Graphviz")
	}
	return d, nil
}

// newText measures one text as the raster package and Graphviz draw it.
func newText(id, content string, a map[string]string) Text {
	size := num(a["font-size"])
	if size == 0 {
		size = 14 // Graphviz's default
	}
	bold := a["font-weight"] == "bold"
	w := textmeasure.Width(content, size, bold)
	x, y := num(a["x"]), num(a["y"])
	var x0 float64
	anchor := a["text-anchor"]
	if anchor == "" {
		anchor = "start"
	}
	switch anchor {
	case "middle":
		x0 = x - w/2
	case "end":
		x0 = x - w
	default:
		x0 = x
	}
	return Text{ID: id, Text: content, Size: size, Bold: bold, Baseline: y, Anchor: anchor,
		Box: Box{x0, y - Ascent*size, x0 + w, y + Descent*size}}
}

// swatchKind says which legend a node id is the colour mark of:
// <graph>-legend-channel-<id>-mark and the like for owners and personas.
func swatchKind(graph, id string) string {
	rest, ok := strings.CutPrefix(id, graph+"-legend-")
	if !ok || !strings.HasSuffix(rest, "-mark") {
		return ""
	}
	for _, k := range []string{"channel", "owner", "persona"} {
		if strings.HasPrefix(rest, k+"-") {
			return k
		}
	}
	return ""
}

func attrs(t xml.StartElement) map[string]string {
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

func num(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0
	}
	return f
}

// paints reports whether a fill or stroke colour draws anything.
// opaque reports whether a shape's fill is painted at full opacity.
func opaque(a map[string]string) bool {
	for _, k := range []string{"fill-opacity", "opacity"} {
		if v, ok := a[k]; ok && num(v) < 1 {
			return false
		}
	}
	return true
}

func paints(c string) bool {
	return c != "" && c != "none" && c != "transparent"
}

// blank reports whether s draws nothing (Graphviz writes " " in the
// label of a shape without text).
func blank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) }) < 0
}

// pointsBox returns the bounding box of the coordinates in a points list
// or an absolute path ("M1,2C3,4 5,6 7,8"): Graphviz writes only absolute
// commands, and the control points of its curves bound them.
func pointsBox(s string) (Box, bool) {
	pts := points(s)
	if len(pts) == 0 {
		return Box{}, false
	}
	b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b.X0, b.Y0 = math.Min(b.X0, p[0]), math.Min(b.Y0, p[1])
		b.X1, b.Y1 = math.Max(b.X1, p[0]), math.Max(b.Y1, p[1])
	}
	return b, true
}

// points returns the coordinate pairs of a points list or an absolute
// path, nil when it holds something else.
func points(s string) [][2]float64 {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || unicode.IsSpace(r) || (unicode.IsLetter(r) && r != 'e' && r != 'E')
	})
	var out [][2]float64
	for i := 0; i+1 < len(f); i += 2 {
		x, err1 := strconv.ParseFloat(f[i], 64)
		y, err2 := strconv.ParseFloat(f[i+1], 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		out = append(out, [2]float64{x, y})
	}
	return out
}
