package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
)

// writeRows writes a map with 10 metrics and a CSV and a JSON measurement
// file of rows/2 rows each: daily values over the years.
func writeRows(tb testing.TB, rows int) string {
	tb.Helper()
	dir := tb.TempDir()
	var m strings.Builder
	m.WriteString("cjm: 1\ntitle: Big\nmeasurements: [kpi.csv, kpi.json]\nstages:\n  - id: s\n    name: S\n    metrics:\n")
	for i := range 10 {
		fmt.Fprintf(&m, "      - {id: metric-%d, name: Metric %d, target: 100}\n", i, i)
	}
	var c, j strings.Builder
	c.WriteString("metric,date,value,note\n")
	j.WriteString("[\n")
	day := func(i int) string {
		return fmt.Sprintf("%04d-%02d-%02d", 1900+i/336, 1+i/28%12, 1+i%28)
	}
	for i := range rows / 2 {
		fmt.Fprintf(&c, "metric-%d,%s,%d.5,\n", i%10, day(i/10), i%1000)
		sep := ","
		if i == rows/2-1 {
			sep = ""
		}
		fmt.Fprintf(&j, "  {\"metric\": \"metric-%d\", \"date\": \"%sT12:00:00Z\", \"value\": %d}%s\n", i%10, day(i/10), i%1000, sep)
	}
	j.WriteString("]\n")
	for name, src := range map[string]string{"map.yaml": m.String(), "kpi.csv": c.String(), "kpi.json": j.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return filepath.Join(dir, "map.yaml")
}

// TestManyRows: 100,000 rows load without findings and become the
// metrics' histories.
func TestManyRows(t *testing.T) {
	path := writeRows(t, 100_000)
	res := check.File(path, check.Options{Root: filepath.Dir(path)})
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			t.Fatal(d)
		}
	}
	n := 0
	for _, mt := range res.Map.Stages[0].Metrics {
		n += len(mt.History)
	}
	if n != 100_000 {
		t.Errorf("%d rows in the histories", n)
	}
}

// BenchmarkMeasurements loads and validates a map with 100,000
// measurement rows (50,000 CSV, 50,000 JSON; 2.2 MB + 3.8 MB).
func BenchmarkMeasurements(b *testing.B) {
	path := writeRows(b, 100_000)
	b.ResetTimer()
	start, ok := cpuTime()
	defer func() {
		if end, _ := cpuTime(); ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}()
	for b.Loop() {
		res := check.File(path, check.Options{Root: filepath.Dir(path)})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags)
		}
	}
}
