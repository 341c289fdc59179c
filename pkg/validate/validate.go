package validate

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/suggest"
)

// IDPattern is what every id must match; ValidID is the same test without
// the regular expression.
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// ValidID reports whether id matches IDPattern.
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

// EmotionMin and EmotionMax bound every emotion value.
const (
	EmotionMin = -2
	EmotionMax = 2
)

// Map checks m and returns its findings, unsorted (diag.Normalize sorts
// them). It reports nothing for a nil map. Entries that came from an
// included catalogue are checked for ids and duplicates like the map's own
// but are never reported as unused.
func Map(m *journey.Map) diag.Diagnostics { return MapWith(m, Options{}) }

// Options tune Map.
type Options struct {
	// IncludeFailed says that an include of the map could not be loaded
	// in full (a missing file, a syntax error in it …), so the personas,
	// channels and owners it would have declared are not known: references
	// to unknown ones are not reported (one missing include, one finding,
	// not one more per use with a misleading "did you mean").
	IncludeFailed bool
}

// MapWith is Map with options.
func MapWith(m *journey.Map, opts Options) diag.Diagnostics {
	if m == nil {
		return nil
	}
	v := &validator{m: m, opts: opts}
	v.ids()
	v.references()
	v.emotions()
	v.warnings()
	v.measurements()
	return v.diags
}

type validator struct {
	m           *journey.Map
	opts        Options
	diags       diag.Diagnostics
	suggestions int
	// meant holds "kind id" for the ids suggested for unknown references.
	meant map[string]bool
}

// maxSuggestions bounds the "did you mean" searches of one map.
const maxSuggestions = 500

func (v *validator) errorf(r diag.Range, rule, format string, args ...any) {
	v.diags = append(v.diags, diag.Errorf(r, rule, format, args...))
}

func (v *validator) warnf(r diag.Range, rule, format string, args ...any) {
	v.diags = append(v.diags, diag.Warningf(r, rule, format, args...))
}

// idSet tracks the ids of one kind, for duplicates.
type idSet struct {
	kind  string
	first map[string]diag.Range
}

func newIDSet(kind string) *idSet { return &idSet{kind: kind, first: map[string]diag.Range{}} }

func (v *validator) id(set *idSet, id string, src journey.Source) {
	if strings.TrimSpace(id) == "" {
		return // missing or empty: the loader reported it
	}
	r := src.Key("id")
	v.badID(set.kind, id, r)
	if first, dup := set.first[id]; dup {
		v.errorf(r, RuleDuplicateID, "duplicate %s id `%s`: the first is at %s; rename one of them", set.kind, id, where(first, r))
		return
	}
	set.first[id] = r
}

// badID reports an id that is not a slug.
func (v *validator) badID(kind, id string, r diag.Range) {
	if strings.TrimSpace(id) == "" || ValidID(id) {
		return
	}
	hint := ""
	if s := Slug(id); s != "" && s != id {
		hint = fmt.Sprintf(" (e.g. `%s`)", s)
	}
	v.errorf(r, RuleBadID, "%s id %q is not valid: use lowercase ASCII letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters%s", kind, id, hint)
}

// where names the position of first as seen from r: "line 4" in the same
// file, "catalogue.yaml:4" in another.
func where(first, r diag.Range) string {
	if first.Filename == r.Filename {
		return fmt.Sprintf("line %d", first.Start.Line)
	}
	return fmt.Sprintf("%s:%d", first.Filename, first.Start.Line)
}

// Slug turns a label into a valid id where it can ("Sales Team" → "sales-team").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-_")
	}
	if !IDPattern.MatchString(out) {
		return ""
	}
	return out
}

func (v *validator) ids() {
	m := v.m
	personas, channels, owners := newIDSet("persona"), newIDSet("channel"), newIDSet("owner")
	stages, touchpoints, metrics := newIDSet("stage"), newIDSet("touchpoint"), newIDSet("metric")
	for _, p := range m.Personas {
		v.id(personas, p.ID, p.Src)
	}
	for _, c := range m.Channels {
		v.id(channels, c.ID, c.Src)
	}
	for _, o := range m.Owners {
		v.id(owners, o.ID, o.Src)
	}
	// `stages` with items that all failed to load was reported by the
	// loader already.
	if !m.Catalogue && len(m.Stages) == 0 && m.Src.Item("stages", 0) == m.Src.Key("stages") {
		v.errorf(m.Src.Key("stages"), RuleNoStages, "the map has no stages; add at least one under `stages` (a file without a `stages` key is a catalogue)")
	}
	for _, s := range m.Stages {
		v.id(stages, s.ID, s.Src)
		for _, t := range s.Touchpoints {
			v.id(touchpoints, t.ID, t.Src)
		}
	}
	v.metricIDs(metrics)
}

