package mapview

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// A theme's logo gets a box above the title, its right edge on the grid's;
// the footer and the confidentiality line come under everything else,
// escaped; without a theme there is none of it.
func TestBrand(t *testing.T) {
	m := viewtest.Small()
	th := &view.Theme{
		Logo:         &view.Logo{MIME: "image/png", Data: []byte("x"), Width: 90, Height: 36},
		Footer:       `Prepared by "N" & <Co>`,
		Confidential: "Confidential",
	}
	dot, err := Build(m, view.Options{IDPrefix: "b", Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	bs := viewtest.NodeRects(dot, regexp.MustCompile(`.`))
	logo, ok := bs["b-brand-logo"]
	if !ok {
		t.Fatalf("no logo box in\n%s", dot)
	}
	if w, h := logo.X1-logo.X0, logo.Y1-logo.Y0; w < 89.9 || w > 90.1 || h < 35.9 || h > 36.1 {
		t.Errorf("logo box %gx%g, want 90x36", w, h)
	}
	right := 0.0
	for id, b := range bs {
		if id == "b-brand-logo" {
			continue
		}
		right = max(right, b.X1)
		if b.Y1 > logo.Y0 && b.X1 > logo.X0 {
			t.Errorf("%s (%v) overlaps the logo's band (%v)", id, b, logo)
		}
	}
	if logo.X1 < right-1 || logo.X1 > right+1 {
		t.Errorf("logo's right edge at %g, the drawing's at %g", logo.X1, right)
	}
	foot, conf := bs["b-brand-foot"], bs["b-brand-confidential"]
	if !(foot.Y0 > conf.Y1) {
		t.Errorf("the confidentiality line (%v) is not under the footer (%v)", conf, foot)
	}
	for id, b := range bs {
		if !strings.HasPrefix(id, "b-brand-") && b.Y0 < foot.Y1 {
			t.Errorf("%s (%v) reaches under the footer (%v)", id, b, foot)
		}
	}
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatal(err)
	}
	if text := viewtest.ParseSVG(t, svg).Text; !strings.Contains(text, `Prepared by "N" & <Co>`) || !strings.Contains(text, "Confidential") {
		t.Errorf("the SVG's text lacks the foot lines")
	}
	plain, _ := Build(m, view.Options{IDPrefix: "b"})
	if strings.Contains(string(plain), "brand-") {
		t.Error("a map without a theme has brand marks")
	}
}
