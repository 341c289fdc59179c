package mapview

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/kpi"
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

	add("goal", perStage(func(s *journey.Stage) []item {
		if s.Goal == "" {
			return nil
		}
		return []item{bulleted("", bodyStyle, s.Goal, bodyStyle)}
	}))
	add("actions", perStage(func(s *journey.Stage) []item { return bullets(s.Actions) }))
	if len(m.Touchpoints()) > 0 {
		out = append(out, &touchpointLane{})
	}
	add("thoughts", perStage(func(s *journey.Stage) []item {
		var items []item
		for _, t := range s.Thoughts {
			items = append(items, bulleted("", bodyStyle, b.t("quote.open")+t+b.t("quote.close"), quoteStyle))
		}
		return items
	}))
	add("feelings", perStage(func(s *journey.Stage) []item { return bullets(s.Feelings) }))
	e := newEmotionLane(b)
	if e == nil && len(b.baselineCurves()) > 0 {
		// The baseline had emotions the current map has none of: the lane
		// shows the baseline's curves alone.
		e = &emotionLane{}
	}
	if e != nil {
		b.emotion = e
		out = append(out, e)
	}
	add("pains", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Pains })
	}))
	add("delights", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Delights })
	}))
	add("backstage", perStage(func(s *journey.Stage) []item {
		return fromTouchpoints(s, func(t *journey.Touchpoint) []string { return t.Backstage })
	}))
	add("opportunities", perStage(func(s *journey.Stage) []item { return bullets(s.Opportunities) }))
	add("strategies", perStage(func(s *journey.Stage) []item { return bullets(s.Strategies) }))
	add("kpis", perStage(func(s *journey.Stage) []item {
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
	// spark, when set, makes the paragraph a KPI's sparkline and trend
	// (text is then the trend's label).
	spark *kpi.Series
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
		if p.spark != nil {
			out = append(out, laidPara{para: p, lines: []string{p.text}, h: sparkH})
			continue
		}
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
				if p.bullet != "" {
					bw = math.Max(bw, p.bulletSt.Width(p.bullet)+4)
				}
			}
		}
	}
	bw = view.Ceil(bw)
	// tw is the width of the text of column i (columns need not be alike).
	tw := func(i int) float64 { return b.colX(i+1) - b.colX(i) - 2*pad - bw }
	laid := make([][][]laidPara, len(l.cells))
	h := 0.0
	gap := itemGap
	if l.uniform() {
		gap = 0
	}
	for i, c := range l.cells {
		ch := 0.0
		for j, it := range c {
			ps := it.lay(tw(i))
			if j < len(c)-1 {
				ps[len(ps)-1].h += gap
			}
			for _, p := range ps {
				ch += p.h
			}
			laid[i] = append(laid[i], ps)
		}
		h = math.Max(h, ch)
	}
	// The lane is as high as its fullest cell and its name, so that no
	// text runs out of its cell.
	h = math.Max(view.Ceil(math.Max(h, laneStyle.Height(len(b.laneLines(l.key))))+2*pad), 28)
	name := keyID(l.key)
	fill, tinted := laneTints[l.key]
	if !tinted {
		fill = palette.Header
	}
	b.laneHeaderFill(l.key, h, fill)
	if tinted {
		// Inset, so the grid's rules (drawn first) stay visible.
		const in = 0.8
		for i, c := range l.cells {
			if len(c) > 0 {
				b.box(b.doc.ID("cell", name, b.m.Stages[i].ID, "fill"), b.colX(i)+in, b.y+in, b.colX(i+1)-b.colX(i)-2*in, h-2*in, fill, fill)
			}
		}
	}
	if l.uniform() {
		l.drawMerged(b, laid, bw)
		b.y += h
		return
	}
	for i, items := range laid {
		x := b.colX(i) + pad
		y := b.y + pad
		tw := tw(i)
		stage := b.m.Stages[i].ID
		for j, ps := range items {
			for k, p := range ps {
				id := b.doc.ID("cell", name, stage, strconv.Itoa(j+1))
				if k > 0 {
					id += "-" + strconv.Itoa(k+1)
				}
				if p.spark != nil {
					b.sparkline(id, x+bw, y, tw, p.para)
					y += p.h
					continue
				}
				if view.IsRTL(p.text) {
					// Mirrored: the text right-aligned, its bullet at its
					// right (TextIn aligns the text by its direction).
					if p.bullet != "" {
						b.doc.TextAt(id+"-bullet", x+tw+4, y, []string{p.bullet}, p.bulletSt)
					}
					b.doc.TextIn(id, x, y, tw, p.lines, p.st)
				} else {
					if p.bullet != "" {
						b.doc.TextAt(id+"-bullet", x, y, []string{p.bullet}, p.bulletSt)
					}
					b.doc.TextIn(id, x+bw, y, tw, p.lines, p.st)
				}
				y += p.h
			}
		}
	}
	b.y += h
}

// uniform reports whether every paragraph of the lane has the same style
// and the same bullet style, and none is written right to left (each such
// paragraph is aligned on its own), so that a cell can be drawn as two
// nodes.
func (l *listLane) uniform() bool {
	var first *para
	for _, c := range l.cells {
		for _, it := range c {
			for i := range it.paras {
				p := &it.paras[i]
				if p.spark != nil || view.IsRTL(p.text) {
					return false
				}
				if first == nil {
					first = p
					continue
				}
				if p.st != first.st || (p.bullet != "" && first.bullet != "" && p.bulletSt != first.bulletSt) {
					return false
				}
			}
		}
	}
	return first == nil || first.bulletSt.Size == 0 || first.bulletSt.Size == first.st.Size
}