// metricIDs checks the ids of the metrics: unique in the whole map (stage
// and touchpoint metrics together), so that measurement files can name
// them. They are taken in file order, so that the second declaration is
// the one reported.
func (v *validator) metricIDs(set *idSet) {
	refs := journey.Metrics(v.m)
	slices.SortStableFunc(refs, func(a, b journey.MetricRef) int {
		return cmp.Or(cmp.Compare(a.Metric.Src.Range.Start.Line, b.Metric.Src.Range.Start.Line),
			cmp.Compare(a.Metric.Src.Range.Start.Column, b.Metric.Src.Range.Start.Column))
	})
	for _, r := range refs {
		v.id(set, r.Metric.ID, r.Metric.Src)
	}
}

// unknown reports a reference to an id that is not declared.
func (v *validator) unknown(r diag.Range, rule, kind, list, id string, ids idList) {
	if v.opts.IncludeFailed && (kind == "persona" || kind == "channel" || kind == "owner") {
		return // the include that failed may have declared it
	}
	known := ids.ids
	if len(known) == 0 {
		with := ""
		if ids.any {
			with = " with an id" // only empty ones, reported by the loader
		}
		v.errorf(r, rule, "unknown %s `%s`: the map declares no %ss%s; declare it under `%s`", kind, id, kind, with, list)
		return
	}
	// Suggestions cost a comparison with every declared id: a map with
	// thousands of broken references gets them for the first ones only.
	if v.suggestions < maxSuggestions {
		v.suggestions++
		if c, ok := suggest.Closest(id, known); ok {
			v.errorf(r, rule, "unknown %s `%s`; did you mean `%s`?", kind, id, c)
			// The id meant is not also unused (or unreachable): one
			// mistake, one finding.
			if v.meant == nil {
				v.meant = map[string]bool{}
			}
			v.meant[kind+" "+c] = true
			return
		}
	}
	v.errorf(r, rule, "unknown %s `%s`; declare it under `%s` or use one of %s", kind, id, list, listIDs(known))
}

// idList is the ids of one kind that messages offer: each once, empty ones
// left out; any says whether elements of the kind exist at all.
type idList struct {
	ids []string
	any bool
}

// declared returns the ids without empty ones and repeats (an id declared
// twice is listed once), in their order.
func declared(ids []string) idList {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return idList{ids: out, any: len(ids) > 0}
}

// listIDs quotes up to eight ids.
func listIDs(ids []string) string {
	const most = 8
	var b strings.Builder
	for i, id := range ids {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(ids)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + id + "`")
	}
	return b.String()
}

