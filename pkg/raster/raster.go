package raster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/canvas/text"
	"golang.org/x/image/colornames"
)

// Options tune the conversion.
type Options struct {
	// DPI is the PNG resolution; zero means DefaultDPI. SVG lengths are in
	// points (72 per inch), so 192 dpi draws 2.67 pixels per point.
	DPI float64
	// Background fills the page before drawing; the zero value means
	// white. Graphviz draws its own background polygon anyway.
	Background color.RGBA
	// Missing, if not nil, collects the characters no font has (drawn as
	// boxes), for the caller to warn about.
	Missing *Missing

	// Page is the paper; the zero value (auto) is one page the size of the
	// drawing. On paper the drawing is scaled to the page and, where its
	// text would fall under MinTextPt, split across pages (see layOut).
	Page Page
	// Footer is a line under the drawing on every page of a paper size.
	Footer string
	// Title, Lang and Subject are the PDF's metadata (/Title, /Lang,
	// /Subject); Title also heads the foot line of each paper page.
	Title, Lang, Subject string
}

// DefaultDPI is the PNG resolution when Options.DPI is zero: twice a
// 96-dpi screen.
const DefaultDPI = 192

// MaxPixels bounds the PNG size (width × height) so that a huge map cannot
// exhaust memory; lower the DPI for larger drawings.
const MaxPixels = 100_000_000

const mmPerPt = 25.4 / 72

// PNG draws svg, as written by Graphviz, as a PNG image.
func PNG(svg []byte, opts Options) (out []byte, err error) {
	dpi := opts.DPI
	if dpi == 0 {
		dpi = DefaultDPI
	}
	if dpi < 1 || dpi > 2400 {
		return nil, fmt.Errorf("png: resolution %g dpi is out of range (1-2400)", dpi)
	}
	var c *canvas.Canvas
	paper := !opts.Page.Auto()
	if !paper {
		if c, err = draw(svg, opts, false); err != nil {
			return nil, err
		}
	} else {
		if opts.DPI == 0 {
			dpi = PageDPI
		}
		pages, err := sheets(svg, opts, false)
		if err != nil {
			return nil, err
		}
		if n := len(pages); n > 1 {
			return nil, fmt.Errorf("png: the drawing needs %d %s pages to keep its text at %g pt or more, and a PNG holds one page; use -f pdf for the pages, or a larger --page", n, opts.Page.Name, MinTextPt)
		}
		c = pages[0]
	}
	res := canvas.DPI(dpi)
	if px := c.W * res.DPMM() * c.H * res.DPMM(); px > MaxPixels {
		return nil, fmt.Errorf("png: the drawing is too large for %g dpi (%.0f megapixels); use a lower resolution or SVG/PDF", dpi, px/1e6)
	}
	defer catch(&err)
	img := rasterizer.Draw(c, res, canvas.DefaultColorSpace)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	if paper {
		return withPNGChunks(buf.Bytes(), dpi), nil
	}
	return buf.Bytes(), nil
}

