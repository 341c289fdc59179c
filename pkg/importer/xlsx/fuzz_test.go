package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/pkg/check"
	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// FuzzCells: whatever a workshop types into the cells that are parsed
// (an emotion, a number, a moment of truth, a reference, a name, a
// header), the import never panics, every finding is at a cell of the
// sheets, and what imports writes a journey file the loader reads.
func FuzzCells(f *testing.F) {
	base, err := exportxlsx.Render(reporttest.FullMap())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("-1", "12", "yes", "research", "Name")
	f.Add("cio: 1\nanalyst: x", "1e400", "да", "", "")
	f.Add("::", "0,5", "no", "\x00", "Stage")
	f.Fuzz(func(t *testing.T, emotion, value, mot, stage, header string) {
		wb, err := excelize.OpenReader(bytes.NewReader(base))
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		for _, c := range []struct{ sheet, cell, v string }{
			{"Touchpoints", "H2", emotion}, {"Metrics", "E2", value}, {"Touchpoints", "K3", mot},
			{"Touchpoints", "A4", stage}, {"Stages", "B2", stage}, {"Touchpoints", "C1", header},
		} {
			if err := wb.SetCellStr(c.sheet, c.cell, c.v); err != nil {
				return // a value excelize refuses to write
			}
		}
		buf, err := wb.WriteToBuffer()
		if err != nil {
			return
		}
		res := importer.Convert(Source{}, "f.xlsx", buf.Bytes(), importer.Options{})
		for _, d := range res.Diags {
			if d.Range.Filename != "f.xlsx" || d.Range.Start.Line < 1 || d.Range.Start.Column < 1 || d.Range.Start.Line > 10 {
				t.Fatalf("finding outside the cells written: %v", d)
			}
		}
		if res.Diags.HasErrors() {
			return
		}
		if chk := check.Bytes("f.yaml", res.YAML, check.Options{}); chk.Map == nil {
			t.Fatalf("the journey file does not load: %v\n%s", chk.Diags, res.YAML)
		}
	})
}
