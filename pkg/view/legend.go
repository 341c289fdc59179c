package view

import "github.com/cjm-dev/cjm/pkg/palette"

// The legend's text styles and row height, the same in both views.
var (
	LegendTitleStyle = Style{Size: 9, Bold: true, Color: palette.Text}
	LegendStyle      = Style{Size: 9, Color: palette.Text}
)

// LegendRow is the height of one row of a legend.
const LegendRow = 18.0

// Where an entry's parts sit from its left edge: the swatch centred at
// legendMark (swatches are at most 22 pt wide), the text at legendText.
const (
	legendMark  = 11.0
	legendText  = 26.0
	legendGap   = 12.0 // between entries
	legendTitle = 10.0 // between a group's title and its first entry
)

// LegendEntry is one mark of a legend and the words that explain it.
type LegendEntry struct {
	ID, Text string
	// Swatch draws the mark centred at c, with the given id.
	Swatch func(id string, c Point)
}

// LegendGroup is one kind of mark (channels, owners, links …): its title
// and its entries.
type LegendGroup struct {
	Key     string // names the title's id (prefix-legend-KEY)
	Title   string
	Entries []LegendEntry
}

// Legend lays out the groups of a legend from (x, y) down, one group a
// row (issue 10: channels and owners had shared one row in the flow
// view): the group's title in a column of its own, its entries flowing
// right and onto more rows only when they pass x+width. Entries start at
// entriesX, or right of the widest title when that is further right;
// titles are wrapped to maxTitle when it is positive. It returns the y
// under the legend; no groups draw nothing. Both views' legends are drawn
// by it, so they follow one rule.
func (d *Doc) Legend(groups []LegendGroup, x, y, width, entriesX, maxTitle float64) float64 {
	bottom, _ := legendLayout(groups, x, y, width, entriesX, maxTitle,
		func(g LegendGroup, lines []string, ty float64) {
			d.TextAt(d.ID("legend", g.Key), x, ty, lines, LegendTitleStyle)
		},
		func(e LegendEntry, ex, rowY float64) {
			e.Swatch(e.ID+"-mark", Point{X: ex + legendMark, Y: rowY + LegendRow/2})
			d.TextAt(e.ID, ex+legendText, rowY+LegendRow/2-LegendStyle.LineHeight()/2, []string{e.Text}, LegendStyle)
		})
	return bottom
}

// LegendRight returns the right end of what Legend draws with the same
// arguments (the widest row's last entry), without drawing it: a view
// whose legend is its widest part ends its page there (issue 10: the
// flow view's page ran on past the legend, its right margin the wider).
// x when there are no groups.
func LegendRight(groups []LegendGroup, x, width, entriesX, maxTitle float64) float64 {
	_, right := legendLayout(groups, x, 0, width, entriesX, maxTitle,
		func(LegendGroup, []string, float64) {}, func(LegendEntry, float64, float64) {})
	return right
}

// legendLayout places the groups of a legend (Legend's rule), calling
// title for each group's title lines (their top at ty) and entry for each
// entry (its row's top-left corner); it returns the y under the legend
// and the right end of its widest row.
func legendLayout(groups []LegendGroup, x, y, width, entriesX, maxTitle float64,
	title func(g LegendGroup, lines []string, ty float64), entry func(e LegendEntry, ex, rowY float64)) (bottom, right float64) {
	var shown []LegendGroup
	for _, g := range groups {
		if len(g.Entries) > 0 {
			shown = append(shown, g)
		}
	}
	if len(shown) == 0 {
		return y, x
	}
	titleW := 0.0
	for _, g := range shown {
		titleW = max(titleW, Ceil(LegendTitleStyle.Width(g.Title+":"))+2)
	}
	if maxTitle > 0 && titleW > maxTitle {
		titleW = maxTitle
	}
	x0 := max(entriesX, x+titleW+legendTitle)
	th := LegendTitleStyle.LineHeight()
	right = x
	for _, g := range shown {
		lines := LegendTitleStyle.Wrap(g.Title+":", titleW)
		title(g, lines, y+LegendRow/2-th/2)
		right = max(right, x+tightBox(lines, LegendTitleStyle))
		ex, rowY := x0, y
		for _, e := range g.Entries {
			// The text's node, not only its ink, stays inside the width.
			w := legendText + tightBox([]string{e.Text}, LegendStyle)
			if ex > x0 && ex+w > x+width {
				ex = x0
				rowY += LegendRow
			}
			entry(e, ex, rowY)
			right = max(right, ex+w)
			ex += w + legendGap
		}
		next := rowY + LegendRow
		// A title wrapped to more lines than its entries' rows.
		if end := y + LegendRow/2 - th/2 + LegendTitleStyle.Height(len(lines)); end > next {
			next = Ceil(end)
		}
		y = next
	}
	return y, right
}
