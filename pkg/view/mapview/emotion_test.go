package mapview

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// dotNode is a node of a DOT as the builder wrote it: y grows upwards.
type dotNode struct {
	id, label string
	x, y, w   float64
	// filled is whether the node is drawn on a white box (a halo).
	filled bool
}

// dotEdge is an edge with its route.
type dotEdge struct {
	id  string
	pts []view.Point
}

var (
	nodeRe  = regexp.MustCompile(`(?m)^n\d+ \[id="([^"]*)" pos="([-0-9.]+),([-0-9.]+)!"(.*)\]$`)
	edgeRe  = regexp.MustCompile(`(?m)^\S+ -> \S+ \[id="([^"]*)" pos="([^"]*)"`)
	widthRe = regexp.MustCompile(` width="([0-9.]+)"`)
	labelRe = regexp.MustCompile(` label="([^"]*)"`)
)

func parseDOT(t *testing.T, dot []byte) (map[string]dotNode, map[string]dotEdge, []string) {
	t.Helper()
	nodes := map[string]dotNode{}
	var order []string
	for _, m := range nodeRe.FindAllSubmatch(dot, -1) {
		n := dotNode{id: string(m[1])}
		n.x, _ = strconv.ParseFloat(string(m[2]), 64)
		n.y, _ = strconv.ParseFloat(string(m[3]), 64)
		if w := widthRe.FindSubmatch(m[4]); w != nil {
			n.w, _ = strconv.ParseFloat(string(w[1]), 64)
			n.w *= 72
		}
		if l := labelRe.FindSubmatch(m[4]); l != nil {
			n.label = string(l[1])
		}
		n.filled = strings.Contains(string(m[4]), `style="filled" fillcolor="#FFFFFF"`)
		nodes[n.id] = n
		order = append(order, n.id)
	}
	edges := map[string]dotEdge{}
	for _, m := range edgeRe.FindAllSubmatch(dot, -1) {
		e := dotEdge{id: string(m[1])}
		for _, f := range strings.Fields(string(m[2])) {
			if strings.HasPrefix(f, "e,") {
				continue
			}
			xs, ys, _ := strings.Cut(f, ",")
			x, _ := strconv.ParseFloat(xs, 64)
			y, _ := strconv.ParseFloat(ys, 64)
			e.pts = append(e.pts, view.Point{X: x, Y: y})
		}
		edges[e.id] = e
	}
	return nodes, edges, order
}

// emotionMaps are the maps the chart tests draw: the examples, the
// stress maps of the emotion chart, and persona selections of the
// six-persona map (four or fewer personas: one shared chart).
func emotionMaps(t *testing.T) map[string]emotionCase {
	out := map[string]emotionCase{}
	paths := append(viewtest.Examples(t), "../../../testdata/stress/six-personas.yaml", "../../../testdata/stress/stage-emotion-only.yaml",
		"../../../testdata/stress/12-stages.yaml", "../../../testdata/stress/many-touchpoints.yaml")
	for _, p := range paths {
		m := viewtest.Load(t, p)
		if m.Catalogue {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(p), ".yaml")
		out[name] = emotionCase{m, view.Options{}}
	}
	// 25 touchpoints in one stage, their emotions up and down.
	dense := viewtest.Small()
	var tps []*journey.Touchpoint
	for i := 0; i < 25; i++ {
		tps = append(tps, &journey.Touchpoint{ID: "d" + strconv.Itoa(i), Name: "Dense " + strconv.Itoa(i),
			Emotion: &journey.Emotion{Value: float64((i*7)%5 - 2)}})
	}
	dense.Stages[0].Touchpoints = tps
	dense.Stages[0].Emotion = nil
	out["dense stage"] = emotionCase{dense, view.Options{}}
	six := out["six-personas"].m
	for _, sel := range [][]string{{"cfo", "plant-manager", "it-lead", "maintenance"}, {"cfo", "procurement"}, {"safety"}} {
		out["six-personas for "+strings.Join(sel, ",")] = emotionCase{six, view.Options{Personas: sel}}
	}
	return out
}

// emotionCase is a map and how it is drawn.
type emotionCase struct {
	m    *journey.Map
	opts view.Options
}

