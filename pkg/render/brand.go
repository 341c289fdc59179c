package render

import (
	"bytes"
	"context"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/report/html"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/mapview"
)

// A theme (view.Theme) reaches the outputs in two steps: the builders
// draw what DOT can say (the colours, an empty box for the logo, the
// footer and the confidentiality line), and the SVG is finished here,
// for the svg format and the HTML report, with what Graphviz cannot write:
// the logo as an <image> with a data: URI (Graphviz's `image` attribute
// links a file and cannot embed one), and the theme's font family in
// front of every font-family (the DOT keeps Graphviz's PostScript names,
// whose bold and italic Graphviz knows). PNG and PDF draw the logo too,
// with cjm's bundled and --font fonts; on a paper size the foot lines move
// from the drawing to every page's foot. All of it is
// deterministic: the same theme and map give the same bytes.

// BrandedSVG returns the SVG of a view as the svg format and the HTML
// report show it: SVG with the theme's logo and font family.
func (j *Job) BrandedSVG(ctx context.Context, name string) ([]byte, error) {
	svg, err := j.SVG(ctx, name)
	if err != nil || j.cache.theme == nil {
		return svg, err
	}
	return brandSVG(svg, j.cache.theme, IDPrefix(j.cache.file, name)), nil
}

// reportSVG returns the SVG of a view as the HTML report inlines it: in
// the theme's font family, without the logo and the foot lines, which the
// report's header and foot carry once for the page.
func (j *Job) reportSVG(ctx context.Context, name string) ([]byte, error) {
	svg, err := j.SVG(ctx, name)
	if err != nil || j.cache.theme == nil {
		return svg, err
	}
	th := *j.cache.theme
	th.Logo = nil
	prefix := IDPrefix(j.cache.file, name)
	for _, id := range []string{mapview.LogoID, mapview.FootID, mapview.ConfidentialID} {
		svg = dropNode(svg, prefix+"-"+id)
	}
	return brandSVG(svg, &th, prefix), nil
}

// rasterSVG returns the SVG of a view as PNG and PDF draw it: with the
// logo (pkg/raster draws an <image> with a data: URI) in cjm's own fonts,
// and on a paper size without the theme's foot lines, which the foot of
// every page carries instead (rasterOptions).
func (j *Job) rasterSVG(ctx context.Context, name string) ([]byte, error) {
	svg, err := j.SVG(ctx, name)
	th := j.cache.theme
	if err != nil || th == nil {
		return svg, err
	}
	prefix := IDPrefix(j.cache.file, name)
	if th.Logo != nil {
		svg = placeLogo(svg, th.Logo, prefix+"-"+mapview.LogoID)
	}
	if !j.cache.paper.Page.Auto() {
		for _, id := range []string{mapview.FootID, mapview.ConfidentialID} {
			svg = dropNode(svg, prefix+"-"+id)
		}
	}
	return svg, nil
}

// htmlBrand is the theme's marks on the HTML report (nil: none).
func (j *Job) htmlBrand() *html.Brand {
	th := j.cache.theme
	if th == nil {
		return nil
	}
	b := &html.Brand{Font: th.Font, Footer: th.Footer, Confidential: th.Confidential}
	if th.Logo != nil {
		b.LogoMIME, b.Logo = th.Logo.MIME, th.Logo.Data
	}
	return b
}

// pageFooter is the foot line of every page of a paper size: --footer, or
// the theme's footer and confidentiality line.
func (j *Job) pageFooter() string {
	if f := j.cache.paper.Footer; f != "" {
		return f
	}
	return strings.Join(j.cache.theme.FootLines(), " · ")
}

// nodeGroup matches a node's group of Graphviz's SVG, from its start tag to
// its end (a node's group holds no other group).
func nodeGroup(id string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)<g id="` + regexp.QuoteMeta(id) + `" class="node">.*?</g>\n`)
}

// dropNode removes the node id from svg.
func dropNode(svg []byte, id string) []byte {
	return nodeGroup(id).ReplaceAll(svg, nil)
}

var (
	fontFamily = regexp.MustCompile(`font-family="([^"]*)"`)
	polyPoints = regexp.MustCompile(`points="([^"]*)"`)
	nodeTitle  = regexp.MustCompile(`(?s)<title>.*?</title>\n?`)
)

// brandSVG puts th's logo into its box (the node prefix-brand-logo, a
// transparent box) and th's font family in front of every font-family of
// svg.
func brandSVG(svg []byte, th *view.Theme, prefix string) []byte {
	if th.Font != "" {
		fam := th.Font
		svg = fontFamily.ReplaceAllFunc(svg, func(m []byte) []byte {
			return []byte(`font-family="` + attrEscape(fam) + `,` + string(m[len(`font-family="`):]))
		})
	}
	if lg := th.Logo; lg != nil {
		svg = placeLogo(svg, lg, prefix+"-"+mapview.LogoID)
	}
	return svg
}

// placeLogo replaces the logo's box, node id, with an <image> of lg in the
// same place. The box is drawn as a polygon (a transparent one), whose
// points give its corners.
func placeLogo(svg []byte, lg *view.Logo, id string) []byte {
	re := nodeGroup(id)
	loc := re.FindIndex(svg)
	if loc == nil {
		return svg
	}
	g := svg[loc[0]:loc[1]]
	pm := polyPoints.FindSubmatch(g)
	if pm == nil {
		return svg
	}
	x0, y0, x1, y1 := bounds(string(pm[1]))
	if x1 <= x0 || y1 <= y0 {
		return svg
	}
	var b bytes.Buffer
	b.WriteString(`<g id="` + id + `" class="node">` + "\n")
	if t := nodeTitle.Find(g); t != nil {
		b.Write(t)
	}
	b.WriteString(`<image x="` + num(x0) + `" y="` + num(y0) + `" width="` + num(x1-x0) + `" height="` + num(y1-y0) +
		`" preserveAspectRatio="xMaxYMid meet" href="data:` + lg.MIME + `;base64,` + base64.StdEncoding.EncodeToString(lg.Data) + `"/>` + "\n</g>\n")
	out := make([]byte, 0, len(svg)+b.Len())
	out = append(out, svg[:loc[0]]...)
	out = append(out, b.Bytes()...)
	return append(out, svg[loc[1]:]...)
}

// bounds returns the bounding box of an SVG points list.
func bounds(points string) (x0, y0, x1, y1 float64) {
	first := true
	for _, p := range strings.Fields(points) {
		xs, ys, ok := strings.Cut(p, ",")
		if !ok {
			continue
		}
		x, err1 := strconv.ParseFloat(xs, 64)
		y, err2 := strconv.ParseFloat(ys, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		if first {
			x0, y0, x1, y1, first = x, y, x, y, false
			continue
		}
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

// attrEscape escapes text for an XML attribute value in double quotes.
func attrEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(s)
}