// PDF draws svg, as written by Graphviz, as a one-page vector PDF with the
// used glyphs of the bundled fonts embedded (text stays selectable and
// searchable). The output holds no date, so it is the same on every run.
func PDF(svg []byte, opts Options) (out []byte, err error) {
	var pages []*canvas.Canvas
	if opts.Page.Auto() {
		c, err := draw(svg, opts, true)
		if err != nil {
			return nil, err
		}
		pages = []*canvas.Canvas{c}
	} else {
		var err error
		if pages, err = sheets(svg, opts, true); err != nil {
			return nil, err
		}
	}
	defer catch(&err)
	var buf bytes.Buffer
	p := pdf.New(&buf, pages[0].W, pages[0].H, &pdf.Options{Compress: true, SubsetFonts: true})
	setInfo(p, opts)
	for i, c := range pages {
		if i > 0 {
			p.NewPage(c.W, c.H)
		}
		c.RenderTo(p)
	}
	if err := p.Close(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	b, err := escapeInfoCR(stripPDFCreator(stripPDFDate(buf.Bytes()), opts.Lang))
	if err != nil {
		return nil, err
	}
	return fixFontDates(b)
}

// sheets draws svg on the pages of opts.Page (see layOut).
func sheets(svg []byte, opts Options, forPDF bool) (out []*canvas.Canvas, err error) {
	defer catch(&err)
	d := &drawer{grads: map[string]gradient{}, fonts: getFonts(), bg: opts.Background, forPDF: forPDF, boxes: map[string]canvas.Rect{}}
	defer putFonts(d.fonts)
	if err := d.parse(svg); err != nil {
		return nil, err
	}
	if d.c == nil {
		return nil, errors.New("not an SVG document: no <svg> element")
	}
	lo := layOut(d.c.W, d.c.H, d.minPt, d.findColumns(), opts.Page, opts.Footer)
	out = d.pages(lo, opts.Page, opts.Title, opts.Footer)
	opts.Missing.add(d.fonts.missing)
	return out, nil
}

// creationDate matches the date canvas writes into the document info.
var creationDate = regexp.MustCompile(`/CreationDate\s*\(D:[0-9]{14}[^)]*\)`)

// stripPDFDate blanks the creation date with spaces of the same length, so
// that the cross-reference offsets stay right.
func stripPDFDate(b []byte) []byte {
	return creationDate.ReplaceAllFunc(b, func(m []byte) []byte {
		return bytes.Repeat([]byte{' '}, len(m))
	})
}

func catch(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("internal error while drawing: %v", r)
	}
}

// draw parses the SVG subset Graphviz writes and draws it on a canvas
// whose units are millimetres with the origin at the bottom left. forPDF
// draws for the PDF writer (see gradient.canvasGradient).
func draw(svg []byte, opts Options, forPDF bool) (c *canvas.Canvas, err error) {
	defer catch(&err)
	d := &drawer{grads: map[string]gradient{}, fonts: getFonts(), bg: opts.Background, forPDF: forPDF, boxes: map[string]canvas.Rect{}}
	defer putFonts(d.fonts)
	if err := d.parse(svg); err != nil {
		return nil, err
	}
	opts.Missing.add(d.fonts.missing)
	if d.c == nil {
		return nil, errors.New("not an SVG document: no <svg> element")
	}
	return d.c, nil
}

type gradient struct {
	linear         bool
	x1, y1, x2, y2 float64 // user space (linear)
	cx, cy, r      float64 // radial
	stops          []stop
	m              canvas.Matrix
}

type stop struct {
	offset float64
	color  color.RGBA
}

type drawer struct {
	c     *canvas.Canvas
	bg    color.RGBA
	stack []canvas.Matrix // transforms of the open elements
	tags  []string
	grads map[string]gradient
	fonts *fontSet
	// forPDF: the canvas is for the PDF writer, not the rasteriser.
	forPDF bool

	// current gradient being defined
	grad   *gradient
	gradID string

	// open <text>
	text     *textState
	textData strings.Builder

	// root is the id of the graph; ids the ids of the open elements;
	// boxes the bounds (mm) of the shapes of each node under the root,
	// boxIDs their ids in document order (see findColumns).
	root   string
	ids    []string
	boxes  map[string]canvas.Rect
	boxIDs []string
	// minPt is the size of the smallest text drawn (see isText), pt.
	minPt float64
	// phaseNames are the phase names drawn, repeated on split pages.
	phaseNames []phaseName
	// laneNames are the lanes' names drawn, repeated on the pages of a
	// lane cut between its rows of cards.
	laneNames []phaseName
	// viewBox is the SVG's viewBox (x, y, w, h), its size when it has none.
	viewBox [4]float64
	// nested draws an SVG image (image.go): no background, no images.
	nested bool
}

type textState struct {
	x, y   float64
	anchor string
	family string
	size   float64
	bold   bool
	italic bool
	fill   color.RGBA
	deco   string
	m      canvas.Matrix
}

func (d *drawer) top() canvas.Matrix {
	if len(d.stack) == 0 {
		return canvas.Identity
	}
	return d.stack[len(d.stack)-1]
}