// chartBand returns the y of +2 and −2 of the chart that draws the curve
// key (the one chart, or the persona's small multiple).
func chartBand(t *testing.T, edges map[string]dotEdge, prefix, key string) (top, bottom float64) {
	t.Helper()
	g := prefix + "-emotion-" + key + "-grid-"
	if _, ok := edges[g+"4"]; !ok {
		g = prefix + "-emotion-grid-"
	}
	hi, ok1 := edges[g+"4"]
	lo, ok2 := edges[g+"0"]
	if !ok1 || !ok2 {
		t.Fatalf("no grid lines %s4 and %s0", g, g)
	}
	return hi.pts[0].Y, lo.pts[0].Y
}

var curveRe = regexp.MustCompile(`^(.*)-emotion-(.+)-curve(-\d+)?$`)

// Every emotion curve is a smooth monotone spline: each Bézier segment's
// control points lie between its two points in y (so the curve never
// overshoots a point, nor ±2) and in x, and they are not all on the
// chord (it is a curve, not a polyline) somewhere.
func TestEmotionCurvesNeverOvershoot(t *testing.T) {
	for name, tc := range emotionMaps(t) {
		t.Run(name, func(t *testing.T) {
			dot, err := Build(tc.m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			_, edges, _ := parseDOT(t, dot)
			curves, bent := 0, false
			for id, e := range edges {
				m := curveRe.FindStringSubmatch(id)
				if m == nil || strings.Contains(id, "-baseline-") {
					continue
				}
				curves++
				hi, lo := chartBand(t, edges, m[1], m[2])
				if (len(e.pts)-1)%3 != 0 {
					t.Fatalf("%s: %d control points", id, len(e.pts))
				}
				for i := 0; i+3 < len(e.pts); i += 3 {
					a, b := e.pts[i], e.pts[i+3]
					ylo, yhi := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
					for _, c := range e.pts[i : i+4] {
						if c.Y < lo-0.01 || c.Y > hi+0.01 {
							t.Errorf("%s: control point %v outside the chart's ±2 (y %v…%v)", id, c, lo, hi)
						}
					}
					for _, c := range e.pts[i+1 : i+3] {
						if c.Y < ylo-0.01 || c.Y > yhi+0.01 || c.X < a.X-0.01 || c.X > b.X+0.01 {
							t.Errorf("%s: segment %d overshoots its points %v %v: control %v", id, i/3, a, b, c)
						}
						// Off the chord: the spline bends.
						if b.X != a.X {
							chordY := a.Y + (b.Y-a.Y)*(c.X-a.X)/(b.X-a.X)
							bent = bent || math.Abs(chordY-c.Y) > 0.5
						}
					}
				}
			}
			if curves == 0 {
				t.Fatal("no emotion curve")
			}
			if !bent && name != "six-personas for safety" {
				t.Error("every curve is a polyline")
			}
		})
	}
}

// labelBox is the box of a point's number: a centred one-line text node.
func labelBox(n dotNode) box {
	w := pointRefStyle.Width(n.label)
	h := pointRefStyle.LineHeight()
	return box{n.x - w/2, n.y - h/2, n.x + w/2, n.y + h/2}
}

// onCurve reports whether an emotion curve passes through b (a label on a
// curve gets a halo too).
func onCurve(edges map[string]dotEdge, b box) bool {
	for id, e := range edges {
		if !curveRe.MatchString(id) {
			continue
		}
		for _, p := range sampleBezier(e.pts) {
			if b.contains(p) {
				return true
			}
		}
	}
	return false
}

// markerRe matches the ids of the chart's markers of the map with the
// id prefix: [1] the curve's key, [2] tp or stage, [3] whose.
func markerRe(prefix string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `-emotion-(.+?)-(tp|stage)-(.+)$`)
}

