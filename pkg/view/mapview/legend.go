package mapview

import (
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

var (
	legendTitleStyle = view.Style{Size: 9, Bold: true, Color: palette.Text}
	legendStyle      = view.Style{Size: 9, Color: palette.Text}
)

const legendRow = 18.0

// legendEntry is a swatch and its text.
type legendEntry struct {
	id     string
	text   string
	swatch func(b *builder, id string, c view.Point) // draws the swatch centred at c
}

type legendGroup struct {
	key     string
	entries []legendEntry
}

// legend explains every mark the map uses, in words: channel and owner
// colours, the moment-of-truth star, the evidence marks, the emotion
// points and curves, the KPI arrows.
func (b *builder) legend() {
	groups := b.legendGroups()
	if len(groups) == 0 {
		return
	}
	b.y += gap
	// One group a row: its title in a column of its own, its entries
	// flowing to the right (onto more rows when they must).
	titleW := 0.0
	for _, g := range groups {
		if w := view.Ceil(legendTitleStyle.Width(b.t(g.key)+":")) + 2; w > titleW {
			titleW = w
		}
	}
	if titleW > laneWidth-pad {
		titleW = laneWidth - pad
	}
	x0 := laneWidth
	if titleW+pad > x0 {
		x0 = titleW + pad
	}
	y := b.y
	for _, g := range groups {
		lines := legendTitleStyle.Wrap(b.t(g.key)+":", titleW)
		th := legendTitleStyle.Height(len(lines))
		b.doc.TextAt(b.doc.ID("legend", keyID(g.key)), pad, y+legendRow/2-legendTitleStyle.LineHeight()/2, lines, legendTitleStyle)
		x := x0
		rowY := y
		for _, e := range g.entries {
			ew := 20 + view.Ceil(legendStyle.Width(e.text)) + 2
			if x > x0 && x+ew > b.width {
				x = x0
				rowY += legendRow
			}
			e.swatch(b, e.id+"-mark", view.Point{X: x + 7, Y: rowY + legendRow/2})
			b.doc.TextAt(e.id, x+20, rowY+legendRow/2-legendStyle.LineHeight()/2, []string{e.text}, legendStyle)
			x += ew + 12
		}
		y = rowY + legendRow
		if end := y - legendRow + legendRow/2 - legendTitleStyle.LineHeight()/2 + th; end > y {
			y = view.Ceil(end)
		}
	}
	b.y = y
}

func (b *builder) legendGroups() []legendGroup {
	var groups []legendGroup
	tps := b.m.Touchpoints()
	usedCh, usedOwn := map[string]bool{}, map[string]bool{}
	noChannel, mot, evidence := false, false, false
	for _, t := range tps {
		if b.ix.Channel(t.Channel) != nil {
			usedCh[t.Channel] = true
		} else {
			noChannel = true
		}
		if b.ix.Owner(t.Owner) != nil {
			usedOwn[t.Owner] = true
		}
		mot = mot || t.IsMomentOfTruth()
		evidence = evidence || view.EvidenceMarks[t.Evidence] != ""
	}
	if len(tps) > 0 {
		g := legendGroup{key: "channels"}
		for _, c := range b.m.Channels {
			if !usedCh[c.ID] {
				continue
			}
			color := b.colors.Channel(c)
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "channel", c.ID), text: c.Name, swatch: swatchBox(color, 12, 10)})
		}
		if noChannel {
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "channel", "none"), text: b.t("legend.no_channel"), swatch: swatchBox(palette.Header, 12, 10)})
		}
		if len(g.entries) > 0 {
			groups = append(groups, g)
		}
	}
	if len(usedOwn) > 0 {
		g := legendGroup{key: "owners"}
		for _, o := range b.m.Owners {
			if usedOwn[o.ID] {
				g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "owner", o.ID), text: o.Name, swatch: swatchBox(b.colors.Owner(o), 9, 9)})
			}
		}
		groups = append(groups, g)
	}
	if mot || evidence {
		g := legendGroup{key: "evidence"}
		if mot {
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "mot"), text: b.t("mot"),
				swatch: func(b *builder, id string, c view.Point) { b.star(id, c, 13) }})
		}
		if evidence {
			for _, e := range journey.EvidenceKinds {
				g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "evidence", e), text: b.t("evidence." + e), swatch: swatchDots(view.EvidenceMarks[e])})
			}
		}
		groups = append(groups, g)
	}
	if e := b.emotion; e != nil {
		g := legendGroup{key: "emotion"}
		g.entries = append(g.entries,
			legendEntry{id: b.doc.ID("legend", "delight"), text: b.t("legend.delight"), swatch: swatchMarker("circle", palette.Delight, "#333333")},
			legendEntry{id: b.doc.ID("legend", "pain"), text: b.t("legend.pain"), swatch: swatchMarker("circle", palette.Pain, "#333333")},
		)
		if e.hasStagePoints() {
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "stage-emotion"), text: b.t("legend.stage_emotion"),
				swatch: func(b *builder, id string, c view.Point) {
					b.marker(id, c, "circle", 9, "#FFFFFF", palette.Neutral, view.A("penwidth", "2"))
				}})
		}
		groups = append(groups, g)
		if b.perPersona {
			g := legendGroup{key: "personas"}
			for _, c := range e.curves {
				g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "persona", c.persona.ID), text: c.persona.Name,
					swatch: swatchMarker(personaShape(c.index), b.personaColor(c.index), b.personaColor(c.index))})
			}
			groups = append(groups, g)
		}
	}
	kpi := false
	for _, s := range b.m.Stages {
		for _, mt := range s.Metrics {
			kpi = kpi || mt.HasStatus()
		}
		for _, t := range s.Touchpoints {
			for _, mt := range t.Metrics {
				kpi = kpi || mt.HasStatus()
			}
		}
	}
	if kpi {
		groups = append(groups, legendGroup{key: "kpis", entries: []legendEntry{
			{id: b.doc.ID("legend", "kpi-on"), text: b.t("kpi.on"), swatch: swatchGlyphColor(i18n.MarkOn, palette.Delight)},
			{id: b.doc.ID("legend", "kpi-off"), text: b.t("kpi.off"), swatch: swatchGlyphColor(i18n.MarkOff, palette.Pain)},
		}})
	}
	var back, fwd bool
	for _, a := range b.transitions() {
		back = back || !a.forward
		fwd = fwd || a.forward
	}
	if back || fwd {
		g := legendGroup{key: "legend.transitions"}
		if back {
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "stepback"), text: b.t("step_back"), swatch: swatchArrow(false)})
		}
		if fwd {
			g.entries = append(g.entries, legendEntry{id: b.doc.ID("legend", "skip"), text: b.t("skip_ahead"), swatch: swatchArrow(true)})
		}
		groups = append(groups, g)
	}
	return groups
}

