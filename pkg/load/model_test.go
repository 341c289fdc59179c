package load

import (
	"reflect"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
)

const full = `cjm: 1
title: Путь клиента 🚀
description: "**B2B**"
lang: ru
scope: buyer
personas:
  - id: cio
    name: ИТ-директор
    role: decision maker
    goals: [g1, g2]
    needs: [n]
    pains: [p]
    quote: "We need it yesterday"
  - {id: cfo, name: CFO}
channels:
  - {id: web, name: Web}
  - {id: sales, name: Sales, kind: human, color: "#1F77b4"}
owners:
  - {id: marketing, name: Marketing, color: "#00ff00"}
stages:
  - id: awareness
    name: Awareness
    phase: buying
    goal: Understand the problem
    actions: [a]
    thoughts: [t]
    feelings: [f]
    emotion: {cfo: -1, cio: 1.5}
    metrics:
      - {id: traffic, name: Traffic, value: 12000, target: 15000, unit: visits}
      - {id: cycle, name: Cycle, value: 90, target: 60, better: lower}
    opportunities: [o]
    strategies: [s]
    touchpoints:
      - id: article
        name: Article
        channel: web
        owner: marketing
        personas: [cio, cfo]
        interactions: [reads]
        emotion: 1
        pains: [slow]
        delights: [clear]
        moment_of_truth: true
        next: [demo, article]
        backstage: [writes]
        evidence: observed
        source: interviews
        metrics: [{id: csat, name: CSAT, value: 4.5}]
        notes: free text
      - id: demo
        name: Demo
        moment_of_truth: A bad demo loses the deal
      - id: call
        name: Call
        moment_of_truth: false
transitions:
  - {from: awareness, to: awareness, label: back}
`

func f64(x float64) *float64 { return &x }

// TestModel checks that every field of format 1 loads, with the defaults
// and the positions of keys and list items.
func TestModel(t *testing.T) {
	m, ds, _ := Bytes("full.yaml", []byte(full), Options{})
	if len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	if m.Title != "Путь клиента 🚀" || m.Description != "**B2B**" || m.Lang != "ru" || m.Scope != "buyer" || m.Version != 1 || m.Catalogue {
		t.Errorf("top level: %+v", m)
	}
	want := &journey.Persona{ID: "cio", Name: "ИТ-директор", Role: "decision maker", Goals: []string{"g1", "g2"}, Needs: []string{"n"}, Pains: []string{"p"}, Quote: "We need it yesterday"}
	p := *m.Personas[0]
	p.Src = journey.Source{}
	if !reflect.DeepEqual(&p, want) {
		t.Errorf("persona = %+v", p)
	}
	if c := m.Channels[0]; c.Kind != "digital" || c.Color != "" {
		t.Errorf("channel default kind: %+v", c)
	}
	if c := m.Channels[1]; c.Kind != "human" || c.Color != "#1F77b4" {
		t.Errorf("channel: %+v", c)
	}
	s := m.Stages[0]
	if s.Phase != "buying" || s.Goal == "" || len(s.Actions) != 1 || len(s.Thoughts) != 1 || len(s.Feelings) != 1 || len(s.Opportunities) != 1 || len(s.Strategies) != 1 {
		t.Errorf("stage: %+v", s)
	}
	// Per-persona emotion keeps source order.
	if got := s.Emotion.PerPersona; len(got) != 2 || got[0].Persona != "cfo" || got[0].Value != -1 || got[1].Persona != "cio" || got[1].Value != 1.5 {
		t.Errorf("per-persona emotion: %+v", got)
	}
	if r := s.Emotion.PerPersona[1].Src; r.Start != (diag.Pos{Line: 28, Column: 24}) {
		t.Errorf("persona key position: %v", r)
	}
	if r := s.Emotion.Src.Key("cio"); r.Start != (diag.Pos{Line: 28, Column: 29}) {
		t.Errorf("persona value position: %v", r)
	}
	if mt := s.Metrics[0]; *mt.Value != 12000 || *mt.Target != 15000 || mt.Unit != "visits" || mt.Better != "higher" {
		t.Errorf("metric: %+v", mt)
	}
	if mt := s.Metrics[1]; mt.Better != "lower" || !mt.OffTarget() {
		t.Errorf("metric lower: %+v", mt)
	}
	tp := s.Touchpoints[0]
	wantTP := journey.Touchpoint{ID: "article", Name: "Article", Channel: "web", Owner: "marketing", Personas: []string{"cio", "cfo"},
		Interactions: []string{"reads"}, Emotion: &journey.Emotion{Value: 1}, Pains: []string{"slow"}, Delights: []string{"clear"},
		MomentOfTruth: &journey.MomentOfTruth{}, Next: []string{"demo", "article"}, Backstage: []string{"writes"}, Evidence: "observed",
		Source: "interviews", Metrics: []*journey.Metric{{ID: "csat", Name: "CSAT", Value: f64(4.5), Better: "higher"}}, Notes: "free text"}
	cp := *tp
	cp.Src = journey.Source{}
	cp.Emotion = &journey.Emotion{Value: tp.Emotion.Value}
	cp.Metrics = []*journey.Metric{{ID: tp.Metrics[0].ID, Name: tp.Metrics[0].Name, Value: tp.Metrics[0].Value, Better: tp.Metrics[0].Better}}
	if !reflect.DeepEqual(cp, wantTP) {
		t.Errorf("touchpoint:\n%+v\nwant\n%+v", cp, wantTP)
	}
	if mot := s.Touchpoints[1].MomentOfTruth; mot == nil || mot.Reason != "A bad demo loses the deal" {
		t.Errorf("moment of truth reason: %+v", mot)
	}
	if s.Touchpoints[2].MomentOfTruth != nil {
		t.Error("moment_of_truth: false should be nil")
	}
	// Positions: the element, a key's value, a list item.
	pos := func(r diag.Range) string { return r.String() }
	checks := []struct{ got, want string }{
		{pos(tp.Src.Range), "full.yaml:35:9"},
		{pos(tp.Src.Key("channel")), "full.yaml:37:18"},
		{pos(tp.Src.Item("next", 1)), "full.yaml:45:22"},
		{pos(tp.Src.Item("personas", 1)), "full.yaml:39:25"},
		{pos(tp.Emotion.Src.Range), "full.yaml:41:18"},
		{pos(s.Metrics[1].Src.Key("better")), "full.yaml:31:65"},
		{pos(m.Transitions[0].Src.Key("to")), "full.yaml:58:27"},
		{pos(m.Src.Key("lang")), "full.yaml:4:7"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("position %s, want %s", c.got, c.want)
		}
	}
	if !tp.Src.Has("source") || tp.Src.Has("missing") {
		t.Error("Src.Has")
	}
}

