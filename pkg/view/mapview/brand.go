package mapview

import (
	"math"

	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// The theme's marks on the map (docs/themes.md): the logo in a band above
// the title, right-aligned to the grid, and the footer and the
// confidentiality line under the legend. The logo is an empty box here,
// id LogoID: pkg/render puts the image in it (Graphviz cannot embed one).
// Above the title, so a title of any length never runs under it.

// LogoID is the id suffix of the logo's box ("<prefix>-brand-logo");
// FootID and ConfidentialID those of the two lines under the legend.
const (
	LogoID         = "brand-logo"
	FootID         = "brand-foot"
	ConfidentialID = "brand-confidential"
)

var (
	footStyle         = view.Style{Size: 8.5, Color: palette.TextMuted}
	confidentialStyle = view.Style{Size: 8.5, Bold: true, Color: palette.TextMuted}
)

// brand draws the theme's logo box and foot lines; b.y is the bottom of
// the legend and becomes the bottom of the foot.
func (b *builder) brand(th *view.Theme) {
	if th == nil {
		return
	}
	if lg := th.Logo; lg != nil && lg.Width > 0 && lg.Height > 0 {
		right := math.Max(b.width, lg.Width) // the grid's right edge
		b.doc.Node(b.doc.ID(LogoID), view.Point{X: right - lg.Width/2, Y: -gap - lg.Height/2},
			view.A("shape", "box"), view.A("width", view.Inches(lg.Width)), view.A("height", view.Inches(lg.Height)),
			view.A("color", "transparent"), view.NoLabel)
	}
	w := math.Min(math.Max(b.width, 400), maxTextWidth)
	for _, l := range []struct {
		id, text string
		st       view.Style
	}{{FootID, th.Footer, footStyle}, {ConfidentialID, th.Confidential, confidentialStyle}} {
		if l.text == "" {
			continue
		}
		lines := l.st.Wrap(l.text, w)
		if l.id == FootID {
			b.y += gap
		}
		b.doc.TextAt(b.doc.ID(l.id), 0, b.y, lines, l.st)
		b.y += view.Ceil(l.st.Height(len(lines))) + 2
	}
}
