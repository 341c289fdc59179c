package flowview

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Geometry, in points.
const (
	cardW        = 160.0
	clusterPad   = 8.0    // dot's cluster margin
	channelInset = 3.0    // keep back edges off the nodes beside a gap
	laneStep     = 9.0    // between lanes of steps back without labels
	laneStepText = 22.0   // … with labels
	margin       = 40.0   // left of the first rank, room for a channel
	maxLabels    = 40     // label steps back only when there are few
	minTextW     = 500.0  // the title and legend's width over a narrow flow
	maxTextW     = 1400.0 // … over a wide one (lines a reader can follow)
	titleStep    = 50.0   // widening a title that needs more lines
)

var (
	titleStyle = view.Style{Size: 18, Bold: true, Color: palette.Text}
	stageStyle = view.Style{Size: 11, Bold: true, Color: palette.Text}
	nameStyle  = view.Style{Size: 9.5, Bold: true, Color: palette.Text}
	refStyle   = view.Style{Size: 8.5, Bold: true, Color: palette.TextMuted}
	barStyle   = view.Style{Size: 8.5, Bold: true}
	ownerStyle = view.Style{Size: 8, Color: palette.TextMuted}
	// ownerMarkW is the room of the owner's coloured mark before its name.
	ownerMarkW   = view.Ceil(ownerStyle.Width(view.OwnerMark)) + 3
	emoStyle     = view.Style{Size: 8.5, Bold: true}
	backStyle    = view.Style{Size: 8, Color: "#8A3A0E"}
	skipStyle    = view.Style{Size: 8, Color: "#24506F"}
	legendStyle  = view.Style{Size: 9, Color: palette.Text}
	legendTitle  = view.Style{Size: 9, Bold: true, Color: palette.Text}
	noteStyle    = view.Style{Size: 10, Italic: true, Color: palette.TextMuted}
	withinStyle  = view.Style{Size: 8.5, Color: palette.TextMuted}
	pairStyle    = view.Style{Size: 8.5, Bold: true, Color: palette.Text}
	backColor    = "#B3541E"
	skipColor    = "#2F6690" // a skip ahead between stages
	forwardColor = "#4D5561"
	seqColor     = "#9AA3AE" // the sequence arrows: lighter than a link
)

// Build returns the flow view of m as DOT (layout nop2, every position
// given). lay lays out the forward graph with dot; with a nil lay, or a map
// bigger than opts.MaxFlowLayout, the touchpoints go on a grid instead.
func Build(ctx context.Context, m *journey.Map, opts view.Options, lay view.Layouter) ([]byte, error) {
	if m == nil {
		return nil, errors.New("flowview: no map")
	}
	if len(m.Stages) == 0 {
		return nil, errors.New("flowview: the map has no stages (a catalogue is not drawn)")
	}
	if err := opts.CheckSize(m); err != nil {
		return nil, err
	}
	b := newBuilder(m, opts)
	max := opts.MaxFlowLayout
	if max == 0 {
		max = view.DefaultMaxFlowLayout
	}
	if b.simplified {
		// Dot's cost grows with the links: a simplified flow goes on the
		// grid whatever its size.
		b.gridLayout()
	} else if lay != nil && len(b.tps) > 0 && len(b.tps) <= max {
		if err := b.dotLayout(ctx, lay); err != nil {
			return nil, err
		}
	} else {
		b.gridLayout()
		b.degraded = len(b.tps) > 0 && (lay != nil || max < 0)
	}
	return b.emit(), nil
}

