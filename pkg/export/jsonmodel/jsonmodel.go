package jsonmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Model is the top level of the JSON model.
type Model struct {
	CJM         int          `json:"cjm"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Lang        string       `json:"lang"`
	Scope       string       `json:"scope"`
	Personas    []Persona    `json:"personas"`
	Channels    []Channel    `json:"channels"`
	Owners      []Owner      `json:"owners"`
	Stages      []Stage      `json:"stages"`
	Transitions []Transition `json:"transitions"`
}

// Persona is a persona of the model.
type Persona struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Role  string   `json:"role"`
	Goals []string `json:"goals"`
	Needs []string `json:"needs"`
	Pains []string `json:"pains"`
	Quote string   `json:"quote"`
}

// Channel is a channel of the model; Color is "" when the file gives none.
type Channel struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Color string `json:"color"`
}

// Owner is an owner of the model.
type Owner struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// Stage is a stage of the model. Emotion is the stage's own emotion or,
// when the file gives none, the one derived from its touchpoints
// (Emotion.Derived is then true); null when there is neither.
type Stage struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	Phase         string       `json:"phase"`
	Goal          string       `json:"goal"`
	Actions       []string     `json:"actions"`
	Thoughts      []string     `json:"thoughts"`
	Feelings      []string     `json:"feelings"`
	Emotion       *Emotion     `json:"emotion"`
	Metrics       []Metric     `json:"metrics"`
	Opportunities []string     `json:"opportunities"`
	Strategies    []string     `json:"strategies"`
	Touchpoints   []Touchpoint `json:"touchpoints"`
}

// Touchpoint is a touchpoint of the model. Personas lists who meets it:
// every persona when the file names none. Names of the channel and owner
// sit next to their ids.
type Touchpoint struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Channel       string         `json:"channel"`
	ChannelName   string         `json:"channel_name"`
	Owner         string         `json:"owner"`
	OwnerName     string         `json:"owner_name"`
	Personas      []string       `json:"personas"`
	Interactions  []string       `json:"interactions"`
	Emotion       *Emotion       `json:"emotion"`
	Pains         []string       `json:"pains"`
	Delights      []string       `json:"delights"`
	IsPain        bool           `json:"is_pain"`
	IsDelight     bool           `json:"is_delight"`
	MomentOfTruth *MomentOfTruth `json:"moment_of_truth"`
	Next          []string       `json:"next"`
	Backstage     []string       `json:"backstage"`
	Evidence      string         `json:"evidence"`
	Source        string         `json:"source"`
	Metrics       []Metric       `json:"metrics"`
	Notes         string         `json:"notes"`
}

// Emotion is a value in [-2, 2]: Value is the single value or the mean of
// PerPersona, which is [] unless the emotion is given per persona.
type Emotion struct {
	Value      float64          `json:"value"`
	PerPersona []PersonaEmotion `json:"per_persona"`
	Derived    bool             `json:"derived"`
}

// PersonaEmotion is one persona's value.
type PersonaEmotion struct {
	Persona string  `json:"persona"`
	Value   float64 `json:"value"`
}

// MomentOfTruth is present (not null) on a moment of truth; Reason is ""
// when the file says just `true`.
type MomentOfTruth struct {
	Reason string `json:"reason"`
}

// Metric is a KPI. Value and Target are null when absent; OffTarget is
// null unless both are given.
type Metric struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Value     *float64 `json:"value"`
	Target    *float64 `json:"target"`
	Unit      string   `json:"unit"`
	Better    string   `json:"better"`
	OffTarget *bool    `json:"off_target"`
}

// Transition is a non-linear move between stages; StepBack is true when
// it goes to an earlier stage.
type Transition struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Label    string `json:"label"`
	StepBack bool   `json:"step_back"`
}

// Render returns the JSON model of m, indented by two spaces, with a
// final newline.
func Render(m *journey.Map) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("json: no map")
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Build(m)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Build returns the model of m.
func Build(m *journey.Map) *Model {
	ix := journey.NewIndex(m)
	out := &Model{
		CJM: journey.Version, Title: m.Title, Description: m.Description,
		Lang: m.Lang, Scope: m.Scope,
		Personas: []Persona{}, Channels: []Channel{}, Owners: []Owner{},
		Stages: []Stage{}, Transitions: []Transition{},
	}
	if out.Lang == "" {
		out.Lang = "en"
	}
	if out.Scope == "" {
		out.Scope = "full"
	}
	for _, p := range m.Personas {
		out.Personas = append(out.Personas, Persona{
			ID: p.ID, Name: p.Name, Role: p.Role, Goals: list(p.Goals),
			Needs: list(p.Needs), Pains: list(p.Pains), Quote: p.Quote,
		})
	}
	for _, c := range m.Channels {
		kind := c.Kind
		if kind == "" {
			kind = "digital"
		}
		out.Channels = append(out.Channels, Channel{ID: c.ID, Name: c.Name, Kind: kind, Color: c.Color})
	}
	for _, o := range m.Owners {
		out.Owners = append(out.Owners, Owner{ID: o.ID, Name: o.Name, Color: o.Color})
	}
	for _, s := range m.Stages {
		st := Stage{
			ID: s.ID, Name: s.Name, Phase: s.Phase, Goal: s.Goal,
			Actions: list(s.Actions), Thoughts: list(s.Thoughts), Feelings: list(s.Feelings),
			Emotion: emotion(m.StageEmotion(s)), Metrics: metrics(s.Metrics),
			Opportunities: list(s.Opportunities), Strategies: list(s.Strategies),
			Touchpoints: []Touchpoint{},
		}
		if st.Emotion != nil && s.Emotion == nil {
			st.Emotion.Derived = true
		}
		for _, t := range s.Touchpoints {
			tp := Touchpoint{
				ID: t.ID, Name: t.Name, Channel: t.Channel, Owner: t.Owner,
				Personas: []string{}, Interactions: list(t.Interactions),
				Emotion: emotion(t.Emotion), Pains: list(t.Pains), Delights: list(t.Delights),
				IsPain: t.IsPain(), IsDelight: t.IsDelight(),
				Next: list(t.Next), Backstage: list(t.Backstage), Evidence: t.Evidence,
				Source: t.Source, Metrics: metrics(t.Metrics), Notes: t.Notes,
			}
			if c := ix.Channel(t.Channel); c != nil {
				tp.ChannelName = c.Name
			}
			if o := ix.Owner(t.Owner); o != nil {
				tp.OwnerName = o.Name
			}
			for _, p := range m.Personas {
				if t.Meets(p.ID) {
					tp.Personas = append(tp.Personas, p.ID)
				}
			}
			if t.MomentOfTruth != nil {
				tp.MomentOfTruth = &MomentOfTruth{Reason: t.MomentOfTruth.Reason}
			}
			st.Touchpoints = append(st.Touchpoints, tp)
		}
		out.Stages = append(out.Stages, st)
	}
	for _, t := range m.Transitions {
		out.Transitions = append(out.Transitions, Transition{From: t.From, To: t.To, Label: t.Label, StepBack: ix.IsStepBack(t)})
	}
	return out
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// round keeps derived means readable (0.33, not 0.3333333333333333).
func round(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0 // no -0
	}
	return r
}

func emotion(e *journey.Emotion) *Emotion {
	v, ok := e.Mean()
	if !ok {
		return nil
	}
	out := &Emotion{Value: round(v), PerPersona: []PersonaEmotion{}}
	if e.IsPerPersona() {
		for _, pe := range e.PerPersona {
			out.PerPersona = append(out.PerPersona, PersonaEmotion{Persona: pe.Persona, Value: round(pe.Value)})
		}
	}
	return out
}

func metrics(ms []*journey.Metric) []Metric {
	out := []Metric{}
	for _, mt := range ms {
		better := mt.Better
		if better == "" {
			better = "higher"
		}
		x := Metric{ID: mt.ID, Name: mt.Name, Value: mt.Value, Target: mt.Target, Unit: mt.Unit, Better: better}
		if mt.HasStatus() {
			off := mt.OffTarget()
			x.OffTarget = &off
		}
		out = append(out, x)
	}
	return out
}
