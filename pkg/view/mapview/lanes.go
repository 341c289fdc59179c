package mapview

import (
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// A lane is one row of the grid.
type lane interface {
	draw(b *builder)
}

// lanes returns the lanes that have content, in the order of the spec.
func (b *builder) lanes() []lane {
	m := b.m
	var out []lane
	add := func(key string, cells [][]item) {
		for _, c := range cells {
			if len(c) > 0 {
				out = append(out, &listLane{key: key, cells: cells})
				return
			}
		}
	}
	perStage := func(f func(s *journey.Stage) []item) [][]item {
		cells := make([][]item, len(m.Stages))
		for i, s := range m.Stages {
			cells[i] = f(s)
		}
		return cells
	}
	bullets := func(list []string) []item {
		var items []item
		for _, s := range list {
			items = append(items, bulleted("•", bulletStyle, s, bodyStyle))
		}
		return items
	}
	fromTouchpoints := func(s *journey.Stage, f func(t *journey.Touchpoint) []string) []item {
		var items []item
		for _, t := range s.Touchpoints {
			for _, x := range f(t) {
				items = append(items, bulleted(b.ref[t], refStyle, x, bodyStyle))
			}
		}
		return items
	}

	add("lane.goal", perStage(func(s *journey.Stage) []item {
		if s.Goal == "" {
			return nil
		}
		return []item{bulleted("", bodyStyle, s.Goal, bodyStyle)}
	}))
	add("lane.actions", perStage(func(s *journey.Stage) []item { return bullets(s.Actions) }))
	if len(m.Touchpoints()) > 0 {
		out = append(out, &touchpointLane{})
	}
	add("lane.thoughts", perStage(func(s *journey.Stage) []item {
		var items []item
		for _, t := range s.Thoughts {
			items = append(items, bulleted("", bodyStyle, b.t("quote.open")+t+b.t("quote.close"), quoteStyle))
		}
		return items
	}))
	add("lane.feelings", perStage(func(s *journey.Stage) []item { return bullets(s.Feelings) }))
	if e := newEmotionLane(b); e != nil {
		b.emotion = e
		out = append(out, e)
	}
	add("lane.pains", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Pains })
	}))
	add("lane.delights", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Delights })
	}))
	add("lane.backstage", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Backstage })
	}))
	add("lane.opportunities", perStage(func(s *journey.Stage) []item { return bullets(s.Opportunities) }))
	add("lane.strategies", perStage(func(s *journey.Stage) []item { return bullets(s.Strategies) }))
	add("lane.kpis", perStage(func(s *journey.Stage) []item {
		var items []item
		for _, mt := range s.Metrics {
			items = append(items, b.metricItem("", mt))
		}
		for _, t := range s.Touchpoints {
			for _, mt := range t.Metrics {
				items = append(items, b.metricItem(b.ref[t], mt))
			}
		}
		return items
	}))
	return out
}

// item is one entry of a cell: paragraphs of text, each with an optional
// bullet (a dot, a touchpoint reference, a KPI's ▲ or ▼) in the bullet
// column. Every run of text has a cell of its own: Graphviz would place a
// second run on a line by its own (wrong, for non-ASCII) width estimate.
type item struct {
	paras []para
}

type para struct {
	bullet   string
	bulletSt view.Style
	text     string
	st       view.Style
}

func bulleted(bullet string, bst view.Style, text string, st view.Style) item {
	return item{paras: []para{{bullet: bullet, bulletSt: bst, text: text, st: st}}}
}

// laidPara is a paragraph wrapped to a width.
type laidPara struct {
	para
	lines []string
	h     float64
}

func (it item) lay(w float64) []laidPara {
	var out []laidPara
	for _, p := range it.paras {
		lines := p.st.Wrap(p.text, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, laidPara{para: p, lines: lines, h: view.Ceil(p.st.Height(len(lines)))})
	}
	return out
}

// listLane is a lane of text items per stage.
type listLane struct {
	key   string
	cells [][]item
}

