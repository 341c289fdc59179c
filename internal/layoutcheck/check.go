package layoutcheck

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/raster"
)

// The checks, as Problem.Check names them.
const (
	Overlap      = "overlap"       // two text boxes overlap
	Outside      = "outside"       // a text leaves its cell, card or the drawing
	Struck       = "struck"        // a line (grid, curve, arrow) runs through a text
	Hidden       = "hidden-marker" // an emotion marker is covered by others
	Margins      = "margins"       // the left and right margins differ
	PhaseBand    = "phase-band"    // the phase band leaves stages uncovered
	Banner       = "banner"        // the title or a persona chip outgrows the grid
	LaneAlign    = "lane-align"    // a lane's label is not on its cells' first line
	RTLAlign     = "rtl-align"     // a right-to-left text is left-aligned
	LegendGap    = "legend-gap"    // a marker colour the legend does not explain
	LegendRows   = "legend-rows"   // channels, owners or personas share a legend row
	Ellipsis     = "ellipsis"      // a text is truncated with "…"
	SmallFont    = "small-font"    // a text prints under the minimum size
	LegendColour = "legend-colour" // two legend swatches look alike
)

// Checks lists every check, in the order problems are reported.
var Checks = []string{Overlap, Outside, Struck, Hidden, Margins, PhaseBand, Banner, LaneAlign, RTLAlign, LegendGap, LegendRows, Ellipsis, SmallFont, LegendColour}

// Tol is how far, in points, two boxes may run into each other (or a text
// out of its shape) before it counts: the text boxes are estimates, and
// a glyph's side bearing is empty.
const Tol = 0.5

// Options tune the checks.
type Options struct {
	// Scale is the drawing's scale on paper: printed size / SVG size (see
	// PageScale). Zero means 1, the drawing at its own size.
	Scale float64
	// MinFontPt is the smallest text size allowed on paper; zero means
	// raster.MinTextPt (7 pt), the size under which the raster package
	// splits a map across pages.
	MinFontPt float64
}

// Problem is one defect found in a drawing.
type Problem struct {
	// Check is which check found it (Overlap, Outside, ...).
	Check string
	// IDs are the ids of the elements concerned (node or edge ids as
	// Graphviz wrote them; a container's id second for Outside).
	IDs []string
	// Texts are their texts (or the swatch colours for LegendColour).
	Texts []string
	// Detail says by how much.
	Detail string
}

func (p Problem) String() string {
	parts := make([]string, len(p.IDs))
	for i, id := range p.IDs {
		parts[i] = id
		if i < len(p.Texts) && p.Texts[i] != "" {
			parts[i] += " «" + p.Texts[i] + "»"
		}
	}
	sep := " × "
	if p.Check == Outside {
		sep = " out of "
	}
	return fmt.Sprintf("%s: %s: %s", p.Check, strings.Join(parts, sep), p.Detail)
}

// Check parses svg and runs every check on it.
func Check(svg []byte, opts Options) ([]Problem, error) {
	d, err := Parse(svg)
	if err != nil {
		return nil, err
	}
	return d.Check(opts), nil
}

// PageScale is the scale at which the raster package prints svg on page
// (pkg/raster's LayOut: fitted to the page, or split across pages at the
// scale that keeps its text at raster.MinTextPt where it can).
func PageScale(svg []byte, page raster.Page) (float64, error) {
	lo, err := raster.LayOut(svg, raster.Options{Page: page})
	if err != nil {
		return 0, err
	}
	return lo.Scale, nil
}

// Check runs every check on d; problems come grouped by check (in the
// order of Checks), each group in document order.
func (d *Drawing) Check(opts Options) []Problem {
	var out []Problem
	out = append(out, d.overlaps()...)
	out = append(out, d.outside()...)
	out = append(out, d.struck()...)
	out = append(out, d.struckStars()...)
	out = append(out, d.hiddenMarkers()...)
	out = append(out, d.margins()...)
	out = append(out, d.phaseBand()...)
	out = append(out, d.banner()...)
	out = append(out, d.laneAlign()...)
	out = append(out, d.rtlAlign()...)
	out = append(out, d.legendGaps()...)
	out = append(out, d.legendRows()...)
	out = append(out, d.ellipses()...)
	out = append(out, d.smallFonts(opts)...)
	out = append(out, d.legendColours()...)
	return out
}

