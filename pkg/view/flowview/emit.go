package flowview

import (
	"github.com/cjm-dev/cjm/pkg/i18n"
	"math"
	"sort"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// backRoute is a step back routed above the graph.
type backRoute struct {
	id, tail, head string
	x0, x1         float64 // the lane segment, x0 < x1
	pts            func(laneY float64) []view.Point
	label          string
	tip            string  // the hover text
	line           string  // the label, fitted
	lx0, lx1       float64 // the segment with its label: what a lane must hold
	level          int
	pair           bool // a simplified flow's links between two stages
}

// emit writes the final DOT: stage boxes, cards, forward edges on their
// routes, steps back over the top, title and legend.
func (b *builder) emit() []byte {
	top, bottom, left, right := b.extent()
	routes := b.backRoutes()
	// A simplified flow's arrows are few (maxPairs) and their numbers are
	// what they say: always labelled.
	labels := len(routes) <= maxLabels || b.simplified
	step := laneStep
	if labels {
		step = laneStepText
	}
	for _, r := range routes {
		r.lx0, r.lx1 = r.x0, r.x1
		if !labels || r.label == "" {
			continue
		}
		r.line = backStyle.Ellipsize(r.label, math.Max(r.x1-r.x0-12, 220))
		mid, half := (r.x0+r.x1)/2, view.Ceil(backStyle.Width(r.line))/2+4
		r.lx0, r.lx1 = math.Min(r.x0, mid-half), math.Max(r.x1, mid+half)
	}
	levels := assignLevels(routes)
	laneBase := top - 16
	if labels {
		laneBase = top - 12
	}
	lanesTop := laneBase - float64(levels)*step
	if levels == 0 {
		lanesTop = top
	}

	// Title (and the note of a degraded layout) above everything, wrapped
	// to the stage boxes' width (at least minTextW, at most maxTextW) in at
	// most view.MaxTitleLines lines (view.FitTitle, as the map view's
	// title): a title that needs more even at the floor size widens its
	// lines up to maxTextW (issue 10: five lines over two stage boxes).
	// Wrapped a little short of the width: a text node's room near the
	// page's edge (view.Doc's Right) is 3 pt over the text.
	width := math.Min(math.Max(right-left, minTextW), maxTextW)
	title := nonEmpty(b.m.Title)
	titleLines, tst := view.FitTitle(title, titleStyle, width-4)
	for len(titleLines) > view.MaxTitleLines && width < maxTextW {
		width = math.Min(width+titleStep, maxTextW)
		titleLines, tst = view.FitTitle(title, titleStyle, width-4)
	}
	textW := width - 4
	titleH := view.Ceil(tst.Height(len(titleLines)))
	noteH := 0.0
	var noteLines []string
	if note := b.note(); note != "" {
		noteLines = noteStyle.Wrap(note, textW)
		noteH = view.Ceil(noteStyle.Height(len(noteLines))) + 4
	}
	// The page ends where what is drawn ends: the stage boxes, the title,
	// the note or the legend, whichever reaches furthest (issue 10: a
	// narrow flow's page ran on to the width its text was wrapped to, its
	// right margin the wider). Text nodes do not widen the page past it
	// (view.Doc).
	groups := b.legendGroups()
	pageR := math.Max(right, view.LegendRight(groups, left, width, 0, 0))
	for _, l := range titleLines {
		pageR = math.Max(pageR, left+view.Ceil(tst.Width(l))+3)
	}
	for _, l := range noteLines {
		pageR = math.Max(pageR, left+view.Ceil(noteStyle.Width(l))+3)
	}
	b.doc.Left, b.doc.Right = left, pageR
	titleY := lanesTop - 14 - noteH - titleH
	b.doc.TextIn(b.doc.ID("title"), left, titleY, pageR-left, titleLines, tst)
	if len(noteLines) > 0 {
		b.doc.TextIn(b.doc.ID("note"), left, titleY+titleH+4, pageR-left, noteLines, noteStyle)
	}

	// Stage boxes and their names (first, so everything is drawn over them).
	for si, r := range b.boxes {
		if r.empty() {
			continue
		}
		s := b.m.Stages[si]
		fill := "#F4F6F9"
		if s.Phase == "using" {
			fill = "#F1F6EE"
		}
		b.doc.Node(b.doc.ID("stage", s.ID), view.Point{X: (r.x0 + r.x1) / 2, Y: (r.y0 + r.y1) / 2},
			view.A("shape", "box"), view.A("style", "rounded,filled"), view.A("fixedsize", "true"),
			view.A("width", view.Inches(r.x1-r.x0)), view.A("height", view.Inches(r.y1-r.y0)),
			view.A("fillcolor", fill), view.A("color", palette.Rule), view.A("penwidth", "1"),
			view.NoLabel, view.A("tooltip", s.Name))
		hd := b.headers[si]
		if view.IsRTL(s.Name) {
			b.doc.TextRightAt(b.doc.ID("stage", s.ID, "name"), r.x1-clusterPad, r.y0+4, hd.lines, stageStyle)
		} else {
			b.doc.TextAt(b.doc.ID("stage", s.ID, "name"), r.x0+clusterPad, r.y0+4, hd.lines, stageStyle)
		}
		if hd.within != "" {
			b.doc.TextAt(b.doc.ID("stage", s.ID, "within"), r.x0+clusterPad, r.y0+4+view.Ceil(stageStyle.Height(len(hd.lines)))+1,
				[]string{hd.within}, withinStyle)
		}
	}

	// Cards.
	for i := range b.tps {
		b.drawCard(i)
	}

	// Forward edges on dot's routes, and the sequence arrows of a map
	// without links: thin, dotted and light, so they are not taken for a
	// customer's path.
	for _, kind := range []string{"next", "seq"} {
		edges, l := b.fwd, 8.0
		if kind == "seq" {
			edges, l = b.seq, 6
		}
		for _, e := range edges {
			pts := b.routes[e]
			if len(pts) < 4 {
				continue
			}
			tip, ok := b.tips[e]
			if !ok {
				tip = arrowTip(pts, l)
			}
			attrs := []view.Attr{view.A("color", forwardColor), view.A("penwidth", "1.2"), view.A("arrowsize", "0.8"),
				view.A("tooltip", b.linkTip(e[0], e[1], ""))}
			if kind == "seq" {
				attrs = seqAttrs(b.linkTip(e[0], e[1], b.t("legend.sequence")))
			}
			b.doc.Edge(b.doc.ID(kind, b.tps[e[0]].ID, b.tps[e[1]].ID), b.nodeID(e[0]), b.nodeID(e[1]), pts, &tip, attrs...)
		}
	}

	// Steps back over the top, each on its lane.
	for _, r := range routes {
		y := laneBase - float64(r.level)*step
		pts := r.pts(y)
		pts, end := view.Shorten(pts, 7)
		pen := "1.4"
		if r.pair {
			pen = "2"
		}
		b.doc.Edge(r.id, r.tail, r.head, view.Polyline(pts, 5), &end,
			view.A("color", backColor), view.A("style", "dashed"), view.A("penwidth", pen), view.A("arrowsize", "0.7"),
			view.A("tooltip", r.tip))
		if r.line != "" {
			st := backStyle
			if r.pair {
				st = pairStyle
			}
			b.doc.Centred(r.id+"-label", labelX(r, routes, st.Width(r.line)), y-st.LineHeight()-1, []string{r.line}, st)
		}
	}

	// Skips ahead between stages under the graph, each on its lane.
	skips := b.skipRoutes()
	skipLabels := len(skips) <= maxLabels || b.simplified
	skipStep := laneStep
	if skipLabels {
		skipStep = laneStepText
	}
	for _, r := range skips {
		r.lx0, r.lx1 = r.x0, r.x1
		if !skipLabels || r.label == "" {
			continue
		}
		r.line = skipStyle.Ellipsize(r.label, math.Max(r.x1-r.x0-12, 220))
		mid, half := (r.x0+r.x1)/2, view.Ceil(skipStyle.Width(r.line))/2+4
		r.lx0, r.lx1 = math.Min(r.x0, mid-half), math.Max(r.x1, mid+half)
	}
	skipLevels := assignLevels(skips)
	skipBase := bottom + 12
	for _, r := range skips {
		y := skipBase + float64(r.level)*skipStep
		pts, end := view.Shorten(r.pts(y), 7)
		color, pen, st := skipColor, "1.6", skipStyle
		if r.pair {
			color, pen, st = forwardColor, "2", pairStyle
		}
		b.doc.Edge(r.id, r.tail, r.head, view.Polyline(pts, 5), &end,
			view.A("color", color), view.A("penwidth", pen), view.A("arrowsize", "0.7"),
			view.A("tooltip", r.tip))
		if r.line != "" {
			b.doc.Centred(r.id+"-label", labelX(r, skips, st.Width(r.line)), y+2, []string{r.line}, st)
		}
	}
	if skipLevels > 0 {
		bottom = skipBase + float64(skipLevels-1)*skipStep + 4
		if skipLabels {
			bottom += skipStyle.LineHeight()
		}
	}

	legendBottom := b.doc.Legend(groups, left, bottom+16, width, 0, 0)
	return b.doc.Write(legendBottom, []view.Attr{
		view.A("outputorder", "nodesfirst"),
		view.A("bgcolor", "#FFFFFF"),
		view.A("pad", "0.3"),
		view.A("fontname", "Helvetica"),
	}, view.NodeDefaults(), []view.Attr{
		view.A("color", forwardColor),
	})
}

// seqAttrs are the DOT attributes of a sequence arrow.
func seqAttrs(tip string) []view.Attr {
	return []view.Attr{view.A("color", seqColor), view.A("style", "dotted"), view.A("penwidth", "1"),
		view.A("arrowsize", "0.6"), view.A("tooltip", tip)}
}

// extent returns the bounds of the stage boxes and cards.
func (b *builder) extent() (top, bottom, left, right float64) {
	top, left = math.Inf(1), math.Inf(1)
	bottom, right = math.Inf(-1), math.Inf(-1)
	for _, r := range b.boxes {
		if r.empty() {
			continue
		}
		top, bottom = math.Min(top, r.y0), math.Max(bottom, r.y1)
		left, right = math.Min(left, r.x0), math.Max(right, r.x1)
	}
	if math.IsInf(top, 1) {
		return 0, 0, 0, 500
	}
	return top, bottom, left, right
}

// backRoutes routes every step back: out of the right side of its
// touchpoint into the gap after its rank, up to its lane, left to the gap
// before the rank of the touchpoint it returns to, down, and into that
// touchpoint's left side. Gaps between ranks hold no nodes, so the route
// crosses none. Steps back between stages (transitions) run from the top
// of one stage box to the top of the other.
func (b *builder) backRoutes() []*backRoute {
	var out []*backRoute
	if len(b.back) > 0 {
		left, right := b.columns()
		used := map[float64]int{}
		slot := func(x float64) float64 {
			k := used[x]
			used[x] = k + 1
			off := float64((k+1)/2) * 4
			if k%2 == 1 {
				off = -off
			}
			if off > 14 {
				off = math.Mod(off, 14)
			}
			return x + off
		}
		for _, e := range b.back {
			i, j := e[0], e[1]
			p, q := b.pos[i], b.pos[j]
			xr := slot(right[i])
			xl := slot(left[j])
			ty, hy := p.Y+5, q.Y+5
			r := &backRoute{
				id:   b.doc.ID("back", b.tps[i].ID, b.tps[j].ID),
				tail: b.nodeID(i), head: b.nodeID(j),
				x0: xl, x1: xr,
				label: b.backLabel(b.stageOf[i], b.stageOf[j]),
			}
			r.tip = b.linkTip(i, j, r.label)
			r.pts = func(y float64) []view.Point {
				return []view.Point{
					{X: p.X + cardW/2, Y: ty}, {X: xr, Y: ty}, {X: xr, Y: y},
					{X: xl, Y: y}, {X: xl, Y: hy}, {X: q.X - cardW/2, Y: hy},
				}
			}
			out = append(out, r)
		}
	}
	out = append(out, b.pairRoutes(false)...)
	// Several arrows leaving or entering one box stand 14 pt apart along
	// its top (issue 10: they shared one point).
	ends := map[int]int{}
	spread := func(stage int) float64 {
		k := ends[stage]
		ends[stage] = k + 1
		return float64(k) * 14
	}
	for _, t := range bySpan(b, b.m.Transitions) {
		if !b.ix.IsStepBack(t) {
			continue
		}
		fi, ti := b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)
		rf, rt := b.boxes[fi], b.boxes[ti]
		if rf.empty() || rt.empty() {
			continue
		}
		xf, xt := rf.x0+24+spread(fi), rt.x1-24-spread(ti)
		if xt > xf {
			xt = xf - 10
		}
		label := t.Label
		if label == "" {
			label = b.t("step_back")
		}
		yf, yt := rf.y0, rt.y0
		out = append(out, &backRoute{
			id:   b.doc.ID("stepback", t.From, t.To),
			tail: b.doc.ID("stage", t.From), head: b.doc.ID("stage", t.To),
			x0: xt, x1: xf, label: label,
			tip: b.m.Stages[fi].Name + " → " + b.m.Stages[ti].Name + ": " + label,
			pts: func(y float64) []view.Point {
				return []view.Point{{X: xf, Y: yf}, {X: xf, Y: y}, {X: xt, Y: y}, {X: xt, Y: yt}}
			},
		})
	}
	return out
}

