package mapview

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/view"
)

// arc is a transition between two stages, drawn as an arrow below the
// grid from the column the customer leaves to the column of the stage
// they go to: dashed burnt orange back to an earlier stage, solid blue
// ahead to a later one. The arrow carries a short label, the stages'
// numbers ("4 → 2"), on a white tag; the legend spells it out (the
// stages' names and the transition's text), so long labels neither
// widen the page nor run across the grid's rules.
type arc struct {
	from, to int
	forward  bool
	labels   []string
	level    int
	xf, xt   float64
}

// short is the arc's label on the map: the numbers of its stages.
func (a *arc) short() string { return strconv.Itoa(a.from+1) + " → " + strconv.Itoa(a.to+1) }

// long is what the legend and the tooltip say of the arc: the stages'
// names and the transition's labels (or "step back", "skip ahead").
func (a *arc) long(b *builder) string {
	label := strings.Join(a.labels, "; ")
	if label == "" {
		label = b.t("step_back")
		if a.forward {
			label = b.t("skip_ahead")
		}
	}
	return b.m.Stages[a.from].Name + " → " + b.m.Stages[a.to].Name + ": " + label
}

// lo and hi are the columns the arc spans.
func (a *arc) lo() int { return min(a.from, a.to) }
func (a *arc) hi() int { return max(a.from, a.to) }

// arcStyle is the short label's; its colour is the arrow's, darker.
var arcStyle = view.Style{Size: 8.5, Bold: true}

// Arrow colours: a step back burnt orange (dashed), a skip ahead blue
// (solid); the line style tells them apart in grey too.
const (
	arcColor     = "#B3541E"
	forwardColor = "#2F6690"
	arcInk       = "#8A3A0E" // the labels', darker for contrast
	forwardInk   = "#24506F"
)

// Geometry of the lane of transitions.
const (
	arcTop   = 12.0 // from the lane's top to the first level
	arcLevel = 20.0 // between levels: a tag's height and air
	tagPadX  = 4.0  // round the short label, inside its tag
	tagPadY  = 2.0
)

// arcAttrs are the DOT attributes of a transition's arrow.
func arcAttrs(forward bool) []view.Attr {
	if forward {
		return []view.Attr{view.A("dir", "forward"), view.A("color", forwardColor), view.A("penwidth", "1.5"),
			view.A("arrowhead", "normal")}
	}
	return []view.Attr{view.A("dir", "forward"), view.A("color", arcColor), view.A("penwidth", "1.5"),
		view.A("style", "dashed"), view.A("arrowhead", "normal")}
}

// transitions returns the arcs of the map's transitions between different
// stages, one per pair of stages (their labels joined), in source order.
func (b *builder) transitions() []*arc {
	var arcs []*arc
	index := map[[2]int]*arc{}
	for _, t := range b.m.Transitions {
		from, to := b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)
		if from < 0 || to < 0 || from == to {
			continue
		}
		key := [2]int{from, to}
		a := index[key]
		if a == nil {
			a = &arc{from: from, to: to, forward: to > from}
			index[key] = a
			arcs = append(arcs, a)
		}
		if t.Label != "" {
			a.labels = append(a.labels, t.Label)
		}
	}
	return arcs
}

// laneKey names the lane of the arcs: steps back, skips ahead, or
// transitions when there are both.
func laneKey(arcs []*arc) string {
	back, fwd := false, false
	for _, a := range arcs {
		back = back || !a.forward
		fwd = fwd || a.forward
	}
	switch {
	case back && fwd:
		return "lane.transitions"
	case fwd:
		return "skips_ahead"
	}
	return "steps_back"
}