func (d *Drawing) overlaps() []Problem {
	// Sweep along x: each text against those that start before it ends.
	idx := make([]int, len(d.Texts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return d.Texts[idx[a]].Box.X0 < d.Texts[idx[b]].Box.X0 })
	type pair struct{ a, b int }
	var found []pair
	for n, i := range idx {
		ti := d.Texts[i]
		for _, j := range idx[n+1:] {
			tj := d.Texts[j]
			if tj.Box.X0 >= ti.Box.X1-Tol {
				break
			}
			if w, h := ti.Box.overlap(tj.Box); w > Tol && h > Tol {
				a, b := min(i, j), max(i, j)
				found = append(found, pair{a, b})
			}
		}
	}
	out := d.markOverlaps()
	sort.Slice(found, func(x, y int) bool {
		if found[x].a != found[y].a {
			return found[x].a < found[y].a
		}
		return found[x].b < found[y].b
	})
	for _, p := range found {
		a, b := d.Texts[p.a], d.Texts[p.b]
		w, h := a.Box.overlap(b.Box)
		out = append(out, Problem{Check: Overlap, IDs: []string{a.ID, b.ID}, Texts: []string{a.Text, b.Text},
			Detail: fmt.Sprintf("boxes %s and %s overlap by %.1f×%.1f pt", a.Box, b.Box, w, h)})
	}
	return out
}

// MaxMark is the largest side, in points, of a filled node shape that is
// a mark (a ★, an emotion marker, a legend swatch) rather than a cell or
// a card: a text must not run into a mark either.
const MaxMark = 24.0

// markOverlaps finds the texts that run into a mark of another node: its
// box shrunk by a fifth on each side (a star's or a circle's corners are
// empty) overlaps the text's box by more than Tol.
func (d *Drawing) markOverlaps() []Problem {
	var marks []string
	for _, n := range d.Nodes {
		b, ok := d.Shapes[n]
		if _, filled := d.Fills[n]; ok && filled && b.W() > 0 && b.H() > 0 && b.W() <= MaxMark && b.H() <= MaxMark {
			marks = append(marks, n)
		}
	}
	var out []Problem
	for _, t := range d.Texts {
		for _, m := range marks {
			b := d.Shapes[m]
			// A text on its own node's shape or a part's (<mark>-name),
			// or wholly on the shape (a badge's label), is meant to be.
			if m == t.ID || strings.HasPrefix(t.ID, m+"-") || t.Box.within(b, Tol) {
				continue
			}
			in := Box{b.X0 + b.W()/5, b.Y0 + b.H()/5, b.X1 - b.W()/5, b.Y1 - b.H()/5}
			if w, h := t.Box.overlap(in); w > Tol && h > Tol {
				out = append(out, Problem{Check: Overlap, IDs: []string{t.ID, m}, Texts: []string{t.Text, ""},
					Detail: fmt.Sprintf("the text's box %s runs into the mark %s by %.1f×%.1f pt", t.Box, b, w, h)})
			}
		}
	}
	return out
}

// Container returns the shape a text of node id must lie in, and that
// shape's node id: the node's own shape (a card's header text), else the
// shape of the nearest node whose id the text's id extends with
// "-suffix" (a card's name, <card>-name, lies in <card>) and which is not
// a mark (a marker's label, <marker>-label, lies beside it), else its grid
// cell, else the whole drawing (id "").
func (d *Drawing) Container(id string) (string, Box) {
	for cur := id; cur != "" && cur != d.ID; {
		// A mark (a marker, a ★) is no container of another node's text:
		// its label lies beside it.
		if b, ok := d.Shapes[cur]; ok && b.W() > 0 && b.H() > 0 && (cur == id || b.W() > MaxMark || b.H() > MaxMark) {
			return cur, b
		}
		i := strings.LastIndexByte(cur, '-')
		if i < 0 {
			break
		}
		cur = cur[:i]
	}
	if cid, b, ok := d.gridCell(id); ok {
		return cid, b
	}
	return "", d.Bounds
}