func (l *listLane) draw(b *builder) {
	// The bullet column fits the widest bullet of the lane.
	bw := 0.0
	for _, c := range l.cells {
		for _, it := range c {
			for _, p := range it.paras {
				if p.bullet == "" {
					continue
				}
				if w := p.bulletSt.Width(p.bullet) + 4; w > bw {
					bw = w
				}
			}
		}
	}
	bw = view.Ceil(bw)
	tw := b.cw - 2*pad - bw
	laid := make([][][]laidPara, len(l.cells))
	h := 0.0
	for i, c := range l.cells {
		ch := 0.0
		for j, it := range c {
			ps := it.lay(tw)
			if j < len(c)-1 {
				ps[len(ps)-1].h += itemGap
			}
			for _, p := range ps {
				ch += p.h
			}
			laid[i] = append(laid[i], ps)
		}
		if ch > h {
			h = ch
		}
	}
	h = view.Ceil(h + 2*pad)
	if h < 28 {
		h = 28
	}
	b.laneHeader(l.key, h)
	cols := 4
	if bw == 0 {
		cols = 3
	}
	for i, items := range laid {
		t := view.Table{W: b.cw, H: h}
		t.Row(view.Cell{W: b.cw, H: pad, ColSpan: cols})
		used := pad
		for _, ps := range items {
			for _, p := range ps {
				cells := []view.Cell{{W: pad, H: p.h}}
				if bw > 0 {
					content := ""
					if p.bullet != "" {
						content = p.bulletSt.LeftLines([]string{p.bullet})
					}
					cells = append(cells, view.Cell{W: bw, H: p.h, Content: content})
				}
				cells = append(cells, view.Cell{W: tw, H: p.h, Content: p.st.LeftLines(p.lines)}, view.Cell{W: pad, H: p.h})
				t.Row(cells...)
				used += p.h
			}
		}
		if rest := h - used; rest >= 1 {
			t.Row(view.Cell{W: b.cw, H: rest, ColSpan: cols})
		}
		b.box(b.doc.ID("cell", l.key[len("lane."):], b.m.Stages[i].ID), b.colX(i), b.y, b.cw, h, "", palette.Rule, t.HTML())
	}
	b.y += h
}

// laneHeader draws the lane's name cell.
func (b *builder) laneHeader(key string, h float64) {
	name := b.t(key)
	lines := laneStyle.Wrap(name, laneWidth-2*pad)
	lh := view.Ceil(laneStyle.Height(len(lines)))
	if lh > h-2*pad {
		lh = h - 2*pad
	}
	t := view.Table{W: laneWidth, H: h}
	t.Row(view.Cell{W: laneWidth, H: pad, ColSpan: 2})
	t.Row(view.Cell{W: pad, H: lh}, view.Cell{W: laneWidth - pad, H: lh, Content: laneStyle.LeftLines(lines)})
	if rest := h - pad - lh; rest >= 1 {
		t.Row(view.Cell{W: laneWidth, H: rest, ColSpan: 2})
	}
	b.box(b.doc.ID("lane", key[len("lane."):]), 0, b.y, laneWidth, h, palette.Header, palette.Rule, t.HTML())
}

// metricItem shows a KPI: its name, then value / target unit with ▲ when
// on target and ▼ when off it (the glyphs carry the meaning in grey too).
func (b *builder) metricItem(ref string, mt *journey.Metric) item {
	it := bulleted(ref, refStyle, mt.Name, bodyStyle)
	num := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return view.FormatNumber(*v, b.lang)
	}
	val := ""
	switch {
	case mt.Value != nil && mt.Target != nil:
		val = num(mt.Value) + " / " + num(mt.Target)
	case mt.Value != nil:
		val = num(mt.Value)
	case mt.Target != nil:
		val = "— / " + num(mt.Target)
	}
	if val == "" {
		return it
	}
	if mt.Unit != "" {
		val += " " + mt.Unit
	}
	p := para{text: val, st: view.Style{Size: 9.5, Bold: true, Color: palette.Text}}
	if mt.HasStatus() {
		if mt.OffTarget() {
			p.bullet, p.bulletSt = "▼", view.Style{Size: 9.5, Bold: true, Color: palette.Pain}
		} else {
			p.bullet, p.bulletSt = "▲", view.Style{Size: 9.5, Bold: true, Color: palette.Delight}
		}
	}
	it.paras = append(it.paras, p)
	return it
}
