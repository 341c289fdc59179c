package raster_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/render"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// The PDF is drawn by viewers, not by cjm: poppler (Evince, Okular, most
// Linux viewers; pdftoppm) and MuPDF (SumatraPDF, many mobile viewers;
// mutool draw). TestViewersMatchPNG rasterises every page of every
// example's PDF, both views, with both, at the PNG's resolution, and
// compares the result pixel by pixel with cjm's own PNG of the same SVG.
// Anti-aliasing and glyph rasterisation differ between the three
// rasterisers, so the comparison has two tolerances:
//
//   - at most maxDiffering of the pixels may differ by more than
//     pixelThreshold in some channel (text edges, hairlines: the densest
//     map of the stress corpus, 12 stages × 8 cards of Russian text, has
//     4.6% in poppler, the examples under 2%);
//   - the mean colour of every card (a polygon filled with a gradient:
//     the channel header and the body) and of every tile of tile×tile
//     pixels may differ by at most maxMeanDiff per channel. A card drawn
//     in the wrong colour (the flood of issue 10) fails this by far.
const (
	pixelThreshold = 48
	maxDiffering   = 0.06
	maxCardDiff    = 8.0
	maxTileDiff    = 16.0
	tile           = 48
)

// viewerTools are the rasterisers the comparison needs. Without them the
// test skips, except under CI=true (.ci/run installs them), where it fails.
func viewerTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "mutool"} {
		testtool.Need(t, "install poppler-utils and mupdf-tools (apt-get install -y poppler-utils mupdf-tools) to compare PDF pages in poppler and MuPDF with cjm's PNG", tool)
	}
}

// corpus returns the SVGs cjm renders for every example and stress map,
// both views, keyed by "<file>.<view>".
func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob("../../examples/[^.]*.yaml")
	stress, _ := filepath.Glob("../../testdata/stress/*.yaml")
	files = append(files, stress...)
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	out := map[string][]byte{}
	for _, f := range files {
		m, ds, _ := load.File(f, load.Options{Root: "../.."})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", f, ds)
		}
		outs, err := render.Render(context.Background(), m, render.Options{Views: []string{"map", "flow"}, File: f, Renderer: graphviz.InProcess})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		base := strings.TrimSuffix(filepath.Base(f), ".yaml")
		for _, o := range outs {
			out[base+"."+o.View] = o.Data
		}
	}
	return out
}

func TestViewersMatchPNG(t *testing.T) {
	viewerTools(t)
	if testing.Short() {
		t.Skip("renders every example to PNG and PDF and through two PDF viewers")
	}
	for name, svg := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			pngData, err := raster.PNG(svg, raster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := png.Decode(bytes.NewReader(pngData))
			if err != nil {
				t.Fatal(err)
			}
			pdfData, err := raster.PDF(svg, raster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			pdfPath := filepath.Join(dir, "page.pdf")
			if err := os.WriteFile(pdfPath, pdfData, 0o644); err != nil {
				t.Fatal(err)
			}
			dpi := strconv.Itoa(raster.DefaultDPI)
			viewers := []struct {
				name string
				args []string
				out  string
			}{
				{"poppler", []string{"pdftoppm", "-r", dpi, "-png", "-singlefile", pdfPath, filepath.Join(dir, "poppler")}, "poppler.png"},
				{"mupdf", []string{"mutool", "draw", "-q", "-r", dpi, "-o", filepath.Join(dir, "mupdf.png"), pdfPath}, "mupdf.png"},
			}
			cards := cardRects(t, svg, raster.DefaultDPI/72.0)
			if len(cards) == 0 && strings.HasSuffix(name, ".flow") {
				t.Fatal("no cards found in the flow view: the card check would prove nothing")
			}
			for _, v := range viewers {
				cmd := exec.Command(v.args[0], v.args[1:]...)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%s", v.name, err, out)
				}
				got := readPNG(t, filepath.Join(dir, v.out))
				msg, stats := compare(want, got, cards)
				t.Logf("%s: %s", v.name, stats)
				if msg != "" {
					saveForLooking(t, name, v.name, pngData, filepath.Join(dir, v.out))
					t.Errorf("%s draws the PDF differently from cjm's PNG: %s", v.name, msg)
				}
			}
		})
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// saveForLooking copies both images to $CJM_RASTER_OUT, if set.
func saveForLooking(t *testing.T, name, viewer string, cjmPNG []byte, viewerPNG string) {
	dir := os.Getenv("CJM_RASTER_OUT")
	if dir == "" {
		return
	}
	b, err := os.ReadFile(viewerPNG)
	if err != nil {
		return
	}
	_ = os.WriteFile(filepath.Join(dir, name+".cjm.png"), cjmPNG, 0o644)
	_ = os.WriteFile(filepath.Join(dir, name+"."+viewer+".png"), b, 0o644)
}

func rgb(img image.Image, x, y int) [3]float64 {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
}

