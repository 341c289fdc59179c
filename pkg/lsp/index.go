package lsp

import (
	"strconv"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// Kinds of ids. A reference names the kind it expects.
const (
	kindPersona    = "persona"
	kindChannel    = "channel"
	kindOwner      = "owner"
	kindStage      = "stage"
	kindTouchpoint = "touchpoint"
	kindMetric     = "metric"
)

// decl is where an id is declared.
type decl struct {
	kind, id, name string
	at             diag.Range // the id's value
	detail         string     // hover text beyond kind and name
}

// ref is a use of an id.
type ref struct {
	kind, id string
	at       diag.Range
}

// index lists the declarations and references of a loaded map, the ids
// of its included catalogues among them.
type index struct {
	decls []decl
	refs  []ref
}

func newIndex(m *journey.Map) *index {
	x := &index{}
	if m == nil {
		return x
	}
	for _, p := range m.Personas {
		x.add(kindPersona, p.ID, p.Name, p.Src, p.Role)
	}
	for _, c := range m.Channels {
		x.add(kindChannel, c.ID, c.Name, c.Src, c.Kind)
	}
	for _, o := range m.Owners {
		x.add(kindOwner, o.ID, o.Name, o.Src, "")
	}
	metric := func(mt *journey.Metric) {
		x.add(kindMetric, mt.ID, mt.Name, mt.Src, metricDetail(mt))
	}
	for _, s := range m.Stages {
		x.add(kindStage, s.ID, s.Name, s.Src, s.Phase)
		for _, mt := range s.Metrics {
			metric(mt)
		}
		x.emotion(s.Emotion)
		for _, t := range s.Touchpoints {
			x.add(kindTouchpoint, t.ID, t.Name, t.Src, "")
			if t.Channel != "" {
				x.use(kindChannel, t.Channel, t.Src.Key("channel"))
			}
			if t.Owner != "" {
				x.use(kindOwner, t.Owner, t.Src.Key("owner"))
			}
			for i, p := range t.Personas {
				x.use(kindPersona, p, t.Src.Item("personas", i))
			}
			for i, n := range t.Next {
				x.use(kindTouchpoint, n, t.Src.Item("next", i))
			}
			x.emotion(t.Emotion)
			for _, mt := range t.Metrics {
				metric(mt)
			}
		}
	}
	for _, tr := range m.Transitions {
		if tr.From != "" {
			x.use(kindStage, tr.From, tr.Src.Key("from"))
		}
		if tr.To != "" {
			x.use(kindStage, tr.To, tr.Src.Key("to"))
		}
	}
	for _, p := range m.Points {
		if p.Metric != "" && !p.MetricAt.Start.IsZero() {
			x.use(kindMetric, p.Metric, p.MetricAt)
		}
	}
	return x
}

func (x *index) add(kind, id, name string, src journey.Source, detail string) {
	if id == "" || !src.Has("id") {
		return
	}
	x.decls = append(x.decls, decl{kind: kind, id: id, name: name, at: src.Key("id"), detail: detail})
}

func (x *index) use(kind, id string, at diag.Range) {
	if at.Start.IsZero() {
		return
	}
	x.refs = append(x.refs, ref{kind: kind, id: id, at: at})
}

func (x *index) emotion(e *journey.Emotion) {
	if e == nil {
		return
	}
	for _, pe := range e.PerPersona {
		x.use(kindPersona, pe.Persona, pe.Src)
	}
}

// lookup returns the first declaration of id of kind.
func (x *index) lookup(kind, id string) (decl, bool) {
	for _, d := range x.decls {
		if d.kind == kind && d.id == id {
			return d, true
		}
	}
	return decl{}, false
}

// ofKind returns the declarations of kind, each id once.
func (x *index) ofKind(kind string) []decl {
	var out []decl
	seen := map[string]bool{}
	for _, d := range x.decls {
		if d.kind == kind && !seen[d.id] {
			seen[d.id] = true
			out = append(out, d)
		}
	}
	return out
}

// taken reports whether an id of kind is declared.
func (x *index) taken(kind, id string) bool {
	_, ok := x.lookup(kind, id)
	return ok
}

func metricDetail(m *journey.Metric) string {
	s := ""
	if m.Value != nil {
		s += "value " + num(*m.Value) + m.Unit
	}
	if m.Target != nil {
		if s != "" {
			s += ", "
		}
		s += "target " + num(*m.Target) + m.Unit
	}
	if m.HasStatus() {
		if m.OffTarget() {
			s += " — off target"
		} else {
			s += " — on target"
		}
	}
	if m.Better != "" {
		s += " (" + m.Better + " is better)"
	}
	if n := len(m.History); n > 0 {
		s += "; " + strconv.Itoa(n) + " measurements, latest " + m.History[n-1].Date
	}
	return s
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