type builder struct {
	m      *journey.Map
	ix     *journey.Index
	colors *view.Colors
	lang   string
	doc    *view.Doc

	tps     []*journey.Touchpoint
	byID    map[string]int
	stageOf []int
	ref     []string
	cards   []card
	fwd     [][2]int // edges to later touchpoints, in source order
	back    [][2]int // edges to the same or an earlier touchpoint
	// seq are the sequence arrows of a map without any `next` link: each
	// touchpoint to the one after it in the file, within and across
	// stages (issue 10: such a flow was disconnected boxes). They stand
	// for the order of the file, not a customer's path, and are drawn
	// thin, dotted and grey; a map with links gets none.
	seq [][2]int

	// A simplified flow (more links than Options.MaxFlowEdges) draws no
	// link by itself (fwd and back are empty) but one arrow per pair of
	// stages, with the number of links.
	simplified bool
	links      int    // the links of the map, counted once each
	pairs      []pair // the pairs of different stages drawn, most links first
	omitted    int    // pairs of stages not drawn (past maxPairs)
	within     []int  // per stage, links between its own touchpoints

	// Layout, in points with y down.
	pos      []view.Point // card centres
	routes   map[[2]int][]view.Point
	tips     map[[2]int]view.Point // where an arrow routed here ends (routeAcross)
	boxes    []rect                // per stage; empty when the stage has no touchpoints
	headers  []header
	degraded bool
}

// card is a touchpoint laid out: a bar in the channel's colour with the
// evidence dots and the channel's name, the reference and name, the
// emotion value, and the owner's name in the owner's colour.
type card struct {
	chColor, chInk string
	chLines        []string // the channel's name, wrapped (never cut)
	bar            float64  // the channel bar's height
	chRTL          bool
	ownColor       string
	name, owner    []string
	emo            string
	emoColor       string
	nameH, ownH    float64
	h              float64
}

// pair is the links from the touchpoints of one stage to those of another.
type pair struct{ from, to, n int }

// maxPairs bounds the arrows of a simplified flow: the pairs of stages
// with the most links are drawn, the note counts the others.
const maxPairs = 100

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) empty() bool { return r.x1 <= r.x0 }

type header struct {
	lines  []string
	within string // a simplified flow's count of links within the stage
	w, h   float64
}

func newBuilder(m *journey.Map, opts view.Options) *builder {
	lang := m.Lang
	if lang == "" {
		lang = i18n.Default
	}
	b := &builder{
		m:      m,
		ix:     journey.NewIndex(m),
		colors: opts.Colors(m),
		lang:   lang,
		// The prefix is used as given: pkg/render.IDPrefix adds the view's
		// name, which keeps the ids apart from the map view's when both
		// diagrams of one map share an HTML page.
		doc:    &view.Doc{Prefix: opts.Prefix(m), Title: m.Title},
		byID:   map[string]int{},
		routes: map[[2]int][]view.Point{},
		tips:   map[[2]int]view.Point{},
	}
	for si, s := range m.Stages {
		for ti, t := range s.Touchpoints {
			if _, dup := b.byID[t.ID]; dup {
				continue
			}
			b.byID[t.ID] = len(b.tps)
			b.tps = append(b.tps, t)
			b.stageOf = append(b.stageOf, si)
			b.ref = append(b.ref, journey.Ref(si, ti))
		}
	}
	// A link (i, j) can only come from touchpoint i, so duplicates are
	// found per touchpoint.
	seen := map[int]bool{}
	for i, t := range b.tps {
		clear(seen)
		for _, n := range t.Next {
			j, ok := b.byID[n]
			if !ok || seen[j] {
				continue
			}
			seen[j] = true
			if j > i {
				b.fwd = append(b.fwd, [2]int{i, j})
			} else {
				b.back = append(b.back, [2]int{i, j})
			}
		}
	}
	b.links = len(b.fwd) + len(b.back)
	if b.links == 0 {
		for i := 1; i < len(b.tps); i++ {
			b.seq = append(b.seq, [2]int{i - 1, i})
		}
	}
	if opts.SimplifyFlow(b.links, len(b.tps)) {
		b.aggregate()
	}
	for i, t := range b.tps {
		b.cards = append(b.cards, b.card(i, t))
	}
	for i, s := range m.Stages {
		name := strconv.Itoa(i+1) + "  " + s.Name
		lines := stageStyle.Wrap(name, cardW)
		hd := header{lines: lines, w: cardW, h: view.Ceil(stageStyle.Height(len(lines)))}
		if b.simplified && b.within[i] > 0 {
			hd.within = withinStyle.Ellipsize(strings.Replace(b.t("flow.within"), "%s", i18n.Number(b.lang, float64(b.within[i])), 1), cardW)
			hd.h += view.Ceil(withinStyle.LineHeight()) + 2
		}
		b.headers = append(b.headers, hd)
	}
	return b
}

