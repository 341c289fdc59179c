package raster_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/render"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// poppler is pdfinfo and pdftotext: without them the paper tests skip,
// except under CI=true (.ci/run installs poppler-utils), where they fail.
func poppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		testtool.Need(t, "install poppler-utils (apt-get install -y poppler-utils) to read the PDF's pages and metadata", tool)
	}
}

// funnel loads examples/b2b-funnel-ru.yaml and draws its map view.
func funnel(t *testing.T) (*journey.Map, []byte) {
	t.Helper()
	f := "../../examples/b2b-funnel-ru.yaml"
	m, ds, _ := load.File(f, load.Options{Root: "../.."})
	if ds.HasErrors() {
		t.Fatalf("%s: %v", f, ds)
	}
	outs, err := render.Render(context.Background(), m, render.Options{File: f, Renderer: graphviz.InProcess})
	if err != nil {
		t.Fatal(err)
	}
	return m, outs[0].Data
}

// svgMinText is the smallest font-size, in the SVG's points, of a <text>
// with a letter or a digit: read from the SVG itself, not by pkg/raster.
func svgMinText(t *testing.T, svg []byte) float64 {
	t.Helper()
	re := regexp.MustCompile(`<text[^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>`)
	letter := regexp.MustCompile(`[\pL\pN]`)
	min := math.Inf(1)
	for _, m := range re.FindAllSubmatch(svg, -1) {
		if !letter.Match(m[2]) {
			continue
		}
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		min = math.Min(min, v)
	}
	if math.IsInf(min, 1) {
		t.Fatal("no text in the SVG")
	}
	return min
}

func pdfinfo(t *testing.T, file string, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", append(args, file)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", file, err, out)
	}
	return string(out)
}

func TestParsePage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h float64
		err  string
	}{
		{in: ""}, {in: "auto"}, {in: " Auto "},
		{in: "a4", w: 210, h: 297},
		{in: "A4-landscape", w: 297, h: 210},
		{in: "a3", w: 297, h: 420},
		{in: "a3-landscape", w: 420, h: 297},
		{in: "letter", w: 215.9, h: 279.4},
		{in: "tabloid-landscape", w: 431.8, h: 279.4},
		{in: "a5", err: `unknown page size "a5" (want auto, a4, a3, letter or tabloid, optionally with -landscape, e.g. a3-landscape)`},
		{in: "a4-portrait", err: `unknown page size "a4-portrait"`},
		{in: "auto-landscape", err: `unknown page size`},
	} {
		p, err := raster.ParsePage(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParsePage(%q) = %v, want an error with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || p.W != tc.w || p.H != tc.h || p.Auto() != (tc.w == 0) {
			t.Errorf("ParsePage(%q) = %+v, %v; want %gx%g", tc.in, p, err, tc.w, tc.h)
		}
	}
}

