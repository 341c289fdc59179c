package mapview

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// forPersonas returns the map as drawn for the personas with the ids
// (view.Options.Personas, `cjm render --persona`): only the touchpoints
// one of them meets. Stages, their content, the personas and the
// catalogues stay (so every persona keeps its colour, marker and line
// style: drawnFor says whom the builder draws), and the touchpoints keep
// their identity, so the builder can number them as the whole map does.
// Ids the map lacks are ignored (Build checks them first; a baseline may
// lack them). A nil map stays nil.
func forPersonas(m *journey.Map, ids []string) *journey.Map {
	if m == nil {
		return nil
	}
	out := *m
	out.Stages = make([]*journey.Stage, len(m.Stages))
	for i, s := range m.Stages {
		st := *s
		st.Touchpoints = nil
		for _, t := range s.Touchpoints {
			for _, id := range ids {
				if t.Meets(id) {
					st.Touchpoints = append(st.Touchpoints, t)
					break
				}
			}
		}
		out.Stages[i] = &st
	}
	return &out
}

// drawnFor makes the builder of a map drawn for some personas draw only
// theirs (curves, cards) and keep the whole map's touchpoint numbers (one
// numbering: 2.3 on the persona's map is 2.3 on the whole map and in the
// reports) and colours (a persona is drawn alike on both maps).
func (b *builder) drawnFor(full *journey.Map, ids []string) {
	if full == b.m {
		return
	}
	b.full = full
	// The colours are the whole map's: its channels, owners and personas
	// take them in one pass, so fewer touchpoints would change them.
	b.colors = view.NewColors(full)
	b.only = map[string]bool{}
	for _, id := range ids {
		b.only[id] = true
	}
	for si, s := range full.Stages {
		for ti, t := range s.Touchpoints {
			if _, ok := b.ref[t]; ok {
				b.ref[t] = journey.Ref(si, ti)
			}
		}
	}
}

// draws reports whether the map is drawn for the persona.
func (b *builder) draws(p *journey.Persona) bool { return b.only == nil || b.only[p.ID] }

// Persona cards.
const (
	cardPad    = 8.0
	cardGap    = 10.0
	cardMinW   = 160.0
	cardMaxW   = 320.0
	cardHeadH  = 4.0 // the coloured strip at the card's top
	sectionGap = 5.0
	italicRoom = 0.94 // of the width, for italic text
)

var (
	cardLabelStyle = view.Style{Size: 8, Bold: true, Color: palette.TextMuted}
	cardBodyStyle  = view.Style{Size: 9, Color: palette.Text}
	cardQuoteStyle = view.Style{Size: 9, Italic: true, Color: palette.Text}
)

// personas draws the persona chips under the title: name · role, with
// the marker of the persona's curve. A map drawn for some personas has
// their full cards there instead (personaCards), with a note that says
// which touchpoints are left out.
func (b *builder) personas() {
	if len(b.m.Personas) == 0 {
		return
	}
	if b.full != nil {
		b.personaNote()
		b.y += 4
		b.personaCards(true)
		return
	}
	x := 0.0
	rowH := 0.0
	for i, p := range b.m.Personas {
		role := ""
		if p.Role != "" {
			role = "· " + p.Role
		}
		nw := view.Ceil(laneStyle.Width(p.Name)) + 1
		rw := view.Ceil(smallStyle.Width(role)) + 1
		if role == "" {
			rw = 0
		}
		w := 20 + nw + 4 + rw + 8
		h := 20.0
		names, roles := []string{p.Name}, []string{role}
		stacked := w > b.width
		if stacked {
			// Wider than the map (issue 10: a chip wider than the grid):
			// the name and the role wrap, one under the other.
			inner := b.width - 28
			names = laneStyle.Wrap(p.Name, inner)
			roles = nil
			if role != "" {
				roles = smallStyle.Wrap(role, inner)
			}
			w = b.width
			h = view.Ceil(6 + laneStyle.Height(len(names)) + smallStyle.Height(len(roles)) + 6)
		}
		if x > 0 && x+w > b.width {
			x = 0
			b.y += rowH + 4
			rowH = 0
		}
		rowH = math.Max(rowH, h)
		color := b.personaColor(i)
		id := b.doc.ID("persona", p.ID)
		b.doc.Node(id, view.Point{X: x + w/2, Y: b.y + h/2},
			view.A("shape", "box"), view.A("style", "rounded,filled"),
			view.A("width", view.Inches(w)), view.A("height", view.Inches(h)),
			view.A("fillcolor", palette.Tint(color, 0.88)), view.A("color", color), view.A("penwidth", "0.75"),
			view.NoLabel)
		shape := b.personaMark(i)
		if stacked {
			b.marker(id+"-marker", view.Point{X: x + 11, Y: b.y + 6 + laneStyle.LineHeight()/2}, shape, 9, color, color)
			b.doc.TextAt(id+"-name", x+20, b.y+6, names, laneStyle)
			b.doc.TextAt(id+"-role", x+20, b.y+6+laneStyle.Height(len(names)), roles, smallStyle)
		} else {
			b.marker(id+"-marker", view.Point{X: x + 11, Y: b.y + h/2}, shape, 9, color, color)
			b.doc.TextAt(id+"-name", x+20, b.y+(h-laneStyle.LineHeight())/2, names, laneStyle)
			if role != "" {
				b.doc.TextAt(id+"-role", x+20+nw+4, b.y+(h-smallStyle.LineHeight())/2, roles, smallStyle)
			}
		}
		x += w + 8
	}
	b.y += rowH
}

