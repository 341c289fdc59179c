package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diff"
	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
)

// roundTrip writes m as a workbook, imports it, loads the journey file
// where m's file is (so its includes and measurements resolve as they did)
// and asks pkg/diff for the changes: there must be none.
func roundTrip(t *testing.T, m *journey.Map, root string) *journey.Map {
	t.Helper()
	if m.File == "" {
		m = loaded(t, m)
	}
	src, err := exportxlsx.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	res := importer.Convert(Source{}, "map.xlsx", src, importer.Options{Origin: "map.xlsx"})
	if res.Diags.HasErrors() {
		t.Fatalf("import: %v", res.Diags)
	}
	if len(res.Diags) > 0 {
		t.Errorf("import warnings: %v", res.Diags)
	}
	if again, err := yamlfmt.Format(res.YAML); err != nil || !bytes.Equal(again, res.YAML) {
		t.Errorf("not in the canonical layout (%v)", err)
	}
	chk := check.Bytes(m.File, res.YAML, check.Options{Root: root})
	if chk.Diags.HasErrors() {
		t.Fatalf("the journey file has errors: %v\n%s", chk.Diags, res.YAML)
	}
	if changes := diff.Compare(m, chk.Map); len(changes) > 0 {
		var b strings.Builder
		_ = diff.WriteText(&b, &diff.Result{Old: "original", New: "imported", Changes: changes}, diff.TextOptions{})
		t.Errorf("the workbook lost something:\n%s\n%s", b.String(), res.YAML)
	}
	// And the imported map writes the same workbook again.
	again, err := exportxlsx.Render(chk.Map)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, src) {
		t.Errorf("the imported map writes another workbook")
	}
	return chk.Map
}

// TestRoundTripExamples: every map of examples/ (the Russian one, the
// committee with its included catalogue and per-persona emotions, the one
// with measurements) comes back from its workbook with no change at all.
func TestRoundTripExamples(t *testing.T) {
	root := reporttest.RepoRoot(t)
	for _, ex := range reporttest.Examples(t) {
		t.Run(ex.Name, func(t *testing.T) { roundTrip(t, ex.Map, root) })
	}
}

// TestRoundTripFull: every field of the format.
func TestRoundTripFull(t *testing.T) {
	m := reporttest.FullMap()
	m.Stages[0].Touchpoints[0].Notes = "first line\nsecond line\n\n  indented third"
	roundTrip(t, m, "")
}

// TestRoundTripLabels: the hostile labels (formulas, quotes, line breaks,
// Cyrillic …) survive in names, titles, sources, notes, reasons and
// transition labels; list items too unless they hold a line break (a
// line break separates the items of a list cell, docs/import.md).
func TestRoundTripLabels(t *testing.T) {
	for _, label := range reporttest.HostileLabels {
		m := reporttest.LabelMap(label)
		tp := m.Stages[0].Touchpoints[0]
		tp.Source, tp.Notes = label, label
		tp.MomentOfTruth = &journey.MomentOfTruth{Reason: label}
		m.Description = label
		if strings.Contains(label, "\n") {
			tp.Pains = []string{"one", "two"}
		}
		t.Run(strings.Fields(label)[0], func(t *testing.T) { roundTrip(t, m, "") })
	}
	t.Run("russian", func(t *testing.T) {
		m := reporttest.LabelMap("Путь клиента")
		m.Lang = "ru"
		m.Stages[0].Touchpoints[0].MomentOfTruth = &journey.MomentOfTruth{}
		m.Stages[0].Actions = []string{"Сравнить тарифы", "Позвонить\tменеджеру"}
		roundTrip(t, m, "")
	})
}

// loaded is m as the loader gives it (defaults filled in, as every map
// that is rendered is): written as a journey file and loaded back.
func loaded(t *testing.T, m *journey.Map) *journey.Map {
	t.Helper()
	src, err := importer.Write(m, "")
	if err != nil {
		t.Fatal(err)
	}
	chk := check.Bytes("map.yaml", src, check.Options{})
	if chk.Diags.HasErrors() {
		t.Fatalf("test map: %v\n%s", chk.Diags, src)
	}
	return chk.Map
}

// TestRoundTripGenerated: a generated map of 500 touchpoints, in Russian
// with per-persona emotions, comes back unchanged.
func TestRoundTripGenerated(t *testing.T) {
	roundTrip(t, viewtest.Generate(viewtest.Config{Touchpoints: 500, BackEdges: 0.1, PerPersona: true, Lang: "ru"}), "")
}