// skipRoutes routes the transitions to a later stage (skips ahead, issue
// 9 #12) under the graph: down from the bottom of the stage box the
// customer leaves, along a lane of its own, and up into the bottom of the
// box of the stage they skip to. Steps back run over the top, so the two
// kinds never share a lane.
func (b *builder) skipRoutes() []*backRoute {
	out := b.pairRoutes(true)
	seen := map[[2]int]*backRoute{}
	ends := map[int]int{} // as in backRoutes, along the boxes' bottoms
	spread := func(stage int) float64 {
		k := ends[stage]
		ends[stage] = k + 1
		return float64(k) * 14
	}
	for _, t := range bySpan(b, b.m.Transitions) {
		fi, ti := b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)
		if fi < 0 || ti <= fi {
			continue
		}
		rf, rt := b.boxes[fi], b.boxes[ti]
		if rf.empty() || rt.empty() {
			continue
		}
		if r := seen[[2]int{fi, ti}]; r != nil {
			if t.Label != "" {
				r.label += "; " + t.Label
				r.tip += "; " + t.Label
			}
			continue
		}
		xf, xt := rf.x1-24-spread(fi), rt.x0+24+spread(ti)
		if xt < xf+10 {
			xt = xf + 10
		}
		label := t.Label
		if label == "" {
			label = b.t("skip_ahead")
		}
		yf, yt := rf.y1, rt.y1
		r := &backRoute{
			id:   b.doc.ID("skip", t.From, t.To),
			tail: b.doc.ID("stage", t.From), head: b.doc.ID("stage", t.To),
			x0: xf, x1: xt, label: label,
			tip: b.m.Stages[fi].Name + " → " + b.m.Stages[ti].Name + ": " + label,
			pts: func(y float64) []view.Point {
				return []view.Point{{X: xf, Y: yf}, {X: xf, Y: y}, {X: xt, Y: y}, {X: xt, Y: yt}}
			},
		}
		seen[[2]int{fi, ti}] = r
		out = append(out, r)
	}
	return out
}

