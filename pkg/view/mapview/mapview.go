package mapview

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/kpi"
	"github.com/cjm-dev/cjm/pkg/mdtext"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Geometry, in points.
const (
	pad          = 6.0   // inside a cell
	laneWidth    = 118.0 // the lane name column
	defaultCol   = 180.0
	minCol       = 90.0
	gap          = 10.0   // between the blocks of the page
	maxTextWidth = 1400.0 // the widest block of text
	itemGap      = 4.0    // between the items of a cell
	chipGap      = 6.0    // between touchpoint chips
	emotionH     = 150.0
	emotionInset = 16.0 // between the lane's edge and ±2
)

// Text styles.
var (
	titleStyle  = view.Style{Size: 20, Bold: true, Color: palette.Text}
	headStyle   = view.Style{Size: 11, Bold: true, Color: palette.Text}
	numStyle    = view.Style{Size: 11, Bold: true, Color: palette.TextMuted}
	laneStyle   = view.Style{Size: 10, Bold: true, Color: palette.Text}
	bodyStyle   = view.Style{Size: 10, Color: palette.Text}
	quoteStyle  = view.Style{Size: 10, Italic: true, Color: palette.Text}
	smallStyle  = view.Style{Size: 8.5, Color: palette.TextMuted}
	nameStyle   = view.Style{Size: 9.5, Bold: true, Color: palette.Text}
	bulletStyle = view.Style{Size: 10, Color: palette.TextMuted}
	refStyle    = view.Style{Size: 10, Color: palette.TextMuted}
	phaseStyle  = view.Style{Size: 9, Bold: true, Color: palette.Text}
	descStyle   = view.Style{Size: 10.5, Color: palette.TextMuted}
)

// Build returns the journey map of m as DOT. The DOT asks for the nop2
// layout (view.Engine): every position is given.
func Build(m *journey.Map, opts view.Options) ([]byte, error) {
	if m == nil {
		return nil, errors.New("mapview: no map")
	}
	if len(m.Stages) == 0 {
		return nil, errors.New("mapview: the map has no stages (a catalogue is not drawn)")
	}
	if err := opts.CheckSize(m); err != nil {
		return nil, err
	}
	full := m
	if len(opts.Personas) > 0 {
		if err := view.CheckPersonas(m, opts.Personas); err != nil {
			return nil, err
		}
		m = forPersonas(m, opts.Personas)
		opts.Baseline = forPersonas(opts.Baseline, opts.Personas)
	}
	b := newBuilder(m, opts)
	b.drawnFor(full, opts.Personas)
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
		view.A("arrowsize", "0.7"),
	}), nil
}

type builder struct {
	m      *journey.Map
	ix     *journey.Index
	colors *view.Colors
	lang   string
	doc    *view.Doc

	cw    float64 // stage column width
	width float64 // laneWidth + stages × cw
	y     float64 // the top of the next block

	ref        map[*journey.Touchpoint]string  // "2.1": stage 2, touchpoint 1
	tpX        map[*journey.Touchpoint]float64 // x of the touchpoint in the emotion chart
	perPersona bool
	anchored   bool
	emotion    *emotionLane // nil when the map has no emotions
	gridTop    float64
	rules      []float64 // y of the horizontal rules of the grid
	// series are the metrics' histories (kpi.FromMap): a KPI with two
	// points or more shows its sparkline.
	series map[*journey.Metric]*kpi.Series
	// baseline is the version compared with (nil: none).
	baseline *baseline
	// colLeft are the stage columns' left edges and, last, the grid's
	// right edge (placeColumns).
	colLeft []float64
	// cardRows is the most touchpoint cards a stage stacks in one column
	// (cardRows).
	cardRows int
	// notes are the footnotes of the cards (footnotes.go), nil until
	// first asked for.
	notes *noteList
	// markShapes says whether personas are marked by their curve's
	// shape (personaMark), nil until first asked.
	markShapes *bool
	// full is the map before view.Options.Personas chose from it, and
	// only those personas' ids (both nil: the map is drawn for everyone).
	full  *journey.Map
	only  map[string]bool
	theme *view.Theme
}

func newBuilder(m *journey.Map, opts view.Options) *builder {
	cw := opts.ColumnWidth
	if cw == 0 {
		cw = defaultCol
	}
	if cw < minCol {
		cw = minCol
	}
	cw = view.Ceil(cw)
	lang := m.Lang
	if lang == "" {
		lang = i18n.Default
	}
	b := &builder{
		m:          m,
		ix:         journey.NewIndex(m),
		colors:     opts.Colors(m),
		lang:       lang,
		doc:        &view.Doc{Prefix: opts.Prefix(m), Title: m.Title},
		cw:         cw,
		ref:        make(map[*journey.Touchpoint]string),
		tpX:        make(map[*journey.Touchpoint]float64),
		perPersona: m.PerPersonaEmotion(),
		series:     kpi.BySeries(kpi.FromMap(m, kpi.Options{})),
		baseline:   newBaseline(m, opts.Baseline, opts.BaselineName),
		theme:      opts.Theme,
	}
	b.placeColumns()
	b.doc.Left, b.doc.Right = 0, b.width // text nodes do not widen the page (view.Doc)
	return b
}

