package mapview

import (
	"math"
	"sort"
	"strings"

	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// arc is a step back between two stages, drawn as an arrow below the grid
// from the later stage's column back to the earlier one's.
type arc struct {
	from, to int
	labels   []string
	level    int
	xf, xt   float64
	lines    []string
	tip      string
	labelW   float64
}

var arcStyle = view.Style{Size: 9, Color: palette.Text}

const arcColor = "#B3541E"

// stepsBack draws the transitions to earlier stages as arrows in a lane of
// their own: down from the column the customer leaves, left, and up into
// the stage they return to, with the transition's label.
func (b *builder) stepsBack() {
	var arcs []*arc
	index := map[[2]int]*arc{}
	for _, t := range b.m.Transitions {
		if !b.ix.IsStepBack(t) {
			continue
		}
		key := [2]int{b.ix.StageIndex(t.From), b.ix.StageIndex(t.To)}
		a := index[key]
		if a == nil {
			a = &arc{from: key[0], to: key[1]}
			index[key] = a
			arcs = append(arcs, a)
		}
		if t.Label != "" {
			a.labels = append(a.labels, t.Label)
		}
	}
	if len(arcs) == 0 {
		return
	}
	// Shorter arcs nearer the grid; each level holds arcs that do not overlap.
	order := append([]*arc(nil), arcs...)
	sort.SliceStable(order, func(i, j int) bool {
		si, sj := order[i].from-order[i].to, order[j].from-order[j].to
		if si != sj {
			return si < sj
		}
		return order[i].to < order[j].to
	})
	levels := view.Levels(order,
		func(a, o *arc) bool { return a.to <= o.from && o.to <= a.from },
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
		return b.colX(col) + b.cw/2 + (float64(k)-float64(len(list)-1)/2)*10
	}
	levelH := make([]float64, levels)
	for _, a := range arcs {
		a.xf, a.xt = legX(a, a.from), legX(a, a.to)
		label := strings.Join(a.labels, "; ")
		if label == "" {
			label = b.t("step_back")
		}
		label = b.m.Stages[a.from].Name + " → " + b.m.Stages[a.to].Name + ": " + label
		a.labelW = view.Ceil(math.Min(a.xf-a.xt-16, maxTextWidth))
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
	b.laneHeader("lane.steps_back", h)
	for _, a := range arcs {
		y := levelY[a.level]
		pts := []view.Point{{X: a.xf, Y: top}, {X: a.xf, Y: y}, {X: a.xt, Y: y}, {X: a.xt, Y: top}}
		pts, end := view.Shorten(pts, 7)
		id := b.doc.ID("stepback", b.m.Stages[a.from].ID, b.m.Stages[a.to].ID)
		b.doc.Edge(id, b.stageID(a.from), b.stageID(a.to), view.Polyline(pts, 6), &end,
			view.A("dir", "forward"), view.A("color", arcColor), view.A("penwidth", "1.5"),
			view.A("style", "dashed"), view.A("arrowhead", "normal"), view.A("tooltip", a.tip))
		b.doc.Centred(id+"-label", (a.xf+a.xt)/2, y+4, a.lines, arcStyle)
	}
	b.y += h
	b.rules = append(b.rules, b.y)
}
