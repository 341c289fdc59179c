package validate

import (
	"math"
	"strconv"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/suggest"
)

// Rule names of the findings about the rows of measurement files. The
// loader reports the files themselves and each cell's syntax.
const (
	RuleUnknownMetric        = "unknown-metric"
	RuleDuplicateMeasurement = "duplicate-measurement"
	RuleValueStale           = "value-stale"
)

// measurements checks the rows of the map's measurement files: each names
// a metric of the map, no metric has two values for one date, values lie
// within MetricMax; and a metric's `value` in the map, when it has one,
// is its latest measurement.
func (v *validator) measurements() {
	m := v.m
	if len(m.Points) == 0 {
		return
	}
	var ids []string
	known := map[string]bool{}
	for _, r := range journey.Metrics(m) {
		if id := r.Metric.ID; id != "" && !known[id] {
			known[id] = true
			ids = append(ids, id)
		}
	}
	type key struct {
		metric string
		unix   int64
		nano   int
	}
	first := make(map[key]*journey.Measurement, len(m.Points))
	unknown := 0
	for _, p := range m.Points {
		if !known[p.Metric] {
			// A file of someone else's metrics is told about its first
			// rows, not about each of 100,000.
			if unknown++; unknown <= maxRowFindings {
				v.unknownMetric(p, ids)
			} else if unknown == maxRowFindings+1 {
				v.errorf(p.MetricAt, RuleUnknownMetric, "more rows name metrics the map does not declare; fix the ones above first")
			}
			continue
		}
		if math.Abs(p.Value) > MetricMax {
			v.errorf(p.ValueAt, RuleMetricRange,
				"the value %g of metric `%s` is beyond ±1e15, the largest magnitude a metric may have; check the number", p.Value, p.Metric)
			continue
		}
		k := key{p.Metric, p.Time.Unix(), p.Time.Nanosecond()}
		if f, dup := first[k]; dup {
			v.errorf(p.DateAt, RuleDuplicateMeasurement,
				"metric `%s` has a value for %s already (%s, at %s); keep one of them", p.Metric, p.Date, f.Date, where(f.DateAt, p.DateAt))
			continue
		}
		first[k] = p
	}
	for _, r := range journey.Metrics(m) {
		mt := r.Metric
		if len(mt.History) == 0 || mt.Stated == nil {
			continue
		}
		last := mt.History[len(mt.History)-1]
		if *mt.Stated != last.Value {
			v.warnf(mt.Src.Key("value"), RuleValueStale,
				"metric `%s` says `value: %s`, but its latest measurement (%s, %s) is %s, which is what cjm shows; write `value: %s` or remove the `value`",
				mt.ID, num(*mt.Stated), last.Date, last.Where(), num(last.Value), num(last.Value))
		}
	}
}

// maxRowFindings bounds the unknown-metric findings of one map.
const maxRowFindings = 100

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func (v *validator) unknownMetric(p *journey.Measurement, ids []string) {
	if len(ids) == 0 {
		v.errorf(p.MetricAt, RuleUnknownMetric, "unknown metric `%s`: the map declares no metrics; add it under a stage's or touchpoint's `metrics`", p.Metric)
		return
	}
	if v.suggestions < maxSuggestions {
		v.suggestions++
		if c, ok := suggest.Closest(p.Metric, ids); ok {
			v.errorf(p.MetricAt, RuleUnknownMetric, "unknown metric `%s`; did you mean `%s`?", p.Metric, c)
			return
		}
	}
	v.errorf(p.MetricAt, RuleUnknownMetric, "unknown metric `%s`; name one of %s, or declare it under `metrics`", p.Metric, listIDs(ids))
}

// The rules of measurement files join the registry after the loader's and
// the validator's own.
func init() { Rules = append(Rules, measurementRules...) }

const measurementShell = "$ cat kpi.csv\n"

