package view

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Quote returns s as a DOT double-quoted string. Backslashes are doubled
// (Graphviz would read \N, \G, \n … as escapes), quotes escaped, line
// breaks kept as \n and other control characters dropped. It is the one
// escaping of DOT strings the builders write, except labels (Text):
// writeAttrs quotes every attribute value with it, and with QuoteTooltip
// the attributes that Graphviz unescapes twice.
func Quote(s string) string { return quote(s, `\\`) }

// QuoteTooltip is Quote for a tooltip: Graphviz turns \\ into \ once
// when it reads a tooltip and then expands the escapes (\N, \G, \L …) of
// the result, so a backslash takes four to come out as one (a tooltip
// `Price \N` otherwise reads `Price n6`). writeAttrs uses it for every
// attribute in tooltipKeys.
func QuoteTooltip(s string) string { return quote(s, `\\\\`) }

// QuoteName returns s as a DOT double-quoted name (of the graph), which
// Graphviz writes into the SVG's <title> as it reads it: its scanner
// unescapes only \" (and keeps \\ as two characters), so a backslash is
// written as is, except before a quote or at the end, where it has to be
// doubled (and then shows doubled: the one case that is not byte for
// byte). Line breaks become spaces, other control characters are dropped.
func QuoteName(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			rs = append(rs, ' ')
		case !unicode.IsControl(r):
			rs = append(rs, r)
		}
	}
	for i, r := range rs {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\' && (i == len(rs)-1 || rs[i+1] == '"'):
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tooltipKeys are the attributes that Graphviz unescapes twice.
var tooltipKeys = []string{"tooltip", "edgetooltip", "labeltooltip", "headtooltip", "tailtooltip"}

func quote(s, backslash string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(backslash)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// HTML escapes s for the text of a Graphviz HTML-like label: markup
// characters become entities and control characters are dropped (a label
// is split into lines before it gets here).
func HTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if unicode.IsControl(r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Num formats a coordinate or size for DOT: at most two decimals, no
// trailing zeros, never "-0".
func Num(x float64) string {
	x = math.Round(x*100) / 100
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Inches converts points to the inches node width and height take.
func Inches(pt float64) string { return Num(math.Round(pt/72*10000) / 10000) }

// Attr is one DOT attribute. An HTML value is written between < and >
// as is (it must be built from escaped text); any other value is quoted.
type Attr struct {
	Key, Value string
	HTML       bool
	// Raw values are already escaped for a DOT string (see Text).
	Raw bool
}

// A returns a quoted attribute.
func A(key, value string) Attr { return Attr{Key: key, Value: value} }

// Label returns an HTML-like label attribute.
func Label(html string) Attr { return Attr{Key: "label", Value: html, HTML: true} }

// Point is a position in points, y growing downwards (the builders lay out
// top to bottom; Doc flips y when it writes DOT).
type Point struct{ X, Y float64 }

// Doc collects the nodes and edges of a diagram laid out in Go and writes
// them as DOT with every position pinned.
type Doc struct {
	Prefix string
	// Title names the graph (the map's title): Graphviz writes it as the
	// SVG's <title>, its accessible name. Empty: Prefix.
	Title string
	// Left and Right, when Right > Left, are the edges of the drawing: a
	// text node (TextAt, Centred) takes no more room past them than its
	// text needs, so the room left for Graphviz's estimate of the text
	// (TextBoxWidth) does not widen the page on one side only (issue 10:
	// 170 px of margin on the right against 57 px on the left).
	Left, Right float64
	nodes       []docNode
	edges       []docEdge
}

type docNode struct {
	id    string
	at    Point
	attrs []Attr
}

type docEdge struct {
	id, tail, head string
	pts            []Point // cubic Bézier control points: 1 + 3n
	arrow          *Point  // where the arrowhead ends, if any
	attrs          []Attr
}

// ID returns the prefixed element id for the given parts.
func (d *Doc) ID(parts ...string) string {
	return d.Prefix + "-" + strings.Join(parts, "-")
}

// Node adds a node with the given id centred at p. A node labelled
// NoLabel gets a 1 pt font, so that its blank label never outgrows a small
// marker (Graphviz would warn).
func (d *Doc) Node(id string, p Point, attrs ...Attr) {
	for _, a := range attrs {
		if a == NoLabel {
			attrs = append(attrs, A("fontsize", "1"))
			break
		}
	}
	d.nodes = append(d.nodes, docNode{id: id, at: p, attrs: attrs})
}

// Edge adds an edge from tail to head drawn along the Bézier control
// points pts (1 + 3n of them); when arrow is not nil an arrowhead runs from
// the last point to it.
func (d *Doc) Edge(id, tail, head string, pts []Point, arrow *Point, attrs ...Attr) {
	d.edges = append(d.edges, docEdge{id: id, tail: tail, head: head, pts: pts, arrow: arrow, attrs: attrs})
}

// Len returns the number of nodes and edges.
func (d *Doc) Len() (nodes, edges int) { return len(d.nodes), len(d.edges) }

// Write returns the DOT text. height is the height of the drawing: y is
// flipped to Graphviz's upward axis as height - y.
func (d *Doc) Write(height float64, graph, node, edge []Attr) []byte {
	var b bytes.Buffer
	b.Grow(256 * (len(d.nodes) + len(d.edges)))
	b.WriteString("digraph ")
	if strings.TrimSpace(d.Title) != "" {
		b.WriteString(QuoteName(d.Title))
	} else {
		b.WriteString(Quote(d.Prefix))
	}
	b.WriteString(" {\n")
	writeDefaults(&b, "graph", append([]Attr{A("id", d.Prefix), A("layout", Engine)}, graph...))
	writeDefaults(&b, "node", node)
	writeDefaults(&b, "edge", edge)
	flip := func(p Point) string { return Num(p.X) + "," + Num(height-p.Y) }
	// Nodes are named n0, n1 … (short names keep the DOT small, which
	// Graphviz parses faster); their id attribute carries the real id.
	names := make(map[string]string, len(d.nodes))
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return Quote(id)
	}
	for i, n := range d.nodes {
		if _, dup := names[n.id]; !dup {
			names[n.id] = "n" + strconv.Itoa(i)
		}
	}
	for i, n := range d.nodes {
		b.WriteString("n" + strconv.Itoa(i))
		b.WriteString(" [")
		writeAttrs(&b, append([]Attr{A("id", n.id), A("pos", flip(n.at)+"!")}, n.attrs...))
		b.WriteString("]\n")
	}
	for _, e := range d.edges {
		b.WriteString(name(e.tail))
		b.WriteString(" -> ")
		b.WriteString(name(e.head))
		b.WriteString(" [")
		attrs := []Attr{A("id", e.id)}
		if len(e.pts) > 0 {
			var pos strings.Builder
			if e.arrow != nil {
				pos.WriteString("e," + flip(*e.arrow) + " ")
			}
			for i, p := range e.pts {
				if i > 0 {
					pos.WriteByte(' ')
				}
				pos.WriteString(flip(p))
			}
			attrs = append(attrs, A("pos", pos.String()))
		}
		writeAttrs(&b, append(attrs, e.attrs...))
		b.WriteString("]\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func writeDefaults(b *bytes.Buffer, kind string, attrs []Attr) {
	if len(attrs) == 0 {
		return
	}
	b.WriteString(kind)
	b.WriteString(" [")
	writeAttrs(b, attrs)
	b.WriteString("]\n")
}

func writeAttrs(b *bytes.Buffer, attrs []Attr) {
	for i, a := range attrs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.Key)
		b.WriteByte('=')
		if a.HTML {
			b.WriteByte('<')
			b.WriteString(a.Value)
			b.WriteByte('>')
		} else if a.Raw {
			b.WriteByte('"')
			b.WriteString(a.Value)
			b.WriteByte('"')
		} else if slices.Contains(tooltipKeys, a.Key) {
			b.WriteString(QuoteTooltip(a.Value))
		} else {
			b.WriteString(Quote(a.Value))
		}
	}
}

// Line returns the Bézier control points of the straight segment a–b.
func Line(a, b Point) []Point {
	return []Point{a, lerp(a, b, 1.0/3), lerp(a, b, 2.0/3), b}
}

func lerp(a, b Point, t float64) Point {
	return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}
}

// Polyline returns the Bézier control points of the path through pts with
// corners rounded by radius r (less where segments are short).
func Polyline(pts []Point, r float64) []Point {
	if len(pts) < 2 {
		return nil
	}
	out := []Point{pts[0]}
	cur := pts[0]
	for i := 1; i < len(pts)-1; i++ {
		p, next := pts[i], pts[i+1]
		rin := math.Min(r, dist(cur, p)/2)
		rout := math.Min(r, dist(p, next)/2)
		a := toward(p, cur, rin)
		c := toward(p, next, rout)
		out = append(out, Line(cur, a)[1:]...)
		// A cubic through the corner: control points at the corner.
		out = append(out, lerp(a, p, 0.55), lerp(c, p, 0.55), c)
		cur = c
	}
	out = append(out, Line(cur, pts[len(pts)-1])[1:]...)
	return out
}

// toward returns the point at distance d from p in the direction of q.
func toward(p, q Point, d float64) Point {
	l := dist(p, q)
	if l == 0 {
		return p
	}
	return Point{p.X + (q.X-p.X)*d/l, p.Y + (q.Y-p.Y)*d/l}
}

func dist(a, b Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// Shorten moves the end of a polyline back by d along its last segment
// (to leave room for an arrowhead) and returns the new end.
func Shorten(pts []Point, d float64) ([]Point, Point) {
	n := len(pts)
	out := append([]Point(nil), pts...)
	end := out[n-1]
	out[n-1] = toward(end, out[n-2], d)
	return out, end
}

// NoLabel is the label of a node that shows no text. An empty label ("")
// makes go-graphviz show the node's name, and an empty HTML-like label is
// a syntax error for older Graphviz; a single space draws nothing visible
// everywhere.
var NoLabel = A("label", " ")

// Text returns a plain (not HTML-like) label of the given lines. Each line
// is escaped (backslashes and quotes for DOT, '&' because Graphviz reads
// entities in every label) and ended by \l, which starts it at the left
// edge of a fixed-size node whatever width Graphviz estimates for it, or
// joined by \n (centred) when centred is true.
func Text(lines []string, centred bool) Attr {
	if centred {
		return textLabel(lines, "")
	}
	return textLabel(lines, `\l`)
}

// textLabel is Text with each line ended by end (\l left-aligned, \r
// right-aligned), or joined by \n (centred) when end is empty.
func textLabel(lines []string, end string) Attr {
	centred := end == ""
	var b strings.Builder
	for i, l := range lines {
		if centred && i > 0 {
			b.WriteString(`\n`)
		}
		for _, r := range l {
			switch {
			case r == '\\':
				b.WriteString(`\\`)
			case r == '"':
				b.WriteString(`\"`)
			case r == '&':
				b.WriteString("&amp;")
			case r == '\n' || r == '\r' || r == '\t':
				b.WriteByte(' ')
			case unicode.IsControl(r):
			default:
				b.WriteRune(r)
			}
		}
		b.WriteString(end)
	}
	if b.Len() == 0 {
		return NoLabel
	}
	return Attr{Key: "label", Value: b.String(), Raw: true}
}

// Levels gives each of items, in order, the lowest level none of whose
// items it overlaps (first fit), telling set; it returns the number of
// levels. The views stack the routes of steps back with it.
func Levels[T any](items []T, overlap func(a, b T) bool, set func(item T, level int)) int {
	var levels [][]T
	for _, it := range items {
		placed := false
		for li, lv := range levels {
			free := true
			for _, o := range lv {
				if overlap(it, o) {
					free = false
					break
				}
			}
			if free {
				set(it, li)
				levels[li] = append(levels[li], it)
				placed = true
				break
			}
		}
		if !placed {
			set(it, len(levels))
			levels = append(levels, []T{it})
		}
	}
	return len(levels)
}
