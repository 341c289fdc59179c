package mapview

import (
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// The baseline (view.Options.Baseline) is drawn muted and dashed, and
// every element of it carries class="baseline" (Graphviz writes DOT's
// class attribute into the SVG), so a page can style or hide it.
const (
	baselineClass = "baseline"
	baselineColor = "#9AA3AE"
)

var (
	baselineAttr = view.A("class", baselineClass)
	addedStyle   = view.Style{Size: 8.5, Bold: true, Color: palette.Text}
	deltaStyle   = view.Style{Size: 8.5, Color: palette.TextMuted}
)

// baseline is what the map view knows of the map's baseline.
type baseline struct {
	m    *journey.Map
	name string
	// tps and metrics are the baseline's touchpoints and metrics by id.
	tps     map[string]*journey.Touchpoint
	metrics map[string]*journey.Metric
	// added are the current touchpoints the baseline lacks; removed the
	// baseline's touchpoints the current map lacks, in baseline order.
	added   map[*journey.Touchpoint]bool
	removed []removedTP
	// curves are the baseline's emotion curves on the current columns,
	// computed once (nil: not yet).
	curves []curve
}

type removedTP struct {
	t     *journey.Touchpoint
	stage *journey.Stage // the baseline's stage
}

func newBaseline(m, base *journey.Map, name string) *baseline {
	if base == nil {
		return nil
	}
	bl := &baseline{m: base, name: name, tps: map[string]*journey.Touchpoint{}, metrics: map[string]*journey.Metric{},
		added: map[*journey.Touchpoint]bool{}}
	for _, s := range base.Stages {
		for _, t := range s.Touchpoints {
			bl.tps[t.ID] = t
		}
	}
	for _, r := range journey.Metrics(base) {
		bl.metrics[r.Metric.ID] = r.Metric
	}
	cur := map[string]bool{}
	for _, t := range m.Touchpoints() {
		cur[t.ID] = true
		if bl.tps[t.ID] == nil {
			bl.added[t] = true
		}
	}
	for _, s := range base.Stages {
		for _, t := range s.Touchpoints {
			if !cur[t.ID] {
				bl.removed = append(bl.removed, removedTP{t: t, stage: s})
			}
		}
	}
	return bl
}

// baselineNote is the line under the title saying what the map is
// compared with and which touchpoints were removed since.
func (b *builder) baselineNote() {
	bl := b.baseline
	if bl == nil {
		return
	}
	text := i18n.T(b.lang, "baseline.note")
	name := bl.name
	if name == "" {
		name = bl.m.File
	}
	text = strings.Replace(text, "%s", name, 1)
	lines := []string{text}
	if len(bl.removed) > 0 {
		var names []string
		for _, r := range bl.removed {
			names = append(names, r.t.Name+" ("+r.stage.Name+")")
		}
		lines = append(lines, smallStyle.Wrap(i18n.T(b.lang, "baseline.removed")+": "+strings.Join(names, "; "), b.width)...)
	}
	b.doc.TextAt(b.doc.ID("baseline", "note"), 0, b.y, lines, smallStyle, baselineAttr)
	b.y += view.Ceil(smallStyle.Height(len(lines))) + 4
}

// addedMark marks a touchpoint added since the baseline: a small "+ new"
// tag at the bottom right of its card.
func (b *builder) addedMark(t *journey.Touchpoint, x, y, w, h float64) {
	if b.baseline == nil || !b.baseline.added[t] {
		return
	}
	label := b.addedLabel()
	tw := b.addedMarkWidth()
	th := 13.0
	id := b.doc.ID("tp", t.ID, "added")
	b.doc.Node(id, view.Point{X: x + w - tw/2 - 3, Y: y + h - th/2 - 3}, append([]view.Attr{
		view.A("shape", "box"), view.A("style", "rounded,filled"), view.A("fillcolor", "#FFF4C2"),
		view.A("color", palette.Text), view.A("penwidth", "0.75"),
		view.A("width", view.Inches(tw)), view.A("height", view.Inches(th))},
		append([]view.Attr{view.Text([]string{label}, true), view.A("class", "baseline-added"),
			view.A("tooltip", i18n.T(b.lang, "baseline.added_tip"))}, addedStyle.Font(palette.Text)...)...)...)
}

func (b *builder) addedLabel() string { return "+ " + i18n.T(b.lang, "baseline.added") }

// addedMarkWidth is the width of the "+ new" tag (addedMark).
func (b *builder) addedMarkWidth() float64 { return view.Ceil(addedStyle.Width(b.addedLabel())) + 8 }

// baselineDelta is the KPI's change against its baseline value, "Δ +0.3%
// vs baseline", or "" when either value is missing.
func (b *builder) baselineDelta(mt *journey.Metric) string {
	if b.baseline == nil || mt.Value == nil {
		return ""
	}
	old := b.baseline.metrics[mt.ID]
	if old == nil || old.Value == nil {
		return ""
	}
	return "Δ " + i18n.SignedQuantity(b.lang, *mt.Value-*old.Value, mt.Unit) + " " + i18n.T(b.lang, "baseline.vs")
}

// baselineCurves are the baseline's emotion curves placed on the current
// map's columns: a stage by its id, a touchpoint where the current map has
// it, else at its own place in its stage's column. Stages the current map
// lacks are left out.
func (b *builder) baselineCurves() []curve {
	bl := b.baseline
	if bl == nil {
		return nil
	}
	if bl.curves == nil {
		bl.curves = b.placeBaselineCurves()
	}
	return bl.curves
}

func (b *builder) placeBaselineCurves() []curve {
	bl := b.baseline
	out := []curve{} // not nil: computed
	bb := newBuilder(bl.m, view.Options{ColumnWidth: b.cw, IDPrefix: b.doc.Prefix})
	l := newEmotionLane(bb)
	if l == nil {
		return out
	}
	col := map[string]int{}
	for i, s := range b.m.Stages {
		col[s.ID] = i
	}
	cur := map[string]*journey.Touchpoint{}
	for _, t := range b.m.Touchpoints() {
		cur[t.ID] = t
	}
	for _, c := range l.curves {
		if c.persona != nil && !b.draws(c.persona) {
			continue // drawn for other personas
		}
		if c.persona != nil {
			// The persona's index in the current map, for its colour-free
			// line style; a persona the current map lacks is drawn too.
			c.index = -1
			for i, p := range b.m.Personas {
				if p.ID == c.persona.ID {
					c.index = i
				}
			}
		}
		nc := curve{persona: c.persona, index: c.index, key: c.key}
		for _, p := range c.pts {
			si, ok := col[p.stageID]
			if !ok {
				continue
			}
			switch {
			case p.stage:
				p.x = b.colX(si) + b.colW(si)/2
			case cur[p.tpID] != nil:
				p.x = b.tpX[cur[p.tpID]]
			default:
				p.x = b.colX(si) + (p.x - bb.colX(p.stageIdx))
			}
			p.id = b.doc.ID("baseline", strings.TrimPrefix(p.id, b.doc.Prefix+"-"))
			nc.pts = append(nc.pts, p)
		}
		if len(nc.pts) > 0 {
			out = append(out, nc)
		}
	}
	return out
}

// drawBaselineCurves draws the baseline's curves, dashed and muted, with
// small hollow points, before the current curves so that those lie on top.
// keep says which of them the chart draws (a persona's row of the small
// multiples draws the persona's).
func (b *builder) drawBaselineCurves(yOf func(float64) float64, keep func(curve) bool) {
	for _, c := range b.baselineCurves() {
		if !keep(c) {
			continue
		}
		line := c.onCurve()
		key := c.key
		if len(line) >= 2 {
			var at []view.Point
			for _, p := range line {
				at = append(at, view.Point{X: p.x, Y: yOf(p.v)})
			}
			pts := view.Monotone(at)
			tip := i18n.T(b.lang, "baseline.curve")
			if c.persona != nil {
				tip = c.persona.Name + " — " + tip
			}
			b.doc.Edge(b.doc.ID("baseline", "emotion", key, "curve"), line[0].id, line[len(line)-1].id, pts, nil,
				view.A("color", baselineColor), view.A("style", "dashed"), view.A("penwidth", "1.25"),
				view.A("tooltip", tip), baselineAttr)
		}
		for _, p := range c.pts {
			tip := i18n.T(b.lang, "baseline.curve") + ": " + p.what + ": " + i18n.Signed(b.lang, p.v)
			b.marker(p.id, view.Point{X: p.x, Y: yOf(p.v)}, "circle", 6, "#FFFFFF", baselineColor,
				view.A("tooltip", tip), baselineAttr)
		}
	}
}