func (d *drawer) parse(svg []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading the SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := d.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			d.end(t.Name.Local)
		case xml.CharData:
			if d.text != nil {
				d.textData.Write(t)
			}
		}
	}
}

func attrs(t xml.StartElement) map[string]string {
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		name := a.Name.Local
		if a.Name.Space == "http://www.w3.org/1999/xlink" || a.Name.Space == "xlink" {
			name = "xlink:" + name
		}
		m[name] = a.Value
	}
	// A style attribute overrides presentation attributes.
	if st := m["style"]; st != "" {
		for _, decl := range strings.Split(st, ";") {
			k, v, ok := strings.Cut(decl, ":")
			if ok {
				m[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return m
}

func (d *drawer) start(t xml.StartElement) error {
	tag := t.Name.Local
	a := attrs(t)
	m := d.top()
	if tr := a["transform"]; tr != "" {
		m = m.Mul(parseTransform(tr))
	}
	d.stack = append(d.stack, m)
	d.tags = append(d.tags, tag)
	d.ids = append(d.ids, a["id"])
	if tag == "g" && d.root == "" && a["class"] == "graph" {
		d.root = a["id"]
	}

	switch tag {
	case "svg":
		if d.c != nil {
			return nil // nested svg: not written by Graphviz
		}
		w, h := parseLength(a["width"]), parseLength(a["height"])
		vb := parseNumbers(a["viewBox"])
		if len(vb) != 4 {
			vb = []float64{0, 0, w, h}
		}
		if w == 0 || h == 0 {
			w, h = vb[2], vb[3]
		}
		if w <= 0 || h <= 0 || vb[2] <= 0 || vb[3] <= 0 || math.IsInf(w*h, 0) || w*h > 1e9 {
			return fmt.Errorf("the SVG has an unusable size %gx%g", w, h)
		}
		W, H := w*mmPerPt, h*mmPerPt
		d.c = canvas.New(W, H)
		d.viewBox = [4]float64{vb[0], vb[1], vb[2], vb[3]}
		// user units -> mm, y pointing up
		root := canvas.Identity.Translate(0, H).Scale(W/vb[2], -H/vb[3]).Translate(-vb[0], -vb[1])
		d.stack[len(d.stack)-1] = root
		bg := color.RGBA{255, 255, 255, 255}
		if d.bg.A != 0 {
			bg = d.bg
		}
		if !d.nested {
			d.c.RenderPath(canvas.Rectangle(W, H), canvas.Style{Fill: canvas.Paint{Color: bg}}, canvas.Identity)
		}
	case "image":
		if d.c != nil && !d.inDefs() {
			d.image(a, m)
		}
	case "linearGradient", "radialGradient":
		g := gradient{linear: tag == "linearGradient", m: m}
		g.x1, g.y1 = parseNumber(a["x1"]), parseNumber(a["y1"])
		g.x2, g.y2 = parseNumber(a["x2"]), parseNumber(a["y2"])
		g.cx, g.cy, g.r = parseNumber(a["cx"]), parseNumber(a["cy"]), parseNumber(a["r"])
		d.grad, d.gradID = &g, a["id"]
	case "stop":
		if d.grad != nil {
			col := parseColor(a["stop-color"], opacity(a["stop-opacity"]))
			off := a["offset"]
			var o float64
			if strings.HasSuffix(off, "%") {
				o = parseNumber(strings.TrimSuffix(off, "%")) / 100
			} else {
				o = parseNumber(off)
			}
			d.grad.stops = append(d.grad.stops, stop{offset: o, color: col})
		}
	case "polygon", "polyline", "path", "ellipse", "circle", "rect", "line":
		if d.c == nil || d.inDefs() {
			return nil
		}
		p := shape(tag, a)
		if p == nil || p.Empty() {
			return nil
		}
		p = p.Transform(m)
		d.record(p)
		d.drawPath(p, a, m, tag == "polyline" || tag == "line")
	case "text":
		if d.c == nil || d.inDefs() {
			return nil
		}
		d.text = &textState{
			x: parseNumber(a["x"]), y: parseNumber(a["y"]),
			anchor: a["text-anchor"], family: a["font-family"],
			size:   parseNumber(a["font-size"]),
			bold:   a["font-weight"] == "bold" || parseNumber(a["font-weight"]) >= 600,
			italic: a["font-style"] == "italic" || a["font-style"] == "oblique",
			fill:   parseFill(a["fill"], "black", a["fill-opacity"], a["opacity"]),
			deco:   a["text-decoration"],
			m:      m,
		}
		if d.text.size == 0 {
			d.text.size = 14
		}
		d.textData.Reset()
	}
	return nil
}

func (d *drawer) inDefs() bool {
	for _, t := range d.tags {
		if t == "defs" {
			return true
		}
	}
	return false
}

func (d *drawer) end(tag string) {
	switch tag {
	case "linearGradient", "radialGradient":
		if d.grad != nil && d.gradID != "" {
			d.grads[d.gradID] = *d.grad
		}
		d.grad = nil
	case "text":
		if d.text != nil {
			d.drawText(d.text, d.textData.String())
			d.text = nil
		}
	}
	if n := len(d.stack); n > 0 {
		d.stack = d.stack[:n-1]
		d.tags = d.tags[:n-1]
		d.ids = d.ids[:n-1]
	}
}

// scaleOf is the length scale of m (user units -> mm).
func scaleOf(m canvas.Matrix) float64 {
	return math.Sqrt(math.Abs(m[0][0]*m[1][1] - m[0][1]*m[1][0]))
}

func (d *drawer) paint(v, def, opac, all string, m canvas.Matrix) canvas.Paint {
	if id, ok := urlID(v); ok {
		if g, ok := d.grads[id]; ok && len(g.stops) > 0 {
			return canvas.Paint{Gradient: g.canvasGradient(opacity(opac)*opacity(all), d.forPDF)}
		}
		return canvas.Paint{}
	}
	col := parseFill(v, def, opac, all)
	if col.A == 0 {
		return canvas.Paint{}
	}
	return canvas.Paint{Color: col}
}

// canvasGradient converts g for canvas. For the PDF writer (forPDF), the
// first and last colours are repeated at offsets 0 and 1: canvas gives the
// shading's function the domain [first offset, last offset], and poppler
// and MuPDF then spread that function over the whole axis, so a card whose
// header is a hard stop at 0.219/0.220 (two stops) was painted entirely in
// the header's colour. With stops at 0 and 1 the function is a stitching
// function over [0, 1] whose pieces are constant outside the stops, which
// every viewer draws as SVG means it (a colour before the first stop and
// after the last). The rasteriser already clamps to the end stops and is
// left alone, so PNGs keep their bytes (repeating a stop there would round
// 255 to 254).
func (g gradient) canvasGradient(alpha float64, forPDF bool) canvas.Gradient {
	var grad canvas.Grad
	for _, s := range g.stops {
		grad.Add(s.offset, fade(s.color, alpha))
	}
	if forPDF && len(grad) > 0 {
		if first := grad[0]; first.Offset > 0 {
			grad = append(canvas.Grad{{Offset: 0, Color: first.Color}}, grad...)
		}
		if last := grad[len(grad)-1]; last.Offset < 1 {
			grad = append(grad, canvas.Stop{Offset: 1, Color: last.Color})
		}
	}
	if g.linear {
		p0 := g.m.Dot(canvas.Point{X: g.x1, Y: g.y1})
		p1 := g.m.Dot(canvas.Point{X: g.x2, Y: g.y2})
		return grad.ToLinear(p0, p1)
	}
	c := g.m.Dot(canvas.Point{X: g.cx, Y: g.cy})
	return grad.ToRadial(c, 0, c, g.r*scaleOf(g.m))
}

func (d *drawer) drawPath(p *canvas.Path, a map[string]string, m canvas.Matrix, open bool) {
	style := canvas.DefaultStyle
	defFill := "black"
	if open {
		defFill = "none"
	}
	style.Fill = d.paint(a["fill"], defFill, a["fill-opacity"], a["opacity"], m)
	style.Stroke = d.paint(a["stroke"], "none", a["stroke-opacity"], a["opacity"], m)
	sw := 1.0
	if v, ok := a["stroke-width"]; ok {
		sw = parseNumber(v)
	}
	s := scaleOf(m)
	style.StrokeWidth = sw * s
	style.StrokeJoiner = canvas.MiterJoin
	style.StrokeCapper = canvas.ButtCap
	if da := parseNumbers(a["stroke-dasharray"]); len(da) > 0 {
		for i := range da {
			da[i] *= s
		}
		style.Dashes = da
	}
	if !style.HasFill() && !style.HasStroke() {
		return
	}
	if d.forPDF && d.drawBands(p, a, style) {
		return
	}
	d.c.RenderPath(p, style, canvas.Identity)
}

// drawBands draws, for the PDF, a path filled with a linear gradient made
// of hard stops along a horizontal or vertical axis (a card: the channel
// header over the body) as solid shapes: the path in the last colour, then
// each other band clipped out of it (whose path is cut to the band's
// rectangle), then the stroke. Viewers sample a shading's colours at a
// resolution of their own (MuPDF uses 256 samples over the axis), which
// put the header's edge a pixel or more away from where cjm's PNG and the
// browser put it; solid shapes are placed exactly everywhere. It reports
// whether it drew the path.
func (d *drawer) drawBands(p *canvas.Path, a map[string]string, style canvas.Style) bool {
	id, ok := urlID(a["fill"])
	if !ok {
		return false
	}
	g, ok := d.grads[id]
	if !ok || !g.linear || style.Fill.Gradient == nil {
		return false
	}
	bands := g.bands()
	if bands == nil {
		return false
	}
	p0 := g.m.Dot(canvas.Point{X: g.x1, Y: g.y1})
	p1 := g.m.Dot(canvas.Point{X: g.x2, Y: g.y2})
	vertical, horizontal := canvas.Equal(p0.X, p1.X), canvas.Equal(p0.Y, p1.Y)
	if vertical == horizontal {
		return false // diagonal, or no axis at all
	}
	alpha := opacity(a["fill-opacity"]) * opacity(a["opacity"])
	bb := p.Bounds()
	solid := style
	solid.Stroke = canvas.Paint{}
	last := bands[len(bands)-1]
	solid.Fill = canvas.Paint{Color: fade(last.color, alpha)}
	d.c.RenderPath(p, solid, canvas.Identity)
	for _, b := range bands[:len(bands)-1] {
		var q *canvas.Path
		if vertical {
			y0, y1 := p0.Y+b.from*(p1.Y-p0.Y), p0.Y+b.to*(p1.Y-p0.Y)
			q = p.Clip(bb.X0-1, y0, bb.X1+1, y1)
		} else {
			x0, x1 := p0.X+b.from*(p1.X-p0.X), p0.X+b.to*(p1.X-p0.X)
			q = p.Clip(x0, bb.Y0-1, x1, bb.Y1+1)
		}
		if q.Empty() {
			continue
		}
		solid.Fill = canvas.Paint{Color: fade(b.color, alpha)}
		d.c.RenderPath(q, solid, canvas.Identity)
	}
	if style.HasStroke() {
		outline := style
		outline.Fill = canvas.Paint{}
		d.c.RenderPath(p, outline, canvas.Identity)
	}
	return true
}

// band is a stretch of a gradient's axis in one colour.
type band struct {
	from, to float64 // offsets along the axis; unbounded at the ends
	color    color.RGBA
}

// hardStop is the widest transition between two colours that is drawn as
// a sharp edge: Graphviz writes a split fill as stops 0.001 apart.
const hardStop = 0.0015

// bands returns the gradient as bands of one colour when every transition
// between two different colours is a hard stop, else nil. An edge lies
// half-way between the two stops of its transition; the first band starts
// at -1e9 and the last ends at 1e9 (SVG pads with the end colours).
func (g gradient) bands() []band {
	if len(g.stops) < 2 {
		return nil
	}
	out := []band{{from: -1e9, color: g.stops[0].color}}
	for i := 1; i < len(g.stops); i++ {
		a, b := g.stops[i-1], g.stops[i]
		if a.color == b.color {
			continue
		}
		if b.offset-a.offset > hardStop || b.offset < a.offset {
			return nil
		}
		edge := (a.offset + b.offset) / 2
		out[len(out)-1].to = edge
		out = append(out, band{from: edge, color: b.color})
	}
	out[len(out)-1].to = 1e9
	if len(out) < 2 {
		return nil
	}
	return out
}

func (d *drawer) drawText(t *textState, s string) {
	if strings.TrimSpace(s) == "" || t.fill.A == 0 {
		return
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	sc := scaleOf(t.m) / mmPerPt // user units -> pt
	if pt := t.size * sc; isText(s) && (d.minPt == 0 || pt < d.minPt) {
		d.minPt = pt
	}
	style := canvas.FontRegular
	switch {
	case t.bold && t.italic:
		style = canvas.FontBold | canvas.FontItalic
	case t.bold:
		style = canvas.FontBold
	case t.italic:
		style = canvas.FontItalic
	}
	fam := d.fonts.family(t.family)
	var deco []any
	switch t.deco {
	case "underline":
		deco = append(deco, canvas.FontUnderline)
	case "line-through":
		deco = append(deco, canvas.FontStrikethrough)
	}
	face := fam.Face(t.size*sc, append([]any{t.fill, style}, deco...)...)
	p := t.m.Dot(canvas.Point{X: t.x, Y: t.y})
	runs := d.fonts.split(face.Font, style, s)
	if len(runs) == 1 && runs[0].font == ownFont && runs[0].level == 0 {
		// Lay out left-aligned and shift by the measured width: canvas
		// misplaces centred lines that mix scripts.
		line := canvas.NewTextLine(face, s, canvas.Left)
		w := runWidth(face, runs[0])
		switch t.anchor {
		case "middle":
			p.X -= w / 2
		case "end":
			p.X -= w
		}
		d.recordRect(canvas.Rect{X0: p.X, Y0: p.Y, X1: p.X + w, Y1: p.Y + t.size*sc*mmPerPt})
		d.keepPhaseName(line, p)
		d.c.RenderText(line, canvas.Identity.Translate(p.X, p.Y))
		return
	}
	// Several fonts or right-to-left text: each run is a line of its own,
	// placed side by side in visual order, the whole shifted by the total
	// width as above.
	faces := map[int]*canvas.FontFace{ownFont: face}
	total := 0.0
	for i := range runs {
		r := &runs[i]
		if faces[r.font] == nil {
			f := d.fonts.font(face.Font, style, r.font)
			decos := make([]canvas.FontDecorator, 0, len(deco))
			for _, dc := range deco {
				decos = append(decos, dc.(canvas.FontDecorator))
			}
			faces[r.font] = f.Face(t.size*sc, t.fill, decos...)
		}
		r.width = runWidth(faces[r.font], *r)
		total += r.width
	}
	switch t.anchor {
	case "middle":
		p.X -= total / 2
	case "end":
		p.X -= total
	}
	d.recordRect(canvas.Rect{X0: p.X, Y0: p.Y, X1: p.X + total, Y1: p.Y + t.size*sc*mmPerPt})
	for _, r := range runs {
		line := canvas.NewTextLine(faces[r.font], r.text, canvas.Left)
		d.c.RenderText(line, canvas.Identity.Translate(p.X, p.Y))
		p.X += r.width
	}
}

// runWidth measures a run shaped in the direction of its bidi level.
// FontFace.TextWidth with no direction set panics on right-to-left text:
// canvas maps the glyphs back to the text assuming left-to-right order.
func runWidth(face *canvas.FontFace, r fontRun) float64 {
	f := *face
	f.Direction = text.LeftToRight
	if r.level%2 == 1 {
		f.Direction = text.RightToLeft
	}
	return f.TextWidth(r.text)
}

// fontRun is a stretch of text drawn in one font at one bidi level.
type fontRun struct {
	text  string
	font  int // ownFont, fallbackStyled, fallbackUpright or firstExtra+i
	level int // Unicode bidi embedding level
	width float64
}

// split cuts s into runs by the font that draws each character (see
// fontFor) and by bidi level, and puts the runs in visual order (rule L2
// of the Unicode bidi algorithm, as canvas orders the runs of one font).
// The paragraph is left-to-right, as browsers lay out the SVG's text (and
// the maps are in English or Russian): a label that starts with Hebrew
// keeps its trailing Latin and symbols on the right.
func (s *fontSet) split(own *canvas.Font, style canvas.FontStyle, str string) []fontRun {
	runes := []rune(str)
	fonts := make([]int, len(runes))
	prev, mixed, bidi := -1, false, false
	for i, r := range runes {
		fonts[i] = s.fontFor(own, style, r, prev)
		prev = fonts[i]
		mixed = mixed || prev != ownFont
		bidi = bidi || r >= 0x590 // below: Latin, Greek, Cyrillic, Armenian
	}
	var levels []int
	if bidi {
		// A left-to-right mark first makes the paragraph left-to-right.
		levels = text.EmbeddingLevels(append([]rune{'\u200e'}, runes...))[1:]
		bidi = slices.ContainsFunc(levels, func(l int) bool { return l != 0 })
	}
	if !mixed && !bidi {
		return []fontRun{{text: str, font: ownFont}}
	}
	if levels == nil {
		levels = make([]int, len(runes))
	}
	var runs []fontRun
	start, maxLevel, minOdd := 0, 0, math.MaxInt
	for i := 1; i <= len(runes); i++ {
		if i < len(runes) && fonts[i] == fonts[start] && levels[i] == levels[start] {
			continue
		}
		l := levels[start]
		runs = append(runs, fontRun{text: string(runes[start:i]), font: fonts[start], level: l})
		maxLevel = max(maxLevel, l)
		if l%2 == 1 {
			minOdd = min(minOdd, l)
		}
		start = i
	}
	for lvl := maxLevel; lvl >= minOdd; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lvl {
				j++
			}
			slices.Reverse(runs[i:j])
			i = j
		}
	}
	return runs
}

// shape builds the path of a basic shape in user units.
func shape(tag string, a map[string]string) *canvas.Path {
	switch tag {
	case "polygon", "polyline":
		pts := parseNumbers(a["points"])
		if len(pts) < 4 {
			return nil
		}
		p := &canvas.Path{}
		p.MoveTo(pts[0], pts[1])
		for i := 2; i+1 < len(pts); i += 2 {
			p.LineTo(pts[i], pts[i+1])
		}
		if tag == "polygon" {
			p.Close()
		}
		return p
	case "path":
		p, err := canvas.ParseSVGPath(a["d"])
		if err != nil {
			return nil
		}
		return p
	case "ellipse", "circle":
		cx, cy := parseNumber(a["cx"]), parseNumber(a["cy"])
		rx, ry := parseNumber(a["rx"]), parseNumber(a["ry"])
		if tag == "circle" {
			rx = parseNumber(a["r"])
			ry = rx
		}
		if rx <= 0 || ry <= 0 {
			return nil
		}
		return canvas.Ellipse(rx, ry).Translate(cx, cy)
	case "rect":
		w, h := parseNumber(a["width"]), parseNumber(a["height"])
		if w <= 0 || h <= 0 {
			return nil
		}
		return canvas.Rectangle(w, h).Translate(parseNumber(a["x"]), parseNumber(a["y"]))
	case "line":
		p := &canvas.Path{}
		p.MoveTo(parseNumber(a["x1"]), parseNumber(a["y1"]))
		p.LineTo(parseNumber(a["x2"]), parseNumber(a["y2"]))
		return p
	}
	return nil
}

var transformRe = regexp.MustCompile(`(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)`)

func parseTransform(s string) canvas.Matrix {
	m := canvas.Identity
	for _, f := range transformRe.FindAllStringSubmatch(s, -1) {
		n := parseNumbers(f[2])
		switch f[1] {
		case "translate":
			if len(n) == 1 {
				n = append(n, 0)
			}
			if len(n) >= 2 {
				m = m.Translate(n[0], n[1])
			}
		case "scale":
			if len(n) == 1 {
				n = append(n, n[0])
			}
			if len(n) >= 2 {
				m = m.Scale(n[0], n[1])
			}
		case "rotate":
			if len(n) == 1 {
				m = m.Rotate(n[0])
			} else if len(n) == 3 {
				m = m.RotateAbout(n[0], n[1], n[2])
			}
		case "matrix":
			if len(n) == 6 {
				m = m.Mul(canvas.Matrix{{n[0], n[2], n[4]}, {n[1], n[3], n[5]}})
			}
		}
	}
	return m
}

func parseNumber(s string) float64 {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

var numberRe = regexp.MustCompile(`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`)

func parseNumbers(s string) []float64 {
	ms := numberRe.FindAllString(s, -1)
	out := make([]float64, 0, len(ms))
	for _, m := range ms {
		out = append(out, parseNumber(m))
	}
	return out
}

// parseLength reads "62pt", "62px" or "62" as points.
func parseLength(s string) float64 {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasSuffix(s, "pt"):
		return parseNumber(strings.TrimSuffix(s, "pt"))
	case strings.HasSuffix(s, "px"):
		return parseNumber(strings.TrimSuffix(s, "px")) * 0.75
	case strings.HasSuffix(s, "in"):
		return parseNumber(strings.TrimSuffix(s, "in")) * 72
	case strings.HasSuffix(s, "mm"):
		return parseNumber(strings.TrimSuffix(s, "mm")) / mmPerPt
	case strings.HasSuffix(s, "cm"):
		return parseNumber(strings.TrimSuffix(s, "cm")) * 10 / mmPerPt
	}
	return parseNumber(s)
}

func urlID(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "url(") && strings.HasSuffix(v, ")") {
		id := strings.Trim(v[4:len(v)-1], `'" `)
		return strings.TrimPrefix(id, "#"), true
	}
	return "", false
}

func opacity(s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 1
	}
	return math.Max(0, math.Min(1, parseNumber(s)))
}

