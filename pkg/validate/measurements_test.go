package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// kpiMap declares two metrics, a stage's and a touchpoint's; %s is the
// `measurements` list and traffic's value line.
const kpiMap = `cjm: 1
title: T
measurements: [%s]
stages:
  - id: s
    name: S
    metrics:
      - {id: traffic, name: Traffic, %starget: 1000}
    touchpoints:
      - {id: t, name: T, metrics: [{id: win-rate, name: Win rate, target: 0.3}]}
`

// TestMeasurements checks every finding about measurement files at its
// file, line and column, and what a clean file gives the metric.
func TestMeasurements(t *testing.T) {
	for _, tc := range []struct {
		name  string
		list  string // the measurements list
		value string // traffic's value, as `value: N, `
		files map[string]string
		want  string // "file:line:col severity rule" per finding
		msg   string // part of the first finding's message
	}{
		{name: "csv", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value,note\ntraffic,2026-10,900,\ntraffic,2026-11,950,promo\nwin-rate,2026-11-30,0.25,\n"}},
		{name: "json", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric": "traffic", "date": "2026-11", "value": 950, "note": "x"},
 {"metric": "win-rate", "date": "2026-11-30T09:00:00Z", "value": 0.25}]`}},
		{name: "a file listed twice is read once", list: "kpi.csv, ./kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,950\n"}},
		{name: "header in another order", list: "kpi.csv", files: map[string]string{"kpi.csv": "date,value,metric\n2026-11,950,traffic\n"}},
		{name: "value equal to the latest", list: "kpi.csv", value: "value: 950, ", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,950\ntraffic,2026-10,900\n"}},
		{name: "value stale", list: "kpi.csv", value: "value: 900, ", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-10,900\ntraffic,2026-11,950\n"},
			want: "map.yaml:8:45 warning value-stale\n", msg: "says `value: 900`, but its latest measurement (2026-11, DIR/kpi.csv:3) is 950"},
		{name: "unknown metric", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntrafic,2026-11,950\n"},
			want: "kpi.csv:2:1 error unknown-metric\n", msg: "unknown metric `trafic`; did you mean `traffic`?"},
		{name: "unknown metric, nothing close", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\n\"ltv\",2026-11,950\n"},
			want: "kpi.csv:2:1 error unknown-metric\n", msg: "name one of `traffic`, `win-rate`"},
		{name: "unknown metric in json", list: "kpi.json", files: map[string]string{"kpi.json": "[\n  {\"date\": \"2026-11\", \"metric\": \"trafic\", \"value\": 1}\n]\n"},
			want: "kpi.json:2:33 error unknown-metric\n", msg: "did you mean `traffic`?"},
		{name: "bad date", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic, 30.11.2026 ,950\n"},
			want: "kpi.csv:2:9 error measurement-date\n", msg: `the date "30.11.2026" is not an ISO 8601 date`},
		{name: "bad date: no such day", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-02-30,950\n"},
			want: "kpi.csv:2:9 error measurement-date\n"},
		{name: "bad date in json", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":"Nov 2026","value":1}]`},
			want: "kpi.json:1:29 error measurement-date\n"},
		{name: "date not a string in json", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":202611,"value":1}]`},
			want: "kpi.json:1:29 error measurement-date\n", msg: `"date" must be a string, found the number 202611`},
		{name: "value not a number", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,\"1 250\"\n"},
			want: "kpi.csv:2:17 error measurement-value\n", msg: `the value "1 250" is not a number`},
		{name: "decimal comma", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\nwin-rate,2026-11,\"0,25\"\n"},
			want: "kpi.csv:2:18 error measurement-value\n", msg: "write the decimal separator as a dot: `0.25`"},
		{name: "value NaN", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,NaN\n"},
			want: "kpi.csv:2:17 error measurement-value\n"},
		{name: "value not finite", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,1e999\n"},
			want: "kpi.csv:2:17 error measurement-value\n", msg: "not a finite number"},
		{name: "value not finite in json", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":"2026-11","value":-1e400}]`},
			want: "kpi.json:1:47 error measurement-value\n", msg: "not a finite number"},
		{name: "value a string in json", list: "kpi.json", files: map[string]string{"kpi.json": "[{\"metric\":\"traffic\",\"date\":\"2026-11\",\n  \"value\": \"12\"}]"},
			want: "kpi.json:2:12 error measurement-value\n", msg: "must be a number, found the text \"12\""},
		{name: "value empty", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,\n"},
			want: "kpi.csv:2:17 error measurement-value\n", msg: "the value is empty"},
		{name: "value beyond the bound", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,2e15\n"},
			want: "kpi.csv:2:17 error metric-range\n", msg: "beyond ±1e15"},
		{name: "cyrillic before a cell counts characters", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value,note\ntraffic,2026-11,950,\"ой\"\ntraffic,2026-11,x,ок\n"},
			want: "kpi.csv:3:17 error measurement-value\n"},
		{name: "same metric and date twice", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,950\ntraffic,2026-11-01,960\n"},
			want: "kpi.csv:3:9 error duplicate-measurement\n", msg: "metric `traffic` has a value for 2026-11-01 already (2026-11, at line 2)"},
		{name: "same metric and date in two files", list: "a.csv, b.json", files: map[string]string{"a.csv": "metric,date,value\ntraffic,2026-11,950\n", "b.json": `[{"metric":"traffic","date":"2026-11","value":960}]`},
			want: "b.json:1:29 error duplicate-measurement\n", msg: "DIR/a.csv:2"},
		{name: "missing file", list: "kpi/none.csv", files: map[string]string{},
			want: "map.yaml:3:16 error measurement-missing\n", msg: `measurement file "kpi/none.csv" does not exist`},
		{name: "a directory", list: "kpi.csv", files: map[string]string{"kpi.csv/x": ""},
			want: "map.yaml:3:16 error measurement-missing\n", msg: "is a directory"},
		{name: "empty path", list: "''", files: map[string]string{},
			want: "map.yaml:3:16 error measurement-missing\n"},
		{name: "not csv or json", list: "kpi.xlsx", files: map[string]string{"kpi.xlsx": "x"},
			want: "map.yaml:3:16 error measurement-format\n", msg: "neither CSV nor JSON"},
		{name: "outside the root", list: "../kpi.csv", files: map[string]string{},
			want: "map.yaml:3:16 error measurement-outside-root\n", msg: "leaves the root directory"},
		{name: "over the size limit", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\n" + strings.Repeat("traffic,2026-11,950\n", 1000)},
			want: "map.yaml:3:16 error file-too-large\n", msg: "over the 16 KiB limit"},
		{name: "not UTF-8", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value,note\ntraffic,2026-11,950,\xff\n"},
			want: "kpi.csv:2:21 error invalid-utf8\n"},
		{name: "control character in a note", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value,note\ntraffic,2026-11,950,\"ok\x1b[31m\"\n"},
			want: "kpi.csv:2:21 error control-character\n", msg: "the note holds the control character"},
		{name: "control character in a json note", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":"2026-11","value":1,"note":"\u0007"}]`},
			want: "kpi.json:1:56 error control-character\n"},
		{name: "empty csv", list: "kpi.csv", files: map[string]string{"kpi.csv": ""},
			want: "kpi.csv:1:1 error measurement-format\n", msg: "the measurement file is empty"},
		{name: "bad header", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,day,value\ntraffic,2026-11,950\n"},
			want: "kpi.csv:1:1 error measurement-format\nkpi.csv:1:8 error measurement-format\n", msg: `the header has no "date" column`},
		{name: "semicolons", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric;date;value\n"},
			want: "kpi.csv:1:1 error measurement-format\nkpi.csv:1:1 error measurement-format\nkpi.csv:1:1 error measurement-format\nkpi.csv:1:1 error measurement-format\n"},
		{name: "row with too few cells", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11\n"},
			want: "kpi.csv:2:1 error measurement-format\n", msg: "this row has 2 cells, the header 3"},
		{name: "csv syntax", list: "kpi.csv", files: map[string]string{"kpi.csv": "metric,date,value\ntraffic,2026-11,\"95\"0\n"},
			want: "kpi.csv:2:20 error measurement-format\n", msg: "CSV syntax error"},
		{name: "json not an array", list: "kpi.json", files: map[string]string{"kpi.json": "  {\"metric\": \"traffic\"}"},
			want: "kpi.json:1:3 error measurement-format\n", msg: "starts with `[`"},
		{name: "json item not an object", list: "kpi.json", files: map[string]string{"kpi.json": "[\n 1]"},
			want: "kpi.json:2:2 error measurement-format\n", msg: "found the number 1"},
		{name: "json unknown key", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":"2026-11","vaule":1}]`},
			want: "kpi.json:1:39 error measurement-format\n", msg: "did you mean `value`?"},
		{name: "json missing key", list: "kpi.json", files: map[string]string{"kpi.json": `[{"metric":"traffic","date":"2026-11"}]`},
			want: "kpi.json:1:2 error measurement-format\n", msg: `this measurement has no "value"`},
		{name: "json syntax", list: "kpi.json", files: map[string]string{"kpi.json": "[\n{\"metric\":\"traffic\" \"date\":1}]"},
			want: "kpi.json:2:21 error measurement-format\n", msg: "JSON syntax error"},
		{name: "json cut short", list: "kpi.json", files: map[string]string{"kpi.json": "[\n{\"metric\":\"traffic\""},
			want: "kpi.json:2:19 error measurement-format\n", msg: "the JSON ends too early"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tc.files {
				p := filepath.Join(dir, "maps", filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(name, "/x") {
					continue
				}
				if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "maps", "map.yaml")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, fmt.Appendf(nil, kpiMap, tc.list, tc.value), 0o644); err != nil {
				t.Fatal(err)
			}
			res := check.File(path, check.Options{Root: filepath.Join(dir, "maps"), MaxBytes: 16 << 10})
			var b strings.Builder
			var ds diag.Diagnostics
			for _, d := range res.Diags {
				if d.Rule == validate.RuleTargetNoValue {
					continue // the fixture's win-rate has a target only
				}
				ds = append(ds, d)
				fmt.Fprintf(&b, "%s:%d:%d %s %s\n", filepath.Base(d.Range.Filename), d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Rule)
			}
			if b.String() != tc.want {
				t.Fatalf("findings:\n%swant:\n%s%v", b.String(), tc.want, ds)
			}
			if tc.msg != "" {
				msg := strings.ReplaceAll(tc.msg, "DIR/", filepath.Join(dir, "maps")+string(filepath.Separator))
				if !strings.Contains(ds[0].Message, msg) {
					t.Errorf("message %q lacks %q", ds[0].Message, msg)
				}
			}
			if tc.want != "" {
				return
			}
			// A clean file: traffic's current value is its latest measurement.
			tr := res.Map.Stages[0].Metrics[0]
			if tr.Value == nil || *tr.Value != 950 || len(tr.History) == 0 {
				t.Errorf("traffic: value %v, history %v", tr.Value, tr.History)
			}
		})
	}
}