// aggregate turns the links into one count per pair of stages, for a
// simplified flow (issue 9 #5): the pairs with the most links are kept
// (at most maxPairs, ties in stage order), links within a stage are
// counted per stage. Linear in the links: the counts are a dense table
// when the stages are few enough, and the kept pairs a short sorted list.
func (b *builder) aggregate() {
	b.simplified = true
	ns := len(b.m.Stages)
	b.within = make([]int, ns)
	var dense []int32
	var sparse map[[2]int]int
	if ns*ns <= 1<<22 {
		dense = make([]int32, ns*ns)
	} else {
		sparse = map[[2]int]int{}
	}
	for _, list := range [][][2]int{b.fwd, b.back} {
		for _, e := range list {
			fs, ts := b.stageOf[e[0]], b.stageOf[e[1]]
			switch {
			case fs == ts:
				b.within[fs]++
			case dense != nil:
				dense[fs*ns+ts]++
			default:
				sparse[[2]int{fs, ts}]++
			}
		}
	}
	b.fwd, b.back = nil, nil
	before := func(p, q pair) bool {
		if p.n != q.n {
			return p.n > q.n
		}
		if p.from != q.from {
			return p.from < q.from
		}
		return p.to < q.to
	}
	total := 0
	keep := func(p pair) {
		total++
		if len(b.pairs) == maxPairs && !before(p, b.pairs[maxPairs-1]) {
			return
		}
		i := sort.Search(len(b.pairs), func(i int) bool { return before(p, b.pairs[i]) })
		if len(b.pairs) < maxPairs {
			b.pairs = append(b.pairs, pair{})
		}
		copy(b.pairs[i+1:], b.pairs[i:])
		b.pairs[i] = p
	}
	if dense != nil {
		for k, n := range dense {
			if n > 0 {
				keep(pair{from: k / ns, to: k % ns, n: int(n)})
			}
		}
	} else {
		for k, n := range sparse {
			keep(pair{from: k[0], to: k[1], n: n})
		}
	}
	b.omitted = total - len(b.pairs)
}

func (b *builder) t(key string) string { return i18n.T(b.lang, key) }

func (b *builder) nodeID(i int) string { return b.doc.ID("tp", b.tps[i].ID) }

// Card geometry.
const (
	barH      = 12.0 // the channel bar of a one-line channel name
	textInset = 7.0
	emoW      = 30.0
	padV      = 3.0
	// starSize is the moment-of-truth star, inside the channel bar at its
	// right end: edges end on the card's border, so none crosses it
	// (issue 10: edges left through a star on the card's corner).
	starSize = 11.0
)