// gridCell finds the cell of the map view's grid a text of node id lies
// in, for the texts drawn over the grid without a shape of their own:
// <graph>-cell-<lane>-<stage>... lies in the row of the shape
// <graph>-lane-<lane> and the column of <graph>-stage-<stage>; the emotion
// chart's texts (<graph>-emotion-...) and the steps-back labels
// (<graph>-stepback-...) lie in their lane's row, across the grid.
func (d *Drawing) gridCell(id string) (string, Box, bool) {
	rest, ok := strings.CutPrefix(id, d.ID+"-")
	if !ok {
		return "", Box{}, false
	}
	row := func(lane string) (Box, bool) {
		b, ok := d.Shapes[d.ID+"-lane-"+lane]
		return b, ok && b.W() > 0 && b.H() > 0
	}
	if cell, ok := strings.CutPrefix(rest, "cell-"); ok {
		lane, stage, ok := strings.Cut(cell, "-")
		r, okRow := row(lane)
		if !ok || !okRow {
			return "", Box{}, false
		}
		// The longest stage id the rest starts with (stage ids hold '-').
		best, col := "", Box{}
		for _, n := range d.Nodes {
			sid, ok := strings.CutPrefix(n, d.ID+"-stage-")
			if !ok || len(sid) <= len(best) || (stage != sid && !strings.HasPrefix(stage, sid+"-")) {
				continue
			}
			if b, ok := d.Shapes[n]; ok && b.W() > 0 {
				best, col = sid, b
			}
		}
		if best == "" {
			return "", Box{}, false
		}
		return d.ID + "-cell-" + lane + "-" + best, Box{col.X0, r.Y0, col.X1, r.Y1}, true
	}
	for prefix, lane := range map[string]string{"emotion-": "emotions", "stepback-": "steps_back"} {
		if !strings.HasPrefix(rest, prefix) {
			continue
		}
		r, ok := row(lane)
		if !ok {
			return "", Box{}, false
		}
		x1 := r.X1
		for _, n := range d.Nodes {
			if strings.HasPrefix(n, d.ID+"-stage-") {
				x1 = math.Max(x1, d.Shapes[n].X1)
			}
		}
		return d.ID + "-lane-" + lane + " (row)", Box{r.X0, r.Y0, x1, r.Y1}, true
	}
	return "", Box{}, false
}

func (d *Drawing) outside() []Problem {
	var out []Problem
	for _, t := range d.Texts {
		cid, c := d.Container(t.ID)
		if c.empty() || t.Box.within(c, Tol) {
			continue
		}
		far := math.Max(math.Max(c.X0-t.Box.X0, t.Box.X1-c.X1), math.Max(c.Y0-t.Box.Y0, t.Box.Y1-c.Y1))
		name := cid
		if name == "" {
			name = d.ID + " (the drawing)"
		}
		out = append(out, Problem{Check: Outside, IDs: []string{t.ID, name}, Texts: []string{t.Text},
			Detail: fmt.Sprintf("text %s sticks out of %s by %.1f pt", t.Box, c, far)})
	}
	return out
}

// struck finds the texts a line of an edge runs through (the grid lines,
// an emotion curve, a step-back arrow, a flow edge): the line's polyline
// crosses the text's box, shrunk by Tol. A line drawn before an opaque
// white shape that holds the text and is its box (see holds: its card, its
// tag, a halo) is hidden under it; a text's own edge group is not checked
// against it.
func (d *Drawing) struck() []Problem {
	var out []Problem
	for _, t := range d.Texts {
		in := Box{t.Box.X0 + Tol, t.Box.Y0 + Tol, t.Box.X1 - Tol, t.Box.Y1 - Tol}
		if in.X1 <= in.X0 || in.Y1 <= in.Y0 {
			continue
		}
		cover := 0
		for _, f := range d.fills {
			if f.order < t.order && f.order > cover && f.opaque && f.white && holds(f.node, t.ID) && t.Box.within(f.box, Tol) {
				cover = f.order
			}
		}
		for _, l := range d.Lines {
			if l.ID == t.ID || l.order < cover {
				continue
			}
			if w, h := l.Box.overlap(in); w < 0 || h < 0 {
				continue
			}
			for i := 1; i < len(l.Points); i++ {
				if crosses(l.Points[i-1], l.Points[i], in) {
					out = append(out, Problem{Check: Struck, IDs: []string{t.ID, l.ID}, Texts: []string{t.Text},
						Detail: fmt.Sprintf("its segment (%.1f, %.1f)–(%.1f, %.1f) crosses the text's box %s", l.Points[i-1][0], l.Points[i-1][1], l.Points[i][0], l.Points[i][1], t.Box)})
					break
				}
			}
		}
	}
	return out
}

