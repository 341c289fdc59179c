package raster

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/tdewolff/canvas"
)

// textSVG is a 300×40 pt drawing with one line of text at x=150.
func textSVG(s, anchor, attrs string) []byte {
	return []byte(fmt.Sprintf(`<svg width="300pt" height="40pt" viewBox="0 0 300 40"><text x="150" y="28" text-anchor=%q font-family="Helvetica,Arial,sans-serif" font-size="20.00" %s>%s</text></svg>`, anchor, attrs, s))
}

// The label of the issue: Liberation has the Latin, Greek and Hebrew,
// DejaVu Sans the rest.
const fallbackLabel = "LTV 48 000 ₽, Ωμέγα, עברית, ★"

func pngImage(t *testing.T, svg []byte) image.Image {
	t.Helper()
	out, err := PNG(svg, Options{DPI: 144})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ink returns the bounding box of the non-white pixels and their count.
func ink(img image.Image) (image.Rectangle, int) {
	var box image.Rectangle
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xe000 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestFallbackGlyphs: every character of the label is drawn with a real
// glyph (never glyph 0, .notdef) of the font split chooses, in every style,
// and the runs are the expected ones.
func TestFallbackGlyphs(t *testing.T) {
	styles := map[string]canvas.FontStyle{
		"regular":     canvas.FontRegular,
		"bold":        canvas.FontBold,
		"italic":      canvas.FontItalic,
		"bold italic": canvas.FontBold | canvas.FontItalic,
	}
	labels := []string{fallbackLabel, "↶ Հայերեն ქართული", "مرحبا بالعالم", "e\u0301 ₽\u0301"}
	fs := &fontSet{}
	for name, st := range styles {
		for _, label := range labels {
			t.Run(name+"/"+label, func(t *testing.T) {
				own := fs.family("Helvetica").Face(12, st).Font
				for _, r := range fs.split(own, st, label) {
					var f *canvas.Font
					switch r.font {
					case ownFont:
						f = own
					case fallbackStyled:
						f = fs.fallbackFont(st)
					default:
						f = fs.fallbackFont(st &^ canvas.FontItalic)
					}
					for _, c := range r.text {
						if f.SFNT.GlyphIndex(c) == 0 {
							t.Errorf("%q is drawn with %s, which lacks it", c, f.Name())
						}
					}
					if r.font != ownFont && !strings.Contains(f.Name(), "DejaVu") {
						t.Errorf("fallback run %q in %s", r.text, f.Name())
					}
				}
			})
		}
	}
	// The runs of the label, in visual order: Hebrew is right-to-left
	// inside its run; Liberation draws everything but ₽ and ★.
	got := fs.split(fs.family("Helvetica").Face(12).Font, canvas.FontRegular, fallbackLabel)
	want := []fontRun{
		{text: "LTV 48 000 ", font: ownFont},
		{text: "₽", font: fallbackStyled},
		{text: ", Ωμέγα, ", font: ownFont},
		{text: "עברית", font: ownFont, level: 1},
		{text: ", ", font: ownFont},
		{text: "★", font: fallbackStyled},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs\n%+v, want\n%+v", got, want)
	}
	// Arabic words with a Liberation space between them: the runs of a
	// right-to-left stretch are drawn right to left.
	got = fs.split(fs.family("Helvetica").Face(12).Font, canvas.FontRegular, "ab مرحبا بالعالم")
	want = []fontRun{
		{text: "ab ", font: ownFont},
		{text: "بالعالم", font: fallbackStyled, level: 1},
		{text: " ", font: ownFont, level: 1},
		{text: "مرحبا", font: fallbackStyled, level: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs\n%+v, want\n%+v", got, want)
	}
	// A label that starts with Hebrew is still a left-to-right line, as
	// browsers draw the SVG: the star stays on the right.
	got = fs.split(fs.family("Helvetica").Face(12).Font, canvas.FontRegular, "עברית, ★")
	want = []fontRun{
		{text: "עברית", font: ownFont, level: 1},
		{text: ", ", font: ownFont},
		{text: "★", font: fallbackStyled},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs\n%+v, want\n%+v", got, want)
	}
	// Latin, Cyrillic and Hebrew-free text of one font is one run, drawn
	// as before.
	for _, s := range []string{"Привет, world — Заявка", "a … b → c"} {
		if got := fs.split(fs.family("Helvetica").Face(12).Font, canvas.FontRegular, s); len(got) != 1 || got[0] != (fontRun{text: s}) {
			t.Errorf("%q: runs %+v", s, got)
		}
	}
	// Italic Arabic: DejaVu Sans Oblique has none, upright DejaVu draws it.
	it := fs.split(fs.family("Helvetica").Face(12, canvas.FontItalic).Font, canvas.FontItalic, "₽ مرحبا")
	if len(it) != 3 || it[0].font != fallbackStyled || it[2].font != fallbackUpright {
		t.Errorf("italic runs %+v: want Arabic upright, ₽ oblique", it)
	}
}

// TestFallbackInk: ₽, ★, ↶ and the other characters Liberation lacks are
// drawn as themselves, not as the missing-glyph box that a character in
// font has (U+10FFFD, private use) still gets.
func TestFallbackInk(t *testing.T) {
	notdef := pngImage(t, textSVG("\U0010FFFD", "start", ""))
	if _, n := ink(notdef); n == 0 {
		t.Fatal("the missing-glyph box draws nothing")
	}
	for _, s := range []string{"₽", "★", "↶", "Ա", "ა", "ب", "Ω", "א"} {
		t.Run(s, func(t *testing.T) {
			img := pngImage(t, textSVG(s, "start", ""))
			if _, n := ink(img); n == 0 {
				t.Error("no ink")
			}
			if sameImage(img, notdef) {
				t.Error("drawn as the missing-glyph box")
			}
		})
	}
	// The whole label draws ink where the glyphs are.
	if _, n := ink(pngImage(t, textSVG(fallbackLabel, "start", ""))); n < 500 {
		t.Errorf("label: only %d pixels of ink", n)
	}
}

// TestFallbackCentred: a label of several fonts stays centred on its
// anchor (runs are laid out left-aligned, side by side, and shifted by the
// total width), and right-aligned text ends at its anchor.
func TestFallbackCentred(t *testing.T) {
	const dpi = 144.0
	anchor := 150 * dpi / 72 // x=150 pt in pixels
	tests := []struct {
		label, anchor, attrs string
	}{
		{fallbackLabel, "middle", ""},
		{fallbackLabel, "middle", `font-weight="bold"`},
		{fallbackLabel, "middle", `font-style="italic"`},
		{"★ ₽ ↶", "middle", ""},
		{"مرحبا ₽", "middle", ""},
		{fallbackLabel, "end", ""},
	}
	for _, tt := range tests {
		t.Run(tt.anchor+" "+tt.attrs+" "+tt.label, func(t *testing.T) {
			box, _ := ink(pngImage(t, textSVG(tt.label, tt.anchor, tt.attrs)))
			if box.Empty() {
				t.Fatal("no ink")
			}
			switch tt.anchor {
			case "middle":
				mid := float64(box.Min.X+box.Max.X) / 2
				if math.Abs(mid-anchor) > 6 {
					t.Errorf("ink %v is centred on %.0f px, want %.0f", box, mid, anchor)
				}
			case "end":
				if d := anchor - float64(box.Max.X); d < -2 || d > 8 {
					t.Errorf("ink ends at %d px, want %.0f", box.Max.X, anchor)
				}
			}
		})
	}
}

// TestHebrewAlone: right-to-left text in Liberation alone used to make
// canvas panic while measuring it.
func TestHebrewAlone(t *testing.T) {
	for _, a := range []string{"start", "middle", "end"} {
		if _, err := PNG(textSVG("עברית", a, ""), Options{DPI: 72}); err != nil {
			t.Errorf("%s: %v", a, err)
		}
		if _, err := PDF(textSVG("עברית", a, ""), Options{}); err != nil {
			t.Errorf("%s: %v", a, err)
		}
	}
}

// TestPDFFallbackFont: DejaVu Sans is embedded (as a subset) only when a
// label needs it, and the PDF stays the same on every run.
func TestPDFFallbackFont(t *testing.T) {
	plain, err := PDF(sampleSVG(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(plain, []byte("DejaVu")) {
		t.Error("a PDF of Latin and Cyrillic text embeds DejaVu")
	}
	tests := []struct {
		name, label, attrs string
		want, not          []string
	}{
		{"regular", fallbackLabel, "", []string{"LiberationSans", "DejaVuSans"}, []string{"DejaVuSans-Bold", "Oblique"}},
		{"bold", fallbackLabel, `font-weight="bold"`, []string{"LiberationSans-Bold", "DejaVuSans-Bold"}, []string{"Oblique"}},
		{"italic", "₽", `font-style="italic"`, []string{"DejaVuSans-Oblique"}, nil},
		{"italic Arabic", "مرحبا", `font-style="italic"`, []string{"DejaVuSans"}, []string{"Oblique"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := textSVG(tt.label, "middle", tt.attrs)
			out, err := PDF(svg, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !bytes.Contains(out, []byte("/BaseFont /"+w)) && !bytes.Contains(out, []byte("+"+w)) {
					t.Errorf("PDF does not embed %s", w)
				}
			}
			for _, n := range tt.not {
				if bytes.Contains(out, []byte(n)) {
					t.Errorf("PDF embeds %s", n)
				}
			}
			again, err := PDF(svg, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Error("two conversions differ")
			}
			checkXref(t, out)
		})
	}
}

// TestWriteFallbackSample writes a map-like drawing with fallback text to
// $CJM_RASTER_OUT for a look.
func TestWriteFallbackSample(t *testing.T) {
	dir := os.Getenv("CJM_RASTER_OUT")
	if dir == "" {
		t.Skip("set CJM_RASTER_OUT to a directory to write fallback.png and fallback.pdf")
	}
	dot := `digraph G { node [fontname="Helvetica" shape=box]; a [label="` + fallbackLabel + ` ↶ Հայ ქართ مرحبا"]; b [label=<<b>bold ₽ ★ مرحبا</b>>]; c [label=<<i>italic ₽ ★ مرحبا</i>>]; d [label="日本語 🙂 CJK and emoji"]; a -> b -> c -> d }`
	svg, err := graphviz.Render(context.Background(), []byte(dot), "dot", "svg")
	if err != nil {
		t.Fatal(err)
	}
	p, err := PNG(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := PDF(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dir+"/fallback.svg", svg, 0o644)
	os.WriteFile(dir+"/fallback.png", p, 0o644)
	os.WriteFile(dir+"/fallback.pdf", d, 0o644)
}

// TestFallbackDeterministic: the same drawing gives the same PNG whether
// the fallback faces are freshly parsed or reused, and concurrently.
func TestFallbackDeterministic(t *testing.T) {
	svg := textSVG(fallbackLabel+" مرحبا", "middle", "")
	want, err := PNG(svg, Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	for range 4 {
		go func() {
			got, _ := PNG(svg, Options{DPI: 72})
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; !bytes.Equal(got, want) {
			t.Error("a second conversion differs")
		}
	}
}
