// Command gallery writes docs/gallery.md and its images under
// docs/gallery/: every map of the layout corpus (the stress maps of
// testdata/stress and the shipped examples, internal/layoutcheck.Corpus)
// as a PNG of its map and flow views, and the first page of its map view's
// PDF on A3 landscape as poppler draws it (pdftoppm -r 50). `make examples`
// runs it.
//
// PNGs are drawn at the highest resolution of a fixed ladder (96 dpi and
// down) that keeps the file under MaxPNG, so the repository does not
// balloon. The poppler PNG depends on the installed poppler's version
// (its anti-aliasing and font hinting), so -check, which `make
// examples-check` runs, never compares it; it compares gallery.md and the
// PNGs cjm draws itself, for the maps whose text the bundled fonts draw
// (the others depend on the machine's fonts: see docs/rendering.md).
//
// Usage:
//
//	go run ./cmd/gallery [-check] [-root DIR]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/internal/layoutcheck"
	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
)

// MaxPNG is the largest PNG the gallery commits, bytes.
const MaxPNG = 600 << 10

// dpis is the ladder of resolutions tried, best first.
var dpis = []float64{96, 72, 60, 48, 40, 32, 24}

// Where the gallery goes, relative to the root, and the poppler page.
const (
	pageName   = "docs/gallery.md"
	imageDir   = "docs/gallery"
	pdfPage    = "a3-landscape"
	popplerDPI = "50"
)

func main() {
	checkOnly := flag.Bool("check", false, "write nothing; fail if gallery.md or a PNG cjm draws is stale (the poppler PNGs are not compared)")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	var err error
	if *checkOnly {
		err = checkGallery(*root)
	} else {
		err = write(*root)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gallery: %v\n", err)
		os.Exit(1)
	}
}

// entry is one map of the gallery.
type entry struct {
	file, name, stem string
	// rel is the file's path from the root, with slashes.
	rel string
	// title is the map's title.
	title string
	pages int
	// images are the gallery's files of the map made by cjm, by name,
	// and the resolution of each.
	images map[string][]byte
	dpi    map[string]float64
	// pdf is the map view on pdfPage, for poppler.
	pdf []byte
	// machine says the drawing needs a font the machine provides: with
	// system fonts off (-check), some characters had no font.
	machine bool
}

func (e *entry) mapPNG() string  { return e.stem + ".map.png" }
func (e *entry) flowPNG() string { return e.stem + ".flow.png" }
func (e *entry) pdfPNG() string  { return e.stem + ".pdf.png" }

