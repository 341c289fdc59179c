package textmeasure

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// noSystemFonts turns the fallback chain off for the test.
func noSystemFonts(t *testing.T) {
	t.Helper()
	if err := SetFonts(FontConfig{Dirs: []string{}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetFonts(FontConfig{}) })
}

// requireFallback returns the system font that has r, skipping the test
// when none has (failing under CI=true, where .ci/run installs
// fonts-droid-fallback and fonts-symbola).
func requireFallback(t *testing.T, r rune, isBold bool) *Font {
	t.Helper()
	if err := SetFonts(FontConfig{}); err != nil {
		t.Fatal(err)
	}
	f := FallbackFont(r, isBold)
	if f == nil {
		msg := "no system font has " + string(r) + ": install fonts-droid-fallback and fonts-symbola (apt-get install -y fonts-droid-fallback fonts-symbola)"
		testtool.Missing(t, msg)
	}
	return f
}

// Characters the bundled fonts lack are measured in the font of the
// fallback chain that pkg/raster draws them with.
func TestWidthInFallbackChain(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		bold bool
	}{{'日', false}, {'語', true}, {'の', false}, {'🙂', false}, {'🚀', true}} {
		f := requireFallback(t, tc.r, tc.bold)
		want, ok := f.advance(tc.r)
		if !ok {
			t.Fatalf("%s lacks %q", f, tc.r)
		}
		if got := Width(string(tc.r), 10, tc.bold); math.Abs(got-want*10) > 1e-9 {
			t.Errorf("Width(%q) = %v, want %v as in %s", tc.r, got, want*10, f)
		}
	}
	// The emoji font is not the estimate: the measurement comes from it.
	f := requireFallback(t, '🙂', false)
	if a, _ := f.advance('🙂'); math.Abs(a-estimate('🙂')) < 1e-6 {
		t.Skipf("%s's advance equals the estimate; cannot tell them apart", f)
	}
	if Width("🙂", 10, false) == estimate('🙂')*10 {
		t.Error("emoji measured with the estimate although a font has it")
	}
}

// A character the bundled fonts have never reaches the chain, so the
// layout of such maps does not depend on the fonts installed.
func TestBundledFirst(t *testing.T) {
	noSystemFonts(t)
	s := "LTV 48 000 ₽, Ωμέγα, עברית, ★ Привет"
	want := Width(s, 12, false)
	if err := SetFonts(FontConfig{}); err != nil {
		t.Fatal(err)
	}
	if got := Width(s, 12, false); got != want {
		t.Errorf("with system fonts %v, without %v", got, want)
	}
}

func TestFontOrder(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"z/B.ttf", "a/Zed-Regular.ttf", "a/Zed-Bold.ttf", "a/Zed-Black.ttf", "Alpha-Light.otf", "b/notes.txt", "c/Coll.TTC"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, p := range listFonts([]string{dir, filepath.Join(dir, "a")}) {
		got = append(got, strings.TrimPrefix(p, dir+"/"))
	}
	want := []string{"a/Zed-Regular.ttf", "c/Coll.TTC", "z/B.ttf", "a/Zed-Bold.ttf", "Alpha-Light.otf", "a/Zed-Black.ttf"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// A pinned font (--font) comes before the system's; an unusable one is an
// error naming the file.
func TestPinnedFont(t *testing.T) {
	sys := requireFallback(t, '🙂', false)
	pinned := filepath.Join(t.TempDir(), "pinned.ttf")
	if err := os.WriteFile(pinned, sys.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetFonts(FontConfig{}) })
	if err := SetFonts(FontConfig{Files: []string{pinned}}); err != nil {
		t.Fatal(err)
	}
	if f := FallbackFont('🙂', false); f == nil || f.Path != pinned {
		t.Errorf("🙂 from %v, want the pinned %s", f, pinned)
	}
	// With system fonts off, the pinned font alone draws it.
	if err := SetFonts(FontConfig{Files: []string{pinned}, Dirs: []string{}}); err != nil {
		t.Fatal(err)
	}
	if f := FallbackFont('🙂', true); f == nil || f.Path != pinned {
		t.Errorf("bold 🙂 from %v, want the pinned %s", f, pinned)
	}
	if FallbackFont('日', false) != nil && !sys.Has('日') {
		t.Error("a character the pinned font lacks came from a system font that is turned off")
	}
	notFont := filepath.Join(t.TempDir(), "notes.ttf")
	_ = os.WriteFile(notFont, []byte("hello"), 0o644)
	for file, want := range map[string]string{
		"/nonexistent/font.ttf": "no such file",
		notFont:                 "not a font",
	} {
		if err := SetFonts(FontConfig{Files: []string{file}}); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), file) {
			t.Errorf("SetFonts(%s): %v, want an error with %q", file, err, want)
		}
	}
	// A CFF collection (Noto Sans CJK) cannot be subset into the PDF.
	if cff := "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"; fileExists(cff) {
		if err := SetFonts(FontConfig{Files: []string{cff}}); err == nil || !strings.Contains(err.Error(), "TrueType") {
			t.Errorf("SetFonts(%s): %v, want a refusal of CFF outlines", cff, err)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// hasGlyf tells TrueType outlines from CFF and colour bitmaps, in single
// files and collections.
func TestHasGlyf(t *testing.T) {
	if !hasGlyf(bytesReaderAt(regular.ttf)) {
		t.Error("Liberation Sans has no glyf table?")
	}
	for _, bad := range [][]byte{nil, []byte("ttcf"), []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")} {
		if hasGlyf(bytesReaderAt(bad)) {
			t.Errorf("%q has a glyf table?", bad)
		}
	}
	for p, want := range map[string]bool{
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc":    false,
		"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf":         false,
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf": true,
	} {
		if b, err := os.ReadFile(p); err == nil {
			if got := hasGlyf(bytesReaderAt(b)); got != want {
				t.Errorf("%s: hasGlyf %v, want %v", p, got, want)
			}
		}
	}
}

// A face that has a character among its symbols but not its script (中 in
// Symbola) gives way to a later face that covers the script, so a Chinese
// label is drawn in one font.
func TestScriptCoverage(t *testing.T) {
	han := requireFallback(t, '中', false)
	emoji := requireFallback(t, '🙂', false)
	if !emoji.Has('中') {
		t.Skipf("%s lacks 中: nothing to choose between", emoji)
	}
	if han == emoji || !han.covers(scriptOf('中')) || emoji.covers(scriptOf('中')) {
		t.Errorf("中 from %s, which covers Han: %v", han, han.covers(scriptOf('中')))
	}
	// The emoji font first in path order: Han still comes from the CJK font.
	dir := t.TempDir()
	for name, f := range map[string]*Font{"a.ttf": emoji, "b.ttf": han} {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _ = SetFonts(FontConfig{}) })
	if err := SetFonts(FontConfig{Dirs: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	for r, want := range map[rune]string{'中': "b.ttf", '本': "b.ttf", '🙂': "a.ttf"} {
		if f := FallbackFont(r, false); f == nil || filepath.Base(f.Path) != want {
			t.Errorf("%c from %v, want %s", r, f, want)
		}
	}
	if scriptOf('🙂') != nil || scriptOf('a') == nil {
		t.Error("emoji have no script of their own; Latin has one")
	}
}
