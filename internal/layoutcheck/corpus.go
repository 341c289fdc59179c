package layoutcheck

import (
	"path/filepath"
	"strings"
)

// CorpusGlobs are the maps the layout is checked on (the corpus test) and
// the gallery shows (cmd/gallery), relative to the repository's root: the
// stress corpus and the shipped examples.
var CorpusGlobs = []string{"testdata/stress/*.yaml", "examples/[^.]*.yaml"}

// Corpus returns the files of CorpusGlobs under root, in order.
func Corpus(root string) ([]string, error) {
	var files []string
	for _, pat := range CorpusGlobs {
		m, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	return files, nil
}

// CorpusName is how a corpus map is named in reports, in the corpus
// test's knownFailing and in the gallery: its directory and base name,
// "stress/12-stages", "examples/b2b-funnel-ru".
func CorpusName(file string) string {
	return filepath.Base(filepath.Dir(file)) + "/" + strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

// PrintPage is the paper (a raster.ParsePage name) a view of a corpus map
// is checked on for the 7 pt rule:
//
//   - The map view of every map: A3 landscape, the paper a consultant
//     prints a map on. pkg/raster fits the drawing to the page and, where
//     its text would fall under 7 pt, splits it across pages by stages
//     (and by lanes), so every map view must reach 7 pt at the scale of
//     that split (PageScale): a stage too wide, or a lane too tall, for one
//     page at 7 pt is a defect.
//   - The flow view of the shipped examples: A3 landscape too (the funnel
//     example is printed and sent as it is). The flow view cannot be
//     split, so the stress maps' flows (12 stages of 8 touchpoints) are
//     checked at their own size ("auto"), as a screen shows them.
//   - Any other view (kpi): its own size.
func PrintPage(file, view string) string {
	example := strings.Contains(filepath.ToSlash(file), "examples/")
	if view == "map" || view == "flow" && example {
		return "a3-landscape"
	}
	return "auto"
}
