package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// dump is the workbook's parts as text, one after another, for a golden
// file a reviewer can read.
func dump(t *testing.T, src []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range zr.File {
		if !f.Modified.Equal(Epoch) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, Epoch)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("== " + f.Name + "\n")
		b.Write(data)
		b.WriteString("\n")
	}
	return b.Bytes()
}

func render(t *testing.T, m *journey.Map) []byte {
	t.Helper()
	out, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGolden: the parts of the workbook of a map with every field, and of
// a Russian one.
func TestGolden(t *testing.T) {
	golden.Check(t, filepath.Join("testdata", "full.txt"), dump(t, render(t, reporttest.FullMap())))
	ru := reporttest.LabelMap("Путь клиента")
	ru.Lang = "ru"
	golden.Check(t, filepath.Join("testdata", "ru.txt"), dump(t, render(t, ru)))
}

// TestDeterministic: the same map gives the same bytes, with fixed
// document dates (the golden files hold them too).
func TestDeterministic(t *testing.T) {
	m := reporttest.FullMap()
	a, b := render(t, m), render(t, m)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders differ")
	}
	if d := string(dump(t, a)); !strings.Contains(d, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>") {
		t.Errorf("docProps/core.xml has no fixed creation date")
	}
}

func open(t *testing.T, src []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestSheets: the sheets in the map's language, frozen headers, filters,
// numbers as numbers, fills in the channel's colour with readable text,
// drop-down lists, widths within bounds.
func TestSheets(t *testing.T) {
	m := reporttest.FullMap()
	f := open(t, render(t, m))
	want := []string{"Map", "Personas", "Channels", "Owners", "Stages", "Touchpoints", "Metrics", "Transitions"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	ru := reporttest.LabelMap("x")
	ru.Lang = "ru"
	if got := open(t, render(t, ru)).GetSheetList(); got[0] != "Карта" || got[5] != "Точки контакта" {
		t.Errorf("Russian sheets %v", got)
	}
	for _, name := range want {
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", name, panes, err)
		}
		for c := 'A'; c <= 'C'; c++ {
			w, err := f.GetColWidth(name, string(c))
			if err != nil || w < minWidth || w > maxWidth {
				t.Errorf("%s!%c: width %v %v", name, c, w, err)
			}
		}
	}
	// Headers.
	if v, _ := f.GetCellValue("Touchpoints", "C1"); v != "Name" {
		t.Errorf("Touchpoints!C1 = %q", v)
	}
	// A number cell.
	if typ, _ := f.GetCellType("Metrics", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Metrics!E2 is %v, not a number", typ)
	}
	if v, _ := f.GetCellValue("Metrics", "E2"); v == "" {
		t.Errorf("Metrics!E2 is empty")
	}
	// The filter over the header row.
	if d := string(dump(t, render(t, m))); !strings.Contains(d, `<autoFilter ref="$A$1:$Q$6">`) {
		t.Errorf("Touchpoints has no filter")
	}
	// The channel's name filled with its colour, its text readable.
	colors := view.NewColors(m)
	id, err := f.GetCellStyle("Channels", "B3")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	fill := colors.Channel(m.Channels[1])
	if len(st.Fill.Color) != 1 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), strings.TrimPrefix(fill, "#")) {
		t.Errorf("Channels!B3 fill %v, want %s", st.Fill.Color, fill)
	}
	if st.Font == nil || !strings.EqualFold(strings.TrimPrefix(st.Font.Color, "#"), strings.TrimPrefix(palette.TextOn(fill), "#")) {
		t.Errorf("Channels!B3 font %+v, want %s", st.Font, palette.TextOn(fill))
	}
	// The drop-down lists.
	dvs, err := f.GetDataValidations("Touchpoints")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
	}
	for cell, want := range map[string]string{
		"A2": "'Stages'!$A$2", "D2": "'Channels'!$A$2", "E2": "'Owners'!$A$2", "F2": "'Personas'!$A$2",
		"O2": "observed,reported,inferred,assumed",
	} {
		if !strings.Contains(lists[cell], want) {
			t.Errorf("Touchpoints!%s: list %q, want %q", cell, lists[cell], want)
		}
	}
}

// TestTooLong: a text longer than a cell holds is an error, not a silent
// cut.
func TestTooLong(t *testing.T) {
	m := reporttest.FullMap()
	m.Stages[0].Touchpoints[0].Notes = strings.Repeat("x", MaxCell+1)
	if _, err := Render(m); err == nil || !strings.Contains(err.Error(), "32767") {
		t.Errorf("err = %v", err)
	}
}

// BenchmarkRender: the workbook of generated maps of viewtest.BenchSizes.
func BenchmarkRender(b *testing.B) { viewtest.BenchBuild(b, Render) }
