package journey

import "strconv"

// IsPerPersona reports whether the emotion gives each persona its own value.
func (e *Emotion) IsPerPersona() bool { return e != nil && e.PerPersona != nil }

// For returns the emotion a persona feels: its own value in a per-persona
// mapping, or the single value. The second result is false when e is nil or
// the mapping has no value for the persona.
func (e *Emotion) For(persona string) (float64, bool) {
	if e == nil {
		return 0, false
	}
	if e.PerPersona == nil {
		return e.Value, true
	}
	for _, pe := range e.PerPersona {
		if pe.Persona == persona {
			return pe.Value, true
		}
	}
	return 0, false
}

// Mean returns the mean over all values of the emotion (the single value,
// or the mean of the per-persona values); false when there is none.
func (e *Emotion) Mean() (float64, bool) {
	if e == nil {
		return 0, false
	}
	if e.PerPersona == nil {
		return e.Value, true
	}
	if len(e.PerPersona) == 0 {
		return 0, false
	}
	sum := 0.0
	for _, pe := range e.PerPersona {
		sum += pe.Value
	}
	return sum / float64(len(e.PerPersona)), true
}

// Min returns the lowest value of the emotion; false when there is none.
func (e *Emotion) Min() (float64, bool) {
	if e == nil {
		return 0, false
	}
	if e.PerPersona == nil {
		return e.Value, true
	}
	if len(e.PerPersona) == 0 {
		return 0, false
	}
	min := e.PerPersona[0].Value
	for _, pe := range e.PerPersona[1:] {
		if pe.Value < min {
			min = pe.Value
		}
	}
	return min, true
}

// Max returns the highest value of the emotion; false when there is none.
func (e *Emotion) Max() (float64, bool) {
	if e == nil {
		return 0, false
	}
	if e.PerPersona == nil {
		return e.Value, true
	}
	if len(e.PerPersona) == 0 {
		return 0, false
	}
	max := e.PerPersona[0].Value
	for _, pe := range e.PerPersona[1:] {
		if pe.Value > max {
			max = pe.Value
		}
	}
	return max, true
}

// IsPain reports whether the touchpoint is a pain point: a negative emotion
// for any persona, or any pains.
func (t *Touchpoint) IsPain() bool {
	if len(t.Pains) > 0 {
		return true
	}
	min, ok := t.Emotion.Min()
	return ok && min < 0
}

// IsDelight reports whether the touchpoint is a point of delight: an
// emotion above zero for any persona, or any delights.
func (t *Touchpoint) IsDelight() bool {
	if len(t.Delights) > 0 {
		return true
	}
	max, ok := t.Emotion.Max()
	return ok && max > 0
}

// IsMomentOfTruth reports whether the touchpoint is a moment of truth.
func (t *Touchpoint) IsMomentOfTruth() bool { return t.MomentOfTruth != nil }

// Meets reports whether a persona meets the touchpoint (every persona does
// when the touchpoint lists none).
func (t *Touchpoint) Meets(persona string) bool {
	if len(t.Personas) == 0 {
		return true
	}
	for _, p := range t.Personas {
		if p == persona {
			return true
		}
	}
	return false
}

// LowerIsBetter reports whether the metric improves as it falls.
func (m *Metric) LowerIsBetter() bool { return m.Better == "lower" }

// HasStatus reports whether the metric has both a value and a target.
func (m *Metric) HasStatus() bool { return m.Value != nil && m.Target != nil }

// Status says how a metric stands against its target.
type Status int

// The statuses of a metric.
const (
	NoStatus  Status = iota // no value or no target
	OnTarget                // meets the target or beats it
	OffTarget               // misses it in the wrong direction
)

// Status decides whether the metric is on target: the one place every
// view, report and export asks. A value equal to the target is on target;
// a value above it is on target when higher is better and off it when
// lower is better (a response time of 2 h against a target of 4 h is on
// target), and the other way round below it.
func (m *Metric) Status() Status {
	if !m.HasStatus() {
		return NoStatus
	}
	miss := *m.Value < *m.Target
	if m.LowerIsBetter() {
		miss = *m.Value > *m.Target
	}
	if miss {
		return OffTarget
	}
	return OnTarget
}

// OffTarget reports whether the value misses the target in the wrong
// direction (Status is OffTarget).
func (m *Metric) OffTarget() bool { return m.Status() == OffTarget }

// Ref is the number the outputs give the ti-th touchpoint (from 0) of the
// si-th stage (from 0): "stage.touchpoint", both from 1, e.g. "2.1". The
// map, the flow, the reports and the CSV all number touchpoints with it.
func Ref(si, ti int) string { return strconv.Itoa(si+1) + "." + strconv.Itoa(ti+1) }

// Touchpoints returns every touchpoint of the map in order, stage by stage.
func (m *Map) Touchpoints() []*Touchpoint {
	n := 0
	for _, s := range m.Stages {
		n += len(s.Touchpoints)
	}
	out := make([]*Touchpoint, 0, n)
	for _, s := range m.Stages {
		out = append(out, s.Touchpoints...)
	}
	return out
}