func parseFill(v, def, opac, all string) color.RGBA {
	if v == "" {
		v = def
	}
	return fade(parseColor(v, 1), opacity(opac)*opacity(all))
}

// parseColor reads #rgb, #rrggbb, #rrggbbaa, rgb(), and SVG colour names;
// "none", "transparent" and anything unknown are transparent, except that
// an unknown name is black (as browsers draw Graphviz's X11-only names
// wrong anyway, black at least stays visible).
func parseColor(v string, alpha float64) color.RGBA {
	v = strings.ToLower(strings.TrimSpace(v))
	var c color.RGBA
	switch {
	case v == "" || v == "none" || v == "transparent":
		return color.RGBA{}
	case strings.HasPrefix(v, "#"):
		h := v[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) != 6 && len(h) != 8 {
			return color.RGBA{0, 0, 0, 255}
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return color.RGBA{0, 0, 0, 255}
		}
		if len(h) == 8 {
			c = color.RGBA{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), 255}
			alpha *= float64(uint8(n)) / 255
		} else {
			c = color.RGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 255}
		}
	case strings.HasPrefix(v, "rgb(") && strings.HasSuffix(v, ")"):
		n := parseNumbers(v)
		if len(n) < 3 {
			return color.RGBA{0, 0, 0, 255}
		}
		c = color.RGBA{clamp8(n[0]), clamp8(n[1]), clamp8(n[2]), 255}
	default:
		var ok bool
		if c, ok = colornames.Map[v]; !ok {
			c = color.RGBA{0, 0, 0, 255}
		}
	}
	return fade(c, alpha)
}

func clamp8(f float64) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(f)))) }

// fade multiplies a colour by alpha, keeping it premultiplied.
func fade(c color.RGBA, alpha float64) color.RGBA {
	if alpha >= 1 {
		return c
	}
	return color.RGBA{
		uint8(float64(c.R)*alpha + 0.5), uint8(float64(c.G)*alpha + 0.5),
		uint8(float64(c.B)*alpha + 0.5), uint8(float64(c.A)*alpha + 0.5),
	}
}
