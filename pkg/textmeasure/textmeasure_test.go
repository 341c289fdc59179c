package textmeasure

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestWidth(t *testing.T) {
	noSystemFonts(t) // CJK and emoji keep their estimates
	tests := []struct {
		name string
		s    string
		size float64
		bold bool
		want float64
	}{
		// Liberation Sans advances (2048 units per em): "H" 1479, "i" 455.
		{"empty", "", 10, false, 0},
		{"H at 10pt", "H", 10, false, 1479.0 / 2048 * 10},
		{"Hi at 20pt", "Hi", 20, false, (1479.0 + 455) / 2048 * 20},
		{"CJK is 1 em", "日本", 10, false, 20},
		{"emoji is 1.25 em", "🙂", 8, false, 10},
		{"combining mark is free", "e\u0301", 10, false, Width("e", 10, false)},
		{"newline as space", "a\nb", 10, false, Width("a b", 10, false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Width(tt.s, tt.size, tt.bold)
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Width(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestWidthBoldIsWider(t *testing.T) {
	if r, b := Width("Осознание", 10, false), Width("Осознание", 10, true); b <= r {
		t.Errorf("bold %v not wider than regular %v", b, r)
	}
}

// Issue 3: a 20-letter Cyrillic label needs 127–143 pt in real fonts where
// Graphviz estimates 111 pt. Our metrics must be in the real range.
func TestWidthCyrillicRealistic(t *testing.T) {
	s := "Демонстрацияпродукта" // 20 letters
	if n := len([]rune(s)); n != 20 {
		t.Fatalf("%d letters", n)
	}
	w := Width(s, 14, false)
	if w < 120 || w > 160 {
		t.Errorf("Width = %.1f, want a real font's width, over Graphviz's 111 pt", w)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		s    string
		max  float64
		want []string
	}{
		{"empty", "", 100, nil},
		{"fits", "Понять потребность", 200, []string{"Понять потребность"}},
		{"cyrillic breaks at spaces", "Понять потребность или проблему", 80,
			[]string{"Понять", "потребность или", "проблему"}},
		{"collapses spaces", "a   b", 100, []string{"a b"}},
		{"keeps newlines", "one\ntwo", 100, []string{"one", "two"}},
		{"trailing newline", "one\n", 100, []string{"one"}},
		{"tab is a space", "a\tb", 100, []string{"a b"}},
		{"CJK breaks anywhere", "日本語のテキスト", 30, []string{"日本語", "のテキ", "スト"}},
		{"hard-breaks long words", "Сверхдлинноеслово", 40, nil}, // checked below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.s, tt.max, 10, false)
			if tt.want != nil || tt.s == "" {
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Wrap(%q, %v) = %q, want %q", tt.s, tt.max, got, tt.want)
				}
			}
			checkWrap(t, tt.s, got, tt.max)
		})
	}
}

// checkWrap asserts that no line is over max (unless it is one cluster)
// and that no visible character is lost.
func checkWrap(t *testing.T, s string, lines []string, max float64) {
	t.Helper()
	for _, l := range lines {
		if w := Width(l, 10, false); w > max && len(clusters(l)) > 1 {
			t.Errorf("line %q is %.1f pt wide, over %.1f", l, w, max)
		}
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if got, want := strip(strings.Join(lines, "")), strip(s); got != want {
		t.Errorf("text changed: %q, want %q", got, want)
	}
}

func TestWrapKeepsClusters(t *testing.T) {
	tests := []string{
		"👩\u200d💻👩\u200d💻👩\u200d💻👩\u200d💻", // ZWJ sequences
		"éééééééééééééé",                   // e + combining acute
		"🇷🇺🇷🇺🇷🇺",
		"👍🏽👍🏽👍🏽👍🏽",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			lines := Wrap(s, 20, 10, false)
			if strings.Join(lines, "") != s {
				t.Fatalf("lost text: %q", lines)
			}
			for _, l := range lines {
				for _, r := range l[:1] {
					if zeroWidth(r) {
						t.Errorf("line %q starts inside a cluster", l)
					}
				}
			}
		})
	}
}

func TestWrapNeverLoops(t *testing.T) {
	// A width smaller than any character still terminates, one cluster a line.
	got := Wrap("abc", 0.1, 10, false)
	if !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("got %q", got)
	}
}

func BenchmarkWrap(b *testing.B) {
	s := strings.Repeat("Долго ждать ответа отдела продаж ", 4)
	for i := 0; i < b.N; i++ {
		Wrap(s, 150, 10, false)
	}
}