// TestPaperPDF prints the funnel example on every paper size: the PDF has
// the pages the layout says, each of the paper's size, with the map's
// title, "n / N" and the footer on every one; its text is never under
// 7 pt; the metadata are the map's.
func TestPaperPDF(t *testing.T) {
	poppler(t)
	m, svg := funnel(t)
	minSVG := svgMinText(t, svg)
	dir := t.TempDir()
	const footer = "Подготовлено для «Индикатор» · конфиденциально"
	for _, name := range []string{"a4", "a4-landscape", "a3", "a3-landscape", "letter", "letter-landscape", "tabloid", "tabloid-landscape"} {
		t.Run(name, func(t *testing.T) {
			page, err := raster.ParsePage(name)
			if err != nil {
				t.Fatal(err)
			}
			opts := raster.Options{Page: page, Footer: footer, Title: m.Title, Lang: m.Lang, Subject: "Карта пути"}
			lo, err := raster.LayOut(svg, opts)
			if err != nil {
				t.Fatal(err)
			}
			// The smallest text, from the SVG's own font sizes.
			if got := minSVG * lo.Scale; got < raster.MinTextPt-0.01 {
				t.Errorf("smallest text %.2f pt (%.1f pt × %.3f) on %d pages, want at least %g", got, minSVG, lo.Scale, lo.Pages, raster.MinTextPt)
			}
			// Today's fit to one page would put it under 7 pt.
			if strings.HasPrefix(name, "a") && lo.Pages < 2 {
				t.Errorf("%s: %d page, want the map split", name, lo.Pages)
			}
			pdf, err := raster.PDF(svg, opts)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			info := pdfinfo(t, file)
			if !strings.Contains(info, fmt.Sprintf("\nPages:           %d\n", lo.Pages)) {
				t.Errorf("pdfinfo says\n%s\nwant %d pages", info, lo.Pages)
			}
			for _, want := range []string{"Title:           " + m.Title + "\n", "Subject:         Карта пути\n"} {
				if !strings.Contains(info, want) {
					t.Errorf("pdfinfo says\n%s\nwant %q", info, want)
				}
			}
			if strings.Contains(info, "Creator:") {
				t.Errorf("pdfinfo says\n%s\nwant no Creator (canvas's /Lang workaround)", info)
			}
			if !bytes.Contains(pdf, []byte("/Lang(ru)")) && !bytes.Contains(pdf, []byte("/Lang (ru)")) {
				t.Error("no /Lang (ru) in the catalog")
			}
			boxes := regexp.MustCompile(`Page +(\d+) MediaBox: +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+)`).FindAllStringSubmatch(pdfinfo(t, file, "-f", "1", "-l", strconv.Itoa(lo.Pages), "-box"), -1)
			if len(boxes) != lo.Pages {
				t.Fatalf("%d MediaBoxes, want %d", len(boxes), lo.Pages)
			}
			wantW, wantH := page.W*72/25.4, page.H*72/25.4
			for _, b := range boxes {
				w, _ := strconv.ParseFloat(b[4], 64)
				h, _ := strconv.ParseFloat(b[5], 64)
				if math.Abs(w-wantW) > 0.01 || math.Abs(h-wantH) > 0.01 || b[2] != "0.00" || b[3] != "0.00" {
					t.Errorf("page %s MediaBox %v, want 0 0 %.2f %.2f", b[1], b[2:], wantW, wantH)
				}
			}
			for i := 1; i <= lo.Pages; i++ {
				out, err := exec.Command("pdftotext", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-layout", file, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				text := string(out)
				for _, want := range []string{m.Title, footer} {
					if !strings.Contains(text, want) {
						t.Errorf("page %d has no %q:\n%s", i, want, text)
					}
				}
				// pdftotext drops the narrow spaces around the slash.
				if want := fmt.Sprintf("%d/%d", i, lo.Pages); !strings.Contains(strings.ReplaceAll(text, " ", ""), want) {
					t.Errorf("page %d has no page number %q:\n%s", i, want, text)
				}
			}
		})
	}
}

// pdfText renders svg as a PDF with opts and returns its text as
// pdftotext -layout reads it (pages split by form feeds).
func pdfText(t *testing.T, svg []byte, opts raster.Options) string {
	t.Helper()
	pdf, err := raster.PDF(svg, opts)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "m.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestPaperSplitKeepsEveryStage: across the pages of a split, every stage
// name of the funnel is printed, and the lane titles and the name of the
// phase whose band a page shows are on every page.
func TestPaperSplitKeepsEveryStage(t *testing.T) {
	poppler(t)
	m, svg := funnel(t)
	page, _ := raster.ParsePage("a4-landscape")
	out := pdfText(t, svg, raster.Options{Page: page, Title: m.Title})
	pages := strings.Split(out, "\f")
	all := out
	for _, s := range m.Stages {
		if !strings.Contains(all, s.Name) {
			t.Errorf("stage %q is on no page", s.Name)
		}
	}
	grid := pages[:len(pages)-1]
	// What is under the grid (footnotes, persona cards, legend) is on the
	// last page, of its own when it does not fit under the last lanes.
	if last := grid[len(grid)-1]; !strings.Contains(last, "Каналы:") || !strings.Contains(last, "Примечания:") {
		t.Errorf("the last page has no legend or footnotes:\n%s", last)
	} else if !strings.Contains(last, "Осознание") {
		grid = grid[:len(grid)-1]
	}
	for i, p := range grid {
		// Each page shows a lane title of the first lanes or of the
		// later ones, in the repeated column, left of the cells.
		if !slices.ContainsFunc([]string{"Цель", "Эмоции", "Радости", "Возможности", "Стратегии", "Шаги назад"}, func(l string) bool { return strings.Contains(p, l) }) {
			t.Errorf("page %d has no lane title:\n%s", i+1, p)
		}
		// The purchase phase spans stages 1-5: its name is repeated on
		// the pages of stages 4-6, where its band continues.
		if !strings.Contains(p, "ПОКУПКА") {
			t.Errorf("page %d has no phase name ПОКУПКА:\n%s", i+1, p)
		}
	}
}

// TestPaperPNG: a PNG on paper holds one page; a map that needs several
// is refused with what to do.
func TestPaperPNG(t *testing.T) {
	_, svg := funnel(t)
	page, _ := raster.ParsePage("a4-landscape")
	_, err := raster.PNG(svg, raster.Options{Page: page})
	if err == nil || !strings.Contains(err.Error(), "a PNG holds one page; use -f pdf") {
		t.Fatalf("PNG on a4-landscape: %v, want a refusal", err)
	}
}

// TestPaperAutoUnchanged: the paper fields do nothing without a page
// size: the PNG is the one it always was (no pHYs), whatever footer.
func TestPaperAutoUnchanged(t *testing.T) {
	m, svg := funnel(t)
	a, err := raster.PNG(svg, raster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := raster.PNG(svg, raster.Options{Footer: "x", Title: m.Title, Lang: "ru", Subject: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the paper options changed an auto PNG")
	}
	if bytes.Contains(a[:64], []byte("pHYs")) {
		t.Error("an auto PNG has a pHYs chunk")
	}
	golden, err := os.ReadFile("../../examples/b2b-funnel-ru.png")
	if err == nil && !bytes.Equal(golden, a) {
		t.Log("examples/b2b-funnel-ru.png differs from the PNG drawn now (stale example, or another change): make examples")
	}
}

// TestPaperCutsTallLane: stress/12-stages (eight rows of cards in each of
// twelve stages) goes on A3 landscape at 7 pt, its touchpoints lane cut
// between rows of cards, and the lane's name is repeated on the page
// where its later rows go on.
func TestPaperCutsTallLane(t *testing.T) {
	poppler(t)
	f := "../../testdata/stress/12-stages.yaml"
	m, ds, _ := load.File(f, load.Options{Root: "../.."})
	if ds.HasErrors() {
		t.Fatalf("%s: %v", f, ds)
	}
	outs, err := render.Render(context.Background(), m, render.Options{File: f, Renderer: graphviz.InProcess})
	if err != nil {
		t.Fatal(err)
	}
	svg := outs[0].Data
	page, _ := raster.ParsePage("a3-landscape")
	lo, err := raster.LayOut(svg, raster.Options{Page: page})
	if err != nil {
		t.Fatal(err)
	}
	if lo.MinText < raster.MinTextPt-1e-9 {
		t.Errorf("smallest text %.2f pt on %d pages, under %g", lo.MinText, lo.Pages, raster.MinTextPt)
	}
	out := pdfText(t, svg, raster.Options{Page: page, Title: m.Title})
	first, last := m.Stages[0].Touchpoints[0], m.Stages[0].Touchpoints[len(m.Stages[0].Touchpoints)-1]
	firstWord, lastWord := strings.Fields(first.Name)[0], strings.Fields(last.Name)[0]
	firstPage, lastPage := -1, -1
	for i, p := range strings.Split(out, "\f") {
		if firstPage < 0 && strings.Contains(p, "1.1 "+firstWord) {
			firstPage = i
		}
		if lastPage < 0 && strings.Contains(p, "1.8 "+lastWord) {
			lastPage = i
			if !strings.Contains(p, "Точки контакта") {
				t.Errorf("page %d goes on with the touchpoints lane but does not name it:\n%s", i+1, p)
			}
		}
	}
	if firstPage < 0 || lastPage <= firstPage {
		t.Errorf("the stage's first card on page %d, its last on page %d: want the lane cut across pages", firstPage+1, lastPage+1)
	}
}