func (b *builder) card(i int, t *journey.Touchpoint) card {
	textW := cardW - textInset - 4
	bd := b.colors.Badge(b.ix, t, b.t("legend.no_channel"))
	c := card{chColor: bd.ChannelColor, chInk: bd.ChannelInk, ownColor: bd.OwnerColor}
	// The channel's name wraps (never "…", issue 10), the bar growing a
	// line for each line more; the star keeps the right end of every line.
	chW := cardW - 2*textInset - 2
	if t.IsMomentOfTruth() {
		chW -= starSize + 2 // the star sits at the bar's right end
	}
	c.chLines = barStyle.Wrap(bd.ChannelName, chW)
	c.bar = view.Ceil(barH + barStyle.Height(max(len(c.chLines)-1, 0)))
	c.chRTL = view.IsRTL(bd.ChannelName)
	if lo, ok := t.Emotion.Min(); ok {
		hi, _ := t.Emotion.Max()
		mean, _ := t.Emotion.Mean()
		c.emo = signed(lo, b.lang)
		if hi != lo {
			c.emo += "…" + signed(hi, b.lang)
		}
		c.emoColor = palette.Darken(palette.Emotion(mean), 0.15)
	}
	nameW := textW
	if c.emo != "" {
		nameW -= emoW + 4
	}
	c.name = nameStyle.Wrap(b.ref[i]+"  "+t.Name, nameW)
	c.nameH = view.Ceil(nameStyle.Height(len(c.name)))
	if bd.Owner != "" {
		ow := textW
		if bd.OwnerColor != "" {
			ow -= ownerMarkW
		}
		c.owner = ownerStyle.Wrap(bd.Owner, ow)
		c.ownH = view.Ceil(ownerStyle.Height(len(c.owner))) + 2
	}
	c.h = c.bar + padV + c.nameH + c.ownH + padV + 1
	return c
}

// drawCard adds the nodes of card i; the card's own node has the
// touchpoint's id, and edges end on it.
func (b *builder) drawCard(i int) {
	t, c, p := b.tps[i], b.cards[i], b.pos[i]
	x, y := p.X-cardW/2, p.Y-c.h/2
	border, pen := "#7D8694", "1"
	if t.IsMomentOfTruth() {
		border, pen = view.MomentBorder, view.MomentPen
	}
	id := b.nodeID(i)
	// One node draws the card and its channel bar (a two-colour fill); the
	// channel's name is a node of its own over the bar, left-aligned or,
	// right to left, right-aligned short of the star (issue 10).
	frac := math.Round(c.bar/c.h*1000) / 1000
	b.doc.Node(id, p,
		view.A("shape", "box"), view.A("style", "filled"),
		view.A("fillcolor", c.chColor+";"+view.Num(frac)+":"+fillOf(t)), view.A("gradientangle", "270"),
		view.A("width", view.Inches(cardW)), view.A("height", view.Inches(c.h)),
		view.A("color", border), view.A("penwidth", pen),
		view.NoLabel, view.A("tooltip", b.tooltip(i)))
	bst := barStyle
	bst.Color = c.chInk
	by := y + (c.bar-barStyle.Height(len(c.chLines)))/2
	if c.chRTL {
		xr := x + cardW - textInset
		if t.IsMomentOfTruth() {
			xr -= starSize + 2
		}
		b.doc.TextRightAt(id+"-channel", xr, by, c.chLines, bst)
	} else {
		b.doc.TextAt(id+"-channel", x+textInset, by, c.chLines, bst)
	}
	tx, ty := x+textInset, y+c.bar+padV
	// Right-to-left names and owners are right-aligned (issue 10).
	nameR := x + cardW - 4
	if c.emo != "" {
		nameR -= emoW + 4
	}
	if view.IsRTL(t.Name) {
		b.doc.TextRightAt(id+"-name", nameR, ty, c.name, nameStyle)
	} else {
		b.doc.TextAt(id+"-name", tx, ty, c.name, nameStyle)
	}
	if c.emo != "" {
		st := emoStyle
		st.Color = c.emoColor
		b.doc.Centred(id+"-emotion", x+cardW-4-emoW/2, ty, []string{c.emo}, st)
	}
	if c.ownH > 0 && view.IsRTL(c.owner[0]) {
		// The mark on the right, where an RTL line starts.
		ox := x + cardW - textInset
		if c.ownColor != "" {
			mst := ownerStyle
			mst.Color = c.ownColor
			b.doc.TextRightAt(id+"-owner-mark", ox, ty+c.nameH+1, []string{view.OwnerMark}, mst)
			ox -= ownerMarkW
		}
		b.doc.TextRightAt(id+"-owner", ox, ty+c.nameH+1, c.owner, ownerStyle)
	} else if c.ownH > 0 {
		ox := tx
		if c.ownColor != "" {
			mst := ownerStyle
			mst.Color = c.ownColor
			b.doc.TextAt(id+"-owner-mark", tx, ty+c.nameH+1, []string{view.OwnerMark}, mst)
			ox += ownerMarkW
		}
		b.doc.TextAt(id+"-owner", ox, ty+c.nameH+1, c.owner, ownerStyle)
	}
	if t.IsMomentOfTruth() {
		b.star(id+"-mot", view.Point{X: x + cardW - 3 - starSize/2, Y: y + barH/2 + 0.5}, starSize)
	}
}

