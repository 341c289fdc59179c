package xlsx

import (
	"slices"
	"strings"

	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// yes are the answers the moment-of-truth column takes for "it is one".
var yes = []string{"yes", "y", "true", "1", "x", "✓", "да", "д", "истина"}

// read builds the map from the sheets.
func (r *reader) read() *journey.Map {
	m := &journey.Map{Version: journey.Version}
	ms := r.sheet(exportxlsx.SheetMap)
	if ms == nil {
		r.diags = append(r.diags, diagLayout(r.file, "no sheet \"Map\" (or \"Карта\"): this is not a workbook of `cjm render -f xlsx` or `cjm init --format xlsx`"))
		return nil
	}
	r.mapSheet(m, ms)
	r.personas(m)
	r.channels(m)
	r.owners(m)
	stages := r.stages(m)
	r.touchpoints(m, stages)
	r.metrics(m, stages)
	r.transitions(m, stages)
	return m
}

func (r *reader) mapSheet(m *journey.Map, s *rows) {
	for _, rw := range s.data {
		field := rw.get(0)
		val := rw.get(1)
		key := ""
		for _, fd := range exportxlsx.MapFields {
			if same(field, fd.Label) || strings.EqualFold(strings.TrimSpace(field), fd.Key) {
				key = fd.Key
			}
		}
		tok := strings.TrimSpace(val)
		switch key {
		case "title":
			m.Title = val
		case "description":
			m.Description = val
		case "lang":
			m.Lang = tok
		case "scope":
			m.Scope = tok
		case "include":
			m.Include = s.idsOf(val)
		case "measurements":
			m.Measurements = s.idsOf(val)
		default:
			r.warnf(s.name, 0, rw.n, importer.RuleLost, "unknown field %q is left out", field)
		}
	}
}

// idsOf splits a multi-line cell into trimmed items.
func (s *rows) idsOf(v string) []string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// catalogue reads the rows of a personas, channels or owners sheet: the
// id (derived from the name when empty) and the name are required.
func (r *reader) catalogue(key, prefix string, each func(s *rows, rw row, id, name string, o journey.Origin)) {
	s := r.sheet(key)
	if s == nil || !r.require(s, "name") {
		return
	}
	ids := importer.NewIDs(prefix)
	for _, rw := range s.data {
		if id := s.token(rw, "id"); id != "" {
			ids.Reserve(id)
		}
	}
	for _, rw := range s.data {
		name := s.str(rw, "name")
		id := s.token(rw, "id")
		if strings.TrimSpace(name) == "" {
			r.errorf(s.name, s.col("name"), rw.n, importer.RuleValue, "no name; write one or delete the row")
			continue
		}
		if id == "" {
			id = ids.New(name)
		}
		each(s, rw, id, name, journey.Origin{From: s.token(rw, "from")})
	}
}

func (r *reader) personas(m *journey.Map) {
	r.catalogue(exportxlsx.SheetPersonas, "persona", func(s *rows, rw row, id, name string, o journey.Origin) {
		m.Personas = append(m.Personas, &journey.Persona{ID: id, Name: name, Role: s.str(rw, "role"),
			Goals: s.list(rw, "goals"), Needs: s.list(rw, "needs"), Pains: s.list(rw, "pains"), Quote: s.str(rw, "quote"), Origin: o})
	})
}

func (r *reader) channels(m *journey.Map) {
	r.catalogue(exportxlsx.SheetChannels, "channel", func(s *rows, rw row, id, name string, o journey.Origin) {
		kind := s.token(rw, "kind")
		if kind == "" {
			kind = "digital"
		}
		m.Channels = append(m.Channels, &journey.Channel{ID: id, Name: name, Kind: kind, Color: s.token(rw, "color"), Origin: o})
	})
}

func (r *reader) owners(m *journey.Map) {
	r.catalogue(exportxlsx.SheetOwners, "owner", func(s *rows, rw row, id, name string, o journey.Origin) {
		m.Owners = append(m.Owners, &journey.Owner{ID: id, Name: name, Color: s.token(rw, "color"), Origin: o})
	})
}

// stages reads the stages sheet; the result finds a stage by its id or,
// for a hand-filled sheet without ids, its name.
func (r *reader) stages(m *journey.Map) func(string) *journey.Stage {
	find := func(ref string) *journey.Stage {
		for _, st := range m.Stages {
			if st.ID != "" && st.ID == ref {
				return st
			}
		}
		for _, st := range m.Stages {
			if strings.TrimSpace(st.Name) == ref {
				return st
			}
		}
		return nil
	}
	s := r.sheet(exportxlsx.SheetStages)
	if s == nil || !r.require(s, "name") {
		return find
	}
	for _, rw := range s.data {
		name := s.str(rw, "name")
		if strings.TrimSpace(name) == "" {
			r.errorf(s.name, s.col("name"), rw.n, importer.RuleValue, "no name; write one or delete the row")
			continue
		}
		st := &journey.Stage{ID: s.token(rw, "id"), Name: name, Phase: s.token(rw, "phase"),
			Goal: s.str(rw, "goal"), Actions: s.list(rw, "actions"), Thoughts: s.list(rw, "thoughts"),
			Feelings: s.list(rw, "feelings"), Emotion: r.emotion(s, rw), Opportunities: s.list(rw, "opportunities"),
			Strategies: s.list(rw, "strategies")}
		if e := st.Emotion; e != nil {
			for i := range e.PerPersona {
				e.PerPersona[i].Persona = personaID(m, e.PerPersona[i].Persona)
			}
		}
		m.Stages = append(m.Stages, st)
	}
	// A hand-filled sheet may leave the ids out: derive them now (as
	// importer.Finish would), so transitions can name the stage.
	ids := importer.NewIDs("stage")
	for _, st := range m.Stages {
		if st.ID != "" {
			ids.Reserve(st.ID)
		}
	}
	for _, st := range m.Stages {
		if st.ID == "" {
			st.ID = ids.New(st.Name)
		}
	}
	return find
}

func (r *reader) touchpoints(m *journey.Map, stage func(string) *journey.Stage) {
	s := r.sheet(exportxlsx.SheetTouchpoints)
	if s == nil || !r.require(s, "stage") || !r.require(s, "name") {
		return
	}
	ix := journey.NewIndex(m)
	// A channel, an owner or a persona may be named instead of given by
	// id, in a hand-filled sheet.
	channel := func(v string) string {
		if v == "" || ix.Channel(v) != nil {
			return v
		}
		for _, c := range m.Channels {
			if strings.TrimSpace(c.Name) == v {
				return c.ID
			}
		}
		return v
	}
	owner := func(v string) string {
		if v == "" || ix.Owner(v) != nil {
			return v
		}
		for _, o := range m.Owners {
			if strings.TrimSpace(o.Name) == v {
				return o.ID
			}
		}
		return v
	}
	persona := func(v string) string { return personaID(m, v) }
	for _, rw := range s.data {
		ref := s.token(rw, "stage")
		st := stage(ref)
		if st == nil {
			r.errorf(s.name, s.col("stage"), rw.n, importer.RuleValue, "no stage %q on the stages sheet; write the id (or name) of a stage there", ref)
			continue
		}
		name := s.str(rw, "name")
		if strings.TrimSpace(name) == "" {
			r.errorf(s.name, s.col("name"), rw.n, importer.RuleValue, "no name; write one or delete the row")
			continue
		}
		t := &journey.Touchpoint{ID: s.token(rw, "id"), Name: name, Channel: channel(s.token(rw, "channel")),
			Owner: owner(s.token(rw, "owner")), Interactions: s.list(rw, "interactions"), Emotion: r.emotion(s, rw),
			Pains: s.list(rw, "pains"), Delights: s.list(rw, "delights"), Next: s.ids(rw, "next"),
			Backstage: s.list(rw, "backstage"), Evidence: s.token(rw, "evidence"), Source: s.str(rw, "source"),
			Notes: s.str(rw, "notes")}
		for _, p := range s.ids(rw, "personas") {
			t.Personas = append(t.Personas, persona(p))
		}
		if e := t.Emotion; e != nil {
			for i := range e.PerPersona {
				e.PerPersona[i].Persona = persona(e.PerPersona[i].Persona)
			}
		}
		mot, why := s.token(rw, "moment_of_truth"), s.str(rw, "reason")
		switch {
		case mot == "" && strings.TrimSpace(why) == "":
		case mot == "" || slices.Contains(yes, strings.ToLower(mot)):
			t.MomentOfTruth = &journey.MomentOfTruth{Reason: why}
		default:
			r.errorf(s.name, s.col("moment_of_truth"), rw.n, importer.RuleValue,
				"%q: write %q for a moment of truth (its reason in the next column) or leave the cell empty", mot, exportxlsx.Yes(m.Lang))
			continue
		}
		st.Touchpoints = append(st.Touchpoints, t)
	}
}

func (r *reader) metrics(m *journey.Map, stage func(string) *journey.Stage) {
	s := r.sheet(exportxlsx.SheetMetrics)
	if s == nil || !r.require(s, "name") {
		return
	}
	find := func(ref string) (*journey.Stage, *journey.Touchpoint) {
		for _, st := range m.Stages {
			for _, t := range st.Touchpoints {
				if t.ID == ref {
					return st, t
				}
			}
		}
		for _, st := range m.Stages {
			for _, t := range st.Touchpoints {
				if strings.TrimSpace(t.Name) == ref {
					return st, t
				}
			}
		}
		return nil, nil
	}
	for _, rw := range s.data {
		name := s.str(rw, "name")
		if strings.TrimSpace(name) == "" {
			r.errorf(s.name, s.col("name"), rw.n, importer.RuleValue, "no name; write one or delete the row")
			continue
		}
		value, ok1 := r.number(s, rw, "value")
		target, ok2 := r.number(s, rw, "target")
		if !ok1 || !ok2 {
			continue
		}
		better := s.token(rw, "better")
		if better == "" {
			better = "higher"
		}
		x := &journey.Metric{ID: s.token(rw, "id"), Name: name, Value: value, Stated: value, Target: target, Unit: s.str(rw, "unit"), Better: better}
		if ref := s.token(rw, "touchpoint"); ref != "" {
			_, t := find(ref)
			if t == nil {
				r.errorf(s.name, s.col("touchpoint"), rw.n, importer.RuleValue, "no touchpoint %q on the touchpoints sheet; write the id of one, or leave the cell empty for a stage KPI", ref)
				continue
			}
			t.Metrics = append(t.Metrics, x)
			continue
		}
		ref := s.token(rw, "stage")
		st := stage(ref)
		if st == nil {
			r.errorf(s.name, max(s.col("stage"), 0), rw.n, importer.RuleValue, "no stage %q on the stages sheet; write the id of the stage (or the touchpoint) the metric belongs to", ref)
			continue
		}
		st.Metrics = append(st.Metrics, x)
	}
}

// personaID is the id of the persona v names: its id, or its name in a
// hand-filled sheet; else v as it is (validate reports it).
func personaID(m *journey.Map, v string) string {
	for _, p := range m.Personas {
		if p.ID == v {
			return v
		}
	}
	for _, p := range m.Personas {
		if strings.TrimSpace(p.Name) == v {
			return p.ID
		}
	}
	return v
}

func (r *reader) transitions(m *journey.Map, stage func(string) *journey.Stage) {
	s := r.sheet(exportxlsx.SheetTransitions)
	if s == nil || !r.require(s, "from") || !r.require(s, "to") {
		return
	}
	for _, rw := range s.data {
		ref := func(key string) string {
			v := s.token(rw, key)
			if st := stage(v); st != nil {
				return st.ID
			}
			return v // validate reports an unknown stage
		}
		m.Transitions = append(m.Transitions, &journey.Transition{From: ref("from"), To: ref("to"), Label: s.str(rw, "label")})
	}
}