// swatchArrow is a short arrow in the style of a transition.
func swatchArrow(forward bool) func(*builder, string, view.Point) {
	return func(b *builder, id string, c view.Point) {
		ta, tz := b.anchor()
		tip := view.Point{X: c.X + 9, Y: c.Y}
		b.doc.Edge(id, ta, tz, view.Line(view.Point{X: c.X - 9, Y: c.Y}, view.Point{X: c.X + 3, Y: c.Y}), &tip, arcAttrs(forward)...)
	}
}

func swatchBox(color string, w, h float64) func(*builder, string, view.Point) {
	return func(b *builder, id string, c view.Point) {
		b.box(id, c.X-w/2, c.Y-h/2, w, h, color, palette.Darken(color, 0.3))
	}
}

func swatchMarker(shape, fill, outline string) func(*builder, string, view.Point) {
	return func(b *builder, id string, c view.Point) {
		b.marker(id, c, shape, 9, fill, outline)
	}
}

func swatchDots(g string) func(*builder, string, view.Point) {
	st := view.Style{Size: 6.5, Color: palette.Text}
	return func(b *builder, id string, c view.Point) {
		b.doc.Centred(id, c.X+1, c.Y-st.LineHeight()/2, []string{g}, st)
	}
}

func swatchGlyphColor(g, color string) func(*builder, string, view.Point) {
	st := view.Style{Size: 12, Bold: true, Color: color}
	return func(b *builder, id string, c view.Point) {
		b.doc.Centred(id, c.X, c.Y-st.LineHeight()/2, []string{g}, st)
	}
}
