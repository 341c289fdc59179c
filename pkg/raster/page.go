package raster

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/tdewolff/canvas"
)

// Page is a sheet of paper, in millimetres. The zero value is "auto": one
// page the size of the drawing.
type Page struct {
	// Name is how --page names it ("a3-landscape"); empty for auto.
	Name string
	W, H float64
}

// Auto reports whether p is the drawing's own size.
func (p Page) Auto() bool { return p.W == 0 || p.H == 0 }

// PageNames are the paper sizes ParsePage knows, portrait; each also takes
// a "-landscape" suffix.
var PageNames = []string{"auto", "a4", "a3", "letter", "tabloid"}

var pageSizes = map[string][2]float64{
	"a4":      {210, 297},
	"a3":      {297, 420},
	"letter":  {215.9, 279.4},
	"tabloid": {279.4, 431.8},
}

// ParsePage reads a --page value: auto (or empty), a4, a3, letter or
// tabloid, each optionally followed by -landscape.
func ParsePage(s string) (Page, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "" || name == "auto" {
		return Page{}, nil
	}
	base, landscape := strings.CutSuffix(name, "-landscape")
	size, ok := pageSizes[base]
	if !ok {
		return Page{}, fmt.Errorf("unknown page size %q (want auto, a4, a3, letter or tabloid, optionally with -landscape, e.g. a3-landscape)", s)
	}
	w, h := size[0], size[1]
	if landscape {
		w, h = h, w
	}
	return Page{Name: name, W: w, H: h}, nil
}

// Paper layout constants.
const (
	// MinTextPt is the smallest text size, in points, that a page size
	// may print: below it the map is split across pages.
	MinTextPt = 7.0
	// PageDPI is the resolution of a PNG of a page size: A4 is then
	// 1240×1754 pixels, A3 landscape 2480×1754.
	PageDPI = 150
	// pageMargin is the white border of every side of a page, mm.
	pageMargin = 10.0
	// footSize is the size of the page's foot line (title, page number,
	// footer), pt; footLine its line height, mm.
	footSize = 8.0
	footLine = 4.5
)

// columns are the parts of a map-view drawing a page split follows, in
// the drawing's millimetres (y up): the lane-title column, each stage's
// column in order, the bottom of the stage header row and the bands of
// the lanes below it (top to bottom).
type columns struct {
	lane     canvas.Rect
	stages   []canvas.Rect
	headerY0 float64
	lanes    []canvas.Rect
	// bannerY0 is the bottom of the banner above the stage header and
	// phase rows (the title, the personas).
	bannerY0 float64
	// legendX1 is the right end of the legend under the lanes, 0 when
	// there is none.
	legendX1 float64
	// logo is the box of a theme's logo, in its band above the title at
	// the grid's right edge (zero: none).
	logo canvas.Rect
}

// page is one sheet of a laid out drawing: the parts of the drawing it
// shows (tiles) and where.
type page struct {
	tiles []tile
}

// tile is a rectangle of the drawing (mm, y up) placed on the page at
// (x, y) (its top-left corner, page mm, y up), at the layout's scale.
type tile struct {
	src  canvas.Rect
	x, y float64
}

// layout is how a drawing goes on paper.
type layout struct {
	scale float64
	pages []page
	// minText is the smallest text on the pages, pt.
	minText float64
}

// footHeight is the height of the foot band of a page, mm.
func footHeight(footer string) float64 {
	if strings.TrimSpace(footer) != "" {
		return 2*footLine + 1.5
	}
	return footLine + 1.5
}

