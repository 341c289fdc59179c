package outline

import (
	"sort"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	kpis "github.com/cjm-dev/cjm/pkg/kpi"
)

// Report is what the reports show of one map.
type Report struct {
	Lang        string
	Title       string
	Description string
	Scope       string
	Personas    []Persona
	Stages      []Stage
	// Inventory lists every touchpoint in order, stage by stage; the same
	// values as Stages[i].Touchpoints.
	Inventory []*Touchpoint
	// Pains has a row per stage with pain points or opportunities.
	Pains []PainRow
	// KPIs lists every metric stage by stage: the stage's own, then its
	// touchpoints'.
	KPIs []KPI
	// History has a row per metric with two points or more (pkg/kpi):
	// the "KPIs over time" section. Empty when no metric has a history.
	History     []HistoryRow
	Omnichannel Matrix
	Ownership   Matrix
	StepsBack   []StepBack
	// SkipsAhead are the moves to a later stage: transitions, and `next`
	// links that pass over at least one stage.
	SkipsAhead []StepBack
}

// Persona is a persona as the report shows it.
type Persona struct {
	ID, Name, Role, Quote string
	Goals, Needs, Pains   []string
}

// Stage is a stage with everything resolved.
type Stage struct {
	ID, Name string
	// Phase is "buying", "using" or "".
	Phase         string
	Goal          string
	Actions       []string
	Thoughts      []string
	Feelings      []string
	Emotion       Emotion
	Opportunities []string
	Strategies    []string
	Metrics       []KPI
	Touchpoints   []*Touchpoint
}

// Touchpoint is a touchpoint with ids resolved to names.
type Touchpoint struct {
	ID, Name string
	// Ref is its number, "stage.touchpoint" (journey.Ref): the same on the
	// map, in the flow, in both reports and in the CSV.
	Ref     string
	Stage   string // the stage's name
	StageID string
	Channel string // the channel's name, or ""
	Owner   string // the owner's name, or ""
	// Personas are the names of the personas who meet it; AllPersonas is
	// true when the touchpoint names none (every persona meets it).
	Personas      []string
	AllPersonas   bool
	Interactions  []string
	Emotion       Emotion
	Pains         []string
	Delights      []string
	MomentOfTruth bool
	MoTReason     string
	Backstage     []string
	// Evidence is "observed", "reported", "inferred", "assumed" or "".
	Evidence  string
	Source    string
	Notes     string
	Next      []string // the following touchpoints: "2.1 Name"
	Metrics   []KPI
	IsPain    bool
	IsDelight bool
}

// Emotion is a resolved emotion.
type Emotion struct {
	// Set is false when there is no emotion.
	Set bool
	// Text is the emotion written out in the map's language: "+1", "−0.5",
	// or "CIO +1, CFO −1" per persona; "" when there is none.
	Text string
	// Derived is true for a stage emotion computed from its touchpoints.
	Derived bool
	// Value is the single value, or the mean over the personas.
	Value float64
	// PerPersona gives each persona's value (by persona name) when the
	// emotion is per persona.
	PerPersona []PersonaValue
}

// PersonaValue is one persona's emotion.
type PersonaValue struct {
	Persona string
	Value   float64
}

// Status says how a KPI stands against its target: journey.Metric.Status
// decides it, for the views and the reports alike.
type Status = journey.Status

// The statuses of a KPI.
const (
	NoStatus  = journey.NoStatus  // no value or no target
	OnTarget  = journey.OnTarget  // meets or beats the target
	OffTarget = journey.OffTarget // misses it in the wrong direction
)

// KPI is a metric of a stage or a touchpoint.
type KPI struct {
	Stage      string // stage name
	Touchpoint string // touchpoint name, "" for a stage metric
	// Ref is the touchpoint's number, "" for a stage metric.
	Ref      string
	ID, Name string
	Value    *float64
	Target   *float64
	Unit     string
	// ValueText and TargetText are the value and the target with the unit,
	// as every output writes them (i18n.Quantity); "" when absent.
	ValueText, TargetText string
	// LowerIsBetter is true when the metric improves as it falls.
	LowerIsBetter bool
	Status        Status
}

// HistoryRow is a metric's last point in the "KPIs over time" section.
type HistoryRow struct {
	KPI
	// Date is the last point's date as written; Points the number of
	// points; ChangeText the change since the previous point with its
	// sign and unit (i18n.SignedQuantity); Spark the last points as a
	// text sparkline (kpi.Series.Sparkline).
	Date       string
	Points     int
	ChangeText string
	Spark      string
	// Better is true when the last change went the metric's better way.
	Better bool
}

