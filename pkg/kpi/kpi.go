package kpi

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Point is one dated value of a metric.
type Point struct {
	// Time orders the points; Date is the date as written (a measurement's
	// own, or a commit's date in RFC 3339).
	Time  time.Time
	Date  string
	Value float64
	// Source is where the value comes from: a measurement file and line
	// ("kpi/traffic.csv:12") or a commit hash.
	Source string
}

// Status of a metric against its target.
type Status string

// The statuses: on target, off target, or unknown when the metric has no
// target or no value.
const (
	On      Status = "on"
	Off     Status = "off"
	Unknown Status = "unknown"
)

// Series is one metric of a map with its points in date order.
type Series struct {
	// Map is the journey file's name.
	Map        string
	Stage      *journey.Stage
	Touchpoint *journey.Touchpoint // nil for a stage metric
	Metric     *journey.Metric
	Points     []Point
}

// Options select and trim the series.
type Options struct {
	// Metrics keeps only these metric ids (all when empty).
	Metrics []string
	// Since drops the points before it (zero: keep all).
	Since time.Time
	// Commits are the values the map held in its git history, by metric
	// id (History gives them); nil for none.
	Commits map[string][]Point
}

// FromMap returns a series per metric of m, in map order: its measurements
// (m's History) merged by date with opts.Commits, of which only the points
// before the metric's first measurement are kept (from then on its files
// are its history).
func FromMap(m *journey.Map, opts Options) []*Series {
	var out []*Series
	for _, r := range journey.Metrics(m) {
		mt := r.Metric
		if len(opts.Metrics) > 0 && !slices.Contains(opts.Metrics, mt.ID) {
			continue
		}
		s := &Series{Map: m.File, Stage: r.Stage, Touchpoint: r.Touchpoint, Metric: mt}
		for _, h := range mt.History {
			s.Points = append(s.Points, Point{Time: h.Time, Date: h.Date, Value: h.Value, Source: h.Where()})
		}
		// The values the map wrote count until the metric's first
		// measurement: from then on its files are its history.
		for _, p := range opts.Commits[mt.ID] {
			if len(mt.History) == 0 || p.Time.Before(mt.History[0].Time) {
				s.Points = append(s.Points, p)
			}
		}
		sort.SliceStable(s.Points, func(i, j int) bool { return s.Points[i].Time.Before(s.Points[j].Time) })
		if !opts.Since.IsZero() {
			i := sort.Search(len(s.Points), func(i int) bool { return !s.Points[i].Time.Before(opts.Since) })
			s.Points = s.Points[i:]
		}
		out = append(out, s)
	}
	return out
}

// Status says whether the metric's current value meets its target.
func (s *Series) Status() Status {
	switch mt := s.Metric; {
	case !mt.HasStatus():
		return Unknown
	case mt.OffTarget():
		return Off
	}
	return On
}

// Trend is the last move of a series: the change from the previous point
// to the latest, whether that is better (by the metric's `better`), and,
// when the metric has a target, whether the value got closer to it.
type Trend struct {
	Change float64
	// Direction is "better", "worse" or "flat".
	Direction string
	// Toward is nil without a target.
	Toward *bool
}

// Trend returns the series' last move, or nil with fewer than two points.
func (s *Series) Trend() *Trend {
	n := len(s.Points)
	if n < 2 {
		return nil
	}
	prev, last := s.Points[n-2].Value, s.Points[n-1].Value
	t := &Trend{Change: last - prev, Direction: "flat"}
	if last != prev {
		t.Direction = "worse"
		if (last > prev) != s.Metric.LowerIsBetter() {
			t.Direction = "better"
		}
	}
	if tg := s.Metric.Target; tg != nil {
		toward := math.Abs(last-*tg) < math.Abs(prev-*tg)
		t.Toward = &toward
	}
	return t
}

// Latest returns the last point, or nil when there is none.
func (s *Series) Latest() *Point {
	if len(s.Points) == 0 {
		return nil
	}
	return &s.Points[len(s.Points)-1]
}

// sparks are the eight heights of a sparkline.
var sparks = []rune("▁▂▃▄▅▆▇█")

// MaxSpark is the most points a sparkline shows: the latest ones.
const MaxSpark = 24

// Sparkline draws the last MaxSpark values of the series as a line of
// block characters, lowest value ▁, highest █ (all equal: ▄); "" for no
// points.
func (s *Series) Sparkline() string {
	vs := make([]float64, 0, min(len(s.Points), MaxSpark))
	for _, p := range s.Points[max(len(s.Points)-MaxSpark, 0):] {
		vs = append(vs, p.Value)
	}
	return Sparkline(vs)
}

// Sparkline draws values as block characters scaled between their
// minimum and maximum.
func Sparkline(vs []float64) string {
	if len(vs) == 0 {
		return ""
	}
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	var b strings.Builder
	for _, v := range vs {
		i := 3
		if hi > lo {
			i = int(math.Round((v - lo) / (hi - lo) * float64(len(sparks)-1)))
		}
		b.WriteRune(sparks[i])
	}
	return b.String()
}