// build renders every map of the corpus. fixed, when not nil, gives the
// resolution of each image (by file name) instead of the search.
func build(root string, fixed map[string]float64) ([]*entry, error) {
	files, err := layoutcheck.Corpus(root)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no maps under %s (want %s)", root, strings.Join(layoutcheck.CorpusGlobs, ", "))
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	page, err := raster.ParsePage(pdfPage)
	if err != nil {
		return nil, err
	}
	var out []*entry
	for _, file := range files {
		res := check.File(file, load.Options{Root: absRoot})
		if res.Map == nil || res.Diags.HasErrors() {
			return nil, fmt.Errorf("%s does not validate:\n%v", file, res.Diags)
		}
		name := layoutcheck.CorpusName(file)
		rel, err := filepath.Rel(root, file)
		if err != nil {
			return nil, err
		}
		e := &entry{file: file, rel: filepath.ToSlash(rel), title: res.Map.Title, name: name, stem: strings.ReplaceAll(name, "/", "-"), images: map[string][]byte{}, dpi: map[string]float64{}}
		var missing raster.Missing
		for _, v := range []struct{ view, name string }{{"map", e.mapPNG()}, {"flow", e.flowPNG()}} {
			ladder := dpis
			if d, ok := fixed[v.name]; ok {
				ladder = []float64{d}
			}
			png, dpi, err := smallPNG(res.Map, file, v.view, ladder, &missing)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			e.images[v.name], e.dpi[v.name] = png, dpi
		}
		outs, err := render.Render(context.Background(), res.Map, render.Options{
			Views: []string{"map"}, Formats: []string{"svg", "pdf"}, File: file,
			Paper: render.Paper{Page: page}, Missing: &missing,
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, o := range outs {
			switch o.Format {
			case "pdf":
				e.pdf = o.Data
			case "svg":
				lo, err := raster.LayOut(o.Data, raster.Options{Page: page})
				if err != nil {
					return nil, fmt.Errorf("%s: %w", file, err)
				}
				e.pages = lo.Pages
			}
		}
		e.machine = len(missing.Runes()) > 0
		out = append(out, e)
	}
	return out, nil
}

// smallPNG draws a view as PNG at the best resolution of ladder that
// stays under MaxPNG (the lowest one when none does).
func smallPNG(m *journey.Map, file, view string, ladder []float64, missing *raster.Missing) ([]byte, float64, error) {
	var png []byte
	var dpi float64
	for _, dpi = range ladder {
		outs, err := render.Render(context.Background(), m, render.Options{
			Views: []string{view}, Formats: []string{"png"}, File: file,
			Paper: render.Paper{DPI: dpi}, Missing: missing,
		})
		if err != nil {
			return nil, 0, err
		}
		png = outs[0].Data
		if len(png) <= MaxPNG {
			break
		}
	}
	return png, dpi, nil
}

// markdown is docs/gallery.md.
func markdown(entries []*entry) []byte {
	var b bytes.Buffer
	b.WriteString(`# Gallery

<!-- Generated by ` + "`make examples`" + ` (go run ./cmd/gallery): do not edit. -->

Every map of the layout corpus, as a client sees it: the stress maps of
[testdata/stress](../testdata/stress) (the cases issue 10 lists: 12 stages of 8
touchpoints with long Russian labels, 2 stages, CJK, Arabic, Hebrew and emoji,
6 personas, 25 touchpoints in one stage, no emotions, stage-level emotion
only, a very long title, many steps back, twelve colours, phases on some
stages only, a year of KPI history) and the shipped
[examples](../examples). For each: the PNG of the map view and of the flow
view (` + "`cjm render -f png --dpi N`" + `, at the best of 96, 72, 60, 48, 40, 32 or 24 dpi
that keeps the file under 600 KB), and the first page of the map view's PDF on
A3 landscape (` + "`cjm render -f pdf --page a3-landscape`" + `) as poppler
draws it (` + "`pdftoppm -r 50 -png -f 1 -l 1`" + `), the way Evince and Okular
show it.

Look at every image after a change to a view. The layout checker
(internal/layoutcheck; ` + "`go test -v -run TestCorpus ./internal/layoutcheck`" + `)
lists what is still wrong with each of them.

` + "`make examples`" + ` regenerates this page and its images. ` + "`make examples-check`" + `
fails when this page or a PNG cjm draws is stale, except the PNGs of maps
whose text needs a font of the machine (CJK, emoji: the stress map
` + "`scripts`" + `), which differ between machines. It never compares the
poppler PNGs: they depend on the installed poppler's version.

`)
	for _, e := range entries {
		fmt.Fprintf(&b, "## %s\n\n", e.name)
		fmt.Fprintf(&b, "[%s](../%s): %s\n\n", e.rel, e.rel, oneLine(e.title))
		fmt.Fprintf(&b, "Map view, %g dpi:\n\n![%s, map view](gallery/%s)\n\n", e.dpi[e.mapPNG()], e.name, e.mapPNG())
		fmt.Fprintf(&b, "Flow view, %g dpi:\n\n![%s, flow view](gallery/%s)\n\n", e.dpi[e.flowPNG()], e.name, e.flowPNG())
		fmt.Fprintf(&b, "PDF on A3 landscape, page 1 of %d (poppler):\n\n![%s, PDF page 1](gallery/%s)\n\n", e.pages, e.name, e.pdfPNG())
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// oneLine escapes a title for a Markdown paragraph.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", "`", "\\`")
	return r.Replace(s)
}

func write(root string) error {
	entries, err := build(root, nil)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, imageDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pdftoppm, perr := exec.LookPath("pdftoppm")
	for _, e := range entries {
		for name, data := range e.images {
			if err := atomicfile.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return err
			}
		}
		if perr != nil {
			continue
		}
		png, err := poppler(pdftoppm, e.pdf)
		if err != nil {
			return fmt.Errorf("%s: %w", e.file, err)
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, e.pdfPNG()), png, 0o644); err != nil {
			return err
		}
	}
	if perr != nil {
		fmt.Fprintln(os.Stderr, "gallery: pdftoppm not found (install poppler-utils): the PDF pages were not redrawn")
	}
	return atomicfile.WriteFile(filepath.Join(root, pageName), append(markdown(entries), '\n'), 0o644)
}

// poppler draws the first page of a PDF as PNG with pdftoppm.
func poppler(pdftoppm string, pdf []byte) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "cjm-gallery")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(pdftoppm, "-r", popplerDPI, "-png", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(tmp, "page"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	return os.ReadFile(filepath.Join(tmp, "page.png"))
}

func checkGallery(root string) error {
	// Without system fonts, the maps whose text needs one (CJK, emoji)
	// report missing characters and are left out; the others are drawn
	// with the bundled fonts alone, as on every machine.
	if err := textmeasure.SetFonts(textmeasure.FontConfig{Dirs: []string{}}); err != nil {
		return err
	}
	// The resolutions the committed page names: the search is not run
	// again (a PNG grown over MaxPNG at its resolution is left to make
	// examples).
	committed, err := os.ReadFile(filepath.Join(root, pageName))
	if err != nil {
		return fmt.Errorf("%v (run make examples)", err)
	}
	entries, err := build(root, committedDPIs(committed))
	if err != nil {
		return err
	}
	var stale []string
	same := func(path string, want []byte) {
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, path)
		}
	}
	same(filepath.Join(root, pageName), append(markdown(entries), '\n'))
	for _, e := range entries {
		if e.machine {
			continue
		}
		for name, data := range e.images {
			same(filepath.Join(root, imageDir, name), data)
		}
	}
	if len(stale) > 0 {
		return errors.New("stale (run make examples): " + strings.Join(stale, ", "))
	}
	return nil
}

// committedDPIs reads the resolution of each image from a gallery page:
// "Map view, 72 dpi:" followed by its image line.
func committedDPIs(page []byte) map[string]float64 {
	out := map[string]float64{}
	lines := strings.Split(string(page), "\n")
	for i, l := range lines {
		var dpi float64
		_, rest, ok := strings.Cut(l, " view, ")
		if !ok {
			continue
		}
		if _, err := fmt.Sscanf(rest, "%g dpi:", &dpi); err != nil || i+2 >= len(lines) {
			continue
		}
		img := lines[i+2]
		if j := strings.LastIndex(img, "(gallery/"); j >= 0 && strings.HasSuffix(img, ")") {
			out[img[j+len("(gallery/"):len(img)-1]] = dpi
		}
	}
	return out
}
