package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/pkg/diag"
	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// edited is the workbook of the full map with one cell changed.
func edited(t *testing.T, sheet, cell, value string) []byte {
	t.Helper()
	src, err := exportxlsx.Render(reporttest.FullMap())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellStr(sheet, cell, value); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestErrors: each bad cell is an error at its row and column, named as
// a spreadsheet names it, with what to do.
func TestErrors(t *testing.T) {
	tests := []struct {
		sheet, cell, value string
		line, col          int
		rule, msg          string
	}{
		{"Touchpoints", "H3", "very bad", 3, 8, importer.RuleValue, "Touchpoints!H3: the emotion \"very bad\" is neither a number"},
		{"Touchpoints", "A2", "nowhere", 2, 1, importer.RuleValue, "Touchpoints!A2: no stage \"nowhere\" on the stages sheet"},
		{"Touchpoints", "K4", "maybe", 4, 11, importer.RuleValue, "Touchpoints!K4: \"maybe\": write \"yes\" for a moment of truth"},
		{"Metrics", "F2", "lots", 2, 6, importer.RuleValue, "Metrics!F2: \"lots\" is not a number"},
		{"Metrics", "B3", "ghost", 3, 2, importer.RuleValue, "Metrics!B3: no touchpoint \"ghost\""},
		{"Stages", "B3", " ", 3, 2, importer.RuleValue, "Stages!B3: no name"},
		{"Personas", "B2", "", 2, 2, importer.RuleValue, "Personas!B2: no name"},
		{"Touchpoints", "C1", "Title", 1, 1, importer.RuleLayout, "Touchpoints!A1: no column \"Name\""},
	}
	for _, tt := range tests {
		t.Run(tt.sheet+"!"+tt.cell, func(t *testing.T) {
			_, ds := Source{}.Import("map.xlsx", edited(t, tt.sheet, tt.cell, tt.value))
			var found *diag.Diagnostic
			for _, d := range ds {
				if d.Severity == diag.Error {
					found = d
					break
				}
			}
			if found == nil {
				t.Fatalf("no error; got %v", ds)
			}
			if found.Range.Filename != "map.xlsx" || found.Range.Start.Line != tt.line || found.Range.Start.Column != tt.col ||
				found.Rule != tt.rule || !strings.HasPrefix(found.Message, tt.msg) {
				t.Errorf("got %s: %s [%s]\nwant map.xlsx:%d:%d: %s… [%s]", found.Range, found.Message, found.Rule, tt.line, tt.col, tt.msg, tt.rule)
			}
		})
	}
}

// TestWarnings: an unknown column is left out with a warning at its
// header cell; the rest imports.
func TestWarnings(t *testing.T) {
	m, ds := Source{}.Import("map.xlsx", edited(t, "Touchpoints", "R1", "Budget"))
	if m == nil || len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Range.Start.Line != 1 || ds[0].Range.Start.Column != 18 ||
		!strings.HasPrefix(ds[0].Message, "Touchpoints!R1: unknown column \"Budget\"") {
		t.Errorf("got %v", ds)
	}
}

// TestNotAWorkbook: other bytes, or a workbook without the map sheet, are
// one error at the top of the file.
func TestNotAWorkbook(t *testing.T) {
	for name, src := range map[string][]byte{
		"text":     []byte("stage,touchpoint\n"),
		"empty":    nil,
		"no sheet": edited2(t),
	} {
		_, ds := Source{}.Import("map.xlsx", src)
		if !ds.HasErrors() || ds[0].Range.Start.Line != 1 {
			t.Errorf("%s: %v", name, ds)
		}
	}
}

// edited2 is a workbook with no sheet named Map.
func edited2(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHandFilled: a workshop sheet filled in by hand, with names where
// ids go, no ids at all, "да" for a moment of truth and a decimal comma,
// imports with the references resolved and ids derived.
func TestHandFilled(t *testing.T) {
	m := reporttest.LabelMap("x")
	m.Lang = "ru"
	src, err := exportxlsx.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell, v string) {
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Этапы", "A4", "")
	set("Этапы", "B4", "Продление")
	set("Точки контакта", "A4", "Продление")
	set("Точки контакта", "B4", "")
	set("Точки контакта", "C4", "Звонок менеджера")
	set("Точки контакта", "D4", "x") // the channel's name
	set("Точки контакта", "H4", "0,5")
	set("Точки контакта", "K4", "да")
	set("Точки контакта", "L4", "решает продление")
	set("Переходы", "A3", "Продление")
	set("Переходы", "B3", "Second")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	res := importer.Convert(Source{}, "w.xlsx", buf.Bytes(), importer.Options{})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	s := res.Map.Stages[2]
	if s.Name != "Продление" || s.ID == "" || len(s.Touchpoints) != 1 {
		t.Fatalf("stage %+v", s)
	}
	if tr := res.Map.Transitions[1]; tr.From != s.ID || tr.To != "s2" {
		t.Errorf("transition %+v: the stages named, not their ids", tr)
	}
	tp := s.Touchpoints[0]
	if tp.ID == "" || tp.Channel != "c" || tp.Emotion == nil || tp.Emotion.Value != 0.5 || tp.MomentOfTruth == nil || tp.MomentOfTruth.Reason != "решает продление" {
		t.Errorf("touchpoint %+v", tp)
	}
}

// A heading a workbook of an earlier cjm wrote is still read
// (formerLabels): «Целевое значение», the Russian target before issue 10.
func TestFormerLabels(t *testing.T) {
	if !same("Целевое значение", "report.target") || !same(" цель ", "report.target") || !same("Target", "report.target") {
		t.Error("a target heading not recognised")
	}
	if same("Целевое значение", "report.value") {
		t.Error("a former label read for another key")
	}
}
