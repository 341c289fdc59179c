package mapview

import (
	"math"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/kpi"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Sparkline geometry, in points.
const (
	sparkH     = 18.0 // the row of a sparkline in a KPI cell
	sparkW     = 64.0 // its widest line
	sparkInset = 3.0  // above and below the line
)

var trendStyle = view.Style{Size: 9, Bold: true, Color: palette.TextMuted}

// Trend arrows: the direction of the last change (↑ up, ↓ down, → flat),
// coloured by whether it is better; the arrow says the direction in grey.
const (
	arrowUp   = "↑"
	arrowDown = "↓"
	arrowFlat = "→"
)

// sparkPara is the sparkline row of a metric with at least two points
// (kpi.Series over its history), or nil.
func (b *builder) sparkPara(mt *journey.Metric) *para {
	s := b.series[mt]
	if s == nil || len(s.Points) < 2 {
		return nil
	}
	t := s.Trend()
	arrow, color := arrowFlat, palette.TextMuted
	switch {
	case t.Change > 0:
		arrow = arrowUp
	case t.Change < 0:
		arrow = arrowDown
	}
	switch t.Direction {
	case "better":
		color = palette.Delight
	case "worse":
		color = palette.Pain
	}
	st := trendStyle
	st.Color = color
	return &para{text: arrow + " " + i18n.SignedQuantity(b.lang, t.Change, mt.Unit), st: st, spark: s}
}

// sparkline draws the last points of p.spark as a polyline at (x, y) in a
// row of width w, the target as a faint dashed line when it lies near the
// values (within their range again above or below), the latest point as a
// dot, and the trend's label to its right.
func (b *builder) sparkline(id string, x, y, w float64, p para) {
	s := p.spark
	pts := s.Recent()
	vs := kpi.Values(pts)
	lo, hi := kpi.Bounds(vs, nil, false)
	tg := s.Metric.Target
	span := hi - lo
	withTarget := tg != nil && *tg >= lo-span && *tg <= hi+span
	lo, hi = kpi.Bounds(vs, tg, withTarget)
	label := p.text
	lw := view.Ceil(p.st.Width(label)) + 1
	sw := math.Min(sparkW, w-lw-6)
	if sw < 24 {
		sw = math.Max(w-lw-6, 12)
	}
	top, bottom := y+sparkInset, y+sparkH-sparkInset
	yOf := func(v float64) float64 { return bottom - kpi.Scale(v, lo, hi)*(bottom-top) }
	xOf := func(i int) float64 {
		if len(pts) == 1 {
			return x + sw
		}
		return x + float64(i)/float64(len(pts)-1)*sw
	}
	if withTarget {
		b.rule(id+"-target", view.Point{X: x, Y: yOf(*tg)}, view.Point{X: x + sw, Y: yOf(*tg)},
			view.A("color", "#B8C0CC"), view.A("penwidth", "0.75"), view.A("style", "dashed"))
	}
	line := []view.Point{{X: xOf(0), Y: yOf(vs[0])}}
	for i := 1; i < len(vs); i++ {
		line = append(line, view.Line(line[len(line)-1], view.Point{X: xOf(i), Y: yOf(vs[i])})[1:]...)
	}
	var tip strings.Builder
	tip.WriteString(s.Metric.Name + ": ")
	for i, pt := range pts {
		if i > 0 {
			tip.WriteString(", ")
		}
		tip.WriteString(pt.Date + " " + i18n.Quantity(b.lang, pt.Value, s.Metric.Unit))
	}
	ta, tz := b.anchor()
	b.doc.Edge(id+"-spark", ta, tz, line, nil, view.A("color", "#4D4D4D"), view.A("penwidth", "1.25"),
		view.A("tooltip", tip.String()))
	last := len(vs) - 1
	b.marker(id+"-spark-last", view.Point{X: xOf(last), Y: yOf(vs[last])}, "circle", 4, "#4D4D4D", "#4D4D4D")
	b.doc.TextAt(id+"-trend", x+sw+6, y+(sparkH-p.st.LineHeight())/2, []string{label}, p.st)
}
