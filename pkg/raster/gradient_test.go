package raster

import (
	"bytes"
	"compress/zlib"
	"image/color"
	"io"
	"regexp"
	"strings"
	"testing"
)

// A card as Graphviz writes it: one polygon, a vertical gradient whose two
// stops 0.001 apart split it into a channel header and a body.
const cardSVG = `<svg width="200pt" height="100pt" viewBox="0.00 0.00 200.00 100.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 96)">
<defs>
<linearGradient id="g_l_0" gradientUnits="userSpaceOnUse" x1="90" y1="-90" x2="90" y2="-10" >
<stop offset="0.219" style="stop-color:#0a66c2;stop-opacity:1.;"/>
<stop offset="0.220" style="stop-color:#d6e9f5;stop-opacity:1.;"/>
</linearGradient>
<linearGradient id="soft" gradientUnits="userSpaceOnUse" x1="0" y1="-90" x2="50" y2="-10" >
<stop offset="0.3" style="stop-color:#ff0000;stop-opacity:1.;"/>
<stop offset="0.6" style="stop-color:#0000ff;stop-opacity:1.;"/>
</linearGradient>
</defs>
<polygon fill="url(#g_l_0)" stroke="#7d8694" points="170,-90 10,-90 10,-10 170,-10 170,-90"/>
SOFT
</g></svg>`

func TestBands(t *testing.T) {
	red, blue, white := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 255, 255}
	for _, tc := range []struct {
		name  string
		stops []stop
		want  []band
	}{
		{"hard stop", []stop{{.219, red}, {.22, blue}}, []band{{-1e9, .2195, red}, {.2195, 1e9, blue}}},
		{"three bands", []stop{{0, red}, {.5, red}, {.5, white}, {.8, white}, {.801, blue}}, []band{{-1e9, .5, red}, {.5, .8005, white}, {.8005, 1e9, blue}}},
		{"soft", []stop{{.3, red}, {.6, blue}}, nil},
		{"one colour", []stop{{0, red}, {1, red}}, nil},
		{"one stop", []stop{{.5, red}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := gradient{linear: true, stops: tc.stops}.bands()
			if len(got) != len(tc.want) {
				t.Fatalf("bands %v, want %v", got, tc.want)
			}
			for i := range got {
				if d := got[i].from - tc.want[i].from + got[i].to - tc.want[i].to; d > 1e-9 || d < -1e-9 || got[i].color != tc.want[i].color {
					t.Errorf("band %d is %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// pdfContent returns the PDF's streams, inflated, one after the other.
func pdfContent(t *testing.T, pdf []byte) string {
	t.Helper()
	var all strings.Builder
	all.Write(pdf)
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(r)
		all.Write(b)
	}
	return all.String()
}

// The PDF draws a hard-stop card as solid shapes (poppler and MuPDF
// flooded the whole card with the header's colour when it was a shading
// over the domain [.219, .22]), and a soft gradient as a shading whose
// function covers [0, 1].
func TestPDFCardBands(t *testing.T) {
	out, err := PDF([]byte(strings.Replace(cardSVG, "SOFT", "", 1)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	content := pdfContent(t, out)
	if strings.Contains(content, "/Shading") {
		t.Error("the hard-stop card is drawn with a shading")
	}
	for _, fill := range []string{".03921569 .4 .76078431 rg", ".83921569 .91372549 .96078431 rg"} {
		if !strings.Contains(content, fill) {
			t.Errorf("no solid fill %q (header and body) in the page:\n%s", fill, content)
		}
	}
	out, err = PDF([]byte(strings.Replace(cardSVG, "SOFT", `<polygon fill="url(#soft)" points="0,-90 50,-90 50,-10 0,-10"/>`, 1)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	content = pdfContent(t, out)
	if !strings.Contains(content, "/Shading") {
		t.Fatal("the soft gradient is not a shading")
	}
	if regexp.MustCompile(`/Domain \[ ?\.3 \.6 ?\]`).MatchString(content) {
		t.Error("the shading's function covers only the stops' domain [.3 .6]; viewers spread it over the axis")
	}
}
