package mapview

import (
	"strconv"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// emotionLane is the emotion chart: −2 … +2, a dashed zero line, a point
// per touchpoint at its column position (or one per stage for a stage
// whose touchpoints give none), joined by a line; one line per persona
// when the map gives emotions per persona.
type emotionLane struct {
	curves []curve
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
	what  string
}

func newEmotionLane(b *builder) *emotionLane {
	m := b.m
	l := &emotionLane{}
	if b.perPersona {
		n := len(m.Personas)
		for pi, p := range m.Personas {
			c := curve{persona: p, index: pi, key: p.ID}
			off := (float64(pi) - float64(n-1)/2) * 3
			l.collect(b, &c, func(e *journey.Emotion) (float64, bool) { return e.For(p.ID) },
				func(t *journey.Touchpoint) bool { return t.Meets(p.ID) }, off, p.ID)
			if len(c.pts) > 0 {
				l.curves = append(l.curves, c)
			}
		}
	} else {
		c := curve{key: "all"}
		l.collect(b, &c, func(e *journey.Emotion) (float64, bool) { return e.Mean() },
			func(*journey.Touchpoint) bool { return true }, 0, "all")
		if len(c.pts) > 0 {
			l.curves = append(l.curves, c)
		}
	}
	if len(l.curves) == 0 {
		return nil
	}
	return l
}

func (l *emotionLane) collect(b *builder, c *curve, value func(*journey.Emotion) (float64, bool),
	meets func(*journey.Touchpoint) bool, off float64, key string) {
	for si, s := range b.m.Stages {
		n := 0
		for _, t := range s.Touchpoints {
			if !meets(t) {
				continue
			}
			if v, ok := value(t.Emotion); ok {
				c.pts = append(c.pts, cpoint{id: b.doc.ID("emotion", key, "tp", t.ID), x: b.tpX[t] + off, v: clamp(v), what: b.ref[t] + " " + t.Name})
				n++
			}
		}
		if n > 0 {
			continue
		}
		if v, ok := value(b.m.StageEmotion(s)); ok {
			c.pts = append(c.pts, cpoint{id: b.doc.ID("emotion", key, "stage", s.ID), x: b.colX(si) + b.cw/2 + off, v: clamp(v), stage: true, what: s.Name})
		}
	}
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

var axisStyle = view.Style{Size: 8.5, Color: palette.TextMuted}

func (l *emotionLane) draw(b *builder) {
	top := b.y
	h := emotionH
	plot := h - 2*emotionInset
	yOf := func(v float64) float64 { return top + emotionInset + (2-v)/4*plot }

	b.laneHeader("lane.emotions", h)
	// Axis labels at the right of the lane name cell.
	labels := []struct {
		v float64
		s string
	}{{2, "+2"}, {1, "+1"}, {0, "0"}, {-1, "−1"}, {-2, "−2"}}
	lh := axisStyle.LineHeight()
	for _, a := range labels {
		b.doc.Centred(b.doc.ID("emotion", "axis", view.Num(a.v+2)), laneWidth-14, yOf(a.v)-lh/2, []string{a.s}, axisStyle)
	}
	// Grid lines; the zero line is dashed.
	for _, a := range labels {
		from := view.Point{X: laneWidth, Y: yOf(a.v)}
		to := view.Point{X: b.width, Y: yOf(a.v)}
		attrs := []view.Attr{view.A("color", "#E1E5EB"), view.A("penwidth", "0.75")}
		if a.v == 0 {
			attrs = []view.Attr{view.A("color", "#6E7681"), view.A("penwidth", "1"), view.A("style", "dashed")}
		}
		b.rule(b.doc.ID("emotion", "grid", view.Num(a.v+2)), from, to, attrs...)
	}
	// The curves, each one edge through its points (edges are drawn
	// before nodes, so the points cover it).
	for _, c := range l.curves {
		if len(c.pts) < 2 {
			continue
		}
		color, style, pen := "#4D4D4D", "solid", "1.5"
		if c.persona != nil {
			color, style, pen = personaColor(c.index), personaStyle(c.index), "1.75"
		}
		// In pieces of at most curveChunk segments: Graphviz before 2.44
		// reads no quoted string over 16 kB, and `cjm render -f dot` is for
		// any Graphviz.
		for start, part := 0, 0; start < len(c.pts)-1; start, part = start+curveChunk, part+1 {
			end := start + curveChunk
			if end > len(c.pts)-1 {
				end = len(c.pts) - 1
			}
			pts := []view.Point{{X: c.pts[start].x, Y: yOf(c.pts[start].v)}}
			for _, p := range c.pts[start+1 : end+1] {
				pts = append(pts, view.Line(pts[len(pts)-1], view.Point{X: p.x, Y: yOf(p.v)})[1:]...)
			}
			id := b.doc.ID("emotion", c.key, "curve")
			if part > 0 {
				id += "-" + strconv.Itoa(part+1)
			}
			attrs := []view.Attr{view.A("color", color), view.A("style", style), view.A("penwidth", pen)}
			if c.persona != nil {
				attrs = append(attrs, view.A("tooltip", c.persona.Name))
			}
			b.doc.Edge(id, c.pts[start].id, c.pts[end].id, pts, nil, attrs...)
		}
	}
	for _, c := range l.curves {
		shape, outline := "circle", "#333333"
		if c.persona != nil {
			shape, outline = personaShape(c.index), personaColor(c.index)
		}
		for _, p := range c.pts {
			fill := palette.Emotion(p.v)
			tip := p.what + ": " + view.FormatNumber(p.v, b.lang)
			if c.persona != nil {
				tip = c.persona.Name + " — " + tip
			}
			size := 9.0
			if p.stage {
				// The stage as a whole: hollow, so it is not taken for a touchpoint.
				b.marker(p.id, view.Point{X: p.x, Y: yOf(p.v)}, shape, size, "#FFFFFF", fill,
					view.A("penwidth", "2"), view.A("tooltip", tip))
				continue
			}
			b.marker(p.id, view.Point{X: p.x, Y: yOf(p.v)}, shape, size, fill, outline, view.A("tooltip", tip))
		}
	}
	b.y += h
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
