package raster

import (
	"errors"
	"fmt"
	"math"
	"slices"
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
	// right is the right end of what is drawn in the grid's rows (the
	// last stage's column, or a text running past it), short of the
	// drawing's own right margin.
	right float64
	// cuts are, for each lane, the heights (top to bottom) at which it
	// may be cut between pages: the middles of the gaps that no card or
	// text of the lane crosses in any stage (between rows of cards).
	cuts [][]float64
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
	// last stage to the right end of what is drawn beside it. The
	// drawing's own margins are left out (the page has them): with its
	// right margin, 12-stages' six last stages were 1.7 mm too wide for
	// an A3 landscape page at 7 pt, and went on three pages of four.
	lx0 := math.Max(0, cols.lane.X0-1)
	laneW := cols.lane.X1 - lx0
	widths := make([]float64, len(cols.stages))
	for i, s := range cols.stages {
		widths[i] = s.W()
	}
	right := w
	if cols.right > 0 {
		right = math.Min(w, cols.right)
	}
	widths[len(widths)-1] = right - cols.stages[len(cols.stages)-1].X0
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
	// A lane taller than a page is cut between its rows of cards: the
	// scale need only fit its tallest row (with the rows above and
	// below it on pages of their own).
	// The foot (below) is left out of the last lane's rows when it can go
	// on a page of its own: it fits the page's width at that scale.
	sLanes := 0.0
	if n := len(cols.lanes); n > 0 && cols.legendX1 > 0 {
		lb := slices.Clone(bands)
		lh := slices.Clone(heights)
		foot := cols.lanes[n-1].Y0
		lb[len(lb)-1].Y0 = foot
		lh[len(lh)-1] -= foot
		sLanes = math.Min(s, ah/(bannerH+headH+slicesMax(rowHeights(lb, lh, cols.cuts))))
		sLanes = math.Min(sLanes, ah/(bannerH+foot))
		if (cols.legendX1-lx0)*sLanes > aw {
			sLanes = 0
		}
	}
	if sLanes > 0 {
		s = sLanes
	} else {
		s = math.Min(s, ah/(bannerH+headH+slicesMax(rowHeights(bands, heights, cols.cuts))))
	}
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
	// A lane taller than a page is cut between its rows (cutTall), so its
	// tallest row, not the lane, bounds the scale.
	s = math.Min(s, ah/(bannerH+headH+slicesMax(rowHeights(bands, heights, cols.cuts))))
	// With the whole height on one page, the rows stay whole.
	xGroups := partition(widths, aw/s-laneW)
	yGroups := [][2]int{{0, len(bands)}}
	if h*s > ah {
		bands, heights = cutTall(bands, heights, cols.cuts, ah/s-bannerH-headH)
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
			x1 = right
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

// pieces cuts band at those of cuts (top to bottom) inside it: the
// pieces' heights, top to bottom, the last one height minus the others
// (a band's height may reach past its rectangle: the foot under the last
// lane), and the bottom of each piece.
func pieces(band canvas.Rect, height float64, cuts []float64) (hs, bottoms []float64) {
	top := band.Y1
	for _, y := range cuts {
		if y < top-1e-9 && y > band.Y0+1e-9 {
			hs, bottoms = append(hs, top-y), append(bottoms, y)
			top = y
		}
	}
	rest := height
	for _, v := range hs {
		rest -= v
	}
	return append(hs, rest), append(bottoms, band.Y0)
}

// rowHeights are the heights of bands as they can be cut: for each band,
// its tallest piece between cuts.
func rowHeights(bands []canvas.Rect, heights []float64, cuts [][]float64) []float64 {
	out := make([]float64, len(bands))
	for i, b := range bands {
		out[i] = heights[i]
		if i < len(cuts) {
			hs, _ := pieces(b, heights[i], cuts[i])
			out[i] = slicesMax(hs)
		}
	}
	return out
}

// cutTall cuts each band taller than limit at its cuts: each piece a
// band of its own, which the pages' partition then packs (so a page
// filled by the lane's first rows takes its next rows, or the next lane).
// The others stay whole.
func cutTall(bands []canvas.Rect, heights []float64, cuts [][]float64, limit float64) ([]canvas.Rect, []float64) {
	var nb []canvas.Rect
	var nh []float64
	for i, b := range bands {
		if heights[i] <= limit+1e-9 || i >= len(cuts) || len(cuts[i]) == 0 {
			nb, nh = append(nb, b), append(nh, heights[i])
			continue
		}
		hs, bottoms := pieces(b, heights[i], cuts[i])
		top := b.Y1
		for k, v := range hs {
			nb, nh = append(nb, canvas.Rect{X0: b.X0, Y0: bottoms[k], X1: b.X1, Y1: top}), append(nh, v)
			top = bottoms[k]
		}
	}
	return nb, nh
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
	for _, l := range cols.lanes {
		cols.cuts = append(cols.cuts, d.laneCuts(l, cols.stages[0].X0))
	}
	// The grid's right end: its last column, or what runs past it in the
	// rows from the stage headers to the last lane (0.4 mm for a stroke).
	bottom := cols.headerY0
	if n := len(cols.lanes); n > 0 {
		bottom = cols.lanes[n-1].Y0
	}
	cols.right = cols.stages[len(cols.stages)-1].X1
	for _, id := range d.boxIDs {
		if b := d.boxes[id]; b.Y0 >= bottom-0.5 && b.Y1 <= cols.bannerY0+0.5 {
			cols.right = math.Max(cols.right, b.X1+0.4)
		}
	}
	return cols
}

// minGap is the least gap, mm, between two rows of a lane that a page
// may be cut in.
const minGap = 0.5

// laneCuts returns where lane may be cut (top to bottom): the middle of
// each gap of at least minGap, right of x0 (the lane-title column is cut
// with it), that no shape or text inside the lane crosses. What spans the
// whole lane (its cells, its title's box) or reaches out of it (the
// column rules, a curve) is no row.
func (d *drawer) laneCuts(lane canvas.Rect, x0 float64) []float64 {
	type span struct{ y0, y1 float64 }
	var spans []span
	for _, id := range d.boxIDs {
		b := d.boxes[id]
		if b.X1 <= x0 || b.Y0 < lane.Y0-0.5 || b.Y1 > lane.Y1+0.5 || b.Y0 <= lane.Y0+0.5 && b.Y1 >= lane.Y1-0.5 {
			continue
		}
		spans = append(spans, span{b.Y0, b.Y1})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].y1 > spans[j].y1 })
	var cuts []float64
	low := math.Inf(1) // the lowest bottom of the spans so far
	for i, sp := range spans {
		if i > 0 && sp.y1 <= low-minGap {
			cuts = append(cuts, (sp.y1+low)/2)
		}
		low = math.Min(low, sp.y0)
	}
	return cuts
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
		q = q.Flatten(0.005)
		if style.HasFill() {
			// A shape cut on two sides (a lane's cell on a page that
			// starts and ends inside the lane) leaves two pieces of
			// outline, which would fill as triangles: the fill is cut
			// as a polygon, the outline as lines.
			fill := style
			fill.Stroke = canvas.Paint{}
			if f := clipPolygons(q, w.src); !f.Empty() {
				w.dst.RenderPath(f, fill, w.m)
			}
			if !style.HasStroke() {
				return
			}
			style.Fill = canvas.Paint{}
		}
		q = clipLines(q, w.src)
	}
	if q.Empty() {
		return
	}
	w.dst.RenderPath(q, style, w.m)
}

