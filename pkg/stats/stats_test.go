package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

func f(v float64) *float64 { return &v }

// synthetic is a map whose every figure is known by construction.
func synthetic() *journey.Map {
	return &journey.Map{
		Title:    "Synthetic",
		Personas: []*journey.Persona{{ID: "p1"}, {ID: "p2"}, {ID: "p3"}},
		Channels: []*journey.Channel{{ID: "web"}, {ID: "email"}, {ID: "unused"}},
		Owners:   []*journey.Owner{{ID: "sales"}, {ID: "cs"}},
		Stages: []*journey.Stage{
			{ID: "s1", Metrics: []*journey.Metric{
				{ID: "on", Value: f(5), Target: f(4), Better: "higher"},
				{ID: "off", Value: f(3), Target: f(4), Better: "higher"},
				{ID: "lower-on", Value: f(3), Target: f(4), Better: "lower"},
				{ID: "no-target", Value: f(3), Better: "higher"},
			}, Touchpoints: []*journey.Touchpoint{
				{ID: "a", Channel: "web", Owner: "sales", Emotion: &journey.Emotion{Value: -1}, Evidence: "observed",
					MomentOfTruth: &journey.MomentOfTruth{}},
				{ID: "b", Channel: "web", Emotion: &journey.Emotion{Value: 2}, Evidence: "reported",
					MomentOfTruth: &journey.MomentOfTruth{Reason: "no owner"}},
				{ID: "c", Pains: []string{"slow"}, Delights: []string{"kind"}, Evidence: "assumed",
					Metrics: []*journey.Metric{{ID: "equal", Value: f(4), Target: f(4), Better: "lower"}}},
			}},
			{ID: "s2", Touchpoints: []*journey.Touchpoint{
				{ID: "d", Channel: "email", Owner: "cs", Emotion: &journey.Emotion{PerPersona: []journey.PersonaEmotion{{Persona: "p1", Value: 1}, {Persona: "p2", Value: -2}}},
					Metrics: []*journey.Metric{{ID: "lower-off", Value: f(9), Target: f(4), Better: "lower"}}},
			}},
			{ID: "empty"},
		},
	}
}

func TestOf(t *testing.T) {
	got := Of("s.yaml", synthetic()).Figures
	want := Figures{
		Stages: 3, Touchpoints: 4, Personas: 3, Channels: 2, Owners: 2,
		PainPoints: 3, Delights: 3, MomentsOfTruth: 2,
		KPIsOnTarget: 3, KPIsOffTarget: 2,
		WithOwner: 2, WithChannel: 3, WithEmotion: 3,
		EvidenceBy:          [5]int{1, 1, 0, 1, 1},
		MomentsWithoutOwner: 1,
	}
	if got != want {
		t.Errorf("figures:\n got %+v\nwant %+v", got, want)
	}
	if s := got.Share(got.WithChannel); s != 0.75 {
		t.Errorf("channel share %v, want 0.75", s)
	}
	if s := (Figures{}).Share(0); s != 0 {
		t.Errorf("share of no touchpoints %v, want 0", s)
	}
}

// TestTotal: counts add up; personas, channels and owners count distinct
// ids across maps.
func TestTotal(t *testing.T) {
	a := Of("a.yaml", synthetic())
	m := synthetic()
	m.Personas = append(m.Personas, &journey.Persona{ID: "p4"})
	m.Stages[1].Touchpoints[0].Channel = "phone"
	b := Of("b.yaml", m)
	r := New([]Map{a, b})
	tot := r.Total
	if tot.Stages != 6 || tot.Touchpoints != 8 || tot.KPIsOffTarget != 4 || tot.MomentsWithoutOwner != 2 || tot.EvidenceBy != [5]int{2, 2, 0, 2, 2} {
		t.Errorf("sums: %+v", tot)
	}
	if tot.Personas != 4 || tot.Channels != 3 || tot.Owners != 2 {
		t.Errorf("distinct personas %d channels %d owners %d, want 4 3 2", tot.Personas, tot.Channels, tot.Owners)
	}
}

func examples(t testing.TB) Report {
	t.Helper()
	files, err := filepath.Glob("../../examples/[^.]*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var maps []Map
	for _, file := range files {
		m, ds, _ := load.File(file, load.Options{Root: "../.."})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", file, ds)
		}
		maps = append(maps, Of("examples/"+filepath.Base(file), m))
	}
	return New(maps)
}

