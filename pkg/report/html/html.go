package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
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
	// Brand is a theme's logo, font, footer and confidentiality line
	// (brand.go); nil: none.
	Brand *Brand
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
}

type data struct {
	*outline.Report
	CSS     template.CSS
	Figures []figure
	Brand   *brandData
}

// Render returns the HTML report of m.
func Render(m *journey.Map, opts Options) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("html: no map")
	}
	d := data{Report: outline.Build(m), CSS: template.CSS(css), Brand: opts.Brand.data()}
	if strings.TrimSpace(d.Title) == "" {
		d.Title = "Journey"
	}
	for _, view := range outline.Figures(opts.Views, opts.SVG) {
		svg, err := inlineSVG(opts.SVG[view.Name])
		if err != nil {
			return nil, fmt.Errorf("html: %s view: %w", view.Name, err)
		}
		d.Figures = append(d.Figures, figure{View: view.Name, Title: view.Title, SVG: svg})
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

// emotionClass is the CSS class of an emotion: e1 (very negative) … e5
// (delight), "" when there is none.
func emotionClass(e outline.Emotion) string {
	if !e.Set {
		return ""
	}
	return fmt.Sprintf("e%d", mermaid.Score(e.Value))
}
