package load

import (
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// FuzzMeasurements feeds arbitrary bytes to the CSV and JSON readers of
// measurement files: they never panic, every finding has a position
// inside the file, and every row kept has a finite value.
func FuzzMeasurements(f *testing.F) {
	for _, s := range []string{
		"metric,date,value,note\ntraffic,2026-11,950,x\n",
		"metric,date,value\n\"a\"\"b\",2026-11-30T09:00:00Z,-1.5e3\n",
		`[{"metric": "traffic", "date": "2026-11", "value": 1, "note": "\u00e9"}]`,
		`[{"metric":"a","date":"2026-11","value":{"x":[1,"]"]}}, 1, "x", null]`,
		"[\n{\"metric\":\"traffic\" \"date\":1}]",
		"metric;date;value\n",
		"",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, json bool) {
		l := newLoader(Options{})
		r := &rows{l: l, name: "m", src: src}
		if json {
			r.json()
		} else {
			r.csv()
		}
		last := r.at(len(src)).Start
		for _, d := range l.diags {
			p := d.Range.Start
			if p.Line < 1 || p.Column < 1 || p.Line > last.Line || (p.Line == last.Line && p.Column > last.Column) {
				t.Fatalf("finding outside the file (%d bytes, ends at %v): %v", len(src), last, d)
			}
		}
		for _, m := range r.out {
			if m.Value != m.Value || m.Value > 1e308 || m.Value < -1e308 {
				t.Fatalf("row kept with value %v", m.Value)
			}
			for _, at := range []diag.Range{m.MetricAt, m.DateAt, m.ValueAt} {
				if at.Start.Line < 1 {
					t.Fatalf("row without a position: %+v", m)
				}
			}
		}
	})
}