// advanceIn returns the advance of r in em in the font ttf, and whether the
// font has a glyph for r.
func advanceIn(t *testing.T, ttf []byte, r rune) (float64, bool) {
	t.Helper()
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, r)
	if err != nil || idx == 0 {
		return 0, false
	}
	upem := f.UnitsPerEm()
	adv, err := f.GlyphAdvance(&buf, idx, fixed.Int26_6(upem)*64, font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	return float64(adv) / 64 / float64(upem), true
}

// TestFallbackWidths: a character Liberation Sans lacks is measured in
// DejaVu Sans (Bold for bold), the font pkg/raster draws it with; the
// characters Liberation has keep Liberation's widths.
func TestFallbackWidths(t *testing.T) {
	tests := []struct {
		name     string
		r        rune
		fallback bool // Liberation lacks it, DejaVu has it
	}{
		{"rouble", '₽', true},
		{"star", '★', true},
		{"undo arrow", '↶', true},
		{"Arabic alef", 'ا', true},
		{"Armenian ayb", 'Ա', true},
		{"Georgian an", 'ა', true},
		{"Greek omega (Liberation has it)", 'Ω', false},
		{"Hebrew alef (Liberation has it)", 'א', false},
		{"Cyrillic (Liberation has it)", 'Ж', false},
	}
	for _, tt := range tests {
		for _, isBold := range []bool{false, true} {
			lib, dv := liberationsansregular.TTF, dejavusans.TTF
			if isBold {
				lib, dv = liberationsansbold.TTF, dejavusansbold.TTF
			}
			t.Run(fmt.Sprintf("%s/bold=%v", tt.name, isBold), func(t *testing.T) {
				libAdv, inLib := advanceIn(t, lib, tt.r)
				dvAdv, inDV := advanceIn(t, dv, tt.r)
				if inLib == tt.fallback || !inDV {
					t.Fatalf("coverage changed: Liberation %v, DejaVu %v", inLib, inDV)
				}
				want := libAdv
				if tt.fallback {
					want = dvAdv
					if math.Abs(dvAdv-estimate(tt.r)) < 1e-6 {
						t.Fatalf("DejaVu's advance %v equals the estimate; the test cannot tell them apart", dvAdv)
					}
				}
				if got := Width(string(tt.r), 10, isBold); math.Abs(got-want*10) > 1e-9 {
					t.Errorf("Width(%q) = %v, want %v", tt.r, got, want*10)
				}
			})
		}
	}
}

// TestNeitherFont: CJK and colour emoji are in neither bundled font and,
// with no font of the fallback chain, keep their estimates.
func TestNeitherFont(t *testing.T) {
	noSystemFonts(t)
	for _, r := range []rune{'日', '한', '🙂', '🚀'} {
		if _, ok := advanceIn(t, dejavusans.TTF, r); ok {
			t.Errorf("DejaVu Sans has %q now; update the documented limits", r)
		}
		if got, want := Width(string(r), 10, false), estimate(r)*10; got != want {
			t.Errorf("Width(%q) = %v, want the estimate %v", r, got, want)
		}
	}
}

// TestMixedLabel: a label mixing Liberation and DejaVu characters is the
// sum of both parts.
func TestMixedLabel(t *testing.T) {
	s := "LTV 48 000 ₽, Ωμέγα, עברית, ★"
	got := Width(s, 12, false)
	want := 0.0
	for _, r := range s {
		want += Width(string(r), 12, false)
	}
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("Width = %v, sum of characters %v", got, want)
	}
}

// TestDenseTableLazy: measuring a label measures its own runes only, not
// the whole table below denseLimit (which cost 20 ms of every process that
// draws), and gives the same widths as a face measured up front.
func TestDenseTableLazy(t *testing.T) {
	f := &face{ttf: regular.ttf, fallback: regular.fallback}
	s := "Путь ₽ a"
	em := 0.0
	for _, r := range s {
		em += f.advance(r)
	}
	filled := 0
	for i := range f.dense {
		if f.dense[i].Load() != 0 {
			filled++
		}
	}
	if want := 7; filled != want { // П у т ь ₽ a and the space
		t.Errorf("%d runes measured, want %d", filled, want)
	}
	if got, want := em*10, Width(s, 10, false); got != want {
		t.Errorf("width %v, want %v", got, want)
	}
	// Cached advances are the measured ones, bit for bit.
	for _, r := range s {
		if a, b := f.advance(r), f.lookup(r); a != b {
			t.Errorf("advance(%q) = %v from the table, %v measured", r, a, b)
		}
	}
}

// BenchmarkFirstUse measures a label in a face used for the first time,
// as every cjm process does once.
func BenchmarkFirstUse(b *testing.B) {
	for b.Loop() {
		f := &face{ttf: regular.ttf, fallback: &face{ttf: regular.fallback.ttf, sparse: true}}
		for _, r := range "Путь B2B-клиента — платформа аналитики «Индикатор»" {
			f.advance(r)
		}
	}
}