// holds reports whether a shape of the node id may be a text's background
// box (its halo) for the text of the node text: the text's own node, the
// node its id extends (a card for <card>-name) or a sibling of it
// (<arc>-tag, the white tag under <arc>-label). Another node's fill, a
// cell's or a legend's, is not the text's box: a line drawn before it is
// hidden by it only by chance of the drawing order.
func holds(id, text string) bool {
	if id == "" {
		return false
	}
	if id == text || strings.HasPrefix(text, id+"-") {
		return true
	}
	i, j := strings.LastIndex(id, "-"), strings.LastIndex(text, "-")
	return i > 0 && j > 0 && id[:i] == text[:j]
}

// MinVisible is the share of an emotion marker's box that must stay
// uncovered by the markers drawn after it: a quarter is enough to tell
// its shape and colour (coinciding personas are offset, never hidden).
const MinVisible = 0.25

// hiddenMarkers finds the emotion chart's markers (the shapes of the nodes
// <graph>-emotion-<persona>-tp-<id> and -stage-<id>) that the markers
// drawn after them cover but for less than MinVisible of their box.
func (d *Drawing) hiddenMarkers() []Problem {
	type marker struct {
		id  string
		box Box
	}
	var ms []marker
	for _, n := range d.Nodes {
		rest, ok := strings.CutPrefix(n, d.ID+"-emotion-")
		if !ok || !(strings.Contains(rest, "-tp-") || strings.Contains(rest, "-stage-")) {
			continue
		}
		if b, ok := d.Shapes[n]; ok && b.W() > 0 && b.H() > 0 {
			ms = append(ms, marker{n, b})
		}
	}
	var out []Problem
	const grid = 12
	for i, m := range ms {
		var over []string
		var boxes []Box
		for _, o := range ms[i+1:] {
			if w, h := m.box.overlap(o.box); w > 0 && h > 0 {
				over = append(over, o.id)
				boxes = append(boxes, o.box)
			}
		}
		if len(boxes) == 0 {
			continue
		}
		// The uncovered share, sampled on a grid of the box.
		seen := 0
		for a := 0; a < grid; a++ {
			for b := 0; b < grid; b++ {
				x := m.box.X0 + (float64(a)+0.5)*m.box.W()/grid
				y := m.box.Y0 + (float64(b)+0.5)*m.box.H()/grid
				covered := false
				for _, o := range boxes {
					if x > o.X0 && x < o.X1 && y > o.Y0 && y < o.Y1 {
						covered = true
						break
					}
				}
				if !covered {
					seen++
				}
			}
		}
		if share := float64(seen) / (grid * grid); share < MinVisible {
			out = append(out, Problem{Check: Hidden, IDs: append([]string{m.id}, over...),
				Detail: fmt.Sprintf("%.0f%% of the marker %s stays visible under %d later marker(s), under %.0f%%", share*100, m.box, len(over), MinVisible*100)})
		}
	}
	return out
}

// MaxMarginDiff is how much wider, in points, one side margin of a
// drawing may be than the other (a quarter inch): the map with
// transitions had 170 px on the right against 57 px on the left.
const MaxMarginDiff = 18.0

// margins compares the empty space left and right of what is drawn.
func (d *Drawing) margins() []Problem {
	if d.Content.empty() || d.Bounds.empty() {
		return nil
	}
	left, right := d.Content.X0-d.Bounds.X0, d.Bounds.X1-d.Content.X1
	if math.Abs(left-right) <= MaxMarginDiff {
		return nil
	}
	return []Problem{{Check: Margins, IDs: []string{d.ID},
		Detail: fmt.Sprintf("left margin %.0f pt, right margin %.0f pt (differ by more than %.0f pt): the drawing %s, what is drawn %s", left, right, MaxMarginDiff, d.Bounds, d.Content)}}
}

