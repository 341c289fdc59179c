package mapview

import (
	"math"
	"slices"
	"strconv"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// emotionLane is the emotion chart: −2 … +2, a dashed zero line, a point
// per touchpoint at its column position (or one per stage for a stage
// whose touchpoints give none), joined by a monotone spline; one curve per
// persona when the map gives emotions per persona, and one small chart
// per persona (small multiples) when there are more than maxOverlaid.
type emotionLane struct {
	curves []curve
	// multiples: one small chart row per curve.
	multiples bool
}

type curve struct {
	persona *journey.Persona // nil: the single curve
	index   int              // persona index
	key     string           // persona id, or "all"
	pts     []cpoint
}

type cpoint struct {
	id    string
	x, v  float64
	stage bool // the stage's emotion, not a touchpoint's
	ring  bool // a stage point round touchpoint points: drawn larger, under them
	loose bool // a touchpoint's point off the curve (its stage gives its own emotion)
	what  string
	ref   string // the touchpoint's number ("2.1"); "" for a stage's point
	// sz is the marker's size: smaller where a stage's touchpoints stand
	// closer than a marker is wide (0: markerSize).
	sz float64
	// dx moves the marker sideways off x so that it does not hide a
	// marker of another curve with the same value (spread).
	dx float64
	// stageID, stageIdx and tpID say whose point it is (tpID "" for a
	// stage's): the baseline's points are placed by them.
	stageID  string
	stageIdx int
	tpID     string
}

// The chart's geometry and weights.
const (
	// maxOverlaid is the most curves one chart holds: more personas read
	// as spaghetti, so each gets a small chart of its own.
	maxOverlaid = 4
	// multipleH and multipleInset are a small chart's height and the
	// room between its edge and ±2.
	multipleH     = 72.0
	multipleInset = 10.0
	markerSize    = 9.0
	minMarker     = 5.0
	ringSize      = 13.0
	// curvePen is the curves' weight: the curve is to read before the
	// cards' frames (issue 10: the visual weight was inverted).
	curvePen = "2.5"
	// markerGap is the room between coinciding markers set side by side.
	markerGap = 1.5
)

var (
	axisStyle = view.Style{Size: 8.5, Color: palette.TextMuted}
	// pointRefStyle is the touchpoint number beside a point.
	pointRefStyle = view.Style{Size: 8, Color: palette.TextMuted}
	rowNameStyle  = view.Style{Size: 8.5, Bold: true, Color: palette.Text}
)

func newEmotionLane(b *builder) *emotionLane {
	m := b.m
	l := &emotionLane{}
	if b.perPersona {
		for pi, p := range m.Personas {
			if !b.draws(p) {
				continue
			}
			c := curve{persona: p, index: pi, key: p.ID}
			l.collect(b, &c, func(e *journey.Emotion) (float64, bool) { return e.For(p.ID) },
				func(t *journey.Touchpoint) bool { return t.Meets(p.ID) }, p.ID)
			if len(c.pts) > 0 {
				l.curves = append(l.curves, c)
			}
		}
	} else {
		c := curve{key: "all"}
		l.collect(b, &c, func(e *journey.Emotion) (float64, bool) { return e.Mean() },
			func(*journey.Touchpoint) bool { return true }, "all")
		if len(c.pts) > 0 {
			l.curves = append(l.curves, c)
		}
	}
	if len(l.curves) == 0 {
		return nil
	}
	l.multiples = len(l.curves) > maxOverlaid
	return l
}

// collect adds the curve's points stage by stage. A stage that gives its
// own emotion (for the curve's persona) has that as its point on the curve,
// in the middle of its column, and its touchpoints' emotions are markers
// off the curve (issue 9 #14: the stage's own emotion was not drawn when
// its touchpoints had one). Otherwise the touchpoints' emotions are the
// curve's points, and a stage whose touchpoints give none has its derived
// emotion (StageEmotion), if any.
func (l *emotionLane) collect(b *builder, c *curve, value func(*journey.Emotion) (float64, bool),
	meets func(*journey.Touchpoint) bool, key string) {
	for si, s := range b.m.Stages {
		own, hasOwn := value(s.Emotion)
		first := len(c.pts)
		// Markers of neighbouring touchpoints do not overlap: a stage with
		// many touchpoints has smaller ones (down to minMarker).
		sz := 0.0
		if n := len(s.Touchpoints); n > 0 && b.colW(si)/float64(n)-markerGap < markerSize {
			sz = math.Max(minMarker, b.colW(si)/float64(n)-markerGap)
		}
		for _, t := range s.Touchpoints {
			if !meets(t) {
				continue
			}
			if v, ok := value(t.Emotion); ok {
				c.pts = append(c.pts, cpoint{id: b.doc.ID("emotion", key, "tp", t.ID), x: b.tpX[t], v: clamp(v),
					loose: hasOwn, what: b.ref[t] + " " + t.Name, ref: b.ref[t], sz: sz, stageID: s.ID, stageIdx: si, tpID: t.ID})
			}
		}
		n := len(c.pts) - first
		if n > 0 && !hasOwn {
			continue
		}
		v, ok := own, hasOwn
		if !ok {
			v, ok = value(b.m.StageEmotion(s))
		}
		if ok {
			p := cpoint{id: b.doc.ID("emotion", key, "stage", s.ID), x: b.colX(si) + b.colW(si)/2, v: clamp(v), stage: true, ring: n > 0, what: s.Name, stageID: s.ID, stageIdx: si}
			// Before the stage's touchpoints, so that they are drawn over it.
			c.pts = append(c.pts[:first], append([]cpoint{p}, c.pts[first:]...)...)
		}
	}
}

// onCurve returns the points the curve's line joins.
func (c *curve) onCurve() []cpoint {
	out := make([]cpoint, 0, len(c.pts))
	for _, p := range c.pts {
		if !p.loose {
			out = append(out, p)
		}
	}
	return out
}

func clamp(v float64) float64 {
	if v < -2 {
		return -2
	}
	if v > 2 {
		return 2
	}
	return v
}

// curveChunk is the most segments one edge of an emotion curve holds.
const curveChunk = 200

// height is the lane's height: one chart, or a small one per curve.
func (l *emotionLane) height() float64 {
	if l.multiples {
		return multipleH * float64(len(l.curves))
	}
	return emotionH
}

// chart is one plot of the lane: the whole lane, or a persona's row of
// the small multiples.
type chart struct {
	top, h, inset float64
	curves        []*curve
	// key names the chart's elements: "" for the one chart, else the
	// persona's id.
	key string
	// axis are the values labelled at the left.
	axis []float64
	// baseline says which of the baseline's curves the chart draws.
	baseline func(c curve) bool
}

func (c chart) yOf(v float64) float64 { return c.top + c.inset + (2-v)/4*(c.h-2*c.inset) }

// id names an element of the chart: the one chart's ids are as they were
// before the small multiples.
func (c chart) id(b *builder, parts ...string) string {
	if c.key == "" {
		return b.doc.ID(append([]string{"emotion"}, parts...)...)
	}
	return b.doc.ID(append([]string{"emotion", c.key}, parts...)...)
}

func (l *emotionLane) draw(b *builder) {
	h := l.height()
	b.laneHeader("lane.emotions", h)
	if !l.multiples {
		ch := chart{top: b.y, h: h, inset: emotionInset, axis: []float64{2, 1, 0, -1, -2},
			baseline: func(curve) bool { return true }}
		for i := range l.curves {
			ch.curves = append(ch.curves, &l.curves[i])
		}
		b.drawChart(ch)
		b.y += h
		return
	}
	// Small multiples: a row per persona, named in the lane's name cell
	// with the curve's marker, under the lane's own name.
	nameLines := laneStyle.Wrap(b.t("lane.emotions"), laneWidth-2*pad)
	nameBottom := b.y + pad + laneStyle.Height(len(nameLines))
	for i := range l.curves {
		c := &l.curves[i]
		top := b.y + float64(i)*multipleH
		if i > 0 {
			b.rule(b.doc.ID("emotion", c.key, "row"), view.Point{X: laneWidth, Y: top}, view.Point{X: b.width, Y: top},
				view.A("color", "#AEB6C2"), view.A("penwidth", "0.75"))
		}
		key := c.key
		b.drawChart(chart{top: top, h: multipleH, inset: multipleInset, curves: []*curve{c}, key: c.key,
			axis:     []float64{2, 0, -2},
			baseline: func(bc curve) bool { return bc.key == key }})
		// The row's name: the persona's marker and name, in the middle of
		// the row and below the lane's name.
		textX := pad + 14
		lines := rowNameStyle.Wrap(c.persona.Name, laneWidth-textX-26)
		th := rowNameStyle.Height(len(lines))
		ty := math.Max(top+(multipleH-th)/2, nameBottom+2)
		if i > 0 {
			ty = math.Max(top+(multipleH-th)/2, top+2)
		}
		color := b.personaColor(c.index)
		b.marker(b.doc.ID("emotion", c.key, "row", "marker"), view.Point{X: pad + 5, Y: ty + rowNameStyle.LineHeight()/2},
			personaShape(c.index), markerSize, color, color)
		b.doc.TextAt(b.doc.ID("emotion", c.key, "row", "name"), textX, ty, lines, rowNameStyle)
	}
	b.y += h
}

// drawChart draws one chart: the axis and grid, the baseline's curves, the
// curves as monotone splines, the markers (coinciding ones side by side)
// and the touchpoint number beside each point.
func (b *builder) drawChart(ch chart) {
	lh := axisStyle.LineHeight()
	for _, v := range ch.axis {
		s := i18n.Signed(b.lang, v)
		b.doc.Centred(ch.id(b, "axis", view.Num(v+2)), laneWidth-14, ch.yOf(v)-lh/2, []string{s}, axisStyle)
	}
	// Grid lines; the zero line is dashed.
	for _, v := range []float64{2, 1, 0, -1, -2} {
		from := view.Point{X: laneWidth, Y: ch.yOf(v)}
		to := view.Point{X: b.width, Y: ch.yOf(v)}
		attrs := []view.Attr{view.A("color", "#E1E5EB"), view.A("penwidth", "0.75")}
		if v == 0 {
			attrs = []view.Attr{view.A("color", "#6E7681"), view.A("penwidth", "1"), view.A("style", "dashed")}
		}
		b.rule(ch.id(b, "grid", view.Num(v+2)), from, to, attrs...)
	}
	// The baseline's curves first, under the current ones.
	b.drawBaselineCurves(ch.yOf, ch.baseline)
	spread(ch)
	// The curves, each one edge through its points (edges are drawn
	// before nodes, so the points cover it).
	var drawn [][]view.Point // the curves' control points, which labels avoid
	for _, c := range ch.curves {
		line := c.onCurve()
		if len(line) < 2 {
			continue
		}
		color, style := "#4D4D4D", "solid"
		if c.persona != nil {
			color, style = b.personaColor(c.index), personaStyle(c.index)
		}
		at := make([]view.Point, len(line))
		for i, p := range line {
			at[i] = view.Point{X: p.x + p.dx, Y: ch.yOf(p.v)}
		}
		ctrl := view.Monotone(at)
		drawn = append(drawn, ctrl)
		// In pieces of at most curveChunk segments: Graphviz before 2.44
		// reads no quoted string over 16 kB, and `cjm render -f dot` is for
		// any Graphviz.
		for start, part := 0, 0; start < len(line)-1; start, part = start+curveChunk, part+1 {
			end := min(start+curveChunk, len(line)-1)
			id := b.doc.ID("emotion", c.key, "curve")
			if part > 0 {
				id += "-" + strconv.Itoa(part+1)
			}
			attrs := []view.Attr{view.A("color", color), view.A("style", style), view.A("penwidth", curvePen)}
			if c.persona != nil {
				attrs = append(attrs, view.A("tooltip", c.persona.Name))
			}
			b.doc.Edge(id, line[start].id, line[end].id, ctrl[3*start:3*end+1], nil, attrs...)
		}
	}
	// Stage points first, every curve's, so that no hollow stage point
	// hides a touchpoint's marker of another curve.
	for _, stage := range []bool{true, false} {
		for _, c := range ch.curves {
			shape, outline := "circle", "#333333"
			if c.persona != nil {
				shape, outline = personaShape(c.index), b.personaColor(c.index)
			}
			for _, p := range c.pts {
				if p.stage != stage {
					continue
				}
				fill := palette.Emotion(p.v)
				tip := p.what + ": " + i18n.Signed(b.lang, p.v)
				if c.persona != nil {
					tip = c.persona.Name + " — " + tip
				}
				at := view.Point{X: p.x + p.dx, Y: ch.yOf(p.v)}
				if p.stage {
					// The stage as a whole: hollow, so it is not taken for a touchpoint.
					b.marker(p.id, at, shape, p.size(), "#FFFFFF", fill,
						view.A("penwidth", "2"), view.A("tooltip", tip))
					continue
				}
				b.marker(p.id, at, shape, p.size(), fill, outline, view.A("tooltip", tip))
			}
		}
	}
	b.pointRefs(ch, drawn)
}

func (p cpoint) size() float64 {
	switch {
	case p.ring:
		return ringSize
	case p.sz > 0:
		return p.sz
	}
	return markerSize
}

// marked is a marker of a chart with where it is drawn.
type marked struct {
	c, i    int // curve and point
	x, y, s float64
	p       *cpoint
}

// markers returns the chart's markers, in curve and point order.
func markers(ch chart) []marked {
	var out []marked
	for ci, c := range ch.curves {
		for pi := range c.pts {
			p := &c.pts[pi]
			out = append(out, marked{c: ci, i: pi, x: p.x + p.dx, y: ch.yOf(p.v), s: p.size(), p: p})
		}
	}
	return out
}

// spread sets coinciding markers side by side: the markers at one x
// (every curve's point at a touchpoint, or at a stage's middle) whose
// shapes would overlap are moved apart sideways, in persona order, so
// that none hides another (issue 10: coinciding personas stay visible).
// The curves pass through the moved markers.
func spread(ch chart) {
	ms := markers(ch)
	groups := map[float64][]int{}
	var xs []float64
	for i, m := range ms {
		k := math.Round(m.p.x * 100)
		if _, ok := groups[k]; !ok {
			xs = append(xs, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range xs {
		g := groups[k]
		slices.SortStableFunc(g, func(a, b int) int {
			if ms[a].y != ms[b].y {
				if ms[a].y < ms[b].y {
					return -1
				}
				return 1
			}
			return 0
		})
		for start := 0; start < len(g); {
			end := start + 1
			for end < len(g) && ms[g[end]].y-ms[g[end-1]].y < (ms[g[end]].s+ms[g[end-1]].s)/2 {
				end++
			}
			cluster := append([]int(nil), g[start:end]...)
			start = end
			if len(cluster) < 2 {
				continue
			}
			// In curve order, a stage's point before a touchpoint's.
			slices.SortStableFunc(cluster, func(a, b int) int {
				if ms[a].c != ms[b].c {
					return ms[a].c - ms[b].c
				}
				return ms[a].i - ms[b].i
			})
			w := -markerGap
			for _, i := range cluster {
				w += ms[i].s + markerGap
			}
			x := -w / 2
			for _, i := range cluster {
				ms[i].p.dx = x + ms[i].s/2
				x += ms[i].s + markerGap
			}
		}
	}
}

// box is a rectangle: x0 ≤ x1, y0 ≤ y1.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a box) contains(p view.Point) bool {
	return p.X >= a.x0 && p.X <= a.x1 && p.Y >= a.y0 && p.Y <= a.y1
}

// pointRefs labels the touchpoints' points with their numbers ("2.1") in
// small muted text, so that a point is matched to its card: one label per
// group of markers side by side at a touchpoint, beside it where it
// overlaps no marker and no other label (and, where it can, no curve).
func (b *builder) pointRefs(ch chart, curves [][]view.Point) {
	ms := markers(ch)
	// What a label must not cover, in columns of the page (a map may
	// have thousands of points).
	var boxes, lines grid
	mbox := make([]box, len(ms))
	byTP := map[string][]int{}
	for i, m := range ms {
		mbox[i] = box{m.x - m.s/2 - 0.5, m.y - m.s/2 - 0.5, m.x + m.s/2 + 0.5, m.y + m.s/2 + 0.5}
		boxes.add(mbox[i])
		if m.p.tpID != "" {
			byTP[m.p.tpID] = append(byTP[m.p.tpID], i)
		}
	}
	for _, ctrl := range curves {
		for _, p := range sampleBezier(ctrl) {
			lines.add(box{p.X, p.Y, p.X, p.Y})
		}
	}
	// The chart's grid lines (±2, ±1, 0) and the stage columns' rules
	// that run through it: a label keeps off them where it can, else it
	// is drawn on a white box of its own size (a halo) that hides them.
	var rows, cols []float64
	for _, v := range []float64{2, 1, 0, -1, -2} {
		rows = append(rows, ch.yOf(v))
	}
	for i := 1; i <= len(b.m.Stages); i++ {
		cols = append(cols, b.colX(i))
	}
	onRule := func(c box) bool {
		for _, y := range rows {
			if y > c.y0 && y < c.y1 {
				return true
			}
		}
		for _, x := range cols {
			if x > c.x0 && x < c.x1 {
				return true
			}
		}
		return false
	}
	bounds := box{laneWidth + 1, ch.top + 1, b.width - 1, ch.top + ch.h - 1}
	// A group: the markers of a touchpoint that touch each other.
	type group struct {
		ref, tpID string
		bb        box
	}
	var groups []group
	used := make([]bool, len(ms))
	for i, m := range ms {
		if used[i] || m.p.tpID == "" {
			continue
		}
		used[i] = true
		g := group{ref: m.p.ref, tpID: m.p.tpID, bb: mbox[i]}
		for grown := true; grown; {
			grown = false
			for _, j := range byTP[m.p.tpID] {
				if used[j] {
					continue
				}
				if mbox[j].overlaps(box{g.bb.x0 - markerGap - 1, g.bb.y0 - 1, g.bb.x1 + markerGap + 1, g.bb.y1 + 1}) {
					used[j] = true
					o := mbox[j]
					g.bb = box{math.Min(g.bb.x0, o.x0), math.Min(g.bb.y0, o.y0), math.Max(g.bb.x1, o.x1), math.Max(g.bb.y1, o.y1)}
					grown = true
				}
			}
		}
		groups = append(groups, g)
	}
	lh := pointRefStyle.LineHeight()
	seen := map[string]int{}
	for _, g := range groups {
		w := view.Ceil(pointRefStyle.Width(g.ref)*10)/10 + 1
		cx, cy := (g.bb.x0+g.bb.x1)/2, (g.bb.y0+g.bb.y1)/2
		at := func(x0, y0 float64) box { return box{x0, y0, x0 + w, y0 + lh} }
		cands := []box{
			at(cx-w/2, g.bb.y0-lh),   // above
			at(cx-w/2, g.bb.y1),      // below
			at(g.bb.x1+1, cy-lh/2),   // right
			at(g.bb.x0-w-1, cy-lh/2), // left
			at(g.bb.x1, g.bb.y0-lh),  // above right
			at(g.bb.x0-w, g.bb.y0-lh),
			at(g.bb.x1, g.bb.y1),
			at(g.bb.x0-w, g.bb.y1),
		}
		near := len(cands)
		for k := 1; k <= 6; k++ {
			d := float64(k) * lh
			cands = append(cands, at(cx-w/2, g.bb.y0-lh-d), at(cx-w/2, g.bb.y1+d))
		}
		free := func(c box, avoidCurves, avoidRules bool) bool {
			if c.x0 < bounds.x0 || c.x1 > bounds.x1 || c.y0 < bounds.y0 || c.y1 > bounds.y1 {
				return false
			}
			return !boxes.hits(c) && !(avoidCurves && lines.hits(c)) && !(avoidRules && onRule(c))
		}
		// Beside the markers off the curves and rules; else beside them
		// on a rule, else on a curve (with a halo: a label next to its
		// point reads better than one farther off); else as far off in
		// the same order.
		pick, found := cands[0], false
		for _, pass := range []struct {
			cands         []box
			curves, rules bool
		}{
			{cands[:near], true, true}, {cands[:near], true, false}, {cands[:near], false, false},
			{cands[near:], true, true}, {cands[near:], true, false}, {cands[near:], false, false},
		} {
			for _, c := range pass.cands {
				if free(c, pass.curves, pass.rules) {
					pick, found = c, true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			// Nowhere free beside it (a crowded column): the nearest free
			// place above or below in the chart.
			for d := 0.0; d < ch.h && !found; d += 1 {
				for _, y := range []float64{g.bb.y0 - lh - d, g.bb.y1 + d} {
					if c := at(cx-w/2, y); free(c, false, false) {
						pick, found = c, true
						break
					}
				}
			}
		}
		boxes.add(pick)
		base := ch.id(b, "ref", g.tpID)
		id := base
		if n := seen[base]; n > 0 {
			id += "-" + strconv.Itoa(n+1)
		}
		seen[base]++
		if !onRule(pick) && !lines.hits(pick) {
			b.doc.Centred(id, (pick.x0+pick.x1)/2, pick.y0, []string{g.ref}, pointRefStyle)
			continue
		}
		// On a line: the text on a white box of its own size, which the
		// line (drawn before every node) goes under.
		b.doc.Node(id, view.Point{X: (pick.x0 + pick.x1) / 2, Y: pick.y0 + lh/2}, append([]view.Attr{
			view.A("width", view.Inches(w)), view.A("height", view.Inches(lh)),
			view.A("shape", "box"), view.A("style", "filled"), view.A("fillcolor", "#FFFFFF"), view.A("color", "transparent"),
			view.Text([]string{g.ref}, true)}, pointRefStyle.Font(palette.Text)...)...)
	}
}

// grid holds boxes by the columns of the page they reach, so that a
// query looks at the boxes near it only.
type grid struct{ cols map[int][]box }

const gridCol = 32.0

func (g *grid) span(b box) (int, int) {
	return int(math.Floor(b.x0 / gridCol)), int(math.Floor(b.x1 / gridCol))
}

func (g *grid) add(b box) {
	if g.cols == nil {
		g.cols = map[int][]box{}
	}
	lo, hi := g.span(b)
	for c := lo; c <= hi; c++ {
		g.cols[c] = append(g.cols[c], b)
	}
}

// hits reports whether b overlaps a box of the grid (a point counts when
// it lies within b).
func (g *grid) hits(b box) bool {
	lo, hi := g.span(b)
	for c := lo; c <= hi; c++ {
		for _, o := range g.cols[c] {
			if o.x0 == o.x1 && o.y0 == o.y1 {
				if b.contains(view.Point{X: o.x0, Y: o.y0}) {
					return true
				}
				continue
			}
			if b.overlaps(o) {
				return true
			}
		}
	}
	return false
}

// sampleBezier returns points along the cubic Bézier path ctrl (1 + 3n
// control points), about every 2 pt.
func sampleBezier(ctrl []view.Point) []view.Point {
	var out []view.Point
	for i := 0; i+3 < len(ctrl); i += 3 {
		p0, p1, p2, p3 := ctrl[i], ctrl[i+1], ctrl[i+2], ctrl[i+3]
		l := math.Hypot(p1.X-p0.X, p1.Y-p0.Y) + math.Hypot(p2.X-p1.X, p2.Y-p1.Y) + math.Hypot(p3.X-p2.X, p3.Y-p2.Y)
		n := max(4, int(math.Ceil(l/2)))
		for k := 0; k <= n; k++ {
			t := float64(k) / float64(n)
			u := 1 - t
			out = append(out, view.Point{
				X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
				Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
			})
		}
	}
	return out
}

// hasStagePoints reports whether any point stands for a whole stage.
func (l *emotionLane) hasStagePoints() bool {
	for _, c := range l.curves {
		for _, p := range c.pts {
			if p.stage {
				return true
			}
		}
	}
	return false
}