// pairRoutes routes a simplified flow's arrows between stages, forward
// ones (under the graph) or back ones (over it), labelled "× n". Several
// arrows leaving or entering one stage box stand apart along its edge.
func (b *builder) pairRoutes(forward bool) []*backRoute {
	var out []*backRoute
	used := map[[2]int]int{} // (stage, side) → arrows so far
	slot := func(stage, side int) float64 {
		k := used[[2]int{stage, side}]
		used[[2]int{stage, side}] = k + 1
		off := float64((k+1)/2) * 9
		if k%2 == 1 {
			off = -off
		}
		return math.Mod(off, 60)
	}
	for _, p := range b.pairs {
		if (p.to > p.from) != forward {
			continue
		}
		rf, rt := b.boxes[p.from], b.boxes[p.to]
		if rf.empty() || rt.empty() {
			continue
		}
		from, to := b.m.Stages[p.from], b.m.Stages[p.to]
		n := i18n.Number(b.lang, float64(p.n))
		r := &backRoute{
			id:   b.doc.ID("links", from.ID, to.ID),
			tail: b.doc.ID("stage", from.ID), head: b.doc.ID("stage", to.ID),
			label: "× " + n, pair: true,
			tip: from.Name + " → " + to.Name + ": × " + n,
		}
		if forward {
			xf, xt := (rf.x0+rf.x1)/2+slot(p.from, 1), (rt.x0+rt.x1)/2+slot(p.to, 1)
			yf, yt := rf.y1, rt.y1
			r.x0, r.x1 = xf, xt
			r.pts = func(y float64) []view.Point {
				return []view.Point{{X: xf, Y: yf}, {X: xf, Y: y}, {X: xt, Y: y}, {X: xt, Y: yt}}
			}
		} else {
			xf, xt := (rf.x0+rf.x1)/2+slot(p.from, 0), (rt.x0+rt.x1)/2+slot(p.to, 0)
			yf, yt := rf.y0, rt.y0
			r.x0, r.x1 = xt, xf
			r.pts = func(y float64) []view.Point {
				return []view.Point{{X: xf, Y: yf}, {X: xf, Y: y}, {X: xt, Y: y}, {X: xt, Y: yt}}
			}
		}
		out = append(out, r)
	}
	return out
}