func (b *builder) t(key string) string { return i18n.T(b.lang, key) }

// colX returns the left edge of stage column i.
func (b *builder) colX(i int) float64 { return b.colLeft[i] }

// layout lays out the page top to bottom.
func (b *builder) layout() {
	b.title()
	b.baselineNote()
	b.personas()
	b.y += gap
	b.phases()
	b.headers()
	for _, l := range b.lanes() {
		l.draw(b)
		b.rules = append(b.rules, b.y)
	}
	b.stepsBack()
	b.grid()
	b.footnotes()
	b.personaBand()
	b.legend()
	b.brand(b.theme)
}

// box adds a rectangle without text.
func (b *builder) box(id string, x, y, w, h float64, fill, color string, extra ...view.Attr) {
	attrs := []view.Attr{
		view.A("shape", "box"),
		view.A("width", view.Inches(w)),
		view.A("height", view.Inches(h)),
		view.A("color", color),
		view.A("penwidth", "0.75"),
	}
	if fill != "" {
		attrs = append(attrs, view.A("style", "filled"), view.A("fillcolor", fill))
	}
	attrs = append(attrs, view.NoLabel)
	b.doc.Node(id, view.Point{X: x + w/2, Y: y + h/2}, append(attrs, extra...)...)
}

// labelBox adds a filled rectangle with lines of text at its top left,
// inset by pad.
func (b *builder) labelBox(id string, x, y, w, h float64, fill string, lines []string, st view.Style, extra ...view.Attr) {
	attrs := []view.Attr{
		view.A("shape", "box"),
		view.A("width", view.Inches(w)),
		view.A("height", view.Inches(h)),
		view.A("color", palette.Rule),
		view.A("penwidth", "0.75"),
		view.A("style", "filled"),
		view.A("fillcolor", fill),
		view.A("margin", view.Inches(pad)+","+view.Inches(pad)),
		view.A("labelloc", "t"),
		view.Text(lines, false),
	}
	attrs = append(attrs, st.Font(palette.Text)...)
	b.doc.Node(id, view.Point{X: x + w/2, Y: y + h/2}, append(attrs, extra...)...)
}

// anchor returns the two invisible nodes that decoration edges (grid
// lines, arcs) hang from; their route is given, so their ends do not
// matter.
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

// rule draws a line of the grid (or of a chart) from p to q.
func (b *builder) rule(id string, p, q view.Point, extra ...view.Attr) {
	ta, tz := b.anchor()
	b.doc.Edge(id, ta, tz, view.Line(p, q), nil, extra...)
}

// grid draws the rules between the lanes and the stage columns, from the
// stage headers to the last lane.
func (b *builder) grid() {
	if len(b.rules) == 0 {
		return
	}
	bottom := b.rules[len(b.rules)-1]
	for i, y := range b.rules {
		b.rule(b.doc.ID("grid", "h", strconv.Itoa(i)), view.Point{X: laneWidth, Y: y}, view.Point{X: b.width, Y: y})
	}
	for i := 1; i <= len(b.m.Stages); i++ {
		x := b.colX(i)
		b.rule(b.doc.ID("grid", "v", strconv.Itoa(i)), view.Point{X: x, Y: b.gridTop}, view.Point{X: x, Y: bottom})
	}
}

// titleSizes are the sizes the title is tried in, largest first: it takes
// the first at which it fits in maxTitleLines lines of the grid's width,
// else the last (the floor), in as many lines as it needs (text is never
// cut).
var titleSizes = view.TitleSizes

const maxTitleLines = view.MaxTitleLines

// textWidth is the width of the blocks of text above and below the grid:
// the grid's (the lane-title column and every stage column), at most
// maxTextWidth.
func (b *builder) textWidth() float64 { return math.Min(b.width, maxTextWidth) }

// titleLines returns the title wrapped to the grid's width and its style.
func (b *builder) titleLines() ([]string, view.Style) {
	return view.FitTitle(nonEmpty(b.m.Title), titleStyle, b.textWidth())
}

// title draws the title and, under it, the first paragraph of the
// description as plain text (mdtext.FirstParagraph: the map cannot draw
// Markdown; the reports show the whole description).
func (b *builder) title() {
	w := b.textWidth()
	lines, st := b.titleLines()
	b.doc.TextIn(b.doc.ID("title"), 0, b.y, w, lines, st)
	b.y += view.Ceil(st.Height(len(lines))) + 6
	if d := mdtext.FirstParagraph(b.m.Description); d != "" {
		lines := descStyle.Wrap(d, w)
		b.doc.TextIn(b.doc.ID("description"), 0, b.y, w, lines, descStyle)
		b.y += view.Ceil(descStyle.Height(len(lines))) + 6
	}
}

func nonEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return " "
	}
	return s
}

// personaShapes are the markers of the per-persona emotion curves (and of
// the persona chips), so a curve is told apart without its colour.
var personaShapes = []string{"circle", "box", "diamond", "triangle", "invtriangle", "pentagon", "hexagon", "octagon"}

