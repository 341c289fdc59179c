package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diff"
	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// soffice returns LibreOffice's command, skipping the test without it
// (failing under CI=true, where .ci/run installs libreoffice-calc-nogui).
func soffice(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "install libreoffice-calc-nogui to open the workbook in LibreOffice", "soffice")
}

// runSoffice converts the files in dir headless to the format to, in a
// profile of its own (two runs at once must not share one).
func runSoffice(t *testing.T, bin, dir, to string, files ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile")),
		"--headless", "--convert-to", to, "--outdir", filepath.Join(dir, "out")}, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// TestLibreOffice opens every example's workbook in LibreOffice: each
// sheet converted to CSV holds the rows and cells the workbook holds
// (numbers as LibreOffice prints them equal to the numbers written), and
// the workbook saved again by LibreOffice still imports to the same map.
func TestLibreOffice(t *testing.T) {
	bin := soffice(t)
	root := reporttest.RepoRoot(t)
	dir := t.TempDir()
	examples := reporttest.Examples(t)
	var files []string
	for _, ex := range examples {
		src, err := exportxlsx.Render(ex.Map)
		if err != nil {
			t.Fatal(err)
		}
		name := ex.Name + ".xlsx"
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	// UTF-8, every sheet to a file of its own (name-Sheet.csv).
	runSoffice(t, bin, dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", files...)
	runSoffice(t, bin, filepath.Join(dir), "xlsx:Calc MS Excel 2007 XML", files...)
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			src, _ := os.ReadFile(filepath.Join(dir, ex.Name+".xlsx"))
			f, err := excelize.OpenReader(bytes.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for _, sheet := range f.GetSheetList() {
				want, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				data, err := os.ReadFile(filepath.Join(dir, "out", ex.Name+"-"+sheet+".csv"))
				if err != nil {
					t.Fatalf("LibreOffice wrote no CSV of sheet %s: %v", sheet, err)
				}
				r := csv.NewReader(bytes.NewReader(data))
				r.FieldsPerRecord = -1
				got, err := r.ReadAll()
				if err != nil {
					t.Fatalf("%s: %v", sheet, err)
				}
				if len(got) != len(want) {
					t.Fatalf("%s: LibreOffice shows %d rows, the workbook has %d", sheet, len(got), len(want))
				}
				for i := range want {
					for j := range want[i] {
						g := ""
						if j < len(got[i]) {
							g = got[i][j]
						}
						if g == want[i][j] {
							continue
						}
						a, errA := strconv.ParseFloat(g, 64)
						b, errB := strconv.ParseFloat(want[i][j], 64)
						if errA != nil || errB != nil || a != b {
							t.Errorf("%s!%s: LibreOffice shows %q, the workbook holds %q", sheet, importer.CellName(j, i), g, want[i][j])
						}
					}
				}
			}
			// Saved by LibreOffice, the workbook imports to the same map.
			saved, err := os.ReadFile(filepath.Join(dir, "out", ex.Name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			res := importer.Convert(Source{}, ex.Name+".xlsx", saved, importer.Options{})
			if res.Diags.HasErrors() {
				t.Fatalf("import of the workbook LibreOffice saved: %v", res.Diags)
			}
			chk := check.Bytes(ex.Map.File, res.YAML, check.Options{Root: root})
			if chk.Diags.HasErrors() {
				t.Fatalf("%v\n%s", chk.Diags, res.YAML)
			}
			if changes := diff.Compare(ex.Map, chk.Map); len(changes) > 0 {
				t.Errorf("the workbook saved by LibreOffice imports with %d changes: %+v", len(changes), changes)
			}
		})
	}
}
