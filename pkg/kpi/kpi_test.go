package kpi

import (
	"fmt"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/journey"
)

func f(v float64) *float64 { return &v }

func series(better string, target *float64, values ...float64) *Series {
	mt := &journey.Metric{ID: "m", Better: better, Target: target}
	s := &Series{Metric: mt}
	for i, v := range values {
		s.Points = append(s.Points, Point{Time: time.Date(2026, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC), Value: v})
	}
	if len(values) > 0 {
		mt.Value = f(values[len(values)-1])
	}
	return s
}

func TestSparkline(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want string
	}{
		{nil, ""},
		{[]float64{5}, "▄"},
		{[]float64{3, 3, 3}, "▄▄▄"},
		{[]float64{0, 7}, "▁█"},
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, "▁▂▃▄▅▆▇█"},
		{[]float64{-10, 10, 0}, "▁█▅"},
	} {
		if got := Sparkline(tc.in); got != tc.want {
			t.Errorf("Sparkline(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	var many []float64
	for i := range 30 {
		many = append(many, float64(i))
	}
	if got := []rune(series("higher", nil, many...).Sparkline()); len(got) != MaxSpark || got[0] != '▁' {
		t.Errorf("30 points: %q", string(got))
	}
}

func TestTrendAndStatus(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name      string
		s         *Series
		change    float64
		direction string
		toward    *bool
		status    Status
	}{
		{"higher, up, toward", series("higher", f(100), 50, 80), 30, "better", &yes, Off},
		{"higher, down", series("higher", f(100), 80, 50), -30, "worse", &no, Off},
		{"lower, down is better", series("lower", f(60), 95, 90), -5, "better", &yes, Off},
		{"lower, on target", series("lower", f(60), 70, 55), -15, "better", &yes, On},
		{"beyond the target is away from it", series("higher", f(25), 27, 28), 1, "better", &no, On},
		{"flat", series("higher", f(1), 2, 2), 0, "flat", &no, On},
		{"no target", series("higher", nil, 1, 2), 1, "better", nil, Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := tc.s.Trend()
			if tr == nil || tr.Change != tc.change || tr.Direction != tc.direction ||
				(tr.Toward == nil) != (tc.toward == nil) || (tr.Toward != nil && *tr.Toward != *tc.toward) {
				t.Errorf("trend %+v", tr)
			}
			if got := tc.s.Status(); got != tc.status {
				t.Errorf("status %s, want %s", got, tc.status)
			}
		})
	}
	if series("higher", f(1), 5).Trend() != nil {
		t.Error("one point has no trend")
	}
}

// TestFromMap merges measurements and commit points by date (commit
// points after the first measurement left out), filters by metric and
// drops points before Since.
func TestFromMap(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	a := &journey.Metric{ID: "a", History: []*journey.Measurement{
		{Metric: "a", Date: "2026-03", Time: day(3, 1), Value: 3, File: "k.csv", Line: 2},
		{Metric: "a", Date: "2026-05", Time: day(5, 1), Value: 5, File: "k.csv", Line: 3},
	}}
	b := &journey.Metric{ID: "b"}
	m := &journey.Map{File: "m.yaml", Stages: []*journey.Stage{{ID: "s", Metrics: []*journey.Metric{a},
		Touchpoints: []*journey.Touchpoint{{ID: "t", Metrics: []*journey.Metric{b}}}}}}
	commits := map[string][]Point{"a": {{Time: day(4, 2), Value: 4, Source: "late"}, {Time: day(2, 2), Value: 2, Source: "abc"}, {Time: day(1, 2), Value: 1, Source: "def"}}}
	got := FromMap(m, Options{Commits: commits, Since: day(2, 1)})
	if len(got) != 2 || got[1].Touchpoint == nil || got[1].Touchpoint.ID != "t" {
		t.Fatalf("series %+v", got)
	}
	var srcs []string
	for _, p := range got[0].Points {
		srcs = append(srcs, p.Source)
	}
	if want := "[abc k.csv:2 k.csv:3]"; fmt.Sprint(srcs) != want {
		t.Errorf("points %v, want %s", srcs, want)
	}
	if got := FromMap(m, Options{Metrics: []string{"b"}}); len(got) != 1 || got[0].Metric != b {
		t.Errorf("--metric b: %+v", got)
	}
}
