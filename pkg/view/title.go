package view

// TitleSizes are the sizes a view's title is tried in, largest first
// (FitTitle).
var TitleSizes = []float64{20, 18, 16}

// MaxTitleLines is the most lines a title should take (issue 10: a long
// title in five lines pushed the map down the page).
const MaxTitleLines = 3

// FitTitle wraps title to width in st at the largest size that keeps it
// within MaxTitleLines lines: st's own size, then each of TitleSizes
// under it; at the last (the floor) it takes as many lines as it needs
// (text is never cut). It returns the lines and the style at the size
// chosen. The map and the flow view title their drawings with it.
func FitTitle(title string, st Style, width float64) ([]string, Style) {
	sizes := []float64{st.Size}
	for _, s := range TitleSizes {
		if s < st.Size {
			sizes = append(sizes, s)
		}
	}
	var lines []string
	for _, size := range sizes {
		st.Size = size
		lines = st.Wrap(title, width)
		if len(lines) <= MaxTitleLines {
			break
		}
	}
	return lines, st
}
