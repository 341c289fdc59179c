package raster

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"os"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

const sampleDOT = `digraph G { fontname="Helvetica"; node [fontname="Helvetica" shape=box style="rounded,filled" fillcolor="#e8f0fe"]; edge [fontname="Helvetica"];
subgraph cluster_a { label="Stage & <1>"; style=dashed; a [label=<<b>bold</b> &amp; x<br/><i>italic</i>>]; b [fillcolor="red:blue" style=filled]}
a -> b [label="x<y"]; c [label="Привет, world — Заявка на demo" shape=ellipse]; d [fontname="Helvetica-Bold" penwidth=3 color="#ff000080"]; b -> c [style=dashed color=darkgreen]}`

func sampleSVG(t testing.TB) []byte {
	t.Helper()
	svg, err := graphviz.Render(context.Background(), []byte(sampleDOT), "dot", "svg")
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

func svgSize(t testing.TB, svg []byte) (w, h float64) {
	m := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindSubmatch(svg)
	if m == nil {
		t.Fatal("no size in SVG")
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h
}

func TestPNG(t *testing.T) {
	svg := sampleSVG(t)
	wpt, hpt := svgSize(t, svg)
	for _, dpi := range []float64{0, 72, 144} {
		t.Run(strconv.FormatFloat(dpi, 'f', 0, 64), func(t *testing.T) {
			out, err := PNG(svg, Options{DPI: dpi})
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if dpi == 0 {
				dpi = DefaultDPI
			}
			wantW, wantH := int(math.Round(wpt*dpi/72)), int(math.Round(hpt*dpi/72))
			b := img.Bounds()
			if abs(b.Dx()-wantW) > 1 || abs(b.Dy()-wantH) > 1 {
				t.Errorf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), wantW, wantH)
			}
			// Something was drawn: a good share of pixels is not white.
			dark := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xc000 {
						dark++
					}
				}
			}
			if dark < b.Dx()*b.Dy()/50 {
				t.Errorf("only %d of %d pixels drawn", dark, b.Dx()*b.Dy())
			}
			again, err := PNG(svg, Options{DPI: dpi})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Error("two conversions differ")
			}
		})
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestPDF(t *testing.T) {
	svg := sampleSVG(t)
	out, err := PDF(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Errorf("does not start with %%PDF-: %q", out[:min(len(out), 10)])
	}
	for _, want := range []string{"/FontFile2", "LiberationSans", "LiberationSans-Bold", "/ToUnicode"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if bytes.Contains(out, []byte("CreationDate")) {
		t.Error("PDF holds a creation date")
	}
	again, err := PDF(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Error("two conversions differ")
	}
}

func TestBadInput(t *testing.T) {
	tests := map[string]string{
		"empty":        ``,
		"not svg":      `<html><body/></html>`,
		"broken xml":   `<svg width="10pt" height="10pt"><g>`,
		"zero size":    `<svg width="0pt" height="0pt" viewBox="0 0 0 0"></svg>`,
		"huge":         `<svg width="1e12pt" height="1e12pt" viewBox="0 0 1e12 1e12"></svg>`,
		"bad path":     `<svg width="10pt" height="10pt" viewBox="0 0 10 10"><path d="M x y Z Q"/></svg>`,
		"font list":    `<svg width="50pt" height="20pt" viewBox="0 0 50 20"><text x="1" y="15" font-family="Helvetica,sans-Serif" font-size="14.00">x</text></svg>`,
		"quoted fonts": `<svg width="50pt" height="20pt" viewBox="0 0 50 20"><text x="1" y="15" font-family="'Liberation Sans',Arial" font-size="14.00" text-anchor="middle">x</text></svg>`,
	}
	for name, svg := range tests {
		t.Run(name, func(t *testing.T) {
			// Must not panic; errors are fine for the broken ones.
			PNG([]byte(svg), Options{DPI: 72})
			PDF([]byte(svg), Options{})
		})
	}
	if _, err := PNG([]byte(``), Options{}); err == nil {
		t.Error("empty input: no error")
	}
	if _, err := PNG([]byte(`<svg width="1e6pt" height="1e6pt" viewBox="0 0 1e6 1e6"></svg>`), Options{}); err == nil {
		t.Error("giant PNG: no error")
	}
}

func TestConcurrent(t *testing.T) {
	svg := sampleSVG(t)
	want, err := PNG(svg, Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := PNG(svg, Options{DPI: 72})
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("concurrent conversion differs (err %v)", err)
			}
		}()
	}
	wg.Wait()
}

// TestWriteSample writes the sample to $CJM_RASTER_OUT for a look.
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("CJM_RASTER_OUT")
	if dir == "" {
		t.Skip("set CJM_RASTER_OUT to a directory to write sample.png and sample.pdf")
	}
	svg := sampleSVG(t)
	p, _ := PNG(svg, Options{})
	d, _ := PDF(svg, Options{})
	os.WriteFile(dir+"/sample.png", p, 0o644)
	os.WriteFile(dir+"/sample.pdf", d, 0o644)
}

func BenchmarkPNG(b *testing.B) {
	svg := sampleSVG(b)
	for b.Loop() {
		if _, err := PNG(svg, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDF(b *testing.B) {
	svg := sampleSVG(b)
	for b.Loop() {
		if _, err := PDF(svg, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPDFStable: embedded font subsets carry no time, so PDFs written
// seconds apart are the same, and the cross-reference table still points
// at every object.
func TestPDFStable(t *testing.T) {
	svg := sampleSVG(t)
	a, err := PDF(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	b, err := PDF(svg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("PDFs written a second apart differ")
	}
	checkXref(t, a)
}

func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	m := regexp.MustCompile(`\nxref\r?\n0 (\d+)\r?\n`).FindSubmatchIndex(pdf)
	if m == nil {
		t.Fatal("no xref")
	}
	n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
	entries := pdf[m[1]:]
	for i := 1; i < n; i++ {
		e := entries[i*20 : i*20+20]
		off, _ := strconv.Atoi(string(e[:10]))
		want := strconv.Itoa(i) + " 0 obj"
		if !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q", i, pdf[off:min(off+12, len(pdf))])
		}
	}
	sm := regexp.MustCompile(`startxref\r?\n(\d+)`).FindSubmatch(pdf)
	off, _ := strconv.Atoi(string(sm[1]))
	if !bytes.HasPrefix(pdf[off:], []byte("xref")) {
		t.Errorf("startxref points at %q", pdf[off:min(off+8, len(pdf))])
	}
}