// Every touchpoint's point on the chart has its number (the card's "2.1")
// beside it: a label within a few points of the marker, inside the chart,
// overlapping no marker and no other label.
func TestEmotionPointLabels(t *testing.T) {
	for name, tc := range emotionMaps(t) {
		t.Run(name, func(t *testing.T) {
			dot, err := Build(tc.m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, order := parseDOT(t, dot)
			markerRe := markerRe(tc.opts.Prefix(tc.m))
			refs := map[string]string{}
			for si, s := range tc.m.Stages {
				for ti, tp := range s.Touchpoints {
					refs[tp.ID] = journey.Ref(si, ti)
				}
			}
			var labels, marks []dotNode
			for _, id := range order {
				n := nodes[id]
				switch {
				case strings.Contains(id, "-baseline-"):
				case regexp.MustCompile(`-emotion-(.+-)?ref-`).MatchString(id):
					labels = append(labels, n)
				case markerRe.MatchString(id):
					marks = append(marks, n)
				}
			}
			mbox := func(n dotNode) box { return box{n.x - n.w/2, n.y - n.w/2, n.x + n.w/2, n.y + n.w/2} }
			for _, mk := range marks {
				m := markerRe.FindStringSubmatch(mk.id)
				if m[2] != "tp" {
					continue
				}
				want := refs[m[3]]
				found := false
				for _, l := range labels {
					if l.label != want {
						continue
					}
					lb, mb := labelBox(l), mbox(mk)
					dx := math.Max(0, math.Max(lb.x0-mb.x1, mb.x0-lb.x1))
					dy := math.Max(0, math.Max(lb.y0-mb.y1, mb.y0-lb.y1))
					if dx <= 12 && dy <= 12 {
						found = true
					}
				}
				if !found {
					t.Errorf("marker %s has no label %q beside it", mk.id, want)
				}
			}
			for i, l := range labels {
				lb := labelBox(l)
				key := regexp.MustCompile(`-emotion-(?:(.+)-)?ref-`).FindStringSubmatch(l.id)[1]
				hi, lo := chartBand(t, edges, tc.opts.Prefix(tc.m), key)
				// The chart reaches emotionInset beyond ±2 at most.
				if lb.y1 > hi+emotionInset || lb.y0 < lo-emotionInset || lb.x0 < laneWidth {
					t.Errorf("label %s (%q) outside its chart: %v", l.id, l.label, lb)
				}
				for _, mk := range marks {
					if lb.overlaps(mbox(mk)) {
						t.Errorf("label %s (%q) overlaps marker %s", l.id, l.label, mk.id)
					}
				}
				for _, o := range labels[i+1:] {
					if lb.overlaps(labelBox(o)) {
						t.Errorf("labels %s and %s overlap", l.id, o.id)
					}
				}
				// A label on a grid line of its chart or a stage's column
				// rule is on a white box (a halo) that hides the line; one
				// off every line has none.
				on := ""
				for id, e := range edges {
					if !strings.Contains(id, "-grid-v-") && !strings.HasPrefix(id, tc.opts.Prefix(tc.m)+"-emotion-"+key+"-grid-") &&
						!(key == "" && strings.HasPrefix(id, tc.opts.Prefix(tc.m)+"-emotion-grid-")) {
						continue
					}
					a, z := e.pts[0], e.pts[len(e.pts)-1]
					if a.Y == z.Y && a.Y > lb.y0 && a.Y < lb.y1 && math.Min(a.X, z.X) < lb.x1 && math.Max(a.X, z.X) > lb.x0 ||
						a.X == z.X && a.X > lb.x0 && a.X < lb.x1 && math.Min(a.Y, z.Y) < lb.y1 && math.Max(a.Y, z.Y) > lb.y0 {
						on = id
					}
				}
				if on != "" && !l.filled {
					t.Errorf("label %s (%q) lies on %s without a halo", l.id, l.label, on)
				}
				if on == "" && l.filled && !onCurve(edges, lb) {
					t.Errorf("label %s (%q) has a halo but lies on no line", l.id, l.label)
				}
			}
		})
	}
}

// Personas who feel the same at a touchpoint keep their own markers,
// side by side: no marker of a chart overlaps another one.
func TestCoincidingMarkersStayVisible(t *testing.T) {
	m := viewtest.Small()
	m.Personas = []*journey.Persona{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}, {ID: "c", Name: "C"}, {ID: "d", Name: "D"}}
	tp := m.Stages[0].Touchpoints[0]
	tp.Personas = nil
	tp.Emotion = &journey.Emotion{PerPersona: []journey.PersonaEmotion{{Persona: "a", Value: 1}, {Persona: "b", Value: 1}, {Persona: "c", Value: 1}, {Persona: "d", Value: 1}}}
	maps := emotionMaps(t)
	maps["four alike"] = emotionCase{m, view.Options{}}
	for name, tc := range maps {
		t.Run(name, func(t *testing.T) {
			dot, err := Build(tc.m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			nodes, _, order := parseDOT(t, dot)
			markerRe := markerRe(tc.opts.Prefix(tc.m))
			// The chart of each marker: its persona's row in small
			// multiples, else the one chart.
			charts := map[string][]dotNode{}
			multiples := strings.Contains(string(dot), "-row-name\"")
			for _, id := range order {
				mm := markerRe.FindStringSubmatch(id)
				if mm == nil || strings.Contains(id, "-baseline-") {
					continue
				}
				key := ""
				if multiples {
					key = mm[1]
				}
				charts[key] = append(charts[key], nodes[id])
			}
			for _, ms := range charts {
				for i, a := range ms {
					for _, b := range ms[i+1:] {
						// Shapes are inscribed in their boxes; boxes may touch.
						if math.Abs(a.x-b.x) < (a.w+b.w)/2-0.5 && math.Abs(a.y-b.y) < (a.w+b.w)/2-0.5 {
							t.Errorf("markers %s and %s overlap at (%v,%v) and (%v,%v)", a.id, b.id, a.x, a.y, b.x, b.y)
						}
					}
				}
			}
		})
	}
	dot, _ := Build(m, view.Options{})
	nodes, _, _ := parseDOT(t, dot)
	xs := map[float64]bool{}
	for _, p := range []string{"a", "b", "c", "d"} {
		n, ok := nodes["small-emotion-"+p+"-tp-"+tp.ID]
		if !ok {
			t.Fatalf("no marker for persona %s", p)
		}
		xs[n.x] = true
	}
	if len(xs) != 4 {
		t.Errorf("four personas at +1 share %d positions, want 4", len(xs))
	}
}

// A stage's own emotion is drawn as a stage marker (hollow, mid-column)
// whenever it is given, on a map whose only emotions are the stages'.
func TestStageEmotionOnly(t *testing.T) {
	m := viewtest.Load(t, "../../../testdata/stress/stage-emotion-only.yaml")
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges, _ := parseDOT(t, dot)
	for _, s := range m.Stages {
		n, ok := nodes["stage-emotion-only-emotion-all-stage-"+s.ID]
		if !ok {
			t.Errorf("stage %s: no stage marker", s.ID)
			continue
		}
		_ = n
		if !regexp.MustCompile(`id="stage-emotion-only-emotion-all-stage-` + s.ID + `" [^\n]*fillcolor="#FFFFFF"`).MatchString(string(dot)) {
			t.Errorf("stage %s: marker is not hollow", s.ID)
		}
	}
	if _, ok := edges["stage-emotion-only-emotion-all-curve"]; !ok {
		t.Error("no curve through the stage markers")
	}
	if !strings.Contains(string(dot), "legend-stage-emotion") {
		t.Error("the legend does not explain the stage markers")
	}
}

// More than four personas with emotions are small multiples: a small
// chart per persona, named, each with its own curve inside its own band.
func TestSmallMultiples(t *testing.T) {
	m := viewtest.Load(t, "../../../testdata/stress/six-personas.yaml")
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges, _ := parseDOT(t, dot)
	prev := math.Inf(1)
	for _, p := range m.Personas {
		name, ok := nodes["six-personas-emotion-"+p.ID+"-row-name"]
		if !ok || !strings.Contains(name.label, strings.Split(p.Name, " ")[0]) {
			t.Errorf("%s: no row name (%q)", p.ID, name.label)
		}
		hi, lo := chartBand(t, edges, "six-personas", p.ID)
		if hi >= prev {
			t.Errorf("%s: its row is not under the previous one", p.ID)
		}
		prev = lo
		if _, ok := edges["six-personas-emotion-"+p.ID+"-curve"]; !ok {
			t.Errorf("%s: no curve", p.ID)
		}
	}
	if _, ok := edges["six-personas-emotion-grid-4"]; ok {
		t.Error("a shared chart besides the small multiples")
	}
	// Four personas share one chart.
	dot, _ = Build(m, view.Options{Personas: []string{"cfo", "it-lead", "safety", "procurement"}})
	if strings.Contains(string(dot), "-row-name\"") || !strings.Contains(string(dot), `id="six-personas-emotion-grid-4"`) {
		t.Error("four personas are not one chart")
	}
}

// A map drawn for some personas (cjm render --persona) has their curves
// only, the touchpoints they meet only, numbered as on the whole map, and
// their full cards; an unknown persona is an error naming the known ones.
func TestForPersonas(t *testing.T) {
	m := viewtest.Load(t, "../../../examples/abm-committee.yaml")
	dot, err := Build(m, view.Options{Personas: []string{"cfo"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	nodes, _, _ := parseDOT(t, dot)
	for _, tp := range m.Touchpoints() {
		_, drawn := nodes["abm-committee-tp-"+tp.ID]
		if drawn != tp.Meets("cfo") {
			t.Errorf("touchpoint %s drawn %v, the CFO meets it %v", tp.ID, drawn, tp.Meets("cfo"))
		}
	}
	// 3.2 (the executive dinner) keeps its number though 3.1 is left out.
	if n := nodes["abm-committee-tp-exec-dinner-name"]; !strings.HasPrefix(n.label, "3.2 ") {
		t.Errorf("the dinner's card says %q, want 3.2", n.label)
	}
	if n := nodes["abm-committee-emotion-ref-exec-dinner"]; n.label != "3.2" {
		t.Errorf("the dinner's point says %q, want 3.2", n.label)
	}
	for _, p := range []string{"it-lead", "ops-manager", "procurement"} {
		if strings.Contains(s, "-emotion-"+p+"-") || strings.Contains(s, "-persona-"+p) {
			t.Errorf("persona %s is drawn", p)
		}
	}
	for _, want := range []string{"abm-committee-persona-cfo-card", "abm-committee-persona-note"} {
		if _, ok := nodes[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
	card := ""
	for id, n := range nodes {
		if strings.HasPrefix(id, "abm-committee-persona-cfo-card-") {
			card += strings.ReplaceAll(n.label, `\l`, " ") + "\n"
		}
	}
	cfo := m.Personas[0]
	for _, want := range append(append(append([]string{cfo.Role}, cfo.Goals...), cfo.Pains...), "Goals") {
		if !strings.Contains(card, want) {
			t.Errorf("the CFO's card lacks %q:\n%s", want, card)
		}
	}
	// The colour is the whole map's.
	whole, _ := Build(m, view.Options{})
	color := regexp.MustCompile(`id="abm-committee-emotion-cfo-curve" pos="[^"]*" color="([^"]*)"`)
	if a, b := color.FindStringSubmatch(s), color.FindStringSubmatch(string(whole)); a == nil || b == nil || a[1] != b[1] {
		t.Errorf("the CFO's colour differs: %v, %v", a, b)
	}

	// And its marker and line style: the maintenance supervisor, the
	// fourth persona, is a triangle on a solid line alone too.
	six := viewtest.Load(t, "../../../testdata/stress/six-personas.yaml")
	alone, err := Build(six, view.Options{Personas: []string{"maintenance"}})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`id="six-personas-emotion-maintenance-tp-webinar" [^\n]*shape="triangle"`).Match(alone) {
		t.Error("the maintenance supervisor's marker is not the triangle of the whole map")
	}

	_, err = Build(m, view.Options{Personas: []string{"cfo", "ceo"}})
	if !errors.Is(err, view.ErrUnknownPersona) || !strings.Contains(err.Error(), `"ceo"`) || !strings.Contains(err.Error(), "cfo, it-lead, ops-manager, procurement") {
		t.Errorf("unknown persona: %v", err)
	}
}

// A map with personas that have goals or a quote shows their cards in a
// band under the grid; one whose personas have neither does not.
func TestPersonaBand(t *testing.T) {
	m := viewtest.Load(t, "../../../examples/abm-committee.yaml")
	dot, _ := Build(m, view.Options{})
	nodes, edges, _ := parseDOT(t, dot)
	bottom := math.Inf(1)
	for id, e := range edges {
		if strings.Contains(id, "-grid-v-") {
			bottom = math.Min(bottom, math.Min(e.pts[0].Y, e.pts[len(e.pts)-1].Y))
		}
	}
	for _, p := range m.Personas {
		n, ok := nodes["abm-committee-persona-"+p.ID+"-card"]
		if !ok {
			t.Errorf("%s: no card", p.ID)
			continue
		}
		if n.y >= bottom {
			t.Errorf("%s: card at y %v is not under the grid (bottom %v)", p.ID, n.y, bottom)
		}
		text := ""
		for id, n := range nodes {
			if strings.HasPrefix(id, "abm-committee-persona-"+p.ID+"-card-") {
				text += strings.ReplaceAll(n.label, `\l`, " ") + " "
			}
		}
		want := p.Goals
		if p.Quote != "" {
			want = append(want, strings.Fields(p.Quote)[0])
		}
		for _, want := range want {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the card lacks %q: %s", p.ID, want, text)
			}
		}
	}
	for _, p := range m.Personas {
		p.Goals, p.Quote = nil, ""
	}
	dot, _ = Build(m, view.Options{})
	if strings.Contains(string(dot), "-card\"") {
		t.Error("cards without goals or quotes")
	}
}

// A persona chip is never wider than the map: a long name and role wrap
// (issue 10: a persona chip wider than the grid).
func TestPersonaChipFitsTheMap(t *testing.T) {
	m := viewtest.Small()
	m.Stages = m.Stages[:1]
	m.Transitions = nil
	m.Personas = []*journey.Persona{{ID: "long", Name: strings.Repeat("Chief Operating Officer of the Group ", 4), Role: "economic buyer and final signatory of every contract"}}
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, _, _ := parseDOT(t, dot)
	chip, ok := nodes["small-persona-long"]
	if !ok {
		t.Fatal("no chip")
	}
	width := laneWidth + defaultCol
	if chip.x-chip.w/2 < -0.1 || chip.x+chip.w/2 > width+0.1 { // inches round to 0.04 pt
		t.Errorf("chip spans %v…%v, the map 0…%v", chip.x-chip.w/2, chip.x+chip.w/2, width)
	}
	if name := nodes["small-persona-long-name"]; strings.Count(name.label, `\l`) < 2 {
		t.Errorf("the long name does not wrap: %q", name.label)
	}
}

// The emotion chart's stress maps, and a map drawn for two personas, as
// golden DOT.
func TestEmotionStressGolden(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		personas   []string
	}{
		{"six-personas", "six-personas.yaml", nil},
		{"stage-emotion-only", "stage-emotion-only.yaml", nil},
		{"six-personas.persona-cfo+safety", "six-personas.yaml", []string{"cfo", "safety"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := viewtest.Load(t, filepath.Join("../../../testdata/stress", tc.path))
			dot, err := Build(m, view.Options{Personas: tc.personas})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".dot"), dot)
		})
	}
}

// The persona cards and the map drawn for a persona escape what they
// show: hostile goals, needs, pains and quotes come out as typed text.
func TestPersonaCardsHostile(t *testing.T) {
	m := viewtest.Hostile()
	p := m.Personas[0]
	p.Role = `<b>role</b> \N`
	p.Goals = []string{`"</TD>>]; x [label="pwned"`}
	p.Needs = []string{"a\\nb & <c>"}
	p.Pains = []string{"\x01ctrl } ]"}
	p.Quote = `It's "fine" \G`
	for _, opts := range []view.Options{{}, {Personas: []string{p.ID}}} {
		dot, err := Build(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
		if err != nil {
			t.Fatalf("graphviz: %v", err)
		}
		got := viewtest.ParseSVG(t, svg)
		want := []string{`<b>role</b> \N`, `"</TD>>]; x [label="pwned"`, `It's "fine" \G`}
		if len(opts.Personas) > 0 {
			want = append(want, "a\\nb & <c>", "ctrl } ]")
		}
		for _, w := range want {
			if !strings.Contains(got.Text, w) {
				t.Errorf("%v: SVG text lacks %q", opts.Personas, w)
			}
		}
	}
}
