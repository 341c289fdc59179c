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
	return Sparkline(Values(s.Recent()))
}

// Sparkline draws values as block characters scaled between their
// minimum and maximum.
func Sparkline(vs []float64) string {
	if len(vs) == 0 {
		return ""
	}
	lo, hi := Bounds(vs, nil, false)
	var b strings.Builder
	for _, v := range vs {
		i := 3
		if hi > lo {
			i = int(math.Round(Scale(v, lo, hi) * float64(len(sparks)-1)))
		}
		b.WriteRune(sparks[i])
	}
	return b.String()
}

// Recent returns the last MaxSpark points: the ones a sparkline shows.
func (s *Series) Recent() []Point { return s.Points[max(len(s.Points)-MaxSpark, 0):] }

// Bounds returns the lowest and highest of the values, and of the target
// too when withTarget is set and the metric has one; lo == hi when they
// are all equal. It is (0, 0) for no values and no target.
func Bounds(vs []float64, target *float64, withTarget bool) (lo, hi float64) {
	first := true
	add := func(v float64) {
		if first {
			lo, hi, first = v, v, false
			return
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	for _, v := range vs {
		add(v)
	}
	if withTarget && target != nil {
		add(*target)
	}
	return lo, hi
}

// Scale maps v between lo and hi to 0 … 1 (0.5 when lo == hi): the one
// scale of the sparklines and charts the views draw.
func Scale(v, lo, hi float64) float64 {
	if hi <= lo {
		return 0.5
	}
	return (v - lo) / (hi - lo)
}

// Values returns the values of the points, in order.
func Values(pts []Point) []float64 {
	vs := make([]float64, len(pts))
	for i, p := range pts {
		vs[i] = p.Value
	}
	return vs
}

// BySeries indexes series by their metric.
func BySeries(ss []*Series) map[*journey.Metric]*Series {
	out := make(map[*journey.Metric]*Series, len(ss))
	for _, s := range ss {
		out[s.Metric] = s
	}
	return out
}