func (v *validator) references() {
	m := v.m
	personaIDs := make([]string, 0, len(m.Personas))
	for _, p := range m.Personas {
		personaIDs = append(personaIDs, p.ID)
	}
	channelIDs := make([]string, 0, len(m.Channels))
	for _, c := range m.Channels {
		channelIDs = append(channelIDs, c.ID)
	}
	ownerIDs := make([]string, 0, len(m.Owners))
	for _, o := range m.Owners {
		ownerIDs = append(ownerIDs, o.ID)
	}
	var stageIDs, touchpointIDs []string
	for _, s := range m.Stages {
		stageIDs = append(stageIDs, s.ID)
		for _, t := range s.Touchpoints {
			touchpointIDs = append(touchpointIDs, t.ID)
		}
	}
	persona, channel, owner := set(personaIDs), set(channelIDs), set(ownerIDs)
	stage, touchpoint := set(stageIDs), set(touchpointIDs)
	// The ids the messages list, each once: made once per map, not per
	// unknown reference.
	personaList, channelList, ownerList := declared(personaIDs), declared(channelIDs), declared(ownerIDs)
	stageList, touchpointList := declared(stageIDs), declared(touchpointIDs)

	for _, s := range m.Stages {
		if e := s.Emotion; e.IsPerPersona() {
			for _, pe := range e.PerPersona {
				if !persona[pe.Persona] {
					v.unknown(pe.Src, RuleUnknownPersona, "persona", "personas", pe.Persona, personaList)
				}
			}
		}
		for _, t := range s.Touchpoints {
			if t.Channel != "" && !channel[t.Channel] {
				v.unknown(t.Src.Key("channel"), RuleUnknownChannel, "channel", "channels", t.Channel, channelList)
			}
			if t.Owner != "" && !owner[t.Owner] {
				v.unknown(t.Src.Key("owner"), RuleUnknownOwner, "owner", "owners", t.Owner, ownerList)
			}
			if len(t.Personas) == 0 && t.Src.Has("personas") {
				v.warnf(t.Src.Key("personas"), RuleEmptyPersonas,
					"`personas: []` on touchpoint `%s` lists nobody, yet a touchpoint without `personas` meets every persona; drop the key if it meets everyone, or list the personas it meets", t.ID)
			}
			seen := map[string]bool{}
			for i, p := range t.Personas {
				r := t.Src.Item("personas", i)
				switch {
				case p == "":
				case !persona[p]:
					v.unknown(r, RuleUnknownPersona, "persona", "personas", p, personaList)
				case seen[p]:
					v.warnf(r, RuleDuplicateReference, "persona `%s` is listed twice in `personas`; remove one", p)
				}
				seen[p] = true
			}
			if e := t.Emotion; e.IsPerPersona() {
				for _, pe := range e.PerPersona {
					switch {
					case !persona[pe.Persona]:
						v.unknown(pe.Src, RuleUnknownPersona, "persona", "personas", pe.Persona, personaList)
					case !t.Meets(pe.Persona):
						v.warnf(pe.Src, RuleEmotionPersonaNotMet,
							"persona `%s` has an emotion here but is not in this touchpoint's `personas`; add it there or remove its emotion", pe.Persona)
					}
				}
			}
			seen = map[string]bool{}
			for i, n := range t.Next {
				r := t.Src.Item("next", i)
				switch {
				case n == "":
				case !touchpoint[n]:
					v.unknown(r, RuleUnknownTouchpoint, "touchpoint", "touchpoints", n, touchpointList)
				case n == t.ID:
					v.warnf(r, RuleSelfNext, "touchpoint `%s` lists itself in `next`; remove it (a repeated visit needs no link)", n)
				case seen[n]:
					v.warnf(r, RuleDuplicateReference, "touchpoint `%s` is listed twice in `next`; remove one", n)
				}
				seen[n] = true
			}
		}
	}
	for _, tr := range m.Transitions {
		if tr.From != "" && !stage[tr.From] {
			v.unknown(tr.Src.Key("from"), RuleUnknownStage, "stage", "stages", tr.From, stageList)
		}
		if tr.To != "" && !stage[tr.To] {
			v.unknown(tr.Src.Key("to"), RuleUnknownStage, "stage", "stages", tr.To, stageList)
		}
		if tr.From != "" && tr.From == tr.To {
			v.warnf(tr.Src.Range, RuleSelfTransition, "this transition goes from stage `%s` to itself; point `to` at another stage or remove it", tr.From)
		}
	}
}

func set(ids []string) map[string]bool {
	s := make(map[string]bool, len(ids))
	for _, id := range ids {
		s[id] = true
	}
	return s
}

func (v *validator) emotions() {
	for _, s := range v.m.Stages {
		v.emotion(s.Emotion)
		for _, t := range s.Touchpoints {
			v.emotion(t.Emotion)
		}
	}
}

func inRange(x float64) bool { return x >= EmotionMin && x <= EmotionMax && !math.IsNaN(x) }

func (v *validator) emotion(e *journey.Emotion) {
	if e == nil {
		return
	}
	if !e.IsPerPersona() {
		if !inRange(e.Value) {
			v.errorf(e.Src.Range, RuleEmotionRange, "emotion %v is outside [-2, 2]; use -2 (very negative) … 0 (neutral) … 2 (delight)", e.Value)
		}
		return
	}
	for _, pe := range e.PerPersona {
		if !inRange(pe.Value) {
			v.errorf(e.Src.Key(pe.Persona), RuleEmotionRange, "emotion %v of persona `%s` is outside [-2, 2]; use -2 (very negative) … 0 (neutral) … 2 (delight)", pe.Value, pe.Persona)
		}
	}
}