// PerPersonaEmotion reports whether any emotion in the map (of a stage or a
// touchpoint) gives each persona its own value. The map view then draws
// one emotion curve per persona.
func (m *Map) PerPersonaEmotion() bool {
	for _, s := range m.Stages {
		if s.Emotion.IsPerPersona() {
			return true
		}
		for _, t := range s.Touchpoints {
			if t.Emotion.IsPerPersona() {
				return true
			}
		}
	}
	return false
}

// StageEmotion returns the stage's emotion: its own when given, else the
// mean of its touchpoints' emotions, else nil. The mean is taken per
// persona, over the touchpoints each persona Meets, when a touchpoint of
// the stage gives per-persona values, or when the map gives emotions per
// persona anywhere (PerPersonaEmotion) and a touchpoint of the stage with
// an emotion names its personas; a persona who meets no touchpoint with
// an emotion in the stage has no value there (issue 9 #13: the CFO got
// the 0 of a touchpoint only the CISO and the IT lead meet). Otherwise it
// is a single value, the mean of the touchpoints' emotions.
func (m *Map) StageEmotion(s *Stage) *Emotion {
	if s.Emotion != nil {
		return s.Emotion
	}
	perPersona, restricted := false, false
	for _, t := range s.Touchpoints {
		if t.Emotion.IsPerPersona() {
			perPersona = true
			break
		}
		if t.Emotion != nil && len(t.Personas) > 0 {
			restricted = true
		}
	}
	if !perPersona && restricted && len(m.Personas) > 0 {
		perPersona = m.PerPersonaEmotion()
	}
	if !perPersona {
		sum, n := 0.0, 0
		for _, t := range s.Touchpoints {
			if t.Emotion != nil {
				sum += t.Emotion.Value
				n++
			}
		}
		if n == 0 {
			return nil
		}
		return &Emotion{Value: sum / float64(n)}
	}
	e := &Emotion{PerPersona: []PersonaEmotion{}}
	for _, p := range m.Personas {
		sum, n := 0.0, 0
		for _, t := range s.Touchpoints {
			if !t.Meets(p.ID) {
				continue
			}
			if v, ok := t.Emotion.For(p.ID); ok {
				sum += v
				n++
			}
		}
		if n > 0 {
			e.PerPersona = append(e.PerPersona, PersonaEmotion{Persona: p.ID, Value: sum / float64(n)})
		}
	}
	if len(e.PerPersona) == 0 {
		return nil
	}
	return e
}

// Index finds the elements of a map by id. Build it once per map with
// NewIndex; it does not follow later changes to the map.
type Index struct {
	personas    map[string]*Persona
	channels    map[string]*Channel
	owners      map[string]*Owner
	stages      map[string]int
	touchpoints map[string]*Touchpoint
	stageOf     map[string]int
}

// NewIndex indexes m. When an id is declared twice, the first wins.
func NewIndex(m *Map) *Index {
	ix := &Index{
		personas:    make(map[string]*Persona, len(m.Personas)),
		channels:    make(map[string]*Channel, len(m.Channels)),
		owners:      make(map[string]*Owner, len(m.Owners)),
		stages:      make(map[string]int, len(m.Stages)),
		touchpoints: make(map[string]*Touchpoint),
		stageOf:     make(map[string]int),
	}
	for _, p := range m.Personas {
		if _, dup := ix.personas[p.ID]; !dup {
			ix.personas[p.ID] = p
		}
	}
	for _, c := range m.Channels {
		if _, dup := ix.channels[c.ID]; !dup {
			ix.channels[c.ID] = c
		}
	}
	for _, o := range m.Owners {
		if _, dup := ix.owners[o.ID]; !dup {
			ix.owners[o.ID] = o
		}
	}
	for i, s := range m.Stages {
		if _, dup := ix.stages[s.ID]; !dup {
			ix.stages[s.ID] = i
		}
		for _, t := range s.Touchpoints {
			if _, dup := ix.touchpoints[t.ID]; !dup {
				ix.touchpoints[t.ID] = t
				ix.stageOf[t.ID] = i
			}
		}
	}
	return ix
}

// Persona returns the persona with the id, or nil.
func (ix *Index) Persona(id string) *Persona { return ix.personas[id] }

// Channel returns the channel with the id, or nil.
func (ix *Index) Channel(id string) *Channel { return ix.channels[id] }

// Owner returns the owner with the id, or nil.
func (ix *Index) Owner(id string) *Owner { return ix.owners[id] }

// Touchpoint returns the touchpoint with the id, or nil.
func (ix *Index) Touchpoint(id string) *Touchpoint { return ix.touchpoints[id] }

// StageIndex returns the position of the stage with the id in the map's
// stage order, or -1.
func (ix *Index) StageIndex(id string) int {
	if i, ok := ix.stages[id]; ok {
		return i
	}
	return -1
}

// StageOf returns the position of the stage that holds the touchpoint, or
// -1.
func (ix *Index) StageOf(touchpoint string) int {
	if i, ok := ix.stageOf[touchpoint]; ok {
		return i
	}
	return -1
}

// IsStepBack reports whether the transition goes to an earlier stage.
func (ix *Index) IsStepBack(t *Transition) bool {
	from, to := ix.StageIndex(t.From), ix.StageIndex(t.To)
	return from >= 0 && to >= 0 && to < from
}