// grid returns the x extent of the map view's grid: from the header
// corner (the lane-title column) to the right edge of the last stage
// header; ok is false for a drawing without one (the flow view).
func (d *Drawing) grid() (x0, x1 float64, stages []Box, ok bool) {
	corner, ok := d.Shapes[d.ID+"-header-corner"]
	if !ok {
		return 0, 0, nil, false
	}
	x1 = corner.X1
	for _, n := range d.Nodes {
		if !strings.HasPrefix(n, d.ID+"-stage-") {
			continue
		}
		// Stage headers only, not their parts (-num, -name): the shapes as
		// tall as the header corner.
		if b, ok := d.Shapes[n]; ok && math.Abs(b.Y0-corner.Y0) < Tol && math.Abs(b.Y1-corner.Y1) < Tol {
			stages = append(stages, b)
			x1 = math.Max(x1, b.X1)
		}
	}
	return corner.X0, x1, stages, len(stages) > 0
}

// phaseBand checks that the phase band over the stage headers, when the
// map has one (<graph>-phase-<stage> shapes), covers every stage: a stage
// without a phase must not leave a gap in it.
func (d *Drawing) phaseBand() []Problem {
	_, _, stages, ok := d.grid()
	if !ok {
		return nil
	}
	var bands []Box
	for _, n := range d.Nodes {
		rest, ok := strings.CutPrefix(n, d.ID+"-phase-")
		if !ok || strings.HasSuffix(rest, "-name") {
			continue
		}
		if b, ok := d.Shapes[n]; ok && b.W() > 0 {
			bands = append(bands, b)
		}
	}
	if len(bands) == 0 {
		return nil
	}
	var out []Problem
	for i, st := range stages {
		mid := (st.X0 + st.X1) / 2
		covered := false
		for _, b := range bands {
			if mid > b.X0 && mid < b.X1 {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, Problem{Check: PhaseBand, IDs: []string{d.ID + fmt.Sprintf(" stage %d", i+1)},
				Detail: fmt.Sprintf("no phase band over the stage header %s: the band has a gap", st)})
		}
	}
	return out
}

// MaxTitleLines is the most lines a map's title may wrap to, unless it is
// already set at MinTitlePt: the views shrink a long title from 20 pt to
// 16 pt to keep it within three lines and, at 16 pt, keep every line
// rather than cut it (docs/views.md: a 230-character title over a
// two-stage map takes four).
const (
	MaxTitleLines = 3
	MinTitlePt    = 16
)

// banner checks the block above the grid: the title wraps to at most
// MaxTitleLines lines (it may be as wide as the drawing), and no persona
// chip (<graph>-persona-<id>) reaches past the grid's right edge.
func (d *Drawing) banner() []Problem {
	var out []Problem
	var title []Text
	for _, t := range d.Texts {
		if t.ID == d.ID+"-title" {
			title = append(title, t)
		}
	}
	if len(title) > MaxTitleLines && title[0].Size > MinTitlePt+0.01 {
		out = append(out, Problem{Check: Banner, IDs: []string{d.ID + "-title"}, Texts: []string{title[0].Text},
			Detail: fmt.Sprintf("the title wraps to %d lines at %.1f pt (at most %d above %d pt)", len(title), title[0].Size, MaxTitleLines, MinTitlePt)})
	}
	x0, x1, _, ok := d.grid()
	if !ok {
		return out
	}
	var chips []string
	for _, n := range d.Nodes {
		if !strings.HasPrefix(n, d.ID+"-persona-") {
			continue
		}
		// A part of a chip (-marker, -name, -role) extends a chip's id.
		if k := len(chips); k > 0 && strings.HasPrefix(n, chips[k-1]+"-") {
			continue
		}
		chips = append(chips, n)
		if b, ok := d.Shapes[n]; ok && b.X1 > x1+Tol {
			out = append(out, Problem{Check: Banner, IDs: []string{n},
				Detail: fmt.Sprintf("the persona chip %s is %.0f pt wide and ends past the grid (%.1f to %.1f)", b, b.W(), x0, x1)})
		}
	}
	return out
}

// MaxBaselineShift is how far, in points, a lane's label may sit from the
// first line of its cells.
const MaxBaselineShift = 1.5