var measurementRules = []Rule{
	{
		Name: load.RuleMeasurementMissing, Severity: diag.Error,
		Description: "A file listed under `measurements` does not exist, is a directory, or the path is empty.",
		Why:         "The metrics would silently show the values of the map instead of the measured ones.",
		Fix:         "Fix the path, which is relative to the map, or remove the item.",
		Example:     "cjm: 1\ntitle: Onboarding\nmeasurements: [kpi/none.csv]\nstages: [{id: signup, name: Sign-up, metrics: [{id: visits, name: Visits}]}]\n",
	},
	{
		Name: load.RuleMeasurementOutside, Severity: diag.Error,
		Description: "A measurement file lies outside the root directory (lexically or through a symbolic link).",
		Why:         "Like an include, a map may not read files outside its repository (`--root`), so a map from elsewhere cannot make cjm read arbitrary files.",
		Fix:         "Keep measurement files inside the repository, or set `--root`.",
		Example:     "cjm: 1\ntitle: Onboarding\nmeasurements: [/etc/kpi.csv]\nstages: [{id: signup, name: Sign-up, metrics: [{id: visits, name: Visits}]}]\n",
	},
	{
		Name: load.RuleMeasurementFormat, Severity: diag.Error,
		Description: "A measurement file is neither .csv nor .json, or its content is not the expected shape: a CSV header other than `metric,date,value[,note]`, a row with another number of cells, a CSV or JSON syntax error, a JSON file that is not an array of `{metric, date, value, note}` objects, an empty metric id.",
		Why:         "cjm reads the file as a BI export or a scheduled job writes it; anything else is a mistake that would lose measurements.",
		Fix:         "Write a CSV with the header `metric,date,value` (and optionally `note`), or a JSON array of objects with those keys.",
		Example:     measurementShell + "metric;date;value\nvisits;2026-11;1250\n$ cjm validate map.yaml\nkpi.csv:1:1: error: unknown column \"metric;date;value\" in the header; ... [measurement-format]\n",
		Shell:       true,
	},
	{
		Name: load.RuleMeasurementDate, Severity: diag.Error,
		Description: "A measurement's date is not ISO 8601: `2026-11`, `2026-11-30` or a timestamp such as `2026-11-30T09:00:00Z`.",
		Why:         "Measurements are ordered by date; `30.11.2026` or `Nov 2026` cannot be ordered reliably.",
		Fix:         "Write the date as `YYYY-MM`, `YYYY-MM-DD` or an RFC 3339 timestamp.",
		Example:     measurementShell + "metric,date,value\nvisits,30.11.2026,1250\n$ cjm validate map.yaml\nkpi.csv:2:8: error: the date \"30.11.2026\" is not an ISO 8601 date; ... [measurement-date]\n",
		Shell:       true,
	},
	{
		Name: load.RuleMeasurementValue, Severity: diag.Error,
		Description: "A measurement's value is empty, not a number (`12,5`, `1 250`, `42%`) or not finite (`NaN`, `Inf`, `1e999`).",
		Why:         "The value becomes the metric's current value in every output and in the trend; a text or an infinity cannot be compared with the target.",
		Fix:         "Write a plain number with a dot for decimals, without units or thousands separators.",
		Example:     measurementShell + "metric,date,value\nvisits,2026-11,\"1 250\"\n$ cjm validate map.yaml\nkpi.csv:2:16: error: the value \"1 250\" is not a number; ... [measurement-value]\n",
		Shell:       true,
	},
	{
		Name: RuleUnknownMetric, Severity: diag.Error,
		Description: "A measurement names a metric id that no stage or touchpoint of the map declares.",
		Why:         "The measurement would be lost: no metric shows it.",
		Fix:         "Use the metric's id (the message suggests the closest), or declare the metric under `metrics`.",
		Example:     measurementShell + "metric,date,value\nvisit,2026-11,1250\n$ cjm validate map.yaml\nkpi.csv:2:1: error: unknown metric `visit`; did you mean `visits`? [unknown-metric]\n",
		Shell:       true,
	},
	{
		Name: RuleDuplicateMeasurement, Severity: diag.Error,
		Description: "A metric has two measurements for the same date (`2026-11` and `2026-11-01` are the same date: the month's first day).",
		Why:         "Which of the two is the metric's value for that date would depend on the order of the files.",
		Fix:         "Keep one of the two rows (the message names the first).",
		Example:     measurementShell + "metric,date,value\nvisits,2026-11,1250\nvisits,2026-11,1300\n$ cjm validate map.yaml\nkpi.csv:3:8: error: metric `visits` has a value for 2026-11 already (2026-11, at line 2); keep one of them [duplicate-measurement]\n",
		Shell:       true,
	},
	{
		Name: RuleValueStale, Severity: diag.Warning,
		Description: "A metric's `value` in the map differs from its latest measurement.",
		Why:         "cjm shows the latest measurement; a different number in the map misleads whoever reads the YAML.",
		Fix:         "Write the latest measurement as the `value` (the message gives it), or remove `value` and let the measurements speak.",
		Example:     measurementShell + "metric,date,value\nvisits,2026-11,1250\n$ cjm validate --strict map.yaml\nmap.yaml:5:52: warning: metric `visits` says `value: 1000`, but its latest measurement (2026-11, kpi.csv:2) is 1250, which is what cjm shows; ... [value-stale]\n",
		Shell:       true,
	},
}