// personaStyles are the line styles of the per-persona curves.
var personaStyles = []string{"solid", "dashed", "dotted", "solid", "dashed", "dotted", "solid", "dashed"}

// personaColor is the colour of the i-th persona's curve, markers and
// chip: assigned with the channels and owners (view.Colors).
func (b *builder) personaColor(i int) string { return b.colors.Persona(b.m.Personas[i]) }

func personaShape(i int) string { return personaShapes[i%len(personaShapes)] }
func personaStyle(i int) string { return personaStyles[i%len(personaStyles)] }

// marker adds a small filled shape centred at p.
func (b *builder) marker(id string, p view.Point, shape string, size float64, fill, color string, extra ...view.Attr) {
	attrs := []view.Attr{
		view.A("shape", shape),
		view.A("width", view.Inches(size)),
		view.A("height", view.Inches(size)),
		view.A("style", "filled"),
		view.A("fillcolor", fill),
		view.A("color", color),
		view.A("penwidth", "1"),
	}
	if shape == "circle" {
		// A point has no label to draw: cheaper than a circle.
		attrs[0] = view.A("shape", "point")
	} else {
		attrs = append(attrs, view.NoLabel)
	}
	b.doc.Node(id, p, append(attrs, extra...)...)
}

// star adds the moment-of-truth mark: a drawn star, not a glyph, so it
// shows in every font.
func (b *builder) star(id string, p view.Point, size float64) {
	b.marker(id, p, "star", size, "#F2B01E", palette.Text)
}

// phases draws the phase band over the stage headers: one segment per run
// of stages of one phase, named and tinted (buying blue, using green), and
// a neutral unnamed segment over a run of stages without a phase, so the
// band runs over every stage column without a gap (a stage outside both
// phases is shown as such, not joined to its neighbour's). Left out when no
// stage names a phase. A name too long for its segment wraps, and the band
// grows to hold it.
func (b *builder) phases() {
	any := false
	for _, s := range b.m.Stages {
		if s.Phase != "" {
			any = true
		}
	}
	if !any {
		return
	}
	type segment struct {
		i, j  int
		lines []string
	}
	var segs []segment
	n := 1
	for i := 0; i < len(b.m.Stages); {
		j := i
		for j+1 < len(b.m.Stages) && b.m.Stages[j+1].Phase == b.m.Stages[i].Phase {
			j++
		}
		sg := segment{i: i, j: j}
		if phase := b.m.Stages[i].Phase; phase != "" {
			w := b.colX(j+1) - b.colX(i)
			sg.lines = phaseStyle.Wrap(strings.ToUpper(b.t("phase."+phase)), math.Min(w, maxTextWidth)-2*pad)
			n = max(n, len(sg.lines))
		}
		segs = append(segs, sg)
		i = j + 1
	}
	h := view.Ceil(math.Max(20, phaseStyle.Height(n)+2*5))
	for _, sg := range segs {
		x := b.colX(sg.i)
		w := b.colX(sg.j+1) - x
		id := b.doc.ID("phase", b.m.Stages[sg.i].ID)
		fill := palette.Header
		switch b.m.Stages[sg.i].Phase {
		case "buying":
			fill = "#DCE4F0"
		case "using":
			fill = "#E2EDD9"
		}
		b.box(id, x, b.y, w, h, fill, palette.Rule)
		if len(sg.lines) > 0 {
			ty := b.y + (h-phaseStyle.Height(len(sg.lines)))/2
			b.doc.TextIn(id+"-name", x+pad, ty, w-2*pad, sg.lines, phaseStyle)
		}
	}
	b.y += h
}

func (b *builder) headers() {
	numW := 0.0
	for i := range b.m.Stages {
		numW = math.Max(numW, numStyle.Width(strconv.Itoa(i+1)))
	}
	numW = view.Ceil(numW) + 6
	var lines [][]string
	maxLines := 1
	for i, s := range b.m.Stages {
		l := headStyle.Wrap(s.Name, b.colW(i)-2*pad-numW)
		lines = append(lines, l)
		if len(l) > maxLines {
			maxLines = len(l)
		}
	}
	h := view.Ceil(headStyle.Height(maxLines) + 2*pad)
	b.gridTop = b.y
	b.box(b.doc.ID("header", "corner"), 0, b.y, laneWidth, h, palette.Header, palette.Rule)
	for i, s := range b.m.Stages {
		x := b.colX(i)
		b.box(b.stageID(i), x, b.y, b.colW(i), h, palette.Header, palette.Rule, view.A("tooltip", s.Name))
		b.doc.TextAt(b.stageID(i)+"-num", x+pad, b.y+pad, []string{strconv.Itoa(i + 1)}, numStyle)
		b.doc.TextIn(b.stageID(i)+"-name", x+pad+numW, b.y+pad, b.colW(i)-2*pad-numW, lines[i], headStyle)
	}
	b.y += h
	b.rules = append(b.rules, b.y)
}

func (b *builder) stageID(i int) string { return b.doc.ID("stage", b.m.Stages[i].ID) }
