package kpiview

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/kpi"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Geometry, in points.
const (
	chartW   = 230.0 // a chart's frame
	chartH   = 140.0
	chartGap = 12.0
	perRow   = 4 // charts in a row of a stage
	inset    = 8.0
	axisW    = 44.0 // the value labels left of a plot
	plotH    = 58.0
	gap      = 14.0
)

var (
	titleStyle = view.Style{Size: 18, Bold: true, Color: palette.Text}
	stageStyle = view.Style{Size: 12, Bold: true, Color: palette.Text}
	nameStyle  = view.Style{Size: 10, Bold: true, Color: palette.Text}
	refStyle   = view.Style{Size: 10, Color: palette.TextMuted}
	axisStyle  = view.Style{Size: 8, Color: palette.TextMuted}
	valueStyle = view.Style{Size: 10, Bold: true, Color: palette.Text}
	noteStyle  = view.Style{Size: 11, Italic: true, Color: palette.TextMuted}
	markStyle  = view.Style{Size: 11, Bold: true}
)

// Colours of the chart's marks.
const (
	lineColor   = "#4D4D4D"
	targetColor = "#6E7681"
	faint       = "#E1E5EB"
)

// Build returns the kpi view of m as DOT (layout nop2, view.Engine). A map
// without metrics gives a picture with its title and one note saying so.
func Build(m *journey.Map, opts view.Options) ([]byte, error) {
	if m == nil {
		return nil, errors.New("kpiview: no map")
	}
	if err := opts.CheckSize(m); err != nil {
		return nil, err
	}
	lang := m.Lang
	if lang == "" {
		lang = i18n.Default
	}
	b := &builder{m: m, lang: lang, doc: &view.Doc{Prefix: opts.Prefix(m), Title: m.Title}}
	b.layout()
	return b.doc.Write(b.y, []view.Attr{
		view.A("outputorder", "edgesfirst"),
		view.A("bgcolor", "#FFFFFF"),
		view.A("pad", "0.3"),
		view.A("fontname", view.DefaultFont),
	}, view.NodeDefaults(), []view.Attr{
		view.A("dir", "none"),
		view.A("color", palette.Rule),
		view.A("penwidth", "0.75"),
	}), nil
}

type builder struct {
	m        *journey.Map
	lang     string
	doc      *view.Doc
	y        float64
	width    float64
	anchored bool
}

func (b *builder) t(key string) string { return i18n.T(b.lang, key) }

// slot is a chart placed: its series, its top-left corner (y from the top
// of the first row of charts) and, over the first chart of a stage's run
// in a row, the stage's heading.
type slot struct {
	s        *kpi.Series
	si       int
	x, y     float64
	head, id string
}