// laneAlign checks that the label of each lane of the map view
// (<graph>-lane-<lane>) stands on the baseline of the first line of its
// cells' text (<graph>-cell-<lane>-...), as a table's row header does.
func (d *Drawing) laneAlign() []Problem {
	first := map[string]Text{}    // the lane label's first line, by lane id
	cells := map[string]float64{} // the highest first baseline of its cells
	var lanes []string
	for _, t := range d.Texts {
		rest, ok := strings.CutPrefix(t.ID, d.ID+"-")
		if !ok {
			continue
		}
		if lane, ok := strings.CutPrefix(rest, "lane-"); ok {
			if _, seen := first[lane]; !seen {
				first[lane] = t
				lanes = append(lanes, lane)
			}
			continue
		}
		if cell, ok := strings.CutPrefix(rest, "cell-"); ok {
			lane, _, _ := strings.Cut(cell, "-")
			if y, seen := cells[lane]; !seen || t.Baseline < y {
				cells[lane] = t.Baseline
			}
		}
	}
	var out []Problem
	for _, lane := range lanes {
		y, ok := cells[lane]
		if !ok {
			continue
		}
		l := first[lane]
		if shift := l.Baseline - y; math.Abs(shift) > MaxBaselineShift {
			where := "above"
			if shift > 0 {
				where = "below"
			}
			out = append(out, Problem{Check: LaneAlign, IDs: []string{l.ID}, Texts: []string{l.Text},
				Detail: fmt.Sprintf("the label's baseline %.1f is %.1f pt %s the first line of its cells (%.1f)", l.Baseline, math.Abs(shift), where, y)})
		}
	}
	return out
}

// legendGaps finds the fill colours of the emotion chart's markers
// (<graph>-emotion-<persona>-tp-<id>, -stage-<id>) that no legend mark
// (<graph>-legend-...-mark) has: a colour the client cannot look up
// (the neutral grey had no entry). A drawing without a legend is skipped.
func (d *Drawing) legendGaps() []Problem {
	legend := map[string]bool{}
	for id, f := range d.Fills {
		if strings.HasPrefix(id, d.ID+"-legend-") && strings.HasSuffix(id, "-mark") {
			legend[f] = true
		}
	}
	if len(legend) == 0 {
		return nil
	}
	var out []Problem
	reported := map[string]bool{}
	for _, n := range d.Nodes {
		rest, ok := strings.CutPrefix(n, d.ID+"-emotion-")
		if !ok || !(strings.Contains(rest, "-tp-") || strings.Contains(rest, "-stage-")) {
			continue
		}
		f, ok := d.Fills[n]
		if !ok || legend[f] || reported[f] {
			continue
		}
		reported[f] = true
		out = append(out, Problem{Check: LegendGap, IDs: []string{n}, Texts: []string{f},
			Detail: fmt.Sprintf("the marker's fill %s has no entry in the legend", f)})
	}
	return out
}

// legendRows finds the legend rows that mix the swatches of channels,
// owners and personas: a client reads a row as one kind (the flow view's
// legend ran owners on in the channels' row).
func (d *Drawing) legendRows() []Problem {
	var out []Problem
	reported := map[[2]string]bool{}
	for i, a := range d.Swatches {
		ba := d.Shapes[a.ID]
		for _, b := range d.Swatches[i+1:] {
			if a.Kind == b.Kind || reported[[2]string{a.Kind, b.Kind}] {
				continue
			}
			bb := d.Shapes[b.ID]
			if math.Abs((ba.Y0+ba.Y1)/2-(bb.Y0+bb.Y1)/2) < 2 {
				reported[[2]string{a.Kind, b.Kind}] = true
				out = append(out, Problem{Check: LegendRows, IDs: []string{a.ID, b.ID},
					Detail: fmt.Sprintf("%s and %s swatches share a legend row (y %.1f)", a.Kind, b.Kind, (ba.Y0+ba.Y1)/2)})
			}
		}
	}
	return out
}

// rightToLeft reports whether the first strongly directional letter of s
// is of a right-to-left script.
func rightToLeft(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}

// rtlAlign finds the texts that begin in a right-to-left script and are
// drawn left-aligned (text-anchor start) inside a cell or card: a
// right-to-left paragraph reads from the right edge.
func (d *Drawing) rtlAlign() []Problem {
	var out []Problem
	for _, t := range d.Texts {
		if t.Anchor != "start" || !rightToLeft(t.Text) {
			continue
		}
		if cid, _ := d.Container(t.ID); cid == "" {
			continue // free text (the title, the legend) starts where it is put
		}
		out = append(out, Problem{Check: RTLAlign, IDs: []string{t.ID}, Texts: []string{t.Text},
			Detail: "a right-to-left text anchored at its left (text-anchor start): right-align it"})
	}
	return out
}

