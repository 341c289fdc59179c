package raster

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strings"

	"github.com/tdewolff/canvas"
)

// An <image> with a data: URI is drawn: a theme's logo, which pkg/render
// embeds in the map view's SVG (docs/themes.md). A PNG is decoded and
// drawn as an image; an SVG is drawn by a drawer of its own, as paths and
// text, so it stays vector in the PDF. Links to files are not followed
// (an SVG is drawn from its own bytes only), and nothing else Graphviz
// writes is an <image>.

// MaxImagePixels bounds a PNG drawn (a small file can decode to gigabytes).
const MaxImagePixels = 4096 * 4096

// image draws the <image> element with attributes a under m.
func (d *drawer) image(a map[string]string, m canvas.Matrix) {
	if d.nested {
		return // an image inside a logo: not drawn
	}
	href := a["href"]
	if href == "" {
		href = a["xlink:href"]
	}
	mime, data, ok := dataURI(href)
	if !ok {
		return
	}
	x, y := parseNumber(a["x"]), parseNumber(a["y"])
	w, h := parseNumber(a["width"]), parseNumber(a["height"])
	if w <= 0 || h <= 0 {
		return
	}
	// place maps a drawing of iw × ih units, y up, into the box as
	// preserveAspectRatio="xMaxYMid meet" does (the logo's right edge on
	// the box's).
	place := func(iw, ih float64) canvas.Matrix {
		s := min(w/iw, h/ih)
		dx, dy := w-iw*s, (h-ih*s)/2
		return m.Translate(x+dx, y+dy+ih*s).Scale(s, -s)
	}
	// The box is the node's (a page split puts a logo on every page).
	p0, p1 := m.Dot(canvas.Point{X: x, Y: y}), m.Dot(canvas.Point{X: x + w, Y: y + h})
	d.recordRect(canvas.Rect{X0: min(p0.X, p1.X), Y0: min(p0.Y, p1.Y), X1: max(p0.X, p1.X), Y1: max(p0.Y, p1.Y)})
	switch mime {
	case "image/png":
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxImagePixels {
			return
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		d.c.RenderImage(img, place(float64(cfg.Width), float64(cfg.Height)))
	case "image/svg+xml":
		sub := &drawer{grads: map[string]gradient{}, fonts: d.fonts, forPDF: d.forPDF, boxes: map[string]canvas.Rect{}, nested: true}
		if err := sub.parse(data); err != nil || sub.c == nil {
			return
		}
		sub.c.RenderViewTo(d.c, place(sub.c.W, sub.c.H))
	}
}

// dataURI reads "data:MIME;base64,DATA".
func dataURI(s string) (mime string, data []byte, ok bool) {
	rest, ok := strings.CutPrefix(s, "data:")
	if !ok {
		return "", nil, false
	}
	head, body, ok := strings.Cut(rest, ",")
	if !ok {
		return "", nil, false
	}
	mime, enc, _ := strings.Cut(head, ";")
	if enc != "base64" {
		return "", nil, false
	}
	data, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return "", nil, false
	}
	return mime, data, true
}

// RenderImage draws an image (a logo) on the page whose tile holds its
// centre, like a text.
func (w *window) RenderImage(img image.Image, m canvas.Matrix) {
	b := img.Bounds()
	c := m.Dot(canvas.Point{X: float64(b.Dx()) / 2, Y: float64(b.Dy()) / 2})
	if c.X < w.src.X0 || c.X >= w.src.X1 || c.Y < w.src.Y0 || c.Y >= w.src.Y1 {
		return
	}
	w.dst.RenderImage(img, w.m.Mul(m))
}