func (v *validator) warnings() {
	m := v.m
	usesNext := false
	for _, s := range m.Stages {
		for _, t := range s.Touchpoints {
			if len(t.Next) > 0 {
				usesNext = true
			}
		}
	}
	reached := map[string]bool{}
	usedPersona, usedChannel, usedOwner := map[string]bool{}, map[string]bool{}, map[string]bool{}
	everyPersona := false
	first := true
	for _, s := range m.Stages {
		if len(s.Touchpoints) == 0 && !s.Src.Misspelt("touchpoints") {
			v.warnf(s.Src.Range, RuleStageNoTouchpoints, "stage `%s` has no touchpoints; add the moments of contact under `touchpoints`", s.ID)
		}
		pains := false
		for _, t := range s.Touchpoints {
			if t.IsPain() {
				pains = true
			}
			if t.IsMomentOfTruth() && t.Owner == "" {
				v.warnf(t.Src.Key("moment_of_truth"), RuleMomentNoOwner, "touchpoint `%s` is a moment of truth but has no owner; name the team responsible with `owner`", t.ID)
			}
			if t.Channel != "" {
				usedChannel[t.Channel] = true
			}
			if t.Owner != "" {
				usedOwner[t.Owner] = true
			}
			if len(t.Personas) == 0 {
				everyPersona = true
			}
			for _, p := range t.Personas {
				usedPersona[p] = true
			}
			if t.Emotion.IsPerPersona() {
				for _, pe := range t.Emotion.PerPersona {
					usedPersona[pe.Persona] = true
				}
			}
			for _, n := range t.Next {
				if n != t.ID {
					reached[n] = true
				}
			}
			v.metrics(t.Metrics)
		}
		if s.Emotion.IsPerPersona() {
			for _, pe := range s.Emotion.PerPersona {
				usedPersona[pe.Persona] = true
			}
		}
		if pains && len(s.Opportunities) == 0 && !s.Src.Misspelt("opportunities") {
			v.warnf(s.Src.Range, RulePainsNoOpportunities, "stage `%s` has pain points but no opportunities; say what could be improved under `opportunities`", s.ID)
		}
		v.metrics(s.Metrics)
	}
	if usesNext {
		for _, s := range m.Stages {
			for _, t := range s.Touchpoints {
				if first {
					first = false
					continue
				}
				if t.ID != "" && !reached[t.ID] && !v.meant["touchpoint "+t.ID] {
					v.warnf(t.Src.Range, RuleUnreachable, "no `next` leads to touchpoint `%s`; link it from the touchpoint before it, or it is a dead end in the flow", t.ID)
				}
			}
		}
	}
	if m.Catalogue {
		return
	}
	// An id declared twice is a duplicate-id error already: the used
	// maps are marked as each id is reported, so it is reported once.
	if !everyPersona {
		for _, p := range m.Personas {
			if !p.Included() && p.ID != "" && !usedPersona[p.ID] && !v.meant["persona "+p.ID] {
				usedPersona[p.ID] = true
				v.warnf(p.Src.Range, RuleUnusedPersona, "persona `%s` meets no touchpoint; list it in a touchpoint's `personas` or remove it", p.ID)
			}
		}
	}
	for _, c := range m.Channels {
		if !c.Included() && c.ID != "" && !usedChannel[c.ID] && !v.meant["channel "+c.ID] {
			usedChannel[c.ID] = true
			v.warnf(c.Src.Range, RuleUnusedChannel, "channel `%s` is used by no touchpoint; use it in a touchpoint's `channel` or remove it", c.ID)
		}
	}
	for _, o := range m.Owners {
		if !o.Included() && o.ID != "" && !usedOwner[o.ID] && !v.meant["owner "+o.ID] {
			usedOwner[o.ID] = true
			v.warnf(o.Src.Range, RuleUnusedOwner, "owner `%s` owns no touchpoint; name it in a touchpoint's `owner` or remove it", o.ID)
		}
	}
}

// MetricMax bounds the magnitude of a metric's value and target: larger
// numbers are typing mistakes, and their differences overflow to infinity
// (which JSON cannot carry and the views would print as "Inf").
const MetricMax = 1e15

func (v *validator) metrics(ms []*journey.Metric) {
	for _, mt := range ms {
		stated := mt.Value // the file's own value; measurements are checked at their cells
		if len(mt.History) > 0 {
			stated = mt.Stated
		}
		for _, k := range []struct {
			key string
			x   *float64
		}{{"value", stated}, {"target", mt.Target}} {
			if k.x != nil && math.Abs(*k.x) > MetricMax {
				v.errorf(mt.Src.Key(k.key), RuleMetricRange,
					"the %s %g of metric `%s` is beyond ±1e15, the largest magnitude a metric may have; check the number (a unit such as `M` can shorten it)", k.key, *k.x, mt.ID)
			}
		}
		// A `value` that failed to load was reported by the loader.
		if mt.Target != nil && mt.Value == nil && !mt.Src.Has("value") {
			v.warnf(mt.Src.Key("target"), RuleTargetNoValue, "metric `%s` has a target but no value; add the current `value` so reports can compare", mt.ID)
		}
	}
}