func TestDefaults(t *testing.T) {
	m, ds, _ := Bytes("d.yaml", []byte("cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: A\n    metrics: [{id: m, name: M}]\n"), Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if m.Lang != "en" || m.Scope != "full" || m.Stages[0].Metrics[0].Better != "higher" || m.File != "d.yaml" {
		t.Errorf("defaults: %+v", m)
	}
	// A bad enum value still leaves the default in place.
	m, _, _ = Bytes("d.yaml", []byte("cjm: 1\ntitle: T\nlang: de\nstages: [{id: a, name: A}]\n"), Options{})
	if m.Lang != "en" {
		t.Errorf("lang after a bad value = %q", m.Lang)
	}
}

func TestCatalogue(t *testing.T) {
	m, ds, _ := Bytes("c.yaml", []byte("cjm: 1\npersonas: [{id: a, name: A}]\n"), Options{})
	if len(ds) > 0 || !m.Catalogue {
		t.Fatalf("catalogue = %v, %v", m.Catalogue, ds)
	}
	// `stages:` given but empty is a map without stages, not a catalogue.
	m, _, _ = Bytes("c.yaml", []byte("cjm: 1\ntitle: T\nstages: []\n"), Options{})
	if m.Catalogue {
		t.Error("stages: [] is not a catalogue")
	}
}

func TestIsJourney(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"cjm: 1\n", true},
		{"\xef\xbb\xbfcjm: 1\n", true},
		{"# comment\ntitle: x\ncjm: 1\n", true},
		{"\"cjm\": 1\n", true},
		{"{cjm: 1, title: x}\n", true},
		{"---\n# c\n{cjm: 1}\n", true},
		{"title: cjm\n", false},
		{"  cjm: 1\n", true}, // an indented root mapping is still the root
		{"x:\n  cjm: 1\n", false},
		{"name: build\non: push\n", false},
		{"", false},
		{"- cjm\n", false},
		{"{cjm", false},
	}
	for _, tt := range tests {
		if got := IsJourney([]byte(tt.src)); got != tt.want {
			t.Errorf("IsJourney(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}
