package view

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
)

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`a "b"`, `"a \"b\""`},
		{`back\slash \N`, `"back\\slash \\N"`},
		{"line\nbreak\ttab\x01ctl", `"line\nbreak tabctl"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		centred bool
		want    string
	}{
		{"left lines", []string{"one", "two"}, false, `one\ltwo\l`},
		{"centred lines", []string{"one", "two"}, true, `one\ntwo`},
		{"escapes", []string{`a "q" \N & &amp; <b>`}, false, `a \"q\" \\N &amp; &amp;amp; <b>\l`},
		{"control characters", []string{"a\x00b\x1fc\td"}, false, `abc d\l`},
		{"cyrillic and emoji kept", []string{"Осознание 🙂"}, false, `Осознание 🙂\l`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Text(tt.lines, tt.centred)
			if !a.Raw || a.Key != "label" || a.Value != tt.want {
				t.Errorf("Text = %+v, want %s", a, tt.want)
			}
		})
	}
	if a := Text(nil, false); a != NoLabel {
		t.Errorf("Text(nil) = %+v, want NoLabel", a)
	}
}

func TestHTML(t *testing.T) {
	if got := HTML(`<a href="x">&'</a>` + "\x02"); got != `&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;` {
		t.Errorf("HTML = %s", got)
	}
}