func (b *builder) layout() {
	series := kpi.FromMap(b.m, kpi.Options{})
	b.width = perRow*chartW + (perRow-1)*chartGap
	title := strings.TrimSpace(b.m.Title)
	if title == "" {
		title = "KPI"
	}
	lines := titleStyle.Wrap(title, b.width)
	// Each stage's charts are a group under the stage's name; groups
	// follow each other in journey order along rows of perRow charts, a
	// group starting a new row when it does not fit in what is left.
	byStage := map[*journey.Stage][]*kpi.Series{}
	for _, s := range series {
		byStage[s.Stage] = append(byStage[s.Stage], s)
	}
	var slots []slot
	col := 0
	y := 0.0
	headH := view.Ceil(stageStyle.LineHeight()) + 6
	rowH := headH + chartH + gap
	for si, st := range b.m.Stages {
		ss := byStage[st]
		if len(ss) == 0 {
			continue
		}
		if col > 0 && col+len(ss) > perRow {
			col = 0
			y += rowH
		}
		for i, s := range ss {
			if i > 0 && col == perRow {
				col = 0
				y += rowH
			}
			sl := slot{s: s, si: si, x: float64(col) * (chartW + chartGap), y: y}
			if i == 0 || col == 0 {
				n := min(len(ss)-i, perRow-col)
				w := float64(n)*(chartW+chartGap) - chartGap
				sl.head = stageStyle.Ellipsize(strconv.Itoa(si+1)+"  "+st.Name, w)
				sl.id = b.doc.ID("stage", st.ID)
				if i > 0 {
					sl.id += "-" + strconv.Itoa(i+1)
				}
			}
			slots = append(slots, sl)
			col++
		}
	}
	// The page ends where the charts, the title or the note end (issue 10:
	// a text node near the right edge took room past it, 65 pt of margin
	// on the right against 22 on the left): text nodes take no more room
	// past it than their text needs (view.Doc).
	right := 0.0
	for _, sl := range slots {
		right = math.Max(right, sl.x+chartW)
	}
	for _, l := range lines {
		right = math.Max(right, view.Ceil(titleStyle.Width(l))+3)
	}
	note := b.t("report.nokpis")
	off, target := false, false
	for _, sl := range slots {
		off = off || sl.s.Status() == kpi.Off
		target = target || sl.s.Metric.Target != nil
	}
	items := b.legendItems(off, target)
	if len(slots) == 0 {
		right = math.Max(right, view.Ceil(noteStyle.Width(note))+3)
	} else {
		right = math.Max(right, b.legend(items, false))
	}
	b.doc.Left, b.doc.Right = 0, right
	b.doc.TextAt(b.doc.ID("title"), 0, 0, lines, titleStyle)
	b.y = view.Ceil(titleStyle.Height(len(lines))) + gap
	if len(slots) == 0 {
		b.doc.TextAt(b.doc.ID("note"), 0, b.y, []string{note}, noteStyle)
		b.y += view.Ceil(noteStyle.LineHeight())
		return
	}
	for _, sl := range slots {
		if sl.head != "" {
			b.doc.TextAt(sl.id, sl.x, b.y+sl.y, []string{sl.head}, stageStyle, view.A("tooltip", b.m.Stages[sl.si].Name))
		}
		b.chart(sl.s, sl.si, sl.x, b.y+sl.y+headH)
	}
	b.y += y + rowH
	b.legend(items, true)
}

// anchor returns the two invisible nodes that the drawn lines hang from
// (their route is given, so their ends do not matter).
func (b *builder) anchor() (string, string) {
	a, z := b.doc.ID("anchor", "a"), b.doc.ID("anchor", "b")
	if !b.anchored {
		b.anchored = true
		for _, id := range []string{a, z} {
			b.doc.Node(id, view.Point{}, view.A("shape", "point"), view.A("style", "invis"),
				view.A("width", "0.01"), view.A("height", "0.01"))
		}
	}
	return a, z
}

func (b *builder) line(id string, pts []view.Point, attrs ...view.Attr) {
	ta, tz := b.anchor()
	path := []view.Point{pts[0]}
	for _, p := range pts[1:] {
		path = append(path, view.Line(path[len(path)-1], p)[1:]...)
	}
	b.doc.Edge(id, ta, tz, path, nil, attrs...)
}

// ref is "2.1" for a touchpoint metric, "" for a stage's.
func (b *builder) ref(s *kpi.Series, si int) string {
	if s.Touchpoint == nil {
		return ""
	}
	for ti, t := range b.m.Stages[si].Touchpoints {
		if t == s.Touchpoint {
			return journey.Ref(si, ti)
		}
	}
	return ""
}

