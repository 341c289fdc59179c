package reporttest

import (
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// RepoRoot returns the top of the module's source tree.
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("reporttest: cannot locate the source tree")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Example is a map of examples/ by its base name.
type Example struct {
	Name string // file name without .yaml
	Map  *journey.Map
}

// Examples loads every map in examples/ (not the catalogues), failing the
// test when one has errors. It skips when examples/ holds none.
func Examples(t testing.TB) []Example {
	t.Helper()
	root := RepoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "examples", "[^.]*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var out []Example
	for _, f := range files {
		m, ds, _ := load.File(f, load.Options{Root: root})
		if m != nil {
			ds = append(ds, validate.Map(m)...)
		}
		if ds.HasErrors() || m == nil {
			t.Fatalf("%s: %v", f, ds)
		}
		if m.Catalogue {
			continue
		}
		out = append(out, Example{Name: strings.TrimSuffix(filepath.Base(f), ".yaml"), Map: m})
	}
	if len(out) == 0 {
		t.Skip("no maps in examples/ yet")
	}
	return out
}

func f(v float64) *float64 { return &v }

// Hostile is a map whose every label carries characters that mean
// something in Markdown, HTML, Mermaid, CSV or a spreadsheet.
const Hostile = "| < > & \" ' * _ [x](y) <script>alert(1)</script> = + - @ : # ; %% `x` ~ $ \\"

// HostileMap returns a valid map in which every user string is hostile,
// starting with one of the characters a spreadsheet reads as a formula.
func HostileMap() *journey.Map {
	h := func(prefix string) string { return prefix + " " + Hostile }
	return &journey.Map{
		Version:     1,
		Title:       h("=Title"),
		Description: "Desc <b>bold</b> <script>alert(1)</script> `<kbd>` **md**",
		Lang:        "en",
		Scope:       "full",
		Personas: []*journey.Persona{
			{ID: "p1", Name: h("@Persona, one"), Role: h("+role"), Goals: []string{h("-goal")}, Pains: []string{h("=pain")}, Quote: h("\"quote")},
			{ID: "p2", Name: h("Persona two")},
		},
		Channels: []*journey.Channel{{ID: "c1", Name: h("=Channel"), Kind: "digital"}},
		Owners:   []*journey.Owner{{ID: "o1", Name: h("+Owner")}},
		Stages: []*journey.Stage{
			{
				ID: "s1", Name: h("Title: stage"), Phase: "buying", Goal: h("-goal"),
				Actions: []string{h("action\nsecond line")}, Thoughts: []string{h("thought")}, Feelings: []string{h("feeling")},
				Opportunities: []string{h("=opportunity")}, Strategies: []string{h("strategy")},
				Metrics: []*journey.Metric{{ID: "m1", Name: h("=KPI"), Value: f(-1), Target: f(2), Unit: h("unit"), Better: "higher"}},
				Touchpoints: []*journey.Touchpoint{
					{
						ID: "t1", Name: h("section tp"), Channel: "c1", Owner: "o1", Personas: []string{"p1"},
						Interactions: []string{h("interaction")},
						Emotion:      &journey.Emotion{Value: -2},
						Pains:        []string{h("=pain\tpain")}, Delights: []string{h("delight\r\nline")},
						MomentOfTruth: &journey.MomentOfTruth{Reason: h("@reason")},
						Next:          []string{"t2"}, Backstage: []string{h("backstage")},
						Evidence: "observed", Source: h("=HYPERLINK(\"http://x\")"), Notes: h("notes"),
					},
				},
			},
			{
				ID: "s2", Name: h("journey stage"),
				Touchpoints: []*journey.Touchpoint{
					{
						ID: "t2", Name: h("title tp"), Next: []string{"t1"},
						Emotion: &journey.Emotion{PerPersona: []journey.PersonaEmotion{{Persona: "p1", Value: 1}, {Persona: "p2", Value: -1}}},
					},
				},
			},
		},
		Transitions: []*journey.Transition{{From: "s2", To: "s1", Label: h("-back")}},
	}
}

// FullMap returns a small valid map that uses every field of the format.
func FullMap() *journey.Map {
	return &journey.Map{
		Version:     1,
		Title:       "Analytics platform — B2B path",
		Description: "How a mid-size company **buys** and adopts the platform.\n\n- Source: 12 interviews\n- CRM data, 2025",
		Lang:        "en",
		Scope:       "full",
		Personas: []*journey.Persona{
			{ID: "cio", Name: "CIO", Role: "decision maker", Goals: []string{"Consolidate reporting"}, Needs: []string{"Security review", "SSO"}, Pains: []string{"Shadow IT"}, Quote: "I need one version of the truth."},
			{ID: "analyst", Name: "Analyst", Role: "user"},
		},
		Channels: []*journey.Channel{
			{ID: "web", Name: "Website", Kind: "digital"},
			{ID: "sales", Name: "Account executive", Kind: "human", Color: "#336699"},
			{ID: "event", Name: "Trade show", Kind: "physical"},
		},
		Owners: []*journey.Owner{{ID: "marketing", Name: "Marketing"}, {ID: "sales", Name: "Sales"}, {ID: "cs", Name: "Customer success"}},
		Stages: []*journey.Stage{
			{
				ID: "awareness", Name: "Awareness", Phase: "buying", Goal: "Understand the problem",
				Actions: []string{"Reads articles"}, Thoughts: []string{"Are others doing this better?"}, Feelings: []string{"Curious"},
				Metrics:       []*journey.Metric{{ID: "traffic", Name: "Site traffic", Value: f(12000), Target: f(15000), Unit: "visits/mo", Better: "higher"}},
				Opportunities: []string{"SEO for comparison queries"}, Strategies: []string{"Thought leadership"},
				Touchpoints: []*journey.Touchpoint{
					{ID: "article", Name: "Blog article", Channel: "web", Owner: "marketing", Emotion: &journey.Emotion{Value: 1}, Delights: []string{"Useful benchmark"}, Next: []string{"demo"}, Evidence: "observed", Source: "Web analytics"},
					{ID: "booth", Name: "Trade show booth", Channel: "event", Owner: "marketing", Personas: []string{"cio"}, Emotion: &journey.Emotion{Value: 0}, Evidence: "assumed", Next: []string{"demo"}},
				},
			},
			{
				ID: "evaluation", Name: "Evaluation", Phase: "buying",
				Emotion: &journey.Emotion{Value: -1},
				Touchpoints: []*journey.Touchpoint{
					{
						ID: "demo", Name: "Product demo", Channel: "sales", Owner: "sales", Personas: []string{"cio", "analyst"},
						Interactions:  []string{"Asks about SSO"},
						Emotion:       &journey.Emotion{PerPersona: []journey.PersonaEmotion{{Persona: "cio", Value: -1}, {Persona: "analyst", Value: 2}}},
						Pains:         []string{"Waits a week for a slot"},
						MomentOfTruth: &journey.MomentOfTruth{Reason: "A bad demo loses the deal"},
						Backstage:     []string{"SE prepares a tailored dataset"},
						Evidence:      "reported", Source: "Win/loss interviews",
						Metrics: []*journey.Metric{{ID: "wait", Name: "Days to demo", Value: f(7), Target: f(2), Unit: "days", Better: "lower"}},
						Notes:   "Book within 48 hours.",
						Next:    []string{"kickoff", "article"},
					},
				},
				Opportunities: []string{"Self-serve demo booking", "Sandbox with sample data"},
			},
			{
				ID: "onboarding", Name: "Onboarding", Phase: "using",
				Metrics: []*journey.Metric{{ID: "ttv", Name: "Time to value", Value: f(20), Target: f(30), Unit: "days", Better: "lower"}, {ID: "nps", Name: "NPS", Target: f(40), Better: "higher"}},
				Touchpoints: []*journey.Touchpoint{
					{ID: "kickoff", Name: "Kick-off call", Channel: "sales", Owner: "cs", Emotion: &journey.Emotion{Value: 2}, MomentOfTruth: &journey.MomentOfTruth{}, Evidence: "inferred"},
					{ID: "docs", Name: "Documentation", Emotion: &journey.Emotion{Value: -0.5}},
				},
			},
			{ID: "renewal", Name: "Renewal", Phase: "using"},
		},
		Transitions: []*journey.Transition{
			{From: "evaluation", To: "awareness", Label: "A new stakeholder joins"},
			{From: "awareness", To: "onboarding", Label: "Existing customer buys more"},
		},
	}
}

// MinimalMaps returns maps at the edges of the format: one stage and
// nothing else; no personas with per-persona emotions; empty strings
// where the loader would have refused nothing.
func MinimalMaps() map[string]*journey.Map {
	return map[string]*journey.Map{
		"one-stage":     {Version: 1, Title: "T", Lang: "en", Scope: "full", Stages: []*journey.Stage{{ID: "s", Name: "S"}}},
		"empty-strings": {Version: 1, Stages: []*journey.Stage{{ID: "s", Touchpoints: []*journey.Touchpoint{{ID: "t"}}}}},
		"unknown-lang": {Version: 1, Title: "T", Lang: "xx", Stages: []*journey.Stage{{ID: "s", Name: "S",
			Touchpoints: []*journey.Touchpoint{{ID: "t", Name: "N", Emotion: &journey.Emotion{PerPersona: []journey.PersonaEmotion{}}}}}}},
	}
}

// RunMinimal renders each of MinimalMaps in a subtest, failing when render
// fails, gives no bytes or gives different bytes the second time; and it
// fails when render accepts a nil map.
func RunMinimal(t *testing.T, render func(*journey.Map) ([]byte, error)) {
	t.Helper()
	maps := MinimalMaps()
	names := make([]string, 0, len(maps))
	for n := range maps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := maps[n]
		t.Run(n, func(t *testing.T) {
			a, err := render(m)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := render(m)
			if len(a) == 0 || string(a) != string(b) {
				t.Errorf("empty or not deterministic output")
			}
		})
	}
	if _, err := render(nil); err == nil {
		t.Error("Render(nil) did not fail")
	}
}
