package html

import (
	"bytes"
	_ "embed"
	"fmt"
	stdhtml "html"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/report/markdown"
	"github.com/cjm-dev/cjm/pkg/report/outline"
)

// Options tune the report.
type Options struct {
	// SVG maps a view name ("map", "flow") to that view's SVG, as cjm's
	// renderer writes it (ids already prefixed per map), to inline.
	SVG map[string][]byte
	// Views are the views to inline, in order, with their captions
	// (pkg/render.ReportViews); a view without SVG is left out. Nil means
	// every view in SVG, in name order, captioned with its name.
	Views []outline.View
}

//go:embed report.html.tmpl
var source string

//go:embed report.css
var css string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"t":    func(lang, key string) string { return i18n.T(lang, key) },
	"join": strings.Join,
	"description": func(s string) template.HTML {
		// goldmark with raw HTML off, unsafe links dropped: see markdown.DescriptionHTML.
		return template.HTML(markdown.DescriptionHTML(s))
	},
	"inc":      func(i int) int { return i + 1 },
	"emoclass": emotionClass,
	"status":   status,
	"kpiArgs":  func(lang string, k outline.KPI) kpiArgs { return kpiArgs{lang, k} },
	"matrixArgs": func(lang, kind string, m outline.Matrix) matrixArgs {
		return matrixArgs{lang, kind, m}
	},
	"movesArgs": func(lang string, mv []outline.StepBack) movesArgs { return movesArgs{lang, mv} },
}).Parse(source))

type kpiArgs struct {
	Lang string
	K    outline.KPI
}

type movesArgs struct {
	Lang  string
	Moves []outline.StepBack
}

type matrixArgs struct {
	Lang string
	Kind string
	M    outline.Matrix
}

// status is "on", "off" or "" (the CSS class and the label's suffix).
func status(k outline.KPI) string {
	switch k.Status {
	case outline.OnTarget:
		return "on"
	case outline.OffTarget:
		return "off"
	}
	return ""
}

// figure is one inlined diagram.
type figure struct {
	View, Title string
	SVG         template.HTML
	// TitleID is the id of the drawing's own title (the node
	// <graph id>-title), hidden on screen where the page's <h1> says it
	// already; "" when the drawing has none.
	TitleID string
	// Sheets are the A3 pages the drawing prints on when it is split
	// (see printSheets); nil when it prints fitted to one page.
	Sheets []template.HTML
}

// PrintPage is the paper each diagram prints on (report.css: @page
// diagram and @page sheet).
var PrintPage = raster.Page{W: 420, H: 297}

// printSheets lays the drawing out on PrintPage as `cjm render -f pdf
// --page a3-landscape` does (raster.LayOut: scaled so that no text is
// under 7 pt, split by stages and lanes with the lane titles and the
// headers repeated) and returns its pages as SVGs that show the parts of
// the inlined drawing through <use>, so the report holds the drawing
// once. Nil when the drawing fits one page (it is then printed fitted)
// or cannot be laid out.
func printSheets(svg []byte, graph string) []template.HTML {
	if graph == "" {
		return nil
	}
	lo, err := raster.LayOut(svg, raster.Options{Page: PrintPage})
	if err != nil || len(lo.Sheets) < 2 {
		return nil
	}
	// The printable area: the page less raster's margin and foot band,
	// as @page sheet's margins leave it.
	const x0, y0, w, h = sheetMargin, sheetMargin, 420 - 2*sheetMargin, 297 - sheetMargin - sheetBottom
	out := make([]template.HTML, 0, len(lo.Sheets))
	ref := stdhtml.EscapeString("#" + graph)
	for _, sh := range lo.Sheets {
		var b strings.Builder
		fmt.Fprintf(&b, `<svg class="sheet" xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %s %s">`, mm(x0), mm(y0), mm(w), mm(h))
		for _, t := range sh.Tiles {
			if t.W <= 0 || t.H <= 0 {
				continue
			}
			fmt.Fprintf(&b, `<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" preserveAspectRatio="none" overflow="hidden"><use href="%s"/></svg>`,
				mm(t.PageX), mm(t.PageY), mm(t.PageW), mm(t.PageH), mm(t.X), mm(t.Y), mm(t.W), mm(t.H), ref)
		}
		b.WriteString(`</svg>`)
		out = append(out, template.HTML(b.String()))
	}
	return out
}

// The margins of @page sheet, mm: raster's 10 mm page margin, and its
// foot band under the bottom one (report.css says the same).
const sheetMargin, sheetBottom = 10.0, 16.0

// mm writes a coordinate with two decimals, no trailing zeros.
func mm(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

type data struct {
	*outline.Report
	CSS     template.CSS
	Figures []figure
}

// Render returns the HTML report of m.
func Render(m *journey.Map, opts Options) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("html: no map")
	}
	d := data{Report: outline.Build(m), CSS: template.CSS(css)}
	if strings.TrimSpace(d.Title) == "" {
		d.Title = "Journey"
	}
	for _, view := range outline.Figures(opts.Views, opts.SVG) {
		svg, err := inlineSVG(opts.SVG[view.Name])
		if err != nil {
			return nil, fmt.Errorf("html: %s view: %w", view.Name, err)
		}
		f := figure{View: view.Name, Title: view.Title, SVG: svg, TitleID: titleID(svg)}
		f.Sheets = printSheets(opts.SVG[view.Name], graphOf(svg))
		d.Figures = append(d.Figures, f)
	}
	var b bytes.Buffer
	if err := page.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// inlineSVG returns the <svg> element of an SVG document: the XML
// declaration, doctype and comments before it are dropped (they mean
// nothing inside HTML).
func inlineSVG(doc []byte) (template.HTML, error) {
	i := bytes.Index(doc, []byte("<svg"))
	if i < 0 {
		return "", fmt.Errorf("no <svg> element")
	}
	s := strings.TrimSpace(string(doc[i:]))
	if !strings.HasSuffix(s, "</svg>") {
		return "", fmt.Errorf("the SVG does not end with </svg>")
	}
	return template.HTML(s), nil
}

// graphID finds the id of the drawing's graph group, as Graphviz writes
// it: <g id="b2b-map" class="graph">.
var graphID = regexp.MustCompile(`<g id="([^"]+)" class="graph"`)

// graphOf is the id of the drawing's graph group, "" when it has none.
func graphOf(svg template.HTML) string {
	if m := graphID.FindStringSubmatch(string(svg)); m != nil {
		return m[1]
	}
	return ""
}

// titleID is the id of the title node of an inlined drawing (every view
// names it <graph id>-title), or "" when there is none.
func titleID(svg template.HTML) string {
	g := graphOf(svg)
	if g == "" {
		return ""
	}
	id := g + "-title"
	if !strings.Contains(string(svg), `id="`+id+`"`) {
		return ""
	}
	return id
}

// emotionClass is the CSS class of an emotion: e1 (very negative) … e5
// (delight), "" when there is none.
func emotionClass(e outline.Emotion) string {
	if !e.Set {
		return ""
	}
	return fmt.Sprintf("e%d", mermaid.Score(e.Value))
}