// layOut fits a drawing of w×h mm whose smallest text is minPt points on
// paper. It scales the drawing to the page (never enlarging it); when its
// text would fall under MinTextPt it splits the drawing by stages (the
// lane-title column repeated on every page) and, when it is too tall even
// then, by lanes (the title and the stage headers repeated). A drawing
// without stage columns (the flow view) is only scaled.
func layOut(w, h, minPt float64, cols *columns, paper Page, footer string) layout {
	aw := paper.W - 2*pageMargin
	ah := paper.H - 2*pageMargin - footHeight(footer)
	top := paper.H - pageMargin
	fit := math.Min(1, math.Min(aw/w, ah/h))
	if minPt == 0 {
		minPt = MinTextPt
	}
	if minPt*fit >= MinTextPt-1e-9 || cols == nil || len(cols.stages) == 0 {
		x := pageMargin + (aw-w*fit)/2
		return layout{scale: fit, minText: minPt * fit, pages: []page{{tiles: []tile{{src: canvas.Rect{X0: 0, Y0: 0, X1: w, Y1: h}, x: x, y: top}}}}}
	}
	// Column widths: the lane column from the drawing's left edge, the
	// last stage to its right edge (transitions' labels live there).
	// The drawing's own left margin is left out (the page has one).
	lx0 := math.Max(0, cols.lane.X0-1)
	laneW := cols.lane.X1 - lx0
	widths := make([]float64, len(cols.stages))
	for i, s := range cols.stages {
		widths[i] = s.W()
	}
	widths[len(widths)-1] = w - cols.stages[len(cols.stages)-1].X0
	// Row heights: the header from the drawing's top, the lanes, the rest
	// (emotion chart, legend) to the bottom in the last band.
	headH := cols.bannerY0 - cols.headerY0
	bannerH := h - cols.bannerY0
	var heights []float64
	var bands []canvas.Rect
	if len(cols.lanes) > 0 {
		for i, l := range cols.lanes {
			r := canvas.Rect{X0: 0, Y0: l.Y0, X1: w, Y1: cols.headerY0}
			if i > 0 {
				r.Y1 = cols.lanes[i-1].Y0
			}
			if i == len(cols.lanes)-1 {
				r.Y0 = 0
			}
			bands = append(bands, r)
			heights = append(heights, r.H())
		}
	} else {
		bands = []canvas.Rect{{X0: 0, Y0: 0, X1: w, Y1: cols.headerY0}}
		heights = []float64{cols.headerY0}
	}
	s := math.Min(1, MinTextPt/minPt)
	s = math.Min(s, aw/(laneW+slicesMax(widths)))
	// What is under the last lane (the footnotes, the persona cards, the
	// legend: the foot) goes whole under the last band of lanes when it
	// fits the page's width and there is room, else on a page of its own
	// (with the banner) after the others: a tall foot does not shrink the
	// map under the smallest text size.
	legendY1 := 0.0
	if n := len(cols.lanes); n > 0 && cols.legendX1 > 0 && (cols.legendX1-lx0)*s <= aw {
		// 0.4 mm under the lanes' bottom rule: the rule stays with the
		// lanes, and does not run across the legend's tile.
		legendY1 = cols.lanes[n-1].Y0 - 0.4
		bands[len(bands)-1].Y0 = legendY1
		heights[len(heights)-1] = bands[len(bands)-1].H()
		s = math.Min(s, ah/(bannerH+legendY1))
	}
	s = math.Min(s, ah/(bannerH+headH+slicesMax(heights)))
	// With the whole height on one page, the rows stay whole.
	xGroups := partition(widths, aw/s-laneW)
	yGroups := [][2]int{{0, len(bands)}}
	if h*s > ah {
		yGroups = partition(heights, ah/s-bannerH-headH)
	}
	footUnder := true
	if legendY1 > 0 {
		last := yGroups[len(yGroups)-1]
		sum := legendY1
		for _, v := range heights[last[0]:last[1]] {
			sum += v
		}
		footUnder = (bannerH+headH+sum)*s <= ah+1e-9
	}
	lo := layout{scale: s, minText: minPt * s}
	for _, xg := range xGroups {
		x0 := cols.stages[xg[0]].X0
		x1 := cols.stages[xg[1]-1].X1
		if xg[1] == len(cols.stages) {
			x1 = w
		}
		for _, yg := range yGroups {
			y1 := bands[yg[0]].Y1
			y0 := bands[yg[1]-1].Y0
			left, head := pageMargin, top-bannerH*s
			below := head - headH*s
			banner := tile{src: canvas.Rect{X0: lx0, Y0: cols.bannerY0, X1: math.Min(w, lx0+aw/s), Y1: h}, x: left, y: top}
			var logo []tile
			if lg := cols.logo; lg.W() > 0 && lg.X1 > banner.src.X1 {
				// The logo lies past the banner's tile: it goes to the
				// top right of every page, its band left out of the
				// banner's tile (nothing else is in it).
				banner.src.Y1, banner.y = lg.Y0, top-(h-lg.Y0)*s
				logo = []tile{{src: lg, x: left + aw - lg.W()*s, y: top - (h-lg.Y1)*s}}
			}
			p := page{tiles: append([]tile{
				banner,
				{src: canvas.Rect{X0: lx0, Y0: cols.headerY0, X1: cols.lane.X1, Y1: cols.bannerY0}, x: left, y: head},
				{src: canvas.Rect{X0: x0, Y0: cols.headerY0, X1: x1, Y1: cols.bannerY0}, x: left + laneW*s, y: head},
				{src: canvas.Rect{X0: lx0, Y0: y0, X1: cols.lane.X1, Y1: y1}, x: left, y: below},
				{src: canvas.Rect{X0: x0, Y0: y0, X1: x1, Y1: y1}, x: left + laneW*s, y: below},
			}, logo...)}
			if legendY1 > 0 && footUnder && yg[1] == len(bands) {
				p.tiles = append(p.tiles, tile{src: canvas.Rect{X0: lx0, Y0: 0, X1: math.Min(w, lx0+aw/s), Y1: legendY1}, x: left, y: below - (y1-y0)*s})
			}
			lo.pages = append(lo.pages, p)
		}
	}
	if legendY1 > 0 && !footUnder {
		lo.pages = append(lo.pages, page{tiles: []tile{
			{src: canvas.Rect{X0: lx0, Y0: cols.bannerY0, X1: math.Min(w, lx0+aw/s), Y1: h}, x: pageMargin, y: top},
			{src: canvas.Rect{X0: lx0, Y0: 0, X1: math.Min(w, lx0+aw/s), Y1: legendY1}, x: pageMargin, y: top - bannerH*s},
		}})
	}
	return lo
}