// personaNote says for whom the map is drawn and how many of the map's
// touchpoints it shows.
func (b *builder) personaNote() {
	var names []string
	for _, p := range b.m.Personas {
		if b.draws(p) {
			names = append(names, p.Name)
		}
	}
	text := b.t("persona.note")
	for _, arg := range []string{strings.Join(names, ", "),
		i18n.Number(b.lang, float64(len(b.m.Touchpoints()))), i18n.Number(b.lang, float64(len(b.full.Touchpoints())))} {
		text = strings.Replace(text, "%s", arg, 1)
	}
	lines := smallStyle.Wrap(text, math.Min(math.Max(b.width, 400), maxTextWidth))
	b.doc.TextAt(b.doc.ID("persona", "note"), 0, b.y, lines, smallStyle)
	b.y += view.Ceil(smallStyle.Height(len(lines)))
}

// personaBand draws the persona cards (goals and quote) under the grid
// of a map drawn for everyone, when some persona has goals or a quote
// (issue 10: the persona cards in a band above or below the grid). A map
// drawn for some personas has their cards above the grid instead.
func (b *builder) personaBand() {
	if b.full != nil {
		return
	}
	any := false
	for _, p := range b.m.Personas {
		any = any || len(p.Goals) > 0 || p.Quote != ""
	}
	if !any {
		return
	}
	b.y += gap
	b.personaCards(false)
}

// card is a persona's card, laid out.
type card struct {
	p     *journey.Persona
	index int
	name  []string
	role  []string
	parts []cardPart
	h     float64
}

// cardPart is a section of a card: a label and its items, or the quote.
type cardPart struct {
	label string
	items [][]string // wrapped items, each drawn with a bullet
	quote []string
}