// fillOf tints a pain point and a point of delight; by the emotion's mean
// when there is one, else by pains and delights.
func fillOf(t *journey.Touchpoint) string {
	if mean, ok := t.Emotion.Mean(); ok {
		switch {
		case mean < 0:
			return palette.PainTint
		case mean > 0:
			return palette.DelightTint
		}
		if t.IsPain() {
			return palette.PainTint
		}
		return "#FFFFFF"
	}
	switch {
	case len(t.Pains) > 0:
		return palette.PainTint
	case len(t.Delights) > 0:
		return palette.DelightTint
	}
	return "#FFFFFF"
}

func signed(v float64, lang string) string { return i18n.Signed(lang, v) }

// dotLayout runs the first pass: dot on the forward graph, clusters per
// stage, then reads the positions.
func (b *builder) dotLayout(ctx context.Context, lay view.Layouter) error {
	src := b.forwardDOT()
	out, err := lay.Render(ctx, src, "dot", "plain")
	if err != nil {
		return fmt.Errorf("flowview: laying out the forward graph: %w", err)
	}
	pl, err := parsePlain(out)
	if err != nil {
		return fmt.Errorf("flowview: reading the layout: %w", err)
	}
	b.pos = make([]view.Point, len(b.tps))
	for i := range b.tps {
		n, ok := pl.nodes["n"+strconv.Itoa(i)]
		if !ok {
			return fmt.Errorf("flowview: the layout lost touchpoint %s", b.tps[i].ID)
		}
		b.pos[i] = view.Point{X: n.x + margin, Y: pl.height - n.y}
	}
	for _, e := range append(append([][2]int(nil), b.fwd...), b.seq...) {
		tail, head := e[0], e[1]
		pts, ok := pl.edges[[2]string{"n" + strconv.Itoa(tail), "n" + strconv.Itoa(head)}]
		if !ok || len(pts) < 4 {
			continue
		}
		route := make([]view.Point, len(pts))
		for k, p := range pts {
			route[k] = view.Point{X: p.x + margin, Y: pl.height - p.y}
		}
		b.routes[e] = route
	}
	b.clusterBoxes()
	b.routeAcross()
	return nil
}