// drawMerged draws each cell as one node of text and one of bullets whose
// lines line up with it (blank where an item's text wraps): the fewer the
// nodes, the faster Graphviz draws a big map. Items follow each other
// without a gap; the bullets mark where each starts.
func (l *listLane) drawMerged(b *builder, laid [][][]laidPara, bw float64) {
	name := keyID(l.key)
	for i, items := range laid {
		var text, bullets []string
		var st, bst view.Style
		for _, ps := range items {
			for _, p := range ps {
				st = p.st
				if p.bullet != "" {
					bst = p.bulletSt
				}
				text = append(text, p.lines...)
				bullets = append(bullets, p.bullet)
				for range p.lines[1:] {
					bullets = append(bullets, "")
				}
			}
		}
		if len(text) == 0 {
			continue
		}
		x, y := b.colX(i)+pad, b.y+pad
		id := b.doc.ID("cell", name, b.m.Stages[i].ID)
		if bw > 0 {
			for len(bullets) > 0 && bullets[len(bullets)-1] == "" {
				bullets = bullets[:len(bullets)-1]
			}
			b.doc.TextAt(id+"-bullets", x, y, bullets, bst)
		}
		b.doc.TextAt(id, x+bw, y, text, st)
	}
}

// laneHeader draws the lane's name cell, h high. Its name starts pad
// below the lane's top, where the first line of every cell starts, in a
// style of the cells' size: so it stands on the same baseline as the first
// line of text beside it. fill is the cell's colour (palette.Header, or
// the lane's tint).
func (b *builder) laneHeader(key string, h float64) {
	b.laneHeaderFill(key, h, palette.Header)
}

func (b *builder) laneHeaderFill(key string, h float64, fill string) {
	id := b.doc.ID("lane", keyID(key))
	b.box(id, 0, b.y, laneWidth, h, fill, palette.Rule)
	b.doc.TextIn(id+"-name", pad, b.y+pad, laneWidth-2*pad, b.laneLines(key), laneStyle)
}

// laneLines is the lane's name wrapped to the lane-title column.
func (b *builder) laneLines(key string) []string {
	return laneStyle.Wrap(b.t(key), laneWidth-2*pad)
}

// laneTints are the fills of the cells of the lanes that should draw the
// eye first: pain points light vermillion, opportunities light green
// (palette; text on them keeps a contrast of 4.5 or more, palette's
// tests). Their name cells take the same tint, so the row reads as one.
var laneTints = map[string]string{
	"pains":         palette.PainTint,
	"opportunities": palette.OpportunityTint,
}

// metricItem shows a KPI: its name, then its value and its named target
// ("2.1% · target 3%"), each with its unit as every output writes it
// (i18n.Quantity), with ▲ when on target and
// ▼ when off it (journey.Metric.Status; the glyphs carry the meaning in
// grey too).
func (b *builder) metricItem(ref string, mt *journey.Metric) item {
	it := bulleted(ref, refStyle, mt.Name, bodyStyle)
	q := func(v *float64) string {
		if v == nil {
			return "—"
		}
		// A quantity that fits on a line of the cell (less a bullet
		// column) is not broken over two, its unit's own spaces included
		// ("60 000 тыс. ₽").
		s := i18n.Quantity(b.lang, *v, mt.Unit)
		if kept := strings.ReplaceAll(s, " ", "\u00a0"); kpiStyle.Width(kept) <= b.cw-2*pad-24 {
			return kept
		}
		return s
	}
	// The target is named (glossary "report.target", in running text):
	// "2,1 % · цель 3 %". No-break spaces keep the "·" with the value and
	// the term with its number, so the line breaks, if it must, after the
	// "·".
	target := func() string { return lowerFirst(b.t("report.target")) + "\u00a0" + q(mt.Target) }
	val := ""
	switch {
	case mt.Value != nil && mt.Target != nil:
		val = q(mt.Value) + "\u00a0· " + target()
	case mt.Value != nil:
		val = q(mt.Value)
	case mt.Target != nil:
		val = "—\u00a0· " + target()
	}
	if val == "" {
		return it
	}
	p := para{text: val, st: kpiStyle}
	switch mt.Status() {
	case journey.OffTarget:
		p.bullet, p.bulletSt = i18n.MarkOff, view.Style{Size: 9.5, Bold: true, Color: palette.Pain}
	case journey.OnTarget:
		p.bullet, p.bulletSt = i18n.MarkOn, view.Style{Size: 9.5, Bold: true, Color: palette.Delight}
	}
	it.paras = append(it.paras, p)
	if d := b.baselineDelta(mt); d != "" {
		it.paras = append(it.paras, para{text: d, st: deltaStyle})
	}
	if sp := b.sparkPara(mt); sp != nil {
		it.paras = append(it.paras, *sp)
	}
	return it
}

// kpiStyle is the style of a KPI's value and target.
var kpiStyle = view.Style{Size: 9.5, Bold: true, Color: palette.Text}

// keyID is the part of a label key that names a lane or legend group in
// ids: "lane.emotions" → "emotions", "kpis" → "kpis".
func keyID(key string) string { return key[strings.LastIndex(key, ".")+1:] }

// lowerFirst is a glossary term as it reads inside a line: its first
// letter in lower case ("Target" → "target", "Цель" → "цель").
func lowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}
