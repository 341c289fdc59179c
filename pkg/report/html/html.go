package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
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
	"t":        func(lang, key string) string { return i18n.T(lang, key) },
	"number":   outline.FormatNumber,
	"quantity": outline.Quantity,
	"join":     strings.Join,
	"paras":    paragraphs,
	"inc":      func(i int) int { return i + 1 },
	"emoclass": emotionClass,
	"status":   status,
	"direction": func(k outline.KPI) string {
		if k.LowerIsBetter {
			return "report.direction.lower"
		}
		return "report.direction.higher"
	},
	"kpiArgs": func(lang string, k outline.KPI) kpiArgs { return kpiArgs{lang, k} },
	"matrixArgs": func(lang, kind string, m outline.Matrix) matrixArgs {
		return matrixArgs{lang, kind, m}
	},
}).Parse(source))

type kpiArgs struct {
	Lang string
	K    outline.KPI
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

// paragraph is a block of the description: a paragraph or a bullet list,
// each already escaped, with the inline Markdown of Inline applied.
type paragraph struct {
	Text  template.HTML
	Items []template.HTML
}

// paragraphs splits the description (Markdown) into paragraphs and bullet
// lists. The HTML report carries no Markdown engine: beyond paragraphs and
// "- " lists it knows only the inline marks of Inline.
func paragraphs(s string) []paragraph {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []paragraph
	for _, block := range strings.Split(s, "\n\n") {
		block = strings.Trim(block, "\n")
		if strings.TrimSpace(block) == "" {
			continue
		}
		lines := strings.Split(block, "\n")
		isList := true
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "* ") {
				isList = false
				break
			}
		}
		if isList {
			p := paragraph{}
			for _, l := range lines {
				p.Items = append(p.Items, Inline(strings.TrimSpace(strings.TrimSpace(l)[2:])))
			}
			out = append(out, p)
			continue
		}
		out = append(out, paragraph{Text: Inline(block)})
	}
	return out
}

// emotionClass is the CSS class of an emotion: e1 (very negative) … e5
// (delight), "" when there is none.
func emotionClass(e outline.Emotion) string {
	if !e.Set {
		return ""
	}
	return fmt.Sprintf("e%d", mermaid.Score(e.Value))
}

var (
	codeSpan = regexp.MustCompile("`([^`\n]+)`")
	strong   = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	em       = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_\n]*?)[*_]($|[\s).,;:!?])`)
)

// Inline escapes Markdown text for HTML and then turns its simplest inline
// marks into elements: `code`, **strong** and *emphasis* (or _emphasis_).
// It works on the escaped text, so nothing the user wrote becomes markup
// except those three elements, which carry no attributes.
func Inline(s string) template.HTML {
	e := template.HTMLEscapeString(s)
	var codes []string
	e = codeSpan.ReplaceAllStringFunc(e, func(m string) string {
		codes = append(codes, "<code>"+m[1:len(m)-1]+"</code>")
		return "\x00" + strconv.Itoa(len(codes)-1) + "\x00"
	})
	e = strong.ReplaceAllString(e, "<strong>$1</strong>")
	e = em.ReplaceAllString(e, "$1<em>$2</em>$3")
	for i, c := range codes {
		e = strings.Replace(e, "\x00"+strconv.Itoa(i)+"\x00", c, 1)
	}
	return template.HTML(e)
}