// TestExamples pins the figures of the shipped examples, counted by hand
// from the YAML.
func TestExamples(t *testing.T) {
	r := examples(t)
	want := map[string]Figures{
		"examples/abm-committee.yaml": {Stages: 4, Touchpoints: 10, Personas: 4, Channels: 8, Owners: 6, PainPoints: 2, Delights: 7,
			MomentsOfTruth: 4, KPIsOnTarget: 4, KPIsOffTarget: 4, WithOwner: 10, WithChannel: 10, WithEmotion: 10, EvidenceBy: [5]int{6, 3, 0, 1, 0}},
		"examples/b2b-funnel-ru.yaml": {Stages: 6, Touchpoints: 11, Personas: 2, Channels: 8, Owners: 5, PainPoints: 4, Delights: 5,
			MomentsOfTruth: 4, KPIsOnTarget: 2, KPIsOffTarget: 5, WithOwner: 11, WithChannel: 11, WithEmotion: 11, EvidenceBy: [5]int{6, 3, 1, 1, 0}},
		"examples/saas-onboarding.yaml": {Stages: 5, Touchpoints: 11, Personas: 2, Channels: 6, Owners: 5, PainPoints: 4, Delights: 6,
			MomentsOfTruth: 3, KPIsOnTarget: 2, KPIsOffTarget: 5, WithOwner: 11, WithChannel: 11, WithEmotion: 11, EvidenceBy: [5]int{6, 3, 1, 1, 0}},
	}
	if len(r.Maps) != len(want) {
		t.Fatalf("%d maps, want %d", len(r.Maps), len(want))
	}
	for _, m := range r.Maps {
		if m.Figures != want[m.Path] {
			t.Errorf("%s:\n got %+v\nwant %+v", m.Path, m.Figures, want[m.Path])
		}
	}
	if r.Total.Touchpoints != 32 || r.Total.KPIsOffTarget != 14 || r.Total.EvidenceBy != [5]int{18, 9, 2, 3, 0} {
		t.Errorf("total %+v", r.Total)
	}
}

// TestGolden pins the four formats of the examples' figures.
func TestGolden(t *testing.T) {
	r := examples(t)
	ext := map[string]string{"text": "txt", "md": "md", "json": "json", "csv": "csv"}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, r, format); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "testdata/examples."+ext[format], b.Bytes())
	}
}

// TestJSONShape: the json has maps with a path and figures, a total, and
// every share in [0, 1].
func TestJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, examples(t), "json"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Maps []struct {
			Path     string
			Coverage map[string]any
		}
		Total struct {
			Maps     int
			Coverage map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Maps) != 3 || doc.Maps[0].Path == "" || doc.Total.Maps != 3 {
		t.Fatalf("shape: %+v", doc)
	}
	var check func(string, any)
	check = func(where string, v any) {
		switch v := v.(type) {
		case float64:
			if v < 0 || v > 1 {
				t.Errorf("%s = %v, not in [0, 1]", where, v)
			}
		case map[string]any:
			for k, x := range v {
				check(where+"."+k, x)
			}
		default:
			t.Errorf("%s is %T", where, v)
		}
	}
	for _, m := range doc.Maps {
		check(m.Path, m.Coverage)
	}
	check("total", doc.Total.Coverage)
}

// TestEscaped: a path cannot break the Markdown table, start a formula in
// a spreadsheet or reach a terminal as an escape sequence.
func TestEscaped(t *testing.T) {
	r := New([]Map{Of("=HYPERLINK(1)|*x*\x1b[31m.yaml", synthetic())})
	var md, text, c bytes.Buffer
	for format, b := range map[string]*bytes.Buffer{"md": &md, "text": &text, "csv": &c} {
		if err := Write(b, r, format); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(md.String(), `=HYPERLINK(1)\|\*x\*`) {
		t.Errorf("md not escaped:\n%s", md.String())
	}
	for _, line := range strings.Split(md.String(), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		// Every row as wide as its table's header.
		if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != len(counts)+2 && n != len(shares)+2 {
			t.Errorf("row with %d cell borders: %s", n, line)
		}
	}
	if strings.Contains(text.String(), "\x1b") {
		t.Errorf("escape sequence reached the text table")
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "'=HYPERLINK(1)|*x*\x1b[31m.yaml" {
		t.Errorf("csv cell %q: want the formula guard", rows[1][0])
	}
	if got := rows[len(rows)-1][1]; got != "total (1 map)" {
		t.Errorf("total row %q", got)
	}
}

// BenchmarkStats: the figures of 1,000 typical maps (30 touchpoints each);
// the issue asks for stats over 1,000 maps under 2 s, loading included
// (pkg/cmd/stats's benchmark measures that).
func BenchmarkStats(b *testing.B) {
	var maps []*journey.Map
	for i := range 1000 {
		maps = append(maps, viewtest.Generate(viewtest.Config{Touchpoints: 30, Seed: uint64(i)}))
	}
	for b.Loop() {
		var ms []Map
		for i, m := range maps {
			ms = append(ms, Of(fmt.Sprint(i), m))
		}
		_ = Write(&bytes.Buffer{}, New(ms), "json")
	}
}

// TestDocsShowRealOutput: the `cjm stats examples` output in README.md and
// docs/site.md is what the command prints today.
func TestDocsShowRealOutput(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, examples(t), "text"); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{"../../README.md", "../../docs/site.md"} {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		const start = "```console\n$ cjm stats examples\n"
		_, after, ok := strings.Cut(string(data), start)
		if !ok {
			t.Errorf("%s does not show `cjm stats examples`", doc)
			continue
		}
		shown, _, _ := strings.Cut(after, "```")
		if shown != b.String() {
			t.Errorf("%s shows an outdated `cjm stats examples`:\n%s\nthe command prints:\n%s", doc, shown, b.String())
		}
	}
}