// PainRow pairs a stage's pain points with its opportunities.
type PainRow struct {
	Stage         string
	Pains         []Pain
	Opportunities []string
}

// Pain is one pain point: a touchpoint and what goes wrong there. Text is
// "" for a touchpoint that is a pain point only by its negative emotion.
type Pain struct {
	Touchpoint string
	Ref        string // the touchpoint's number
	Text       string
	Emotion    Emotion
}

// Matrix is stages × channels or stages × owners: which touchpoints of
// each stage use each column.
type Matrix struct {
	// Columns are the names of the channels (owners) that some touchpoint
	// uses, in catalogue order; a last column "" collects touchpoints
	// with none, when there are any.
	Columns []string
	Rows    []MatrixRow
}

// MatrixRow is one stage of a Matrix; Cells[i] are the names of the
// touchpoints in column i.
type MatrixRow struct {
	Stage string
	Cells [][]string
}

// StepBack is a move between stages off the journey's order: to an
// earlier stage (a step back) or past the next stage (a skip ahead); a
// transition, or a touchpoint's `next`.
type StepBack struct {
	From, To string // stage names
	// FromTouchpoint and ToTouchpoint are set for a `next` link: the
	// touchpoint's number and name, "2.1 Name".
	FromTouchpoint, ToTouchpoint string
	Label                        string
}

