package outline

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
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
	KPIs        []KPI
	Omnichannel Matrix
	Ownership   Matrix
	StepsBack   []StepBack
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
	Stage    string // the stage's name
	StageID  string
	Channel  string // the channel's name, or ""
	Owner    string // the owner's name, or ""
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
	Next      []string // names of the following touchpoints
	Metrics   []KPI
	IsPain    bool
	IsDelight bool
}

// Emotion is a resolved emotion.
type Emotion struct {
	// Set is false when there is no emotion.
	Set bool
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

// Status says how a KPI stands against its target.
type Status int

// The statuses of a KPI.
const (
	NoStatus  Status = iota // no value or no target
	OnTarget                // meets or beats the target
	OffTarget               // misses it in the wrong direction
)

// KPI is a metric of a stage or a touchpoint.
type KPI struct {
	Stage      string // stage name
	Touchpoint string // touchpoint name, "" for a stage metric
	ID, Name   string
	Value      *float64
	Target     *float64
	Unit       string
	// LowerIsBetter is true when the metric improves as it falls.
	LowerIsBetter bool
	Status        Status
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

// StepBack is a move to an earlier stage: a transition, or a touchpoint's
// `next` that points back.
type StepBack struct {
	From, To string // stage names
	// FromTouchpoint and ToTouchpoint are set for a `next` link.
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
	for _, s := range m.Stages {
		st := Stage{
			ID: s.ID, Name: s.Name, Phase: s.Phase, Goal: s.Goal,
			Actions: s.Actions, Thoughts: s.Thoughts, Feelings: s.Feelings,
			Opportunities: s.Opportunities, Strategies: s.Strategies,
		}
		st.Emotion = resolveEmotion(m.StageEmotion(s), personaName)
		st.Emotion.Derived = st.Emotion.Set && s.Emotion == nil
		for _, mt := range s.Metrics {
			st.Metrics = append(st.Metrics, kpi(mt, s.Name, ""))
		}
		for _, t := range s.Touchpoints {
			tp := &Touchpoint{
				ID: t.ID, Name: t.Name, Stage: s.Name, StageID: s.ID,
				Interactions: t.Interactions, Pains: t.Pains, Delights: t.Delights,
				Backstage: t.Backstage, Evidence: t.Evidence, Source: t.Source,
				Notes: t.Notes, IsPain: t.IsPain(), IsDelight: t.IsDelight(),
				Emotion:       resolveEmotion(t.Emotion, personaName),
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
				if n := ix.Touchpoint(id); n != nil {
					name = n.Name
				}
				tp.Next = append(tp.Next, name)
			}
			for _, mt := range t.Metrics {
				tp.Metrics = append(tp.Metrics, kpi(mt, s.Name, t.Name))
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
	for _, st := range r.Stages {
		row := PainRow{Stage: st.Name, Opportunities: st.Opportunities}
		for _, tp := range st.Touchpoints {
			if !tp.IsPain {
				continue
			}
			if len(tp.Pains) == 0 {
				row.Pains = append(row.Pains, Pain{Touchpoint: tp.Name, Emotion: tp.Emotion})
			}
			for _, p := range tp.Pains {
				row.Pains = append(row.Pains, Pain{Touchpoint: tp.Name, Text: p, Emotion: tp.Emotion})
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
		if ix.IsStepBack(tr) {
			r.StepsBack = append(r.StepsBack, StepBack{
				From:  m.Stages[ix.StageIndex(tr.From)].Name,
				To:    m.Stages[ix.StageIndex(tr.To)].Name,
				Label: tr.Label,
			})
		}
	}
	for i, s := range m.Stages {
		for _, t := range s.Touchpoints {
			for _, id := range t.Next {
				j := ix.StageOf(id)
				if j < 0 || j >= i {
					continue
				}
				r.StepsBack = append(r.StepsBack, StepBack{
					From: s.Name, To: m.Stages[j].Name,
					FromTouchpoint: t.Name, ToTouchpoint: ix.Touchpoint(id).Name,
				})
			}
		}
	}
	return r
}

func resolveEmotion(e *journey.Emotion, personaName func(string) string) Emotion {
	if e == nil {
		return Emotion{}
	}
	v, ok := e.Mean()
	if !ok {
		return Emotion{}
	}
	out := Emotion{Set: true, Value: v}
	if e.IsPerPersona() {
		for _, pe := range e.PerPersona {
			out.PerPersona = append(out.PerPersona, PersonaValue{Persona: personaName(pe.Persona), Value: pe.Value})
		}
	}
	return out
}

func kpi(mt *journey.Metric, stage, touchpoint string) KPI {
	k := KPI{
		Stage: stage, Touchpoint: touchpoint, ID: mt.ID, Name: mt.Name,
		Value: mt.Value, Target: mt.Target, Unit: mt.Unit,
		LowerIsBetter: mt.LowerIsBetter(),
	}
	switch {
	case !mt.HasStatus():
		k.Status = NoStatus
	case mt.OffTarget():
		k.Status = OffTarget
	default:
		k.Status = OnTarget
	}
	return k
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

// FormatNumber formats a number the same way everywhere: at most two
// decimals, no trailing zeros, a true minus sign (U+2212) for negatives.
func FormatNumber(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0" // also turns -0 into 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	if v < 0 {
		return "\u2212" + s
	}
	return s
}

// FormatEmotion formats an emotion value with its sign: "+1", "−0.5", "0".
func FormatEmotion(v float64) string {
	s := FormatNumber(v)
	if s != "0" && !strings.HasPrefix(s, "\u2212") {
		return "+" + s
	}
	return s
}

// String formats the emotion: "+1", or "CIO +1, CFO −1" per persona, or ""
// when there is none.
func (e Emotion) String() string {
	if !e.Set {
		return ""
	}
	if e.PerPersona == nil {
		return FormatEmotion(e.Value)
	}
	parts := make([]string, len(e.PerPersona))
	for i, pv := range e.PerPersona {
		parts[i] = pv.Persona + " " + FormatEmotion(pv.Value)
	}
	return strings.Join(parts, ", ")
}

// Quantity formats a metric value with its unit: "12000 visits/mo".
func Quantity(v *float64, unit string) string {
	if v == nil {
		return ""
	}
	s := FormatNumber(*v)
	if unit != "" {
		if unit == "%" {
			return s + "%"
		}
		s += " " + unit
	}
	return s
}

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
