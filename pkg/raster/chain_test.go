package raster

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/textmeasure"
	"github.com/tdewolff/canvas"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// withFonts configures the fallback chain for the test and restores the
// default after it.
func withFonts(t *testing.T, cfg textmeasure.FontConfig) {
	t.Helper()
	if err := textmeasure.SetFonts(cfg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = textmeasure.SetFonts(textmeasure.FontConfig{}) })
}

// requireSystemFonts skips the test unless system fonts draw CJK and
// emoji (under CI=true, where .ci/run installs them, it fails instead).
func requireSystemFonts(t *testing.T) {
	t.Helper()
	withFonts(t, textmeasure.FontConfig{})
	for _, r := range []rune{'日', 'の', '🙂'} {
		if textmeasure.FallbackFont(r, false) == nil {
			msg := "no system font has " + string(r) + ": apt-get install -y fonts-droid-fallback fonts-symbola"
			testtool.Missing(t, msg)
		}
	}
}

const scriptsLabel = "日本語 中文 🙂 🚀"

// CJK and emoji are drawn with the system fonts that have them, as real
// glyphs (not the missing-glyph box), embedded in the PDF as subsets with
// their text extractable, and nothing is reported missing.
func TestSystemFallbackDrawn(t *testing.T) {
	requireSystemFonts(t)
	fs := getFonts()
	defer putFonts(fs)
	own := fs.family("Helvetica").Face(12).Font
	runs := fs.split(own, canvas.FontRegular, scriptsLabel)
	for _, r := range runs {
		f := fs.font(own, canvas.FontRegular, r.font)
		for _, c := range r.text {
			if c != ' ' && f.SFNT.GlyphIndex(c) == 0 {
				t.Errorf("%q is drawn with %s, which lacks it", c, f.Name())
			}
		}
	}
	if len(fs.missing) > 0 {
		t.Errorf("missing %v although system fonts have them", fs.missing)
	}
	notdef := pngImage(t, textSVG("\U0010FFFD", "start", ""))
	for _, s := range []string{"日", "の", "🙂"} {
		img := pngImage(t, textSVG(s, "start", ""))
		if _, n := ink(img); n == 0 || sameImage(img, notdef) {
			t.Errorf("%s: drawn as nothing or as the missing-glyph box", s)
		}
	}
	var missing Missing
	svg := textSVG(scriptsLabel, "middle", "")
	out, err := PDF(svg, Options{Missing: &missing})
	if err != nil {
		t.Fatal(err)
	}
	if w := missing.Warning(); w != "" {
		t.Errorf("warning %q", w)
	}
	for _, r := range []rune{'日', '🙂'} {
		name := filepath.Base(textmeasure.FallbackFont(r, false).Path)
		name = strings.TrimSuffix(strings.TrimSuffix(name, filepath.Ext(name)), "Full")
		name = strings.TrimSuffix(name, "_hint")
		if !bytes.Contains(out, []byte("+"+name)) {
			t.Errorf("the PDF does not embed a subset of %s", name)
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
	if _, err := exec.LookPath("pdftotext"); err == nil {
		p := filepath.Join(t.TempDir(), "t.pdf")
		_ = os.WriteFile(p, out, 0o644)
		txt, err := exec.Command("pdftotext", p, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strings.Fields(string(txt)), " "); got != scriptsLabel {
			t.Errorf("pdftotext reads %q, want %q", got, scriptsLabel)
		}
	}
}

// The layout measures text in the fonts the raster draws it with: the
// width of a label of several fonts, as textmeasure gives it, is the
// width of the runs drawn.
func TestMeasureMatchesDrawing(t *testing.T) {
	requireSystemFonts(t)
	fs := getFonts()
	defer putFonts(fs)
	for _, bold := range []bool{false, true} {
		style := canvas.FontRegular
		if bold {
			style = canvas.FontBold
		}
		const size = 10.0 // pt
		face := fs.family("Helvetica").Face(size, style)
		for _, s := range []string{scriptsLabel, "出品フォーム 📝 ₽ עברית", "مساعدة في الشحن"} {
			drawn := 0.0
			for _, r := range fs.split(face.Font, style, s) {
				f := fs.font(face.Font, style, r.font).Face(size, canvas.Black)
				drawn += runWidth(f, r)
			}
			drawn /= mmPerPt
			// Shaping joins Arabic letters into narrower forms than the
			// isolated ones measured: the box may be wider, never narrower.
			if m := textmeasure.Width(s, size, bold); m < drawn-1e-6 {
				t.Errorf("%q (bold %v): measured %.2f pt, drawn %.2f pt: the text overflows its box", s, bold, m, drawn)
			}
		}
		if m, d := textmeasure.Width("日本語🙂", size, bold), func() float64 {
			w := 0.0
			for _, r := range fs.split(face.Font, style, "日本語🙂") {
				w += runWidth(fs.font(face.Font, style, r.font).Face(size, canvas.Black), r)
			}
			return w / mmPerPt
		}(); math.Abs(m-d) > 1e-6 {
			t.Errorf("CJK and emoji (bold %v): measured %.4f pt, drawn %.4f pt", bold, m, d)
		}
	}
}

// A character no font has is reported once, with its code point and how
// to fix it, for PNG and PDF alike; the drawing still succeeds.
func TestMissingWarning(t *testing.T) {
	withFonts(t, textmeasure.FontConfig{Dirs: []string{}})
	var m Missing
	for range 2 {
		if _, err := PNG(textSVG("a 日本 🙂 日", "start", ""), Options{Missing: &m, DPI: 72}); err != nil {
			t.Fatal(err)
		}
		if _, err := PDF(textSVG("\u0301 日\u200d ₽", "start", ""), Options{Missing: &m}); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := string(m.Runes()), "日本🙂"; got != want {
		t.Errorf("missing %q, want %q (spaces, marks, joiners and characters DejaVu has are not missing)", got, want)
	}
	w := m.Warning()
	for _, want := range []string{"no font has 3 characters", "日 (U+65E5), 本 (U+672C), 🙂 (U+1F642)", "as boxes", "--font FILE", "fonts-droid-fallback"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}
	var none Missing
	if _, err := PNG(textSVG("Привет ₽ ★", "start", ""), Options{Missing: &none, DPI: 72}); err != nil {
		t.Fatal(err)
	}
	if w := none.Warning(); w != "" {
		t.Errorf("warning for text the bundled fonts have: %q", w)
	}
}

// Drawings whose text the bundled fonts cover are the same bytes with and
// without system fonts.
func TestBundledUnaffectedBySystemFonts(t *testing.T) {
	svg := sampleSVG(t)
	label := textSVG(fallbackLabel, "middle", "")
	withFonts(t, textmeasure.FontConfig{Dirs: []string{}})
	var want [][]byte
	for _, s := range [][]byte{svg, label} {
		p, err := PNG(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		d, err := PDF(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, p, d)
	}
	withFonts(t, textmeasure.FontConfig{})
	var got [][]byte
	for _, s := range [][]byte{svg, label} {
		p, _ := PNG(s, Options{})
		d, _ := PDF(s, Options{})
		got = append(got, p, d)
	}
	for i := range want {
		if !bytes.Equal(want[i], got[i]) {
			t.Errorf("output %d differs with system fonts", i)
		}
	}
}