// Build computes the report of m. m should be valid; unknown ids are shown
// as the ids themselves rather than failing.
func Build(m *journey.Map) *Report {
	ix := journey.NewIndex(m)
	r := &Report{
		Lang:        m.Lang,
		Title:       m.Title,
		Description: m.Description,
		Scope:       m.Scope,
	}
	if r.Lang == "" {
		r.Lang = "en"
	}
	personaName := func(id string) string {
		if p := ix.Persona(id); p != nil {
			return p.Name
		}
		return id
	}
	for _, p := range m.Personas {
		r.Personas = append(r.Personas, Persona{
			ID: p.ID, Name: p.Name, Role: p.Role, Quote: p.Quote,
			Goals: p.Goals, Needs: p.Needs, Pains: p.Pains,
		})
	}
	refs := map[string]string{} // touchpoint id -> "2.1 Name"
	for si, s := range m.Stages {
		for ti, t := range s.Touchpoints {
			if _, dup := refs[t.ID]; !dup {
				refs[t.ID] = journey.Ref(si, ti) + " " + t.Name
			}
		}
	}
	for si, s := range m.Stages {
		st := Stage{
			ID: s.ID, Name: s.Name, Phase: s.Phase, Goal: s.Goal,
			Actions: s.Actions, Thoughts: s.Thoughts, Feelings: s.Feelings,
			Opportunities: s.Opportunities, Strategies: s.Strategies,
		}
		st.Emotion = resolveEmotion(m.StageEmotion(s), personaName, r.Lang)
		st.Emotion.Derived = st.Emotion.Set && s.Emotion == nil
		for _, mt := range s.Metrics {
			st.Metrics = append(st.Metrics, kpi(mt, s.Name, "", "", r.Lang))
		}
		for ti, t := range s.Touchpoints {
			tp := &Touchpoint{
				ID: t.ID, Name: t.Name, Ref: journey.Ref(si, ti), Stage: s.Name, StageID: s.ID,
				Interactions: t.Interactions, Pains: t.Pains, Delights: t.Delights,
				Backstage: t.Backstage, Evidence: t.Evidence, Source: t.Source,
				Notes: t.Notes, IsPain: t.IsPain(), IsDelight: t.IsDelight(),
				Emotion:       resolveEmotion(t.Emotion, personaName, r.Lang),
				MomentOfTruth: t.IsMomentOfTruth(),
			}
			if t.MomentOfTruth != nil {
				tp.MoTReason = t.MomentOfTruth.Reason
			}
			if t.Channel != "" {
				tp.Channel = t.Channel
				if c := ix.Channel(t.Channel); c != nil {
					tp.Channel = c.Name
				}
			}
			if t.Owner != "" {
				tp.Owner = t.Owner
				if o := ix.Owner(t.Owner); o != nil {
					tp.Owner = o.Name
				}
			}
			if len(t.Personas) == 0 {
				tp.AllPersonas = true
				for _, p := range m.Personas {
					tp.Personas = append(tp.Personas, p.Name)
				}
			} else {
				for _, id := range t.Personas {
					tp.Personas = append(tp.Personas, personaName(id))
				}
			}
			for _, id := range t.Next {
				name := id
				if n, ok := refs[id]; ok {
					name = n
				}
				tp.Next = append(tp.Next, name)
			}
			for _, mt := range t.Metrics {
				tp.Metrics = append(tp.Metrics, kpi(mt, s.Name, t.Name, tp.Ref, r.Lang))
			}
			st.Touchpoints = append(st.Touchpoints, tp)
			r.Inventory = append(r.Inventory, tp)
		}
		r.Stages = append(r.Stages, st)
	}
	// The KPI table goes stage by stage: the stage's own metrics, then its
	// touchpoints'.
	for _, st := range r.Stages {
		r.KPIs = append(r.KPIs, st.Metrics...)
		for _, tp := range st.Touchpoints {
			r.KPIs = append(r.KPIs, tp.Metrics...)
		}
	}
	tpRef := map[*journey.Touchpoint]string{}
	for si, s := range m.Stages {
		for ti, t := range s.Touchpoints {
			tpRef[t] = journey.Ref(si, ti)
		}
	}
	for _, s := range kpis.FromMap(m, kpis.Options{}) {
		if len(s.Points) < 2 {
			continue
		}
		ref, tp := "", ""
		if s.Touchpoint != nil {
			ref, tp = tpRef[s.Touchpoint], s.Touchpoint.Name
		}
		t := s.Trend()
		last := s.Latest()
		r.History = append(r.History, HistoryRow{KPI: kpi(s.Metric, s.Stage.Name, tp, ref, r.Lang),
			Date: last.Date, Points: len(s.Points), ChangeText: i18n.SignedQuantity(r.Lang, t.Change, s.Metric.Unit),
			Spark: s.Sparkline(), Better: t.Direction == "better"})
	}
	for _, st := range r.Stages {
		row := PainRow{Stage: st.Name, Opportunities: st.Opportunities}
		for _, tp := range st.Touchpoints {
			if !tp.IsPain {
				continue
			}
			if len(tp.Pains) == 0 {
				row.Pains = append(row.Pains, Pain{Touchpoint: tp.Name, Ref: tp.Ref, Emotion: tp.Emotion})
			}
			for _, p := range tp.Pains {
				row.Pains = append(row.Pains, Pain{Touchpoint: tp.Name, Ref: tp.Ref, Text: p, Emotion: tp.Emotion})
			}
		}
		if len(row.Pains) > 0 || len(row.Opportunities) > 0 {
			r.Pains = append(r.Pains, row)
		}
	}
	var chIDs, chNames, owIDs, owNames []string
	for _, c := range m.Channels {
		chIDs, chNames = append(chIDs, c.ID), append(chNames, c.Name)
	}
	for _, o := range m.Owners {
		owIDs, owNames = append(owIDs, o.ID), append(owNames, o.Name)
	}
	r.Omnichannel = matrix(m, chIDs, chNames, func(t *journey.Touchpoint) string { return t.Channel })
	r.Ownership = matrix(m, owIDs, owNames, func(t *journey.Touchpoint) string { return t.Owner })

	for _, tr := range m.Transitions {
		from, to := ix.StageIndex(tr.From), ix.StageIndex(tr.To)
		if from < 0 || to < 0 {
			continue
		}
		mv := StepBack{From: m.Stages[from].Name, To: m.Stages[to].Name, Label: tr.Label}
		switch {
		case ix.IsStepBack(tr):
			r.StepsBack = append(r.StepsBack, mv)
		case to > from:
			r.SkipsAhead = append(r.SkipsAhead, mv)
		}
	}
	for i, s := range m.Stages {
		for _, t := range s.Touchpoints {
			for _, id := range t.Next {
				j := ix.StageOf(id)
				if j < 0 || j == i || j == i+1 {
					continue // within the stage, or on to the next: the journey's order
				}
				mv := StepBack{
					From: s.Name, To: m.Stages[j].Name,
					FromTouchpoint: refs[t.ID], ToTouchpoint: refs[id],
				}
				if j < i {
					r.StepsBack = append(r.StepsBack, mv)
				} else {
					r.SkipsAhead = append(r.SkipsAhead, mv)
				}
			}
		}
	}
	return r
}

