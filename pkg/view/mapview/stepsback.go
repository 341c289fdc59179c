package mapview

import (
	"math"
	"sort"
	"strings"

	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// arc is a transition between two stages, drawn as an arrow below the
// grid from the column the customer leaves to the column of the stage
// they go to: dashed burnt orange back to an earlier stage, solid blue
// ahead to a later one.
type arc struct {
	from, to int
	forward  bool
	labels   []string
	level    int
	xf, xt   float64
	lines    []string
	tip      string
	labelW   float64
}

// lo and hi are the columns the arc spans.
func (a *arc) lo() int { return min(a.from, a.to) }
func (a *arc) hi() int { return max(a.from, a.to) }

var arcStyle = view.Style{Size: 9, Color: palette.Text}

// Arrow colours: a step back burnt orange (dashed), a skip ahead blue
// (solid); the line style tells them apart in grey too.
const (
	arcColor     = "#B3541E"
	forwardColor = "#2F6690"
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
// into the stage they go to, with the transition's label. Steps back
// (to an earlier stage) and skips ahead (to a later one, issue 9 #12)
// share the lane and differ in colour and line style.
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
	// Legs: several arcs at one column stand side by side.
	legs := map[int][]*arc{}
	for _, a := range order {
		legs[a.from] = append(legs[a.from], a)
		legs[a.to] = append(legs[a.to], a)
	}
	legX := func(a *arc, col int) float64 {
		list := legs[col]
		k := 0
		for i, o := range list {
			if o == a {
				k = i
			}
		}
		return b.colX(col) + b.colW(col)/2 + (float64(k)-float64(len(list)-1)/2)*10
	}
	levelH := make([]float64, levels)
	for _, a := range arcs {
		a.xf, a.xt = legX(a, a.from), legX(a, a.to)
		label := strings.Join(a.labels, "; ")
		if label == "" {
			label = b.t("step_back")
			if a.forward {
				label = b.t("skip_ahead")
			}
		}
		label = b.m.Stages[a.from].Name + " → " + b.m.Stages[a.to].Name + ": " + label
		a.labelW = view.Ceil(math.Min(math.Abs(a.xf-a.xt)-16, maxTextWidth))
		if a.labelW < b.cw-2*pad {
			a.labelW = b.cw - 2*pad
		}
		a.lines = arcStyle.Wrap(label, a.labelW)
		a.tip = label
		if h := 10 + view.Ceil(arcStyle.Height(len(a.lines))) + 8; h > levelH[a.level] {
			levelH[a.level] = h
		}
	}
	top := b.y
	h := 10.0
	levelY := make([]float64, levels)
	for i, lh := range levelH {
		levelY[i] = top + h + 6
		h += lh
	}
	h = view.Ceil(h + 4)
	b.laneHeader(laneKey(arcs), h)
	for _, a := range arcs {
		y := levelY[a.level]
		pts := []view.Point{{X: a.xf, Y: top}, {X: a.xf, Y: y}, {X: a.xt, Y: y}, {X: a.xt, Y: top}}
		pts, end := view.Shorten(pts, 7)
		kind := "stepback"
		if a.forward {
			kind = "skip"
		}
		id := b.doc.ID(kind, b.m.Stages[a.from].ID, b.m.Stages[a.to].ID)
		b.doc.Edge(id, b.stageID(a.from), b.stageID(a.to), view.Polyline(pts, 6), &end,
			append(arcAttrs(a.forward), view.A("tooltip", a.tip))...)
		b.doc.Centred(id+"-label", (a.xf+a.xt)/2, y+4, a.lines, arcStyle)
	}
	b.y += h
	b.rules = append(b.rules, b.y)
}
