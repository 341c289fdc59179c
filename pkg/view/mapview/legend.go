package mapview

import (
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
	"math"
)

// legend explains every mark the map uses, in words, one kind of mark a
// row (view.Legend, the flow view's rule too): channel and owner colours,
// the moment-of-truth star (a mark of the touchpoint cards), the evidence
// marks, the emotion points and curves, the KPI arrows, and each
// transition under its short label ("4 → 2") with the stages' names and
// its text. A mark the map does not use is not listed.
func (b *builder) legend() {
	groups := b.legendGroups()
	if len(groups) == 0 {
		return
	}
	b.y = b.doc.Legend(groups, pad, b.y+gap, b.footWidth()-pad, laneWidth, laneWidth-2*pad)
}

// maxFootWidth bounds the blocks under the grid (footnotes, persona
// cards, legend), pt: a print puts them whole on a page (pkg/raster), and
// at 1,200 pt they fit A3 landscape with their 8 pt text at 7 pt or more.
// A wider grid wraps them onto more rows instead (issue 10: the 12-stage
// stress map's legend ran 559 mm wide and pulled its A3 print under 7 pt).
const maxFootWidth = 1200.0

// footWidth is the width the blocks under the grid are laid out in.
func (b *builder) footWidth() float64 { return math.Min(b.width, maxFootWidth) }

func (b *builder) legendGroups() []view.LegendGroup {
	var groups []view.LegendGroup
	group := func(key string, entries ...view.LegendEntry) {
		if len(entries) > 0 {
			groups = append(groups, view.LegendGroup{Key: keyID(key), Title: b.t(key), Entries: entries})
		}
	}
	entry := func(text string, swatch func(id string, c view.Point), id ...string) view.LegendEntry {
		return view.LegendEntry{ID: b.doc.ID(append([]string{"legend"}, id...)...), Text: text, Swatch: swatch}
	}
	tps := b.m.Touchpoints()
	usedCh, usedOwn := map[string]bool{}, map[string]bool{}
	noChannel, mot := false, false
	evidence := map[string]bool{}
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
		evidence[t.Evidence] = view.EvidenceMarks[t.Evidence] != ""
	}
	var channels []view.LegendEntry
	for _, c := range b.m.Channels {
		if usedCh[c.ID] {
			channels = append(channels, entry(c.Name, b.swatchBox(b.colors.Channel(c), 12, 10), "channel", c.ID))
		}
	}
	if noChannel && len(tps) > 0 {
		channels = append(channels, entry(b.t("legend.no_channel"), b.swatchBox(palette.Header, 12, 10), "channel", "none"))
	}
	group("channels", channels...)
	var owners []view.LegendEntry
	for _, o := range b.m.Owners {
		if usedOwn[o.ID] {
			owners = append(owners, entry(o.Name, b.swatchBox(b.colors.Owner(o), 9, 9), "owner", o.ID))
		}
	}
	group("owners", owners...)
	// The star is a mark of the touchpoint card, not a kind of evidence.
	if mot {
		group("touchpoints", entry(b.t("mot"), func(id string, c view.Point) { b.star(id, c, 13) }, "mot"))
	}
	var marks []view.LegendEntry
	for _, e := range journey.EvidenceKinds {
		if evidence[e] {
			marks = append(marks, entry(b.t("evidence."+e), swatchDots(b, view.EvidenceMarks[e]), "evidence", e))
		}
	}
	group("evidence", marks...)
	if e := b.emotion; e != nil {
		neg, zero, pos := e.signs()
		var marks []view.LegendEntry
		if pos {
			marks = append(marks, entry(b.t("legend.delight"), b.swatchMarker("circle", palette.Delight, "#333333"), "delight"))
		}
		if zero {
			marks = append(marks, entry(b.t("legend.neutral"), b.swatchMarker("circle", palette.Neutral, "#333333"), "neutral"))
		}
		if neg {
			marks = append(marks, entry(b.t("legend.pain"), b.swatchMarker("circle", palette.Pain, "#333333"), "pain"))
		}
		if e.hasStagePoints() {
			marks = append(marks, entry(b.t("legend.stage_emotion"), func(id string, c view.Point) {
				b.marker(id, c, "circle", 9, "#FFFFFF", palette.Neutral, view.A("penwidth", "2"))
			}, "stage-emotion"))
		}
		group("emotion", marks...)
		if b.perPersona {
			var personas []view.LegendEntry
			for _, c := range e.curves {
				personas = append(personas, entry(c.persona.Name,
					b.swatchMarker(personaShape(c.index), b.personaColor(c.index), b.personaColor(c.index)), "persona", c.persona.ID))
			}
			group("personas", personas...)
		}
	}
	kpiOn, kpiOff := false, false
	status := func(mt *journey.Metric) {
		if mt.HasStatus() {
			on := mt.Status() == journey.OnTarget
			kpiOn, kpiOff = kpiOn || on, kpiOff || !on
		}
	}
	for _, s := range b.m.Stages {
		for _, mt := range s.Metrics {
			status(mt)
		}
		for _, t := range s.Touchpoints {
			for _, mt := range t.Metrics {
				status(mt)
			}
		}
	}
	var kpis []view.LegendEntry
	if kpiOn {
		kpis = append(kpis, entry(b.t("kpi.on"), swatchGlyphColor(b, i18n.MarkOn, palette.Delight), "kpi-on"))
	}
	if kpiOff {
		kpis = append(kpis, entry(b.t("kpi.off"), swatchGlyphColor(b, i18n.MarkOff, palette.Pain), "kpi-off"))
	}
	group("kpis", kpis...)
	// Each transition: its arrow, its short label and what it stands for.
	var arcs []view.LegendEntry
	for _, a := range b.transitions() {
		kind := "stepback"
		if a.forward {
			kind = "skip"
		}
		arcs = append(arcs, entry(a.short()+"  "+a.long(b), b.swatchArrow(a.forward), kind, b.m.Stages[a.from].ID, b.m.Stages[a.to].ID))
	}
	group("legend.transitions", arcs...)
	return groups
}