func resolveEmotion(e *journey.Emotion, personaName func(string) string, lang string) Emotion {
	if e == nil {
		return Emotion{}
	}
	v, ok := e.Mean()
	if !ok {
		return Emotion{}
	}
	out := Emotion{Set: true, Value: v, Text: i18n.Signed(lang, v)}
	if e.IsPerPersona() {
		parts := make([]string, len(e.PerPersona))
		for i, pe := range e.PerPersona {
			out.PerPersona = append(out.PerPersona, PersonaValue{Persona: personaName(pe.Persona), Value: pe.Value})
			parts[i] = personaName(pe.Persona) + " " + i18n.Signed(lang, pe.Value)
		}
		out.Text = strings.Join(parts, ", ")
	}
	return out
}

func kpi(mt *journey.Metric, stage, touchpoint, ref, lang string) KPI {
	k := KPI{
		Stage: stage, Touchpoint: touchpoint, Ref: ref, ID: mt.ID, Name: mt.Name,
		Value: mt.Value, Target: mt.Target, Unit: mt.Unit,
		LowerIsBetter: mt.LowerIsBetter(),
		Status:        mt.Status(),
	}
	if mt.Value != nil {
		k.ValueText = i18n.Quantity(lang, *mt.Value, mt.Unit)
	}
	if mt.Target != nil {
		k.TargetText = i18n.Quantity(lang, *mt.Target, mt.Unit)
	}
	return k
}

// Mark is the KPI's status symbol: ▲ on target, ▼ off target, "" without
// a status (the same symbols as the map's).
func (k KPI) Mark() string {
	switch k.Status {
	case OnTarget:
		return i18n.MarkOn
	case OffTarget:
		return i18n.MarkOff
	}
	return ""
}

// StatusKey is the glossary key of the KPI's status ("kpi.on", "kpi.off"),
// "" without one.
func (k KPI) StatusKey() string {
	switch k.Status {
	case OnTarget:
		return "kpi.on"
	case OffTarget:
		return "kpi.off"
	}
	return ""
}

// DirectionKey is the glossary key of the KPI's direction, said in words
// ("higher is better", "lower is better").
func (k KPI) DirectionKey() string {
	if k.LowerIsBetter {
		return "kpi.lower"
	}
	return "kpi.higher"
}

func matrix(m *journey.Map, ids, names []string, key func(*journey.Touchpoint) string) Matrix {
	col := make(map[string]int, len(ids))
	for i, id := range ids {
		if _, dup := col[id]; !dup {
			col[id] = i
		}
	}
	// cells[stage][column]; the column len(ids) collects touchpoints with
	// no (or an unknown) channel or owner.
	cells := make([][][]string, len(m.Stages))
	used := make([]bool, len(ids)+1)
	for i, s := range m.Stages {
		cells[i] = make([][]string, len(ids)+1)
		for _, t := range s.Touchpoints {
			c, ok := col[key(t)]
			if !ok {
				c = len(ids)
			}
			cells[i][c] = append(cells[i][c], t.Name)
			used[c] = true
		}
	}
	var mx Matrix
	var keep []int
	for c := range used {
		if !used[c] {
			continue
		}
		keep = append(keep, c)
		if c < len(ids) {
			mx.Columns = append(mx.Columns, names[c])
		} else {
			mx.Columns = append(mx.Columns, "")
		}
	}
	for i, s := range m.Stages {
		row := MatrixRow{Stage: s.Name}
		for _, c := range keep {
			row.Cells = append(row.Cells, cells[i][c])
		}
		mx.Rows = append(mx.Rows, row)
	}
	return mx
}

// String is the emotion as Text gives it.
func (e Emotion) String() string { return e.Text }

// View is one diagram a report shows: its name (the key of the report's
// SVG or link map) and its caption in the report's language. The list and
// its order come from pkg/render's registry of views.
type View struct {
	Name, Title string
}

// Figures returns the views of list that have an entry in have, in the
// order of list. A nil list means every view in have in name order,
// captioned with its name.
func Figures[V any](list []View, have map[string]V) []View {
	if list == nil {
		for name := range have {
			list = append(list, View{Name: name, Title: name})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	}
	var out []View
	for _, v := range list {
		if _, ok := have[v.Name]; ok {
			out = append(out, v)
		}
	}
	return out
}