// forwardDOT is the first pass: the forward edges only, so dot's layout
// stays near linear. Edges between touchpoints of one stage do not
// constrain the ranks (constraint=false), so a stage's touchpoints stack in
// one column instead of stretching the picture to one rank per touchpoint;
// a heavy invisible edge between the first touchpoints of consecutive
// stages keeps the stages in order and their tops level.
func (b *builder) forwardDOT() []byte {
	var s strings.Builder
	s.WriteString("digraph flow {\n")
	s.WriteString(`graph [rankdir="LR" ranksep="0.7" nodesep="0.3" outputorder="nodesfirst"]` + "\n")
	s.WriteString(`node [shape="box" fixedsize="true" label="x" fontname="Helvetica"]` + "\n")
	var firsts []int
	for si := range b.m.Stages {
		var members []int
		for i := range b.tps {
			if b.stageOf[i] == si {
				members = append(members, i)
			}
		}
		if len(members) == 0 {
			continue
		}
		hd := b.headers[si]
		fmt.Fprintf(&s, "subgraph cluster_%d {\ngraph [label=<%s> margin=\"%s\"]\n", si,
			view.TextBlock(hd.w, hd.h+4, "", "LEFT"), view.Num(clusterPad))
		// Declared last to first: in a left-to-right layout dot stacks a
		// rank's nodes from the bottom up in the order it meets them.
		for k := len(members) - 1; k >= 0; k-- {
			i := members[k]
			fmt.Fprintf(&s, "n%d [width=%s height=%s]\n", i, view.Inches(cardW), view.Inches(b.cards[i].h))
		}
		s.WriteString("}\n")
		firsts = append(firsts, members[0])
	}
	for _, e := range append(append([][2]int(nil), b.fwd...), b.seq...) {
		if b.stageOf[e[0]] == b.stageOf[e[1]] {
			fmt.Fprintf(&s, "n%d -> n%d [constraint=false]\n", e[0], e[1])
			continue
		}
		// Out of the card's right side, into the next one's left: clear
		// of the star at the top right (issue 10).
		fmt.Fprintf(&s, "n%d -> n%d [tailport=\"e\" headport=\"w\"]\n", e[0], e[1])
	}
	for k := 1; k < len(firsts); k++ {
		fmt.Fprintf(&s, "n%d -> n%d [style=\"invis\" weight=\"%s\"]\n", firsts[k-1], firsts[k], "100")
	}
	s.WriteString("}\n")
	return []byte(s.String())
}

