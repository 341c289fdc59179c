package html

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/report/reporttest"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// chromiumPath is Debian's Chromium; CJM_CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("CJM_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

var screenshotDir = flag.String("screenshot-dir", "", "also copy the Chromium screenshots and PDFs of the HTML report here")

// chromium runs headless Chromium on a file, with no network, no sync and
// no first-run work, and returns its stderr (where --enable-logging puts
// the page's console messages) and stdout.
func chromium(t *testing.T, page string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--mute-audio",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--window-size=1280,2000",
	}
	cmd := exec.CommandContext(ctx, chromiumPath(), append(append(base, args...), "file://"+page)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	return out.String(), errb.String()
}

// consoleLine matches a message the page wrote to the console (Chromium
// logs every level as INFO:CONSOLE). The report has no script, so any
// such line is the browser complaining: a blocked fetch, a CSP violation,
// a parse error.
var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)

// probe is the script the visibility check adds to a copy of the report:
// it writes each diagram's laid-out box and style into the DOM, which
// --dump-dom then prints.
const probe = `<script>
document.addEventListener("DOMContentLoaded", () => {
  const out = [];
  for (const f of document.querySelectorAll("figure.diagram")) {
    const svg = f.querySelector("svg");
    if (!svg) { out.push(f.id + " nosvg"); continue; }
    const r = svg.getBoundingClientRect();
    const cs = getComputedStyle(svg);
    const inked = svg.querySelectorAll("rect,path,polygon,ellipse,polyline,line,text,circle").length;
    out.push([f.id, Math.round(r.width), Math.round(r.height), Math.round(r.left), Math.round(r.right),
      cs.display, cs.visibility, cs.opacity, inked, document.documentElement.clientWidth].join(" "));
  }
  const pre = document.createElement("pre");
  pre.id = "cjm-probe";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
});
</script>`

// TestChromium loads the HTML report in real headless Chromium: no
// console errors and nothing blocked, both diagrams laid out and visible
// in the page's width, a screenshot that is not blank, and a printed PDF
// on landscape pages.
func TestChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath()); err != nil {
		testtool.Missing(t, chromiumPath()+" is absent (apt-get install chromium, or set CJM_CHROMIUM): the browser check of the HTML report cannot run")
	}
	// The richest example (per-persona emotions, an included catalogue)
	// and the hostile map; each Chromium start costs seconds.
	type testCase struct {
		name string
		doc  []byte
		pdf  bool
	}
	var cases []testCase
	for _, e := range reporttest.Examples(t) {
		if e.Name != "abm-committee" {
			continue
		}
		doc, err := Render(e.Map, Options{SVG: fixtureSVGs(t), Views: testViews(e.Map.Lang)})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, testCase{e.Name, doc, true})
	}
	hostile, err := Render(reporttest.HostileMap(), Options{SVG: fixtureSVGs(t), Views: testViews("en")})
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, testCase{"hostile", hostile, false})

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, tc.name+".html")
			if err := os.WriteFile(page, tc.doc, 0o644); err != nil {
				t.Fatal(err)
			}

			// 1. The report as shipped: no console output, a screenshot.
			shot := filepath.Join(dir, tc.name+".png")
			_, stderr := chromium(t, page, "--screenshot="+shot, "--hide-scrollbars")
			for _, line := range consoleLine.FindAllString(stderr, -1) {
				t.Errorf("console: %s", line)
			}
			checkScreenshot(t, shot)

			// 2. A copy with a probe script: both diagrams are laid out.
			probed := bytes.Replace(tc.doc, []byte(`<meta http-equiv="Content-Security-Policy"`), []byte(`<meta name="x-csp-removed-for-probe"`), 1)
			probed = bytes.Replace(probed, []byte("</body>"), []byte(probe+"\n</body>"), 1)
			probePage := filepath.Join(dir, tc.name+".probe.html")
			if err := os.WriteFile(probePage, probed, 0o644); err != nil {
				t.Fatal(err)
			}
			dom, stderr := chromium(t, probePage, "--dump-dom")
			for _, line := range consoleLine.FindAllString(stderr, -1) {
				t.Errorf("console (probe): %s", line)
			}
			checkDiagrams(t, dom)

			// 3. Print: landscape pages.
			files := []string{shot}
			if tc.pdf {
				pdf := filepath.Join(dir, tc.name+".pdf")
				chromium(t, page, "--print-to-pdf="+pdf, "--no-pdf-header-footer")
				checkLandscape(t, pdf)
				files = append(files, pdf)
			}

			if *screenshotDir != "" {
				for _, f := range files {
					b, _ := os.ReadFile(f)
					_ = os.WriteFile(filepath.Join(*screenshotDir, filepath.Base(f)), b, 0o644)
				}
			}
			t.Logf("screenshot: %s", shot)
		})
	}
}

func checkDiagrams(t *testing.T, dom string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)<pre id="cjm-probe">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; DOM:\n%.2000s", dom)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(m[1]), "\n") {
		f := strings.Fields(line)
		if len(f) != 10 {
			t.Errorf("probe: %q", line)
			continue
		}
		id := f[0]
		seen[id] = true
		w, _ := strconv.Atoi(f[1])
		h, _ := strconv.Atoi(f[2])
		left, _ := strconv.Atoi(f[3])
		right, _ := strconv.Atoi(f[4])
		inked, _ := strconv.Atoi(f[8])
		page, _ := strconv.Atoi(f[9])
		switch {
		case w < 100 || h < 50:
			t.Errorf("%s: laid out %dx%d px, too small to see", id, w, h)
		case f[5] == "none" || f[6] != "visible" || f[7] == "0":
			t.Errorf("%s: display %s, visibility %s, opacity %s", id, f[5], f[6], f[7])
		case left < 0 || right > page:
			t.Errorf("%s: spans %d..%d px, outside the page's %d px", id, left, right, page)
		case inked == 0:
			t.Errorf("%s: the SVG draws nothing", id)
		}
	}
	for _, id := range []string{"cjm-view-map", "cjm-view-flow"} {
		if !seen[id] {
			t.Errorf("diagram %s is missing", id)
		}
	}
}

// checkScreenshot decodes the PNG and checks that it shows something:
// enough pixels that are neither white nor near-white.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	inked, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				inked++
			}
		}
	}
	if inked*100 < total*3 {
		t.Errorf("screenshot is nearly blank: %d of %d sampled pixels inked", inked, total)
	}
}

// checkLandscape reads the page sizes of the printed PDF: every page is
// wider than tall.
func checkLandscape(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no PDF: %v", err)
	}
	boxes := regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`).FindAllSubmatch(b, -1)
	if len(boxes) == 0 {
		t.Fatalf("no page sizes found in the PDF (%d bytes)", len(b))
	}
	diagrams := 0
	for i, m := range boxes {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if w <= h {
			t.Errorf("page %d is %s×%s pt: not landscape", i+1, m[1], m[2])
		}
		// report.css: the text on A4, each diagram on A3 (a named page).
		a4 := math.Abs(w-841.9) < 1.5 && math.Abs(h-595.3) < 1.5
		a3 := math.Abs(w-1190.6) < 1.5 && math.Abs(h-841.9) < 1.5
		if !a4 && !a3 {
			t.Errorf("page %d is %s×%s pt: neither A4 nor A3 landscape", i+1, m[1], m[2])
		}
		if a3 {
			diagrams++
		}
	}
	if diagrams != 2 {
		t.Errorf("%d A3 pages, want one per diagram (2)", diagrams)
	}
	t.Logf("PDF: %d pages, first %s×%s pt", len(boxes), boxes[0][1], boxes[0][2])
}
