package raster

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// imagePage is a 200×100 pt SVG with an <image> of href in the box 100,20
// (80×40), Graphviz's way up (a translated graph group).
func imagePage(href string) []byte {
	return []byte(fmt.Sprintf(`<svg width="200pt" height="100pt" viewBox="0 0 200 100" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="g" class="graph" transform="translate(0 100)">
<polygon fill="#ffffff" stroke="none" points="0,0 0,-100 200,-100 200,0 0,0"/>
<g id="g-brand-logo" class="node">
<image x="100" y="-80" width="80" height="40" preserveAspectRatio="xMaxYMid meet" href="%s"/>
</g>
</g>
</svg>`, href))
}

func pngURI(t *testing.T, w, h int, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// dark counts the pixels of the PNG out that are not near white, inside
// and outside the box (at 72 dpi: one pixel a point).
func dark(t *testing.T, out []byte) (in, outside int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl > 3*0xE000 {
				continue
			}
			if x >= 99 && x <= 181 && y >= 19 && y <= 61 {
				in++
			} else {
				outside++
			}
		}
	}
	return in, outside
}

// A logo embedded as a data: URI (PNG or SVG) is drawn in its box, its
// aspect kept; a link to a file, a broken URI or a PNG too large to decode
// draws nothing, without failing.
func TestImage(t *testing.T) {
	logoSVG := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#0B3D91"/></svg>`
	for _, tc := range []struct {
		name   string
		href   string
		wantIn int // at least this many dark pixels in the box
	}{
		{"png", pngURI(t, 20, 10, color.RGBA{11, 61, 145, 255}), 80 * 40 * 9 / 10},
		// a square in an 80×40 box: 40×40 at the right edge (xMax).
		{"svg", "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(logoSVG)), 40 * 40 * 9 / 10},
		{"file", "logo.png", 0},
		{"broken", "data:image/png;base64,!!!", 0},
		{"huge", "data:image/png;base64," + base64.StdEncoding.EncodeToString(hugePNGHeader()), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, pdf := range []bool{false, true} {
				var err error
				if pdf {
					_, err = PDF(imagePage(tc.href), Options{})
				} else {
					var out []byte
					out, err = PNG(imagePage(tc.href), Options{DPI: 72})
					if err == nil {
						in, outside := dark(t, out)
						if in < tc.wantIn || tc.wantIn == 0 && in > 0 || outside > 0 {
							t.Errorf("%d dark pixels in the box (want ≥ %d), %d outside", in, tc.wantIn, outside)
						}
						if tc.name == "svg" {
							// xMaxYMid: the left half of the box stays white.
							img, _ := png.Decode(bytes.NewReader(out))
							if r, _, _, _ := img.At(110, 40).RGBA(); r < 0xE000 {
								t.Error("the square logo is not at the box's right edge")
							}
						}
					}
				}
				if err != nil {
					t.Errorf("pdf=%v: %v", pdf, err)
				}
			}
		})
	}
}

// hugePNGHeader is the start of a PNG of 100,000 × 100,000 pixels.
func hugePNGHeader() []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	b.Write([]byte{0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 6, 0, 0, 0})
	b.Write([]byte{0, 0, 0, 0})
	return b.Bytes()
}