// personaCards draws a card per persona in rows from the lane column's
// edge to the map's, its title ("Personas") in the lane column. full
// cards hold the role, goals, needs, pains and quote; the others the
// role, goals and quote.
func (b *builder) personaCards(full bool) {
	var drawn []int // the personas drawn, by index
	for i, p := range b.m.Personas {
		if b.draws(p) {
			drawn = append(drawn, i)
		}
	}
	n := len(drawn)
	if n == 0 {
		return
	}
	avail := b.footWidth() - laneWidth
	// As many cards a row as fit at their narrowest, as wide as the row
	// lets them be.
	perRow := min(n, max(1, int((avail+cardGap)/(cardMinW+cardGap))))
	w := math.Floor(math.Min(cardMaxW, (avail-float64(perRow-1)*cardGap)/float64(perRow)))
	inner := w - 2*cardPad
	bulletW := view.Ceil(cardBodyStyle.Width("•")) + 4
	cards := make([]card, n)
	for k, i := range drawn {
		p := b.m.Personas[i]
		c := card{p: p, index: i}
		c.name = laneStyle.Wrap(p.Name, inner-14)
		if p.Role != "" {
			c.role = smallStyle.Wrap(p.Role, inner-14)
		}
		list := func(key string, items []string) {
			if len(items) == 0 {
				return
			}
			part := cardPart{label: b.t(key)}
			for _, it := range items {
				part.items = append(part.items, cardBodyStyle.Wrap(it, inner-bulletW))
			}
			c.parts = append(c.parts, part)
		}
		list("report.goals", p.Goals)
		if full {
			list("report.needs", p.Needs)
			list("pains", p.Pains)
		}
		if p.Quote != "" {
			// textmeasure knows the upright font only, and the italic one
			// draws Cyrillic some 3 % wider: wrapped with room to spare.
			c.parts = append(c.parts, cardPart{quote: cardQuoteStyle.Wrap(b.quoted(p.Quote), inner*italicRoom)})
		}
		h := cardHeadH + cardPad + laneStyle.Height(len(c.name)) + smallStyle.Height(len(c.role))
		for _, part := range c.parts {
			h += sectionGap
			if part.quote != nil {
				h += cardQuoteStyle.Height(len(part.quote))
				continue
			}
			h += cardLabelStyle.LineHeight()
			for _, it := range part.items {
				h += cardBodyStyle.Height(len(it))
			}
		}
		c.h = view.Ceil(h + cardPad)
		cards[k] = c
	}
	lines := laneStyle.Wrap(b.t("personas"), laneWidth-2*pad)
	b.doc.TextAt(b.doc.ID("personas", "title"), pad, b.y+cardPad, lines, laneStyle)
	for row := 0; row*perRow < n; row++ {
		rowCards := cards[row*perRow : min(n, (row+1)*perRow)]
		rh := 0.0
		for _, c := range rowCards {
			rh = math.Max(rh, c.h)
		}
		for j, c := range rowCards {
			b.drawCard(c, laneWidth+float64(j)*(w+cardGap), b.y, w, rh, bulletW)
		}
		b.y += rh + cardGap
	}
	b.y -= cardGap
}

func (b *builder) drawCard(c card, x, y, w, h, bulletW float64) {
	color := b.personaColor(c.index)
	id := b.doc.ID("persona", c.p.ID, "card")
	b.box(id, x, y, w, h, "#FFFFFF", color, view.A("penwidth", "1"), view.A("tooltip", c.p.Name))
	b.box(id+"-strip", x, y, w, cardHeadH, color, color)
	shape := b.personaMark(c.index)
	ty := y + cardHeadH + cardPad
	b.marker(id+"-marker", view.Point{X: x + cardPad + 5, Y: ty + laneStyle.LineHeight()/2}, shape, 9, color, color)
	tx := x + cardPad + 14
	b.doc.TextAt(id+"-name", tx, ty, c.name, laneStyle)
	ty += laneStyle.Height(len(c.name))
	b.doc.TextAt(id+"-role", tx, ty, c.role, smallStyle)
	ty += smallStyle.Height(len(c.role))
	tx = x + cardPad
	for k, part := range c.parts {
		ty += sectionGap
		pid := id + "-" + strconv.Itoa(k+1)
		if part.quote != nil {
			b.doc.TextAt(pid, tx, ty, part.quote, cardQuoteStyle)
			ty += cardQuoteStyle.Height(len(part.quote))
			continue
		}
		b.doc.TextAt(pid+"-label", tx, ty, []string{part.label}, cardLabelStyle)
		ty += cardLabelStyle.LineHeight()
		var text, bullets []string
		for _, it := range part.items {
			text = append(text, it...)
			bullets = append(bullets, "•")
			for range it[1:] {
				bullets = append(bullets, "")
			}
		}
		b.doc.TextAt(pid+"-bullets", tx, ty, bullets, view.Style{Size: cardBodyStyle.Size, Color: palette.TextMuted})
		b.doc.TextAt(pid, tx+bulletW, ty, text, cardBodyStyle)
		ty += cardBodyStyle.Height(len(text))
	}
}

// quoted puts text between the map language's quotation marks, unless it
// is quoted already (a persona's quote often is: «…», “…”, "…").
func (b *builder) quoted(text string) string {
	text = strings.TrimSpace(text)
	if r, _ := utf8.DecodeRuneInString(text); strings.ContainsRune("\"'«“„‘‹", r) {
		return text
	}
	return b.t("quote.open") + text + b.t("quote.close")
}