// chart draws one metric's chart with its top-left corner at (x, y).
func (b *builder) chart(s *kpi.Series, si int, x, y float64) {
	mt := s.Metric
	id := b.doc.ID("metric", mt.ID)
	status := s.Status()
	frame := []view.Attr{view.A("shape", "box"), view.A("width", view.Inches(chartW)), view.A("height", view.Inches(chartH)),
		view.A("color", palette.Rule), view.A("penwidth", "0.75"),
		view.NoLabel, view.A("tooltip", mt.Name)}
	if status == kpi.Off {
		// Thick and dashed, so "off target" shows without its colour. No
		// fill: nodes are drawn over the lines (outputorder=edgesfirst).
		frame = append(frame, view.A("color", palette.Pain), view.A("penwidth", "2.5"), view.A("style", "dashed"))
	}
	b.doc.Node(id+"-frame", view.Point{X: x + chartW/2, Y: y + chartH/2}, frame...)

	// The heading: the status mark, the touchpoint's number, the name.
	hx := x + inset
	ty := y + inset
	switch status {
	case kpi.Off:
		st := markStyle
		st.Color = palette.Pain
		b.doc.TextAt(id+"-mark", hx, ty, []string{i18n.MarkOff}, st, view.A("tooltip", b.t("kpi.off")))
		hx += view.Ceil(st.Width(i18n.MarkOff)) + 4
	case kpi.On:
		st := markStyle
		st.Color = palette.Delight
		b.doc.TextAt(id+"-mark", hx, ty, []string{i18n.MarkOn}, st, view.A("tooltip", b.t("kpi.on")))
		hx += view.Ceil(st.Width(i18n.MarkOn)) + 4
	}
	if r := b.ref(s, si); r != "" {
		b.doc.TextAt(id+"-ref", hx, ty, []string{r}, refStyle)
		hx += view.Ceil(refStyle.Width(r)) + 4
	}
	nw := x + chartW - inset - hx
	nl := nameStyle.Wrap(mt.Name, nw)
	if len(nl) > 2 {
		nl = []string{nl[0], nameStyle.Ellipsize(strings.Join(nl[1:], " "), nw)}
	}
	b.doc.TextAt(id+"-name", hx, ty, nl, nameStyle)
	ty += view.Ceil(nameStyle.Height(len(nl))) + 4

	// The plot.
	px0, px1 := x+inset+axisW, x+chartW-inset-4
	py0 := ty + 6
	py1 := py0 + plotH
	pts := s.Points
	if len(pts) == 0 && mt.Value != nil {
		pts = []kpi.Point{{Value: *mt.Value}}
	}
	vs := kpi.Values(pts)
	lo, hi := kpi.Bounds(vs, mt.Target, true)
	if lo == hi {
		// One value: a band around it (never below zero for a positive one).
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
		if lo < 0 && lo+d >= 0 {
			lo = 0
		}
	}
	yOf := func(v float64) float64 { return py1 - kpi.Scale(v, lo, hi)*(py1-py0) }
	t0, t1 := 0.0, 1.0
	if len(pts) > 1 {
		t0, t1 = float64(pts[0].Time.Unix()), float64(pts[len(pts)-1].Time.Unix())
	}
	xOf := func(i int) float64 {
		if len(pts) < 2 || t1 <= t0 {
			if len(pts) < 2 {
				return (px0 + px1) / 2
			}
			return px0 + float64(i)/float64(len(pts)-1)*(px1-px0)
		}
		return px0 + (float64(pts[i].Time.Unix())-t0)/(t1-t0)*(px1-px0)
	}
	// Axis: the plot's bottom and top rules, their values.
	b.line(id+"-axis-lo", []view.Point{{X: px0, Y: py1}, {X: px1, Y: py1}}, view.A("color", palette.Rule))
	b.line(id+"-axis-hi", []view.Point{{X: px0, Y: py0}, {X: px1, Y: py0}}, view.A("color", faint))
	al := axisStyle.LineHeight()
	b.doc.TextAt(id+"-axis-hi-label", x+inset, py0-al/2, []string{axisStyle.Ellipsize(i18n.Number(b.lang, hi), axisW-4)}, axisStyle)
	b.doc.TextAt(id+"-axis-lo-label", x+inset, py1-al/2, []string{axisStyle.Ellipsize(i18n.Number(b.lang, lo), axisW-4)}, axisStyle)
	if tg := mt.Target; tg != nil {
		ty := yOf(*tg)
		b.line(id+"-target", []view.Point{{X: px0, Y: ty}, {X: px1 + 4, Y: ty}},
			view.A("color", targetColor), view.A("penwidth", "1.25"), view.A("style", "dashed"),
			view.A("tooltip", b.t("report.target")+": "+i18n.Quantity(b.lang, *tg, mt.Unit)))
		tl := b.t("report.target") + ": " + i18n.Quantity(b.lang, *tg, mt.Unit)
		b.doc.TextAt(id+"-target-label", x+inset, py1+al+6, []string{axisStyle.Ellipsize(tl, chartW-2*inset)}, axisStyle)
	}
	if len(pts) == 0 {
		b.doc.TextAt(id+"-none", px0, (py0+py1)/2-al/2, []string{"—"}, axisStyle)
		return
	}
	if len(pts) > 1 {
		line := make([]view.Point, len(pts))
		for i := range pts {
			line[i] = view.Point{X: xOf(i), Y: yOf(vs[i])}
		}
		b.line(id+"-line", line, view.A("color", lineColor), view.A("penwidth", "1.5"))
	}
	for i, p := range pts {
		tip := i18n.Quantity(b.lang, p.Value, mt.Unit)
		if p.Date != "" {
			tip = p.Date + ": " + tip
		}
		size := 4.0
		if i == len(pts)-1 {
			size = 6
		}
		b.doc.Node(id+"-pt-"+strconv.Itoa(i+1), view.Point{X: xOf(i), Y: yOf(p.Value)}, view.A("shape", "point"),
			view.A("width", view.Inches(size)), view.A("height", view.Inches(size)), view.A("style", "filled"),
			view.A("fillcolor", lineColor), view.A("color", lineColor), view.A("tooltip", tip))
	}
	// The latest value, labelled under the plot at the right, and the
	// dates of the first and last point under the axis.
	last := pts[len(pts)-1]
	lv := i18n.Quantity(b.lang, last.Value, mt.Unit)
	vw := view.Ceil(valueStyle.Width(lv)) + 1
	b.doc.TextAt(id+"-latest", math.Max(x+chartW-inset-vw, x+chartW/2), y+chartH-inset-valueStyle.LineHeight(), []string{valueStyle.Ellipsize(lv, chartW/2-inset)}, valueStyle)
	if last.Date != "" {
		b.doc.TextAt(id+"-date-last", math.Max(px1-view.Ceil(axisStyle.Width(last.Date)), px0), py1+3, []string{last.Date}, axisStyle)
	}
	if len(pts) > 1 && pts[0].Date != "" {
		b.doc.TextAt(id+"-date-first", px0, py1+3, []string{pts[0].Date}, axisStyle)
	}
}

