package mapview

import (
	"github.com/cjm-dev/cjm/pkg/i18n"
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
	ring  bool // a stage point round touchpoint points: drawn larger, under them
	loose bool // a touchpoint's point off the curve (its stage gives its own emotion)
	what  string
	// stageID, stageIdx and tpID say whose point it is (tpID "" for a
	// stage's): the baseline's points are placed by them.
	stageID  string
	stageIdx int
	tpID     string
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

// collect adds the curve's points stage by stage. A stage that gives its
// own emotion (for the curve's persona) has that as its point on the curve,
// in the middle of its column, and its touchpoints' emotions are markers
// off the curve (issue 9 #14: the stage's own emotion was not drawn when
// its touchpoints had one). Otherwise the touchpoints' emotions are the
// curve's points, and a stage whose touchpoints give none has its derived
// emotion (StageEmotion), if any.
func (l *emotionLane) collect(b *builder, c *curve, value func(*journey.Emotion) (float64, bool),
	meets func(*journey.Touchpoint) bool, off float64, key string) {
	for si, s := range b.m.Stages {
		own, hasOwn := value(s.Emotion)
		first := len(c.pts)
		for _, t := range s.Touchpoints {
			if !meets(t) {
				continue
			}
			if v, ok := value(t.Emotion); ok {
				c.pts = append(c.pts, cpoint{id: b.doc.ID("emotion", key, "tp", t.ID), x: b.tpX[t] + off, v: clamp(v),
					loose: hasOwn, what: b.ref[t] + " " + t.Name, stageID: s.ID, stageIdx: si, tpID: t.ID})
			}
		}
		n := len(c.pts) - first
		if n > 0 && !hasOwn {
			continue
		}
		v, ok := own, hasOwn
		if !ok {
			v, ok = value(b.m.StageEmotion(s))
		}
		if ok {
			p := cpoint{id: b.doc.ID("emotion", key, "stage", s.ID), x: b.colX(si) + b.colW(si)/2 + off, v: clamp(v), stage: true, ring: n > 0, what: s.Name, stageID: s.ID, stageIdx: si}
			// Before the stage's touchpoints, so that they are drawn over it.
			c.pts = append(c.pts[:first], append([]cpoint{p}, c.pts[first:]...)...)
		}
	}
}

// onCurve returns the points the curve's line joins.
func (c *curve) onCurve() []cpoint {
	out := make([]cpoint, 0, len(c.pts))
	for _, p := range c.pts {
		if !p.loose {
			out = append(out, p)
		}
	}
	return out
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
	// The baseline's curves first, under the current ones.
	b.drawBaselineCurves(yOf)
	// The curves, each one edge through its points (edges are drawn
	// before nodes, so the points cover it).
	for _, c := range l.curves {
		line := c.onCurve()
		if len(line) < 2 {
			continue
		}
		color, style, pen := "#4D4D4D", "solid", "1.5"
		if c.persona != nil {
			color, style, pen = b.personaColor(c.index), personaStyle(c.index), "1.75"
		}
		// In pieces of at most curveChunk segments: Graphviz before 2.44
		// reads no quoted string over 16 kB, and `cjm render -f dot` is for
		// any Graphviz.
		for start, part := 0, 0; start < len(line)-1; start, part = start+curveChunk, part+1 {
			end := start + curveChunk
			if end > len(line)-1 {
				end = len(line) - 1
			}
			pts := []view.Point{{X: line[start].x, Y: yOf(line[start].v)}}
			for _, p := range line[start+1 : end+1] {
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
			b.doc.Edge(id, line[start].id, line[end].id, pts, nil, attrs...)
		}
	}
	// Stage points first, every curve's, so that no hollow stage point
	// hides a touchpoint's marker of another curve.
	for _, stage := range []bool{true, false} {
		for _, c := range l.curves {
			shape, outline := "circle", "#333333"
			if c.persona != nil {
				shape, outline = personaShape(c.index), b.personaColor(c.index)
			}
			for _, p := range c.pts {
				if p.stage != stage {
					continue
				}
				fill := palette.Emotion(p.v)
				tip := p.what + ": " + i18n.Signed(b.lang, p.v)
				if c.persona != nil {
					tip = c.persona.Name + " — " + tip
				}
				size := 9.0
				if p.ring {
					size = 13
				}
				if p.stage {
					// The stage as a whole: hollow, so it is not taken for a touchpoint.
					b.marker(p.id, view.Point{X: p.x, Y: yOf(p.v)}, shape, size, "#FFFFFF", fill,
						view.A("penwidth", "2"), view.A("tooltip", tip))
					continue
				}
				b.marker(p.id, view.Point{X: p.x, Y: yOf(p.v)}, shape, size, fill, outline, view.A("tooltip", tip))
			}
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
