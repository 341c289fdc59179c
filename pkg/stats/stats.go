package stats

import (
	"slices"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Evidence levels, as the figures name them: the format's four, then
// "none" for a touchpoint without `evidence`.
var Evidence = append(append([]string(nil), journey.EvidenceKinds...), "none")

// Figures are the counts of one map or of several.
type Figures struct {
	Stages      int
	Touchpoints int
	// Personas are the map's personas (its own and the included ones);
	// Channels and Owners are those some touchpoint uses, so that a large
	// included catalogue does not count. In a total, each is the number of
	// distinct ids across the maps.
	Personas, Channels, Owners  int
	PainPoints, Delights        int
	MomentsOfTruth              int
	KPIsOnTarget, KPIsOffTarget int
	// WithOwner, WithChannel and WithEmotion count touchpoints that have
	// one; EvidenceBy counts touchpoints per level of Evidence (the same
	// order), the last being those without evidence.
	WithOwner, WithChannel, WithEmotion int
	EvidenceBy                          [5]int
	// MomentsWithoutOwner are moments of truth that no owner answers for.
	MomentsWithoutOwner int
}

// Share is n as a share of the touchpoints, in [0, 1]; 0 when there are
// none.
func (f Figures) Share(n int) float64 {
	if f.Touchpoints == 0 {
		return 0
	}
	return float64(n) / float64(f.Touchpoints)
}

// Map is the figures of one map file.
type Map struct {
	// Path is the file as the user named it.
	Path  string
	Title string
	Figures
	// ids are the distinct persona, channel and owner ids, for the total.
	personas, channels, owners []string
}

// Report is the figures of every map and their total.
type Report struct {
	Maps  []Map
	Total Figures
}

// Of computes the figures of m, read from path.
func Of(path string, m *journey.Map) Map {
	out := Map{Path: path, Title: m.Title}
	f := &out.Figures
	f.Stages = len(m.Stages)
	for _, p := range m.Personas {
		out.personas = appendOnce(out.personas, p.ID)
	}
	for _, s := range m.Stages {
		for _, t := range s.Touchpoints {
			f.Touchpoints++
			if t.Channel != "" {
				f.WithChannel++
				out.channels = appendOnce(out.channels, t.Channel)
			}
			if t.Owner != "" {
				f.WithOwner++
				out.owners = appendOnce(out.owners, t.Owner)
			}
			if t.Emotion != nil {
				f.WithEmotion++
			}
			if t.IsPain() {
				f.PainPoints++
			}
			if t.IsDelight() {
				f.Delights++
			}
			if t.IsMomentOfTruth() {
				f.MomentsOfTruth++
				if t.Owner == "" {
					f.MomentsWithoutOwner++
				}
			}
			i := slices.Index(journey.EvidenceKinds, t.Evidence)
			if i < 0 {
				i = len(Evidence) - 1
			}
			f.EvidenceBy[i]++
		}
	}
	for _, ref := range journey.Metrics(m) {
		switch ref.Metric.Status() {
		case journey.OnTarget:
			f.KPIsOnTarget++
		case journey.OffTarget:
			f.KPIsOffTarget++
		}
	}
	f.Personas, f.Channels, f.Owners = len(out.personas), len(out.channels), len(out.owners)
	return out
}

// New sums the figures of maps into a report, keeping their order.
func New(maps []Map) Report {
	r := Report{Maps: maps}
	t := &r.Total
	personas, channels, owners := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, m := range maps {
		f := m.Figures
		t.Stages += f.Stages
		t.Touchpoints += f.Touchpoints
		t.PainPoints += f.PainPoints
		t.Delights += f.Delights
		t.MomentsOfTruth += f.MomentsOfTruth
		t.KPIsOnTarget += f.KPIsOnTarget
		t.KPIsOffTarget += f.KPIsOffTarget
		t.WithOwner += f.WithOwner
		t.WithChannel += f.WithChannel
		t.WithEmotion += f.WithEmotion
		for i := range f.EvidenceBy {
			t.EvidenceBy[i] += f.EvidenceBy[i]
		}
		t.MomentsWithoutOwner += f.MomentsWithoutOwner
		for _, id := range m.personas {
			personas[id] = true
		}
		for _, id := range m.channels {
			channels[id] = true
		}
		for _, id := range m.owners {
			owners[id] = true
		}
	}
	t.Personas, t.Channels, t.Owners = len(personas), len(channels), len(owners)
	return r
}

// appendOnce appends id unless ids has it. The lists are short (a map's
// personas, channels, owners), so a linear search beats a map.
func appendOnce(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}