// legendItem is one entry of the legend: a mark in its style (none: the
// dashed target line) and its words.
type legendItem struct {
	key, mark string
	st        view.Style
	text      string
}

// legendItems are the legend's entries: the marks the dashboard uses.
func (b *builder) legendItems(off, target bool) []legendItem {
	on, offSt := markStyle, markStyle
	on.Color, offSt.Color = palette.Delight, palette.Pain
	items := []legendItem{{"kpi-on", i18n.MarkOn, on, b.t("kpi.on")}}
	if off {
		items = append(items, legendItem{"kpi-off", i18n.MarkOff, offSt, b.t("kpi.off")})
	}
	if target {
		items = append(items, legendItem{key: "target", text: b.t("report.target")})
	}
	return items
}

// legend draws the items in a row from the left at b.y (draw false only
// measures) and returns where the row ends.
func (b *builder) legend(items []legendItem, draw bool) float64 {
	x, end := 0.0, 0.0
	for _, it := range items {
		if it.mark == "" {
			ly := b.y + axisStyle.LineHeight()/2
			if draw {
				b.line(b.doc.ID("legend", it.key, "line"), []view.Point{{X: x, Y: ly}, {X: x + 24, Y: ly}},
					view.A("color", targetColor), view.A("penwidth", "1.25"), view.A("style", "dashed"))
			}
			x += 28
		} else {
			if draw {
				b.doc.TextAt(b.doc.ID("legend", it.key, "mark"), x, b.y, []string{it.mark}, it.st)
			}
			x += view.Ceil(it.st.Width(it.mark)) + 4
		}
		if draw {
			b.doc.TextAt(b.doc.ID("legend", it.key), x, b.y, []string{it.text}, axisStyle)
		}
		end = x + view.Ceil(axisStyle.Width(it.text)) + 3
		x = end - 3 + 18
	}
	if draw {
		b.y += view.Ceil(markStyle.LineHeight())
	}
	return end
}

// Shows reports whether m has a metric with a history (two points or
// more): the reports that show every view draw the kpi view only then.
func Shows(m *journey.Map) bool {
	for _, s := range kpi.FromMap(m, kpi.Options{}) {
		if len(s.Points) >= 2 {
			return true
		}
	}
	return false
}