// compare returns what is wrong with got against want, or "", and the
// measures it judged by.
func compare(want, got image.Image, cards []image.Rectangle) (problem, stats string) {
	wb, gb := want.Bounds(), got.Bounds()
	if d := max(abs(wb.Dx()-gb.Dx()), abs(wb.Dy()-gb.Dy())); d > 1 {
		return fmt.Sprintf("size %dx%d, cjm's PNG is %dx%d", gb.Dx(), gb.Dy(), wb.Dx(), wb.Dy()), ""
	}
	w, h := min(wb.Dx(), gb.Dx()), min(wb.Dy(), gb.Dy())
	differing := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a, b := rgb(want, wb.Min.X+x, wb.Min.Y+y), rgb(got, gb.Min.X+x, gb.Min.Y+y)
			for c := range 3 {
				if math.Abs(a[c]-b[c]) > pixelThreshold {
					differing++
					break
				}
			}
		}
	}
	var problems []string
	frac := float64(differing) / float64(w*h)
	if frac > maxDiffering {
		problems = append(problems, fmt.Sprintf("%.1f%% of the pixels differ by more than %d (at most %.1f%% may)", 100*frac, pixelThreshold, 100*maxDiffering))
	}
	area := image.Rect(0, 0, w, h)
	worstCard, bad := 0.0, 0
	for i, r := range cards {
		r = r.Intersect(area)
		if r.Empty() {
			continue
		}
		d, a, b := meanDiff(want, got, r)
		worstCard = max(worstCard, d)
		if d > maxCardDiff {
			bad++
			if bad <= 3 {
				problems = append(problems, fmt.Sprintf("card %d at %v: mean colour %s, cjm's PNG %s", i+1, r, fmtRGB(b), fmtRGB(a)))
			}
		}
	}
	if bad > 3 {
		problems = append(problems, fmt.Sprintf("%d more cards", bad-3))
	}
	worst, worstAt := 0.0, image.Rectangle{}
	for y := 0; y+tile <= h; y += tile {
		for x := 0; x+tile <= w; x += tile {
			r := image.Rect(x, y, x+tile, y+tile)
			if d, _, _ := meanDiff(want, got, r); d > worst {
				worst, worstAt = d, r
			}
		}
	}
	if worst > maxTileDiff {
		problems = append(problems, fmt.Sprintf("the tile at %v differs in mean colour by %.0f (at most %.0f)", worstAt, worst, maxTileDiff))
	}
	stats = fmt.Sprintf("%.2f%% of the pixels differ by more than %d; largest difference of mean colours: %.1f in %d cards, %.1f in a tile", 100*frac, pixelThreshold, worstCard, len(cards), worst)
	return strings.Join(problems, "; "), stats
}

func fmtRGB(c [3]float64) string {
	return fmt.Sprintf("#%02x%02x%02x", int(c[0]+.5), int(c[1]+.5), int(c[2]+.5))
}

// meanDiff returns the largest difference per channel of the mean colours
// of r in both images (r in image coordinates from their top left), and
// the two means.
func meanDiff(want, got image.Image, r image.Rectangle) (float64, [3]float64, [3]float64) {
	wb, gb := want.Bounds(), got.Bounds()
	var a, b [3]float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pa, pb := rgb(want, wb.Min.X+x, wb.Min.Y+y), rgb(got, gb.Min.X+x, gb.Min.Y+y)
			for c := range 3 {
				a[c] += pa[c]
				b[c] += pb[c]
			}
		}
	}
	n := float64(r.Dx() * r.Dy())
	d := 0.0
	for c := range 3 {
		a[c] /= n
		b[c] /= n
		d = max(d, math.Abs(a[c]-b[c]))
	}
	return d, a, b
}

var (
	graphTransform = regexp.MustCompile(`class="graph" transform="[^"]*translate\(([-0-9.]+) ([-0-9.]+)\)"`)
	gradientPoly   = regexp.MustCompile(`<polygon fill="url\(#[^)]*\)"[^>]*points="([^"]+)"`)
)

// cardRects finds the polygons filled with a gradient (the cards: channel
// header and body) and returns their bounding boxes in pixels at scale
// pixels per point, shrunk by 3 pixels so that the outline is left out.
func cardRects(t *testing.T, svg []byte, scale float64) []image.Rectangle {
	t.Helper()
	m := graphTransform.FindSubmatch(svg)
	if m == nil {
		t.Fatal("no graph transform in the SVG")
	}
	tx, _ := strconv.ParseFloat(string(m[1]), 64)
	ty, _ := strconv.ParseFloat(string(m[2]), 64)
	var out []image.Rectangle
	for _, p := range gradientPoly.FindAllSubmatch(svg, -1) {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, pt := range strings.Fields(string(p[1])) {
			xs, ys, _ := strings.Cut(pt, ",")
			x, _ := strconv.ParseFloat(xs, 64)
			y, _ := strconv.ParseFloat(ys, 64)
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		}
		r := image.Rect(int((x0+tx)*scale)+3, int((y0+ty)*scale)+3, int((x1+tx)*scale)-3, int((y1+ty)*scale)-3)
		if !r.Empty() {
			out = append(out, r)
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