// clipPolygons cuts each closed piece of the flattened path p to r
// (Sutherland–Hodgman): what of its area lies in r, as closed polygons.
func clipPolygons(p *canvas.Path, r canvas.Rect) *canvas.Path {
	out := &canvas.Path{}
	for _, sub := range p.Split() {
		var poly []canvas.Point
		for sc := sub.Scanner(); sc.Scan(); {
			if sc.Cmd() != canvas.CloseCmd {
				poly = append(poly, sc.End())
			}
		}
		edges := []struct {
			in  func(canvas.Point) bool
			cut func(a, b canvas.Point) canvas.Point
		}{
			{func(q canvas.Point) bool { return q.X >= r.X0 }, func(a, b canvas.Point) canvas.Point { return atX(a, b, r.X0) }},
			{func(q canvas.Point) bool { return q.X <= r.X1 }, func(a, b canvas.Point) canvas.Point { return atX(a, b, r.X1) }},
			{func(q canvas.Point) bool { return q.Y >= r.Y0 }, func(a, b canvas.Point) canvas.Point { return atY(a, b, r.Y0) }},
			{func(q canvas.Point) bool { return q.Y <= r.Y1 }, func(a, b canvas.Point) canvas.Point { return atY(a, b, r.Y1) }},
		}
		for _, e := range edges {
			var next []canvas.Point
			for i, cur := range poly {
				prev := poly[(i+len(poly)-1)%len(poly)]
				switch {
				case e.in(cur) && !e.in(prev):
					next = append(next, e.cut(prev, cur), cur)
				case e.in(cur):
					next = append(next, cur)
				case e.in(prev):
					next = append(next, e.cut(prev, cur))
				}
			}
			poly = next
		}
		if len(poly) < 3 {
			continue
		}
		out.MoveTo(poly[0].X, poly[0].Y)
		for _, q := range poly[1:] {
			out.LineTo(q.X, q.Y)
		}
		out.Close()
	}
	return out
}