// note is the line under the title of a degraded or simplified flow.
func (b *builder) note() string {
	switch {
	case b.simplified:
		s := strings.Replace(b.t("flow.aggregated"), "%s", i18n.Number(b.lang, float64(b.links)), 1)
		if b.omitted > 0 {
			s += "; " + strings.Replace(b.t("flow.not_drawn"), "%s", i18n.Number(b.lang, float64(b.omitted)), 1)
		}
		return s
	case b.degraded:
		return b.t("flow.truncated")
	}
	return ""
}

// backLabel is the label of a step back between touchpoints: the label of
// the transition between their stages if the map has one, else "step back".
func (b *builder) backLabel(from, to int) string {
	for _, t := range b.m.Transitions {
		if b.ix.StageIndex(t.From) == from && b.ix.StageIndex(t.To) == to && t.Label != "" {
			return t.Label
		}
	}
	return b.t("step_back")
}

// bySpan returns the transitions, those between nearer stages first (in
// source order among equals): the shorter arrow gets the end of a box
// nearest the other box, so the longer one's leg stays out of its way.
func bySpan(b *builder, ts []*journey.Transition) []*journey.Transition {
	out := append([]*journey.Transition(nil), ts...)
	span := func(t *journey.Transition) int {
		d := b.ix.StageIndex(t.From) - b.ix.StageIndex(t.To)
		return max(d, -d)
	}
	sort.SliceStable(out, func(i, j int) bool { return span(out[i]) < span(out[j]) })
	return out
}