// stepsBack draws the transitions between stages as arrows in a lane of
// their own: down from the column the customer leaves, across, and up
// into the stage they go to, with the short label on a white tag. Steps
// back (to an earlier stage) and skips ahead (to a later one, issue 9
// #12) share the lane and differ in colour and line style. Several legs
// in one column are spread evenly across it (issue 10: they stood 10 pt
// apart); a tag sits on its arrow between two rules of the grid (never
// across one), away from the legs of the arrows that pass its level.
func (b *builder) stepsBack() {
	arcs := b.transitions()
	if len(arcs) == 0 {
		return
	}
	// Shorter arcs nearer the grid; each level holds arcs that do not overlap.
	order := append([]*arc(nil), arcs...)
	sort.SliceStable(order, func(i, j int) bool {
		si, sj := order[i].hi()-order[i].lo(), order[j].hi()-order[j].lo()
		if si != sj {
			return si < sj
		}
		return order[i].lo() < order[j].lo()
	})
	levels := view.Levels(order,
		func(a, o *arc) bool { return a.lo() <= o.hi() && o.lo() <= a.hi() },
		func(a *arc, level int) { a.level = level })
	// Legs: the arcs that leave or enter a column, left to right so that
	// no arc's horizontal crosses another's leg at that column: the arcs
	// that go left first, nearest level leftmost, then those that go
	// right, deepest level leftmost.
	legs := map[int][]*arc{}
	for _, a := range order {
		legs[a.from] = append(legs[a.from], a)
		legs[a.to] = append(legs[a.to], a)
	}
	for col, list := range legs {
		other := func(a *arc) int {
			if a.from == col {
				return a.to
			}
			return a.from
		}
		sort.SliceStable(list, func(i, j int) bool {
			li, lj := other(list[i]) < col, other(list[j]) < col
			if li != lj {
				return li
			}
			if li {
				return list[i].level < list[j].level
			}
			return list[i].level > list[j].level
		})
	}
	legX := func(a *arc, col int) float64 {
		list := legs[col]
		k := 0
		for i, o := range list {
			if o == a {
				k = i
			}
		}
		return b.colX(col) + b.colW(col)*float64(k+1)/float64(len(list)+1)
	}
	for _, a := range arcs {
		a.xf, a.xt = legX(a, a.from), legX(a, a.to)
	}
	top := b.y
	levelY := func(l int) float64 { return top + arcTop + float64(l)*arcLevel }
	h := view.Ceil(arcTop + float64(levels-1)*arcLevel + arcTop)
	b.laneHeader(laneKey(arcs), h)
	tagH := view.Ceil(arcStyle.LineHeight() + 2*tagPadY)
	for _, a := range arcs {
		y := levelY(a.level)
		pts := []view.Point{{X: a.xf, Y: top}, {X: a.xf, Y: y}, {X: a.xt, Y: y}, {X: a.xt, Y: top}}
		pts, end := view.Shorten(pts, 7)
		kind, ink := "stepback", arcInk
		if a.forward {
			kind, ink = "skip", forwardInk
		}
		id := b.doc.ID(kind, b.m.Stages[a.from].ID, b.m.Stages[a.to].ID)
		tip := a.short() + "  " + a.long(b)
		b.doc.Edge(id, b.stageID(a.from), b.stageID(a.to), view.Polyline(pts, 6), &end,
			append(arcAttrs(a.forward), view.A("tooltip", tip))...)
		label := a.short()
		tagW := view.Ceil(arcStyle.Width(label) + 2*tagPadX)
		cx := b.tagX(a, arcs, tagW)
		color := arcColor
		if a.forward {
			color = forwardColor
		}
		b.doc.Node(id+"-tag", view.Point{X: cx, Y: y},
			view.A("shape", "box"), view.A("style", "rounded,filled"), view.A("fillcolor", "#FFFFFF"),
			view.A("color", color), view.A("penwidth", "0.75"),
			view.A("width", view.Inches(tagW)), view.A("height", view.Inches(tagH)),
			view.NoLabel, view.A("tooltip", tip))
		st := arcStyle
		st.Color = ink
		b.doc.Centred(id+"-label", cx, y-arcStyle.LineHeight()/2, []string{label}, st)
	}
	b.y += h
	b.rules = append(b.rules, b.y)
}

// tagX places the tag of a on its horizontal: in the widest stretch
// between the grid's column rules and the legs of the arcs that cross
// its level (the deeper ones), nearest the middle among equals.
func (b *builder) tagX(a *arc, arcs []*arc, w float64) float64 {
	x0, x1 := math.Min(a.xf, a.xt), math.Max(a.xf, a.xt)
	cuts := []float64{x0, x1}
	for i := 1; i < len(b.m.Stages); i++ {
		cuts = append(cuts, b.colX(i))
	}
	for _, o := range arcs {
		if o != a && o.level > a.level {
			cuts = append(cuts, o.xf, o.xt)
		}
	}
	sort.Float64s(cuts)
	mid := (x0 + x1) / 2
	best, bestW, bestD := mid, -1.0, 0.0
	for i := 1; i < len(cuts); i++ {
		l, r := cuts[i-1], cuts[i]
		if l < x0 || r > x1 || r-l < 1 {
			continue
		}
		c := (l + r) / 2
		room, d := math.Min(r-l, w+16), math.Abs(c-mid)
		if room > bestW+0.5 || math.Abs(room-bestW) <= 0.5 && d < bestD {
			best, bestW, bestD = c, room, d
		}
	}
	return best
}