// clusterBoxes puts a box round each stage's touchpoints, with room above
// for the stage's name (dot reserved it, as the cluster's label).
func (b *builder) clusterBoxes() {
	b.boxes = make([]rect, len(b.m.Stages))
	for i := range b.boxes {
		b.boxes[i] = rect{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	}
	for i, p := range b.pos {
		r := &b.boxes[b.stageOf[i]]
		h := b.cards[i].h
		r.x0 = math.Min(r.x0, p.X-cardW/2)
		r.x1 = math.Max(r.x1, p.X+cardW/2)
		r.y0 = math.Min(r.y0, p.Y-h/2)
		r.y1 = math.Max(r.y1, p.Y+h/2)
	}
	for i := range b.boxes {
		r := &b.boxes[i]
		if math.IsInf(r.x0, 1) {
			*r = rect{}
			continue
		}
		r.x0 -= clusterPad
		r.x1 += clusterPad
		r.y0 -= clusterPad + b.headers[i].h + 4
		r.y1 += clusterPad
	}
}

// gridLayout places the touchpoints without dot: a column per stage, in
// order, for maps too big for a readable flow.
func (b *builder) gridLayout() {
	b.pos = make([]view.Point, len(b.tps))
	x := margin
	col := -1
	y := 0.0
	top := 0.0
	for _, h := range b.headers {
		if h.h > top {
			top = h.h
		}
	}
	top += clusterPad + 4
	for i := range b.tps {
		if b.stageOf[i] != col {
			if col >= 0 {
				x += cardW + 2*clusterPad + 50
			}
			col = b.stageOf[i]
			y = top + clusterPad
		}
		h := b.cards[i].h
		b.pos[i] = view.Point{X: x + clusterPad + cardW/2, Y: y + h/2}
		y += h + 14
	}
	for _, e := range append(append([][2]int(nil), b.fwd...), b.seq...) {
		p, q := b.pos[e[0]], b.pos[e[1]]
		hp, hq := b.cards[e[0]].h, b.cards[e[1]].h
		var a, z view.Point
		if q.X > p.X {
			a, z = view.Point{X: p.X + cardW/2, Y: p.Y}, view.Point{X: q.X - cardW/2, Y: q.Y}
		} else {
			a, z = view.Point{X: p.X, Y: p.Y + hp/2}, view.Point{X: q.X, Y: q.Y - hq/2}
		}
		line, _ := view.Shorten([]view.Point{a, z}, 7)
		b.routes[e] = view.Line(line[0], line[1])
	}
	b.clusterBoxes()
	b.routeAcross()
}

// columnsOf groups the cards by their x (a rank of dot's layout, or a
// grid column): it returns the columns' x, left to right, and each card's
// column.
func (b *builder) columnsOf() (xs []float64, col []int) {
	rounded := make([]float64, 0, len(b.pos))
	for _, p := range b.pos {
		rounded = append(rounded, math.Round(p.X*2)/2)
	}
	uniq := append([]float64(nil), rounded...)
	sort.Float64s(uniq)
	k := 0
	for _, x := range uniq {
		if k == 0 || x-uniq[k-1] > 1 {
			uniq[k] = x
			k++
		}
	}
	uniq = uniq[:k]
	col = make([]int, len(b.pos))
	for i, x := range rounded {
		c := sort.SearchFloat64s(uniq, x-1)
		if c >= len(uniq) {
			c = len(uniq) - 1
		}
		col[i] = c
	}
	return uniq, col
}

// columns returns, per card, the x of the free gaps left and right of its
// column.
func (b *builder) columns() (left, right []float64) {
	uniq, col := b.columnsOf()
	left, right = make([]float64, len(b.pos)), make([]float64, len(b.pos))
	for i, c := range col {
		if c > 0 {
			left[i] = (uniq[c-1] + uniq[c]) / 2
		} else {
			left[i] = uniq[c] - cardW/2 - margin/2
		}
		if c < len(uniq)-1 {
			right[i] = (uniq[c] + uniq[c+1]) / 2
		} else {
			right[i] = uniq[c] + cardW/2 + margin/2
		}
	}
	return left, right
}

// routeAcross routes the links and sequence arrows between the cards of
// neighbouring columns (from one stage to the next) itself, at right
// angles: out of the middle of the card's right side, to a leg of its own
// in the gap between the columns, along it, and into the middle of the
// other card's left side (issue 10: dot's curves, and the sequence arrow
// from the last card of a stage to the first of the next, ran across the
// text of other cards). The gap holds no card, and the sides' middles are
// clear of the star in the bar. The legs of one gap stand apart, ordered
// by where their arrows leave and arrive. Other links keep dot's routes
// (or the grid's lines).
func (b *builder) routeAcross() {
	if len(b.pos) == 0 {
		return
	}
	xs, col := b.columnsOf()
	gaps := map[int][][2]int{}
	for _, list := range [][][2]int{b.fwd, b.seq} {
		for _, e := range list {
			i, j := e[0], e[1]
			if b.stageOf[i] != b.stageOf[j] && col[j] == col[i]+1 {
				gaps[col[i]] = append(gaps[col[i]], e)
			}
		}
	}
	for c, es := range gaps {
		sort.SliceStable(es, func(a, z int) bool {
			pa, pz := b.pos[es[a][0]], b.pos[es[z][0]]
			if pa.Y != pz.Y {
				return pa.Y < pz.Y
			}
			return b.pos[es[a][1]].Y < b.pos[es[z][1]].Y
		})
		x0, x1 := xs[c]+cardW/2, xs[c+1]-cardW/2 // the gap between the cards
		mid := (x0 + x1) / 2
		room := math.Max(x1-x0-2*clusterPad-8, 0) // inside the stage boxes' padding
		step := 5.0
		if n := len(es); n > 1 {
			step = math.Min(step, room/float64(n-1))
		}
		for k, e := range es {
			p, q := b.pos[e[0]], b.pos[e[1]]
			x := mid + (float64(k)-float64(len(es)-1)/2)*step
			a, z := view.Point{X: p.X + cardW/2, Y: p.Y}, view.Point{X: q.X - cardW/2, Y: q.Y}
			pts := []view.Point{a, z}
			if math.Abs(p.Y-q.Y) >= 1 {
				pts = []view.Point{a, {X: x, Y: p.Y}, {X: x, Y: q.Y}, z}
			}
			l := 8.0
			if len(b.seq) > 0 {
				l = 6
			}
			pts, tip := view.Shorten(pts, l)
			b.routes[e] = view.Polyline(pts, 5)
			b.tips[e] = tip
		}
	}
}