// signs reports which signs the chart's points have: below, at and above 0.
func (l *emotionLane) signs() (neg, zero, pos bool) {
	for _, c := range l.curves {
		for _, p := range c.pts {
			neg, zero, pos = neg || p.v < 0, zero || p.v == 0, pos || p.v > 0
		}
	}
	return neg, zero, pos
}

// swatchArrow is a short arrow in the style of a transition.
func (b *builder) swatchArrow(forward bool) func(string, view.Point) {
	return func(id string, c view.Point) {
		ta, tz := b.anchor()
		tip := view.Point{X: c.X + 9, Y: c.Y}
		b.doc.Edge(id, ta, tz, view.Line(view.Point{X: c.X - 9, Y: c.Y}, view.Point{X: c.X + 3, Y: c.Y}), &tip, arcAttrs(forward)...)
	}
}

func (b *builder) swatchBox(color string, w, h float64) func(string, view.Point) {
	return func(id string, c view.Point) {
		b.box(id, c.X-w/2, c.Y-h/2, w, h, color, palette.Darken(color, 0.3))
	}
}

func (b *builder) swatchMarker(shape, fill, outline string) func(string, view.Point) {
	return func(id string, c view.Point) {
		b.marker(id, c, shape, 9, fill, outline)
	}
}

func swatchDots(b *builder, g string) func(string, view.Point) {
	st := view.EvidenceLegendStyle
	return func(id string, c view.Point) {
		b.doc.Centred(id, c.X+1, c.Y-st.LineHeight()/2, []string{g}, st)
	}
}

func swatchGlyphColor(b *builder, g, color string) func(string, view.Point) {
	st := view.Style{Size: 12, Bold: true, Color: color}
	return func(id string, c view.Point) {
		b.doc.Centred(id, c.X, c.Y-st.LineHeight()/2, []string{g}, st)
	}
}
