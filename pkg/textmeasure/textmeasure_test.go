package textmeasure

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
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
