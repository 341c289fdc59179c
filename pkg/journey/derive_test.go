package journey

import (
	"fmt"
	"testing"
)

func one(v float64) *Emotion { return &Emotion{Value: v} }

func per(kv ...any) *Emotion {
	e := &Emotion{PerPersona: []PersonaEmotion{}}
	for i := 0; i < len(kv); i += 2 {
		e.PerPersona = append(e.PerPersona, PersonaEmotion{Persona: kv[i].(string), Value: float64(kv[i+1].(int))})
	}
	return e
}

func show(e *Emotion) string {
	if e == nil {
		return "none"
	}
	if !e.IsPerPersona() {
		return fmt.Sprint(e.Value)
	}
	s := ""
	for _, pe := range e.PerPersona {
		s += fmt.Sprintf("%s:%v ", pe.Persona, pe.Value)
	}
	return s
}

func TestStageEmotion(t *testing.T) {
	personas := []*Persona{{ID: "ciso"}, {ID: "cfo"}, {ID: "it"}}
	// other makes the map give emotions per persona somewhere else.
	other := &Stage{ID: "other", Touchpoints: []*Touchpoint{{ID: "o", Emotion: per("cfo", 1)}}}
	tests := []struct {
		name      string
		stage     *Stage
		perPerson bool // the map has per-persona emotions elsewhere
		want      string
	}{
		{"own emotion wins", &Stage{Emotion: one(2), Touchpoints: []*Touchpoint{{Emotion: one(-2)}}}, false, "2"},
		{"no emotions", &Stage{Touchpoints: []*Touchpoint{{}}}, false, "none"},
		{"mean of single values", &Stage{Touchpoints: []*Touchpoint{{Emotion: one(1)}, {Emotion: one(-2)}, {}}}, false, "-0.5"},
		{"single values with personas, single-curve map", &Stage{Touchpoints: []*Touchpoint{{Personas: []string{"ciso"}, Emotion: one(1)}}}, false, "1"},
		// Issue 9 #13: the ABM template's Identify stage; the CFO meets none of it.
		{"single value met by some, per-persona map", &Stage{Touchpoints: []*Touchpoint{{Personas: []string{"ciso", "it"}, Emotion: one(0)}}}, true, "ciso:0 it:0 "},
		{"single values for everyone, per-persona map", &Stage{Touchpoints: []*Touchpoint{{Emotion: one(1)}}}, true, "1"},
		{"per-persona values, only who meets", &Stage{Touchpoints: []*Touchpoint{
			{Personas: []string{"ciso"}, Emotion: per("ciso", 2, "cfo", -2)},
			{Emotion: per("it", -1)},
			{Personas: []string{"ciso", "it"}, Emotion: one(1)},
		}}, true, "ciso:1.5 it:0 "},
		{"nobody meets a valued touchpoint", &Stage{Touchpoints: []*Touchpoint{{Personas: []string{"cfo"}, Emotion: per("ciso", 1)}}}, true, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Map{Personas: personas, Stages: []*Stage{tt.stage}}
			if tt.perPerson {
				m.Stages = append(m.Stages, other)
			}
			if got := show(m.StageEmotion(tt.stage)); got != tt.want {
				t.Errorf("StageEmotion = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMetricStatus(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name          string
		value, target *float64
		better        string
		want          Status
	}{
		{"higher is better, above", f(12), f(10), "higher", OnTarget},
		{"higher is better, below", f(8), f(10), "higher", OffTarget},
		{"higher is better, exactly on", f(10), f(10), "higher", OnTarget},
		{"lower is better, below (2 h against 4 h)", f(2), f(4), "lower", OnTarget},
		{"lower is better, above", f(6), f(4), "lower", OffTarget},
		{"lower is better, exactly on", f(4), f(4), "lower", OnTarget},
		{"better left empty means higher", f(8), f(10), "", OffTarget},
		{"negative values", f(-3), f(-5), "lower", OffTarget},
		{"no target", f(3), nil, "higher", NoStatus},
		{"no value", nil, f(3), "lower", NoStatus},
		{"neither", nil, nil, "higher", NoStatus},
	}
	for _, tt := range tests {
		m := &Metric{Value: tt.value, Target: tt.target, Better: tt.better}
		if got := m.Status(); got != tt.want {
			t.Errorf("%s: Status = %d, want %d", tt.name, got, tt.want)
		}
		if m.OffTarget() != (tt.want == OffTarget) {
			t.Errorf("%s: OffTarget disagrees with Status", tt.name)
		}
	}
}

func TestRef(t *testing.T) {
	for _, tt := range []struct {
		si, ti int
		want   string
	}{{0, 0, "1.1"}, {1, 0, "2.1"}, {5, 1, "6.2"}, {11, 24, "12.25"}} {
		if got := Ref(tt.si, tt.ti); got != tt.want {
			t.Errorf("Ref(%d, %d) = %q, want %q", tt.si, tt.ti, got, tt.want)
		}
	}
}