// clipLines cuts the segments of the flattened path p to r, each on its
// own (Liang–Barsky): a piece that does not go on from where the last one
// ended starts a subpath of its own. (canvas's Path.Clip joins the pieces
// of a rectangle cut at its top and bottom with a diagonal.)
func clipLines(p *canvas.Path, r canvas.Rect) *canvas.Path {
	out := &canvas.Path{}
	var start, at canvas.Point
	var last canvas.Point
	have := false
	for sc := p.Scanner(); sc.Scan(); {
		end := sc.End()
		switch sc.Cmd() {
		case canvas.MoveToCmd:
			start, at = end, end
			continue
		case canvas.CloseCmd:
			end = start
		}
		a, b, ok := clipSegment(at, end, r)
		at = end
		if !ok {
			continue
		}
		if !have || a != last {
			out.MoveTo(a.X, a.Y)
		}
		out.LineTo(b.X, b.Y)
		last, have = b, true
	}
	return out
}

// clipSegment cuts the segment a–b to r; ok is false when none of it is
// in r.
func clipSegment(a, b canvas.Point, r canvas.Rect) (canvas.Point, canvas.Point, bool) {
	t0, t1, ok := ClipSegment(a.X, a.Y, b.X, b.Y, r.X0, r.Y0, r.X1, r.Y1)
	if !ok {
		return a, b, false
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	return canvas.Point{X: a.X + t0*dx, Y: a.Y + t0*dy}, canvas.Point{X: a.X + t1*dx, Y: a.Y + t1*dy}, true
}

// ClipSegment clips the segment from (ax, ay) to (bx, by) to the rectangle
// x0..x1 × y0..y1 (Liang–Barsky): the part inside is the points a +
// t·(b − a) for t in [t0, t1]; ok is false when no part is inside. The
// page split clips lines with it, and the layout checker
// (internal/layoutcheck) asks it whether a line strikes a text.
func ClipSegment(ax, ay, bx, by, x0, y0, x1, y1 float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0.0, 1.0
	dx, dy := bx-ax, by-ay
	for _, c := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return 0, 0, false
		}
	}
	return t0, t1, true
}

// atX and atY are where the segment a–b meets the line x (or y).
func atX(a, b canvas.Point, x float64) canvas.Point {
	return canvas.Point{X: x, Y: a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
}

func atY(a, b canvas.Point, y float64) canvas.Point {
	return canvas.Point{X: a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), Y: y}
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
			d.repeatLaneNames(c, t, m)
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
	if strings.HasPrefix(id, d.root+"-lane-") && strings.HasSuffix(id, "-name") {
		d.laneNames = append(d.laneNames, phaseName{line: line, at: p, node: strings.TrimSuffix(id, "-name")})
	}
}

// repeatLaneNames draws, on a tile that starts inside a lane (a lane cut
// between its rows of cards, begun on an earlier page), the lane's name
// again at the tile's top, as far down from it as it is from the lane's
// top, so the page says which lane its cards are in.
func (d *drawer) repeatLaneNames(c *canvas.Canvas, t tile, m canvas.Matrix) {
	for _, n := range d.laneNames {
		box, ok := d.boxes[n.node]
		if !ok || box.Y1 <= t.src.Y1+0.5 || box.Y0 >= t.src.Y1-0.5 || n.at.X < t.src.X0 || n.at.X >= t.src.X1 {
			continue
		}
		at := canvas.Point{X: n.at.X, Y: n.at.Y - (box.Y1 - t.src.Y1)}
		if at.Y < t.src.Y0 || at.Y < box.Y0 {
			continue
		}
		c.RenderText(n.line, m.Mul(canvas.Identity.Translate(at.X, at.Y)))
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