func TestPrefix(t *testing.T) {
	tests := []struct{ file, opt, want string }{
		{"examples/b2b-funnel-ru.yaml", "", "b2b-funnel-ru"},
		{"My Map (v2).yml", "", "My-Map-v2"},
		{"2024.yaml", "", "m2024"},
		{"Путь.yaml", "", "cjm"},
		{"", "", "cjm"},
		{"-", "", "cjm"},
		{"x.yaml", "custom id!", "custom-id"},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.opt, func(t *testing.T) {
			got := Options{IDPrefix: tt.opt}.Prefix(&journey.Map{File: tt.file})
			if got != tt.want {
				t.Errorf("Prefix = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNum(t *testing.T) {
	for in, want := range map[float64]string{0: "0", -0.001: "0", 1.005: "1", 2.5: "2.5", 100: "100", 1.236: "1.24"} {
		if got := Num(in); got != want {
			t.Errorf("Num(%v) = %s, want %s", in, got, want)
		}
	}
}

func TestPolyline(t *testing.T) {
	pts := Polyline([]Point{{0, 0}, {10, 0}, {10, 10}}, 3)
	if (len(pts)-1)%3 != 0 {
		t.Fatalf("%d control points, want 1+3n", len(pts))
	}
	if pts[0] != (Point{0, 0}) || pts[len(pts)-1] != (Point{10, 10}) {
		t.Errorf("ends %v %v", pts[0], pts[len(pts)-1])
	}
	if Polyline([]Point{{1, 1}}, 3) != nil {
		t.Error("one point gave a path")
	}
}

func TestDocWrite(t *testing.T) {
	d := &Doc{Prefix: "p"}
	d.Node(d.ID("a"), Point{10, 20}, A("shape", "box"))
	d.Node(d.ID("b"), Point{30, 40}, Text([]string{"x"}, false))
	d.Edge(d.ID("e"), d.ID("a"), d.ID("b"), Line(Point{10, 20}, Point{30, 40}), &Point{31, 41})
	got := string(d.Write(100, nil, nil, nil))
	for _, want := range []string{
		`graph [id="p" layout="nop2"]`,
		`n0 [id="p-a" pos="10,80!" shape="box"]`,
		`n1 [id="p-b" pos="30,60!" label="x\l"]`,
		`n0 -> n1 [id="p-e" pos="e,31,59 10,80 16.67,73.33 23.33,66.67 30,60"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("DOT lacks %s:\n%s", want, got)
		}
	}
}

func TestLevels(t *testing.T) {
	type span struct{ lo, hi, level int }
	spans := []*span{{lo: 0, hi: 2}, {lo: 3, hi: 5}, {lo: 1, hi: 4}, {lo: 0, hi: 9}, {lo: 6, hi: 7}}
	n := Levels(spans,
		func(a, b *span) bool { return a.lo < b.hi && b.lo < a.hi },
		func(s *span, level int) { s.level = level })
	var got []int
	for _, s := range spans {
		got = append(got, s.level)
	}
	if want := []int{0, 0, 1, 2, 0}; n != 3 || !slices.Equal(got, want) {
		t.Errorf("levels %v (%d), want %v (3)", got, n, want)
	}
}

func TestSimplifyFlow(t *testing.T) {
	tests := []struct {
		max, links, tps int
		want            bool
	}{
		{0, 380, 20, false},     // dense but few links
		{0, 1000, 40, false},    // at the dense bound
		{0, 1225, 50, true},     // 50 touchpoints linking to every later one
		{0, 4700, 2000, false},  // sparse: 2.35 links per touchpoint
		{0, 4000, 1000, false},  // exactly 4 per touchpoint
		{0, 4350, 1000, true},   // more than 4 per touchpoint
		{0, 5000, 2000, false},  // at the bound
		{0, 5001, 5000, true},   // past it, however sparse
		{0, 89700, 300, true},   // issue 9 #5
		{100, 101, 100, true},   // an explicit bound
		{100, 100, 10, false},   // … is the dense bound too when lower
		{-1, 89700, 300, false}, // never
	}
	for _, tt := range tests {
		if got := (Options{MaxFlowEdges: tt.max}).SimplifyFlow(tt.links, tt.tps); got != tt.want {
			t.Errorf("MaxFlowEdges %d: SimplifyFlow(%d links, %d touchpoints) = %v, want %v", tt.max, tt.links, tt.tps, got, tt.want)
		}
	}
}

// The graph's name is the SVG's <title>: Graphviz keeps backslashes in a
// name, so QuoteName writes them as they are, except where one would
// escape a quote; the DOT must parse whatever the title.
func TestQuoteName(t *testing.T) {
	for in, want := range map[string]string{
		`Plain`:             `"Plain"`,
		`Price \N \G`:       `"Price \N \G"`,
		`say "hi"`:          `"say \"hi\""`,
		`ends in \`:         `"ends in \\"`,
		`a\"b`:              `"a\\\"b"`,
		"line\nbreak\x01\\": `"line break\\"`,
	} {
		if got := QuoteName(in); got != want {
			t.Errorf("QuoteName(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCheckSize(t *testing.T) {
	m := &journey.Map{Stages: []*journey.Stage{{Touchpoints: make([]*journey.Touchpoint, 3)}, {Touchpoints: make([]*journey.Touchpoint, 2)}}}
	for _, tt := range []struct {
		max     int
		wantErr bool
	}{{0, false}, {5, false}, {4, true}, {-1, false}} {
		err := Options{MaxTouchpoints: tt.max}.CheckSize(m)
		if (err != nil) != tt.wantErr || err != nil && !errors.Is(err, ErrTooManyTouchpoints) {
			t.Errorf("MaxTouchpoints %d: %v", tt.max, err)
		}
	}
	err := Options{MaxTouchpoints: 4}.CheckSize(m)
	if err == nil || !strings.Contains(err.Error(), "the map has 5 touchpoints and a diagram is drawn of at most 4; split it") {
		t.Errorf("message: %v", err)
	}
	if err := (Options{MaxStages: 1}).CheckSize(m); !errors.Is(err, ErrTooManyTouchpoints) || !strings.Contains(err.Error(), "the map has 2 stages") {
		t.Errorf("stages: %v", err)
	}
	many := &journey.Map{}
	for i := 0; i <= DefaultMaxStages; i++ {
		many.Stages = append(many.Stages, &journey.Stage{})
	}
	if err := (Options{}).CheckSize(many); !errors.Is(err, ErrTooManyTouchpoints) {
		t.Errorf("default stage bound: %v", err)
	}
	if err := (Options{MaxStages: -1}).CheckSize(many); err != nil {
		t.Errorf("no stage limit: %v", err)
	}
	big := &journey.Map{Stages: []*journey.Stage{{Touchpoints: make([]*journey.Touchpoint, DefaultMaxTouchpoints+1)}}}
	if err := (Options{}).CheckSize(big); !errors.Is(err, ErrTooManyTouchpoints) || !strings.Contains(err.Error(), "5,001 touchpoints") {
		t.Errorf("default bound: %v", err)
	}
}