func slicesMax(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// partition cuts sizes into the fewest runs of consecutive items whose
// sums stay within limit (an item larger than limit is a run of its own),
// and among those the most even ones. It returns [start, end) pairs.
func partition(sizes []float64, limit float64) [][2]int {
	greedy := func(limit float64) [][2]int {
		var out [][2]int
		start, sum := 0, 0.0
		for i, v := range sizes {
			if i > start && sum+v > limit+1e-9 {
				out = append(out, [2]int{start, i})
				start, sum = i, 0
			}
			sum += v
		}
		return append(out, [2]int{start, len(sizes)})
	}
	best := greedy(limit)
	n := len(best)
	lo, hi := slicesMax(sizes), limit
	for range 40 {
		if hi-lo < 1e-6 {
			break
		}
		mid := (lo + hi) / 2
		if len(greedy(mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	if g := greedy(hi); len(g) <= n {
		best = g
	}
	return best
}

// isText reports whether s is text for the smallest-size rule: it has a
// letter or a digit. Strings of symbols alone (the evidence dots ●●○, ★,
// ▲) are markers, read by their shape.
func isText(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// findColumns reads the stage columns of a map-view drawing from the
// shapes recorded while drawing it (nodes whose ids end in -header-corner,
// -stage-<id> and -lane-<id> under the graph's id), or nil.
func (d *drawer) findColumns() *columns {
	if d.root == "" {
		return nil
	}
	corner, ok := d.boxes[d.root+"-header-corner"]
	if !ok {
		return nil
	}
	cols := &columns{lane: corner, headerY0: corner.Y0, bannerY0: corner.Y1}
	// The banner starts above the strokes of the rows under it, which
	// would otherwise be drawn across its whole width.
	defer func() { cols.bannerY0 += 0.4 }()
	same := func(a, b float64) bool { return math.Abs(a-b) < 0.5 }
	for _, id := range d.boxIDs {
		b := d.boxes[id]
		switch {
		case strings.HasPrefix(id, d.root+"-stage-") && same(b.Y0, corner.Y0) && same(b.Y1, corner.Y1):
			cols.stages = append(cols.stages, b)
		case strings.HasPrefix(id, d.root+"-legend-"):
			cols.legendX1 = math.Max(cols.legendX1, b.X1)
		case strings.HasPrefix(id, d.root+"-phase-") && b.Y0 >= corner.Y1-0.5:
			cols.bannerY0 = math.Max(cols.bannerY0, b.Y1)
		case strings.HasPrefix(id, d.root+"-lane-") && same(b.X0, corner.X0) && same(b.X1, corner.X1) && b.Y1 <= corner.Y0+0.5:
			cols.lanes = append(cols.lanes, b)
		case id == d.root+"-brand-logo":
			cols.logo = b
		}
	}
	sort.Slice(cols.stages, func(i, j int) bool { return cols.stages[i].X0 < cols.stages[j].X0 })
	sort.Slice(cols.lanes, func(i, j int) bool { return cols.lanes[i].Y1 > cols.lanes[j].Y1 })
	if len(cols.stages) == 0 {
		return nil
	}
	return cols
}

// window draws the part src of a drawing onto a page canvas: paths are
// cut to src, a text is drawn when its left end (at half its height) lies in src (so every text
// is drawn on one tile of a row of tiles), and everything is moved and
// scaled by m.
type window struct {
	dst *canvas.Canvas
	src canvas.Rect
	m   canvas.Matrix
}

func (w *window) Size() (float64, float64) { return w.dst.Size() }

func (w *window) RenderPath(p *canvas.Path, style canvas.Style, m canvas.Matrix) {
	q := p.Copy().Transform(m)
	b := q.FastBounds()
	if b.X1 < w.src.X0 || b.X0 > w.src.X1 || b.Y1 < w.src.Y0 || b.Y0 > w.src.Y1 {
		return
	}
	if b.X0 < w.src.X0 || b.X1 > w.src.X1 || b.Y0 < w.src.Y0 || b.Y1 > w.src.Y1 {
		// Clip cuts straight segments only: curves (rounded chips, the
		// emotion curve's markers) are flattened first, to 5 µm.
		q = q.Flatten(0.005).Clip(w.src.X0, w.src.Y0, w.src.X1, w.src.Y1)
	}
	if q.Empty() {
		return
	}
	w.dst.RenderPath(q, style, w.m)
}

func (w *window) RenderText(t *canvas.Text, m canvas.Matrix) {
	b := t.Bounds()
	c := m.Dot(canvas.Point{X: b.X0, Y: (b.Y0 + b.Y1) / 2})
	if c.X < w.src.X0-0.01 || c.X >= w.src.X1-0.01 || c.Y < w.src.Y0 || c.Y >= w.src.Y1 {
		return
	}
	w.dst.RenderText(t, w.m.Mul(m))
}

// pages draws the laid out drawing d.c on canvases of the paper's size,
// each with its foot line: the title on the left and "n / N" on the
// right, the footer under them.
func (d *drawer) pages(lo layout, paper Page, title, footer string) []*canvas.Canvas {
	out := make([]*canvas.Canvas, len(lo.pages))
	for i, p := range lo.pages {
		c := canvas.New(paper.W, paper.H)
		c.RenderPath(canvas.Rectangle(paper.W, paper.H), canvas.Style{Fill: canvas.Paint{Color: canvas.White}}, canvas.Identity)
		for _, t := range p.tiles {
			m := canvas.Identity.Translate(t.x-t.src.X0*lo.scale, t.y-t.src.Y1*lo.scale).Scale(lo.scale, lo.scale)
			d.c.RenderTo(&window{dst: c, src: t.src, m: m})
			d.repeatPhaseNames(c, t, m)
		}
		d.foot(c, paper, title, footer, fmt.Sprintf("%d / %d", i+1, len(lo.pages)))
		out[i] = c
	}
	return out
}

// foot writes a page's foot line.
func (d *drawer) foot(c *canvas.Canvas, paper Page, title, footer, number string) {
	saved := d.c
	d.c = c
	defer func() { d.c = saved }()
	grey := canvas.Hex("#555555")
	size := footSize * mmPerPt
	y := pageMargin + 0.5
	if strings.TrimSpace(footer) != "" {
		d.drawText(&textState{x: pageMargin, y: y, anchor: "start", family: footFamily, size: size, fill: grey, m: canvas.Identity}, footer)
		y += footLine
	}
	d.drawText(&textState{x: pageMargin, y: y, anchor: "start", family: footFamily, size: size, bold: true, fill: grey, m: canvas.Identity}, title)
	d.drawText(&textState{x: paper.W - pageMargin, y: y, anchor: "end", family: footFamily, size: size, fill: grey, m: canvas.Identity}, number)
}

// footFamily is the font of the foot line: the maps' own.
const footFamily = "Helvetica,Arial,'Liberation Sans',sans-serif"

// PaperLayout says how a drawing goes on paper.
type PaperLayout struct {
	// Pages is the number of pages.
	Pages int
	// Scale is the drawing's scale on them (1: the SVG's size).
	Scale float64
	// MinText is the size of its smallest text on paper, pt: the
	// smallest text of the SVG (see isText) times Scale. Under MinTextPt
	// only when the drawing cannot be split (the flow view) or a single
	// stage or lane does not fit on a page at that size.
	MinText float64
	// Sheets are the pages, each the parts of the drawing it shows and
	// where, for a program that lays the same pages out itself (the HTML
	// report's print stylesheet); nil for auto.
	Sheets []Sheet
}

// Sheet is one page of a PaperLayout.
type Sheet struct {
	Tiles []Tile
}

// Tile is a rectangle of the drawing, in the SVG's user units (its
// viewBox, y down: X, Y the top-left corner), shown on the page as the
// rectangle PageX, PageY (its top-left corner, mm from the paper's
// top-left corner), PageW × PageH mm.
type Tile struct {
	X, Y, W, H                 float64
	PageX, PageY, PageW, PageH float64
}

// LayOut returns how svg goes on opts.Page, as PNG and PDF draw it.
func LayOut(svg []byte, opts Options) (lo PaperLayout, err error) {
	defer catch(&err)
	d := &drawer{grads: map[string]gradient{}, fonts: getFonts(), boxes: map[string]canvas.Rect{}}
	defer putFonts(d.fonts)
	if err := d.parse(svg); err != nil {
		return lo, err
	}
	if d.c == nil {
		return lo, errors.New("not an SVG document: no <svg> element")
	}
	if opts.Page.Auto() {
		return PaperLayout{Pages: 1, Scale: 1, MinText: d.minPt}, nil
	}
	l := layOut(d.c.W, d.c.H, d.minPt, d.findColumns(), opts.Page, opts.Footer)
	lo = PaperLayout{Pages: len(l.pages), Scale: l.scale, MinText: l.minText}
	// Drawing mm (y up) to user units (y down).
	vb := d.viewBox
	ux, uy := vb[2]/d.c.W, vb[3]/d.c.H
	for _, p := range l.pages {
		var sh Sheet
		for _, t := range p.tiles {
			sh.Tiles = append(sh.Tiles, Tile{
				X: vb[0] + t.src.X0*ux, Y: vb[1] + (d.c.H-t.src.Y1)*uy, W: t.src.W() * ux, H: t.src.H() * uy,
				PageX: t.x, PageY: opts.Page.H - t.y, PageW: t.src.W() * l.scale, PageH: t.src.H() * l.scale,
			})
		}
		lo.Sheets = append(lo.Sheets, sh)
	}
	return lo, nil
}

// phaseName is a phase's name as drawn (left-aligned at at) in the band of
// the phase node box.
type phaseName struct {
	line *canvas.Text
	at   canvas.Point
	node string
}

// keepPhaseName keeps the text being drawn at p when it is a phase's name
// (node <prefix>-phase-<id>-name).
func (d *drawer) keepPhaseName(line *canvas.Text, p canvas.Point) {
	id := d.nodeID()
	if strings.HasPrefix(id, d.root+"-phase-") && strings.HasSuffix(id, "-name") {
		d.phaseNames = append(d.phaseNames, phaseName{line: line, at: p, node: strings.TrimSuffix(id, "-name")})
	}
}

// repeatPhaseNames draws, on a tile that starts inside a phase's band
// (the phase began on an earlier page), the phase's name again at the
// tile's left, as far in from it as it is from the band's start.
func (d *drawer) repeatPhaseNames(c *canvas.Canvas, t tile, m canvas.Matrix) {
	const minRest = 10.0 // mm of the band left on the tile
	for _, n := range d.phaseNames {
		box, ok := d.boxes[n.node]
		if !ok || n.at.X >= t.src.X0 || box.X1 < t.src.X0+minRest || n.at.Y < t.src.Y0 || n.at.Y >= t.src.Y1 {
			continue
		}
		at := canvas.Point{X: t.src.X0 + (n.at.X - box.X0), Y: n.at.Y}
		c.RenderText(n.line, m.Mul(canvas.Identity.Translate(at.X, at.Y)))
	}
}