// labelX is where the label of r, w wide, is centred: the middle of its
// lane segment, unless a leg of a route on an outer lane runs through the
// label there (issue 10: labels struck through); then the middle of the
// widest stretch of the segment free of such legs, if the label fits it.
func labelX(r *backRoute, routes []*backRoute, w float64) float64 {
	mid := (r.x0 + r.x1) / 2
	cuts := []float64{r.x0, r.x1}
	hit := false
	for _, o := range routes {
		if o == r || o.level <= r.level {
			continue
		}
		for _, x := range []float64{o.x0, o.x1} {
			if x > r.x0 && x < r.x1 {
				cuts = append(cuts, x)
			}
			hit = hit || math.Abs(x-mid) < w/2+4
		}
	}
	if !hit {
		return mid
	}
	sort.Float64s(cuts)
	best, bestW := mid, 0.0
	for i := 1; i < len(cuts); i++ {
		if d := cuts[i] - cuts[i-1]; d > bestW {
			best, bestW = (cuts[i]+cuts[i-1])/2, d
		}
	}
	if bestW >= w+8 {
		return best
	}
	// No stretch holds it: beside the leg that runs through it, if no
	// other leg runs through it there.
	var legs []float64
	for _, o := range routes {
		if o != r && o.level > r.level {
			legs = append(legs, o.x0, o.x1)
		}
	}
	clear := func(c float64) bool {
		for _, x := range legs {
			if math.Abs(x-c) < w/2+4 {
				return false
			}
		}
		return true
	}
	for _, x := range legs {
		if math.Abs(x-mid) >= w/2+4 {
			continue
		}
		c := x + 4 + w/2
		if x > mid {
			c = x - 4 - w/2
		}
		if clear(c) {
			return c
		}
	}
	return mid
}

// assignLevels gives each route a lane: shorter routes nearer the graph,
// routes whose segments overlap on different lanes. It returns the number
// of lanes.
func assignLevels(routes []*backRoute) int {
	order := append([]*backRoute(nil), routes...)
	sort.SliceStable(order, func(i, j int) bool {
		return order[i].lx1-order[i].lx0 < order[j].lx1-order[j].lx0
	})
	return view.Levels(order,
		func(r, o *backRoute) bool { return r.lx0 < o.lx1+6 && o.lx0 < r.lx1+6 },
		func(r *backRoute, level int) { r.level = level })
}