// TestParseDate checks the ISO 8601 forms a measurement's date may take.
func TestParseDate(t *testing.T) {
	for s, want := range map[string]string{
		"2026-11":                   "2026-11-01T00:00:00Z",
		"2026-11-30":                "2026-11-30T00:00:00Z",
		"2026-11-30T09:00:00Z":      "2026-11-30T09:00:00Z",
		"2026-11-30T12:00:00+03:00": "2026-11-30T09:00:00Z",
		"2026-11-30T09:00":          "2026-11-30T09:00:00Z",
		"2026-13":                   "",
		"26-11":                     "",
		"2026/11":                   "",
		"":                          "",
	} {
		got, ok := load.ParseDate(s)
		g := ""
		if ok {
			g = got.Format("2006-01-02T15:04:05Z07:00")
		}
		if g != want {
			t.Errorf("ParseDate(%q) = %q, want %q", s, g, want)
		}
	}
}

// TestMeasurementSymlinkOutside: a measurement file inside the root that
// is a symbolic link to a file outside it is refused, like an include.
func TestMeasurementSymlinkOutside(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "secret.csv")
	if err := os.WriteFile(outside, []byte("metric,date,value\ntraffic,2026-11,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "maps")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "kpi.csv")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	path := filepath.Join(root, "map.yaml")
	if err := os.WriteFile(path, fmt.Appendf(nil, kpiMap, "kpi.csv", "value: 5, "), 0o644); err != nil {
		t.Fatal(err)
	}
	res := check.File(path, check.Options{Root: root})
	if len(res.Diags) == 0 || res.Diags[0].Rule != load.RuleMeasurementOutside || res.Diags[0].Range.Start != (diag.Pos{Line: 3, Column: 16}) ||
		!strings.Contains(res.Diags[0].Message, "resolves through a symbolic link") {
		t.Fatalf("findings: %v", res.Diags)
	}
	if v := res.Map.Stages[0].Metrics[0].Value; v == nil || *v != 5 {
		t.Errorf("the file outside was read: value %v", v)
	}
}
