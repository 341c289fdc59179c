package render

import (
	"bytes"
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/view"
)

const testLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#0B3D91"/></svg>`

func testTheme() *view.Theme {
	set, _ := palette.Brand([]string{"#0B3D91"})
	return &view.Theme{
		Name:         "test",
		Scheme:       palette.Scheme{Set: set},
		Font:         "Inter,Arial",
		Logo:         &view.Logo{MIME: "image/svg+xml", Data: []byte(testLogo), Width: 108, Height: 36},
		Footer:       "Prepared by N for A & Co",
		Confidential: "Confidential <internal>",
	}
}

func renderTheme(t *testing.T, th *view.Theme, paper Paper, formats ...string) map[string][]byte {
	t.Helper()
	outs, err := Render(context.Background(), smallMap(), Options{Formats: formats, Theme: th, Paper: paper})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, o := range outs {
		got[o.Format] = o.Data
	}
	return got
}

// The logo is embedded in the map's SVG as a data URI, in the box the map
// view leaves for it above the title, the same bytes every time; the font
// family leads every font-family; the foot lines are under the map,
// escaped.
func TestThemeSVG(t *testing.T) {
	th := testTheme()
	a := renderTheme(t, th, Paper{}, "svg", "html")
	b := renderTheme(t, th, Paper{}, "svg", "html")
	if !bytes.Equal(a["svg"], b["svg"]) || !bytes.Equal(a["html"], b["html"]) {
		t.Error("two renders with the same theme differ")
	}
	svg := string(a["svg"])
	uri := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(testLogo))
	img := regexp.MustCompile(`<g id="tiny-journey-map-brand-logo" class="node">\n(<title>[^<]*</title>\n)?<image x="(-?[0-9.]+)" y="(-?[0-9.]+)" width="108.00" height="36.00" preserveAspectRatio="xMaxYMid meet" href="` + regexp.QuoteMeta(uri) + `"/>`)
	if !img.MatchString(svg) {
		t.Errorf("no logo image in its box:\n%s", svg[:min(len(svg), 3000)])
	}
	if strings.Count(svg, "<image") != 1 {
		t.Errorf("%d images, want 1", strings.Count(svg, "<image"))
	}
	if n, m := strings.Count(svg, `font-family="`), strings.Count(svg, `font-family="Inter,Arial,`); n == 0 || n != m {
		t.Errorf("%d of %d font-family lead with the theme's font", m, n)
	}
	for _, want := range []string{"Prepared by N for A &amp; Co", "Confidential &lt;internal&gt;"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// The report inlines the map without its logo and foot: its own header
	// and foot carry them once.
	html := strings.ReplaceAll(string(a["html"]), "&#43;", "+")
	if strings.Count(html, uri) != 1 || strings.Count(html, "Prepared by N for A &amp; Co") != 1 || strings.Count(html, "Confidential &lt;internal&gt;") != 1 {
		t.Errorf("the report shows the logo %d, the footer %d and the confidentiality line %d times, want once each",
			strings.Count(html, uri), strings.Count(html, "Prepared by N for A &amp; Co"), strings.Count(html, "Confidential &lt;internal&gt;"))
	}
	if !strings.Contains(html, `body { font-family: 'Inter', 'Arial', "Liberation Sans"`) {
		t.Error("the report does not name the theme's font")
	}
	// Without a theme: no logo, no foot.
	plain := string(renderTheme(t, nil, Paper{}, "svg")["svg"])
	if strings.Contains(plain, "brand-") || strings.Contains(plain, "<image") {
		t.Error("an SVG without a theme has brand marks")
	}
}

// On a paper size the theme's foot lines go to the foot of every page
// (with --footer they give way to it), not twice.
func TestThemePageFooter(t *testing.T) {
	th := testTheme()
	page, err := raster.ParsePage("a4-landscape")
	if err != nil {
		t.Fatal(err)
	}
	j := &Job{Map: smallMap(), File: "x.yaml", cache: &cache{theme: th, paper: Paper{Page: page}, file: "x.yaml", views: map[string]*viewResult{}, renderer: graphviz.InProcess}}
	if got, want := j.pageFooter(), "Prepared by N for A & Co · Confidential <internal>"; got != want {
		t.Errorf("page footer %q, want %q", got, want)
	}
	j.cache.paper.Footer = "Draft"
	if got := j.pageFooter(); got != "Draft" {
		t.Errorf("page footer with --footer %q", got)
	}
	j.cache.paper.Footer = ""
	svg, err := j.rasterSVG(context.Background(), "map")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte("brand-foot")) || bytes.Contains(svg, []byte("brand-confidential")) {
		t.Error("the drawing keeps its foot lines on a paper size")
	}
	if !bytes.Contains(svg, []byte("brand-logo")) {
		t.Error("the logo's box left the drawing")
	}
}