// struckStars finds the lines that run through a moment of truth's ★
// (<card>-mot): a flow edge leaving a card through its star.
func (d *Drawing) struckStars() []Problem {
	var out []Problem
	for _, n := range d.Nodes {
		if !strings.HasSuffix(n, "-mot") {
			continue
		}
		b, ok := d.Shapes[n]
		if !ok || b.W() <= 0 {
			continue
		}
		in := Box{b.X0 + b.W()/5, b.Y0 + b.H()/5, b.X1 - b.W()/5, b.Y1 - b.H()/5}
		for _, l := range d.Lines {
			if w, h := l.Box.overlap(in); w < 0 || h < 0 {
				continue
			}
			for i := 1; i < len(l.Points); i++ {
				if crosses(l.Points[i-1], l.Points[i], in) {
					out = append(out, Problem{Check: Struck, IDs: []string{n, l.ID},
						Detail: fmt.Sprintf("its segment (%.1f, %.1f)–(%.1f, %.1f) runs through the ★ %s", l.Points[i-1][0], l.Points[i-1][1], l.Points[i][0], l.Points[i][1], b)})
					break
				}
			}
		}
	}
	return out
}

// crosses reports whether the segment p–q meets box b.
func crosses(p, q [2]float64, b Box) bool {
	_, _, ok := raster.ClipSegment(p[0], p[1], q[0], q[1], b.X0, b.Y0, b.X1, b.Y1)
	return ok
}

func (d *Drawing) ellipses() []Problem {
	var out []Problem
	for _, t := range d.Texts {
		if truncated(t.Text) {
			out = append(out, Problem{Check: Ellipsis, IDs: []string{t.ID}, Texts: []string{t.Text},
				Detail: "truncated with …"})
		}
	}
	return out
}

func (d *Drawing) smallFonts(opts Options) []Problem {
	scale, minPt := opts.Scale, opts.MinFontPt
	if scale == 0 {
		scale = 1
	}
	if minPt == 0 {
		minPt = raster.MinTextPt
	}
	var out []Problem
	for _, t := range d.Texts {
		if p := t.Size * scale; p < minPt-0.005 {
			out = append(out, Problem{Check: SmallFont, IDs: []string{t.ID}, Texts: []string{t.Text},
				Detail: fmt.Sprintf("%.2f pt × scale %.3f = %.2f pt on paper, under %.1f pt", t.Size, scale, p, minPt)})
		}
	}
	return out
}

// legendColours checks the swatches of the channel, owner and persona
// legends against the bounds pkg/palette's Assign keeps: CIEDE2000 ΔE of
// palette.MinDeltaE as drawn and palette.MinDeltaEDeutan under the
// deuteranopia simulation between any two, for up to palette.MaxDistinct
// entries; past that, the full bounds within each kind and half of them
// across kinds.
func (d *Drawing) legendColours() []Problem {
	sw := d.Swatches
	many := len(sw) > palette.MaxDistinct
	var out []Problem
	for i := range sw {
		ci, ok := palette.Parse(sw[i].Fill)
		if !ok {
			continue
		}
		for j := i + 1; j < len(sw); j++ {
			cj, ok := palette.Parse(sw[j].Fill)
			if !ok {
				continue
			}
			minN, minD := palette.MinDeltaE, palette.MinDeltaEDeutan
			if many && sw[i].Kind != sw[j].Kind {
				minN, minD = minN/2, minD/2
			}
			n, deu := palette.Distance(ci, cj)
			if n < minN || deu < minD {
				out = append(out, Problem{Check: LegendColour, IDs: []string{sw[i].ID, sw[j].ID},
					Texts:  []string{sw[i].Fill, sw[j].Fill},
					Detail: fmt.Sprintf("ΔE2000 %.1f (want ≥ %.0f), as a deuteranope sees them %.1f (want ≥ %.0f)", n, minN, deu, minD)})
			}
		}
	}
	return out
}

// truncated reports whether s holds an ellipsis that is not a range
// between two numbers ("0…+1", the span of a committee's emotions).
func truncated(s string) bool {
	r := []rune(s)
	numeric := func(c rune) bool { return unicode.IsDigit(c) || strings.ContainsRune("+−-", c) }
	for i, c := range r {
		if c != '…' {
			continue
		}
		if i == 0 || i == len(r)-1 || !unicode.IsDigit(r[i-1]) || !numeric(r[i+1]) {
			return true
		}
	}
	return false
}