// arrowTip extends a route past its last point, where dot's plain output
// stops for the arrowhead.
func arrowTip(pts []view.Point, l float64) view.Point {
	last := pts[len(pts)-1]
	for k := len(pts) - 2; k >= 0; k-- {
		p := pts[k]
		d := math.Hypot(last.X-p.X, last.Y-p.Y)
		if d > 0.01 {
			return view.Point{X: last.X + (last.X-p.X)/d*l, Y: last.Y + (last.Y-p.Y)/d*l}
		}
	}
	return view.Point{X: last.X + l, Y: last.Y}
}

func (b *builder) tooltip(i int) string {
	t := b.tps[i]
	parts := []string{b.ref[i] + " " + t.Name}
	if t.MomentOfTruth != nil {
		s := b.t("mot")
		if t.MomentOfTruth.Reason != "" {
			s += ": " + t.MomentOfTruth.Reason
		}
		parts = append(parts, s)
	}
	for _, p := range t.Pains {
		parts = append(parts, "− "+p)
	}
	for _, d := range t.Delights {
		parts = append(parts, "+ "+d)
	}
	if t.Evidence != "" {
		s := b.t("evidence") + ": " + b.t("evidence."+t.Evidence)
		if t.Source != "" {
			s += " (" + t.Source + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "\n")
}

// box adds a rectangle without text.
func (b *builder) box(id string, x, y, w, h float64, fill, color string, extra ...view.Attr) {
	attrs := []view.Attr{
		view.A("shape", "box"), view.A("style", "filled"), view.A("fillcolor", fill),
		view.A("color", color), view.A("penwidth", "0.75"),
		view.A("width", view.Inches(w)), view.A("height", view.Inches(h)), view.NoLabel,
	}
	b.doc.Node(id, view.Point{X: x + w/2, Y: y + h/2}, append(attrs, extra...)...)
}

func (b *builder) star(id string, p view.Point, size float64) {
	b.doc.Node(id, p, view.A("shape", "star"), view.A("fixedsize", "true"),
		view.A("width", view.Inches(size)), view.A("height", view.Inches(size)),
		view.A("style", "filled"), view.A("fillcolor", "#F2B01E"), view.A("color", palette.Text),
		view.A("penwidth", "1"), view.NoLabel)
}

func nonEmpty(s string) string {
	if s == "" {
		return " "
	}
	return s
}

// legendGroups are the legend's groups, one kind a row (view.Legend, the
// map view's rule too): channel colours, owner marks, the card's tints
// and star, the evidence marks, and the kinds of arrow. It lists only what
// the flow draws.
func (b *builder) legendGroups() []view.LegendGroup {
	var groups []view.LegendGroup
	group := func(key string, entries ...view.LegendEntry) {
		groups = append(groups, view.LegendGroup{Key: key[strings.LastIndex(key, ".")+1:], Title: b.t(key), Entries: entries})
	}
	entry := func(text string, swatch func(string, view.Point), id ...string) view.LegendEntry {
		return view.LegendEntry{ID: b.doc.ID(append([]string{"legend"}, id...)...), Text: text, Swatch: swatch}
	}
	box := func(fill, color string, w, h float64) func(string, view.Point) {
		return func(id string, c view.Point) {
			b.box(id, c.X-w/2, c.Y-h/2, w, h, fill, color)
		}
	}
	usedCh, usedOwn := map[string]bool{}, map[string]bool{}
	mot, pain, delight, noChannel := false, false, false, false
	evidence := map[string]bool{}
	for _, t := range b.tps {
		usedCh[t.Channel] = true
		usedOwn[t.Owner] = true
		noChannel = noChannel || b.ix.Channel(t.Channel) == nil
		mot = mot || t.IsMomentOfTruth()
		evidence[t.Evidence] = view.EvidenceMarks[t.Evidence] != ""
		pain = pain || fillOf(t) == palette.PainTint
		delight = delight || fillOf(t) == palette.DelightTint
	}
	var channels, owners, cards, marks, links []view.LegendEntry
	for _, c := range b.m.Channels {
		if usedCh[c.ID] {
			col := b.colors.Channel(c)
			channels = append(channels, entry(c.Name, box(col, palette.Darken(col, 0.3), 12, 10), "channel", c.ID))
		}
	}
	if noChannel {
		channels = append(channels, entry(b.t("legend.no_channel"), box(palette.Header, palette.Darken(palette.Header, 0.3), 12, 10), "channel", "none"))
	}
	for _, o := range b.m.Owners {
		if usedOwn[o.ID] {
			col := b.colors.Owner(o)
			owners = append(owners, entry(o.Name, box(col, palette.Darken(col, 0.3), 9, 9), "owner", o.ID))
		}
	}
	if pain {
		cards = append(cards, entry(b.t("legend.pain"), box(palette.PainTint, "#7D8694", 14, 10), "pain"))
	}
	if delight {
		cards = append(cards, entry(b.t("legend.delight"), box(palette.DelightTint, "#7D8694", 14, 10), "delight"))
	}
	if mot {
		cards = append(cards, entry(b.t("mot"), func(id string, c view.Point) { b.star(id, c, 13) }, "mot"))
	}
	st := view.EvidenceLegendStyle
	for _, e := range journey.EvidenceKinds {
		if evidence[e] {
			g := view.EvidenceMarks[e]
			marks = append(marks, entry(b.t("evidence."+e), func(id string, c view.Point) {
				b.doc.Centred(id, c.X, c.Y-st.LineHeight()/2, []string{g}, st)
			}, "evidence", e))
		}
	}
	edge := func(attrs ...view.Attr) func(string, view.Point) {
		return func(id string, c view.Point) {
			a, z := id+"-a", id+"-b"
			for _, n := range []struct {
				id string
				x  float64
			}{{a, c.X - 10}, {z, c.X + 8}} {
				b.doc.Node(n.id, view.Point{X: n.x, Y: c.Y}, view.A("shape", "point"), view.A("style", "invis"),
					view.A("width", "0.01"), view.A("height", "0.01"))
			}
			tip := view.Point{X: c.X + 10, Y: c.Y}
			b.doc.Edge(id, a, z, view.Line(view.Point{X: c.X - 12, Y: c.Y}, view.Point{X: c.X + 3, Y: c.Y}), &tip, attrs...)
		}
	}
	line := func(color, style string) func(string, view.Point) {
		return edge(view.A("color", color), view.A("style", style), view.A("penwidth", "1.4"), view.A("arrowsize", "0.7"))
	}
	if len(b.fwd) > 0 {
		links = append(links, entry(b.t("legend.next"), line(forwardColor, "solid"), "next"))
	}
	if len(b.seq) > 0 {
		links = append(links, entry(b.t("legend.sequence"), edge(seqAttrs("")[:4]...), "seq"))
	}
	if len(b.back) > 0 || b.hasStageStepBack() {
		links = append(links, entry(b.t("step_back"), line(backColor, "dashed"), "back"))
	}
	var fwdPairs, backPairs bool
	for _, p := range b.pairs {
		fwdPairs = fwdPairs || p.to > p.from
		backPairs = backPairs || p.to < p.from
	}
	if fwdPairs {
		links = append(links, entry(b.t("legend.fwd_pairs"), line(forwardColor, "solid"), "links-fwd"))
	}
	if backPairs {
		links = append(links, entry(b.t("legend.back_pairs"), line(backColor, "dashed"), "links-back"))
	}
	if b.hasSkip() {
		links = append(links, entry(b.t("skip_ahead"), line(skipColor, "solid"), "skip"))
	}
	group("channels", channels...)
	group("owners", owners...)
	group("touchpoints", cards...)
	group("evidence", marks...)
	group("legend.links", links...)
	return groups
}

// hasSkip reports whether a transition goes to a later stage between two
// drawn stage boxes.
func (b *builder) hasSkip() bool {
	for _, t := range b.m.Transitions {
		fi, ti := b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)
		if fi >= 0 && ti > fi && !b.boxes[fi].empty() && !b.boxes[ti].empty() {
			return true
		}
	}
	return false
}

func (b *builder) hasStageStepBack() bool {
	for _, t := range b.m.Transitions {
		if b.ix.IsStepBack(t) {
			fi, ti := b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)
			if !b.boxes[fi].empty() && !b.boxes[ti].empty() {
				return true
			}
		}
	}
	return false
}

// linkTip is the hover text of a link between touchpoints: "1.1 Name →
// 2.1 Name", and the label when there is one.
func (b *builder) linkTip(from, to int, label string) string {
	s := b.ref[from] + " " + b.tps[from].Name + " → " + b.ref[to] + " " + b.tps[to].Name
	if label != "" {
		s += ": " + label
	}
	return s
}
