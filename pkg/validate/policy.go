package validate

import (
	"regexp"
	"strings"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/ruleset"
)

// Names of the policy rules: off unless a project configuration turns
// them on (docs/config.md).
const (
	RuleMomentEvidence   = "moment-of-truth-evidence"
	RuleStageNoKPI       = "stage-without-kpi"
	RuleKPINoTarget      = "kpi-without-target"
	RuleNoFeedback       = "no-feedback-touchpoint"
	RuleTooManyAssumed   = "too-many-assumed"
	RuleStaleEvidence    = "stale-evidence"
	RuleDeclaredInMap    = "declared-in-map"
	RulePersonaNoField   = "persona-missing-field"
	RuleSuppressNoReason = "suppression-without-reason"
	RuleUnusedSuppress   = "unused-suppression"
	RuleUnknownRule      = "unknown-rule"
	RuleFixedRule        = "fixed-rule"
)

// PersonaFields are the persona keys that rule persona-missing-field can
// require.
var PersonaFields = []string{"role", "goals", "needs", "pains", "quote"}

// Policy returns the findings of the policy rules that set turns on (level
// warning or error), as warnings: check applies the levels afterwards. It
// reports nothing for a nil map or a nil set.
func Policy(m *journey.Map, set *ruleset.Set) diag.Diagnostics {
	if m == nil || set == nil {
		return nil
	}
	p := &policy{validator: validator{m: m}, set: set}
	p.run()
	return p.diags
}

type policy struct {
	validator
	set *ruleset.Set
}

// on reports whether the set turns rule on.
func (p *policy) on(rule string) bool {
	_, ok := p.set.Level(rule).Severity()
	return ok
}

func (p *policy) run() {
	m := p.m
	p.personas()
	if m.Catalogue {
		return // a catalogue has no stages; it is where declarations belong
	}
	p.declared()
	var total, assumed int
	for _, s := range m.Stages {
		if p.on(RuleStageNoKPI) && len(s.Metrics) == 0 && !s.Src.Misspelt("metrics") {
			p.warnf(s.Src.Range, RuleStageNoKPI, "stage `%s` has no KPI; add one under `metrics` (with a `target`) so the team can tell whether the stage works", s.ID)
		}
		if p.on(RuleKPINoTarget) {
			for _, mt := range s.Metrics {
				if mt.Target == nil && !mt.Src.Has("target") {
					p.warnf(mt.Src.Range, RuleKPINoTarget, "KPI `%s` of stage `%s` has no target; add `target` so reports can say whether it is met", mt.ID, s.ID)
				}
			}
		}
		for _, t := range s.Touchpoints {
			total++
			if t.Evidence == "" || t.Evidence == "assumed" {
				assumed++
			}
			if p.on(RuleMomentEvidence) && t.IsMomentOfTruth() && t.Evidence != "observed" && t.Evidence != "reported" {
				if t.Evidence == "" {
					p.warnf(t.Src.Key("moment_of_truth"), RuleMomentEvidence, "moment of truth `%s` has no `evidence`; the policy wants `observed` or `reported`, with the research under `source`", t.ID)
				} else {
					p.warnf(t.Src.Key("evidence"), RuleMomentEvidence, "moment of truth `%s` rests on `evidence: %s`; the policy wants `observed` or `reported`, with the research under `source`", t.ID, t.Evidence)
				}
			}
			if p.on(RuleStaleEvidence) && t.Source != "" {
				p.stale(t)
			}
		}
	}
	if p.on(RuleTooManyAssumed) && total > 0 {
		share := 100 * float64(assumed) / float64(total)
		if share > p.set.MaxAssumed {
			p.warnf(m.Src.Key("stages"), RuleTooManyAssumed,
				"%d of %d touchpoints (%.0f%%) have `evidence: assumed` or none; the policy allows at most %g%%: back them with research (`evidence: observed` or `reported`, and a `source`)",
				assumed, total, share, p.set.MaxAssumed)
		}
	}
	if p.on(RuleNoFeedback) {
		p.feedback()
	}
}

// personas checks the required persona fields, in the map and in the
// catalogues it includes (their findings point at the catalogue).
func (p *policy) personas() {
	if !p.on(RulePersonaNoField) {
		return
	}
	fields := p.set.PersonaFields
	if fields == nil {
		fields = ruleset.DefaultPersonaFields
	}
	for _, ps := range p.m.Personas {
		var missing []string
		for _, f := range fields {
			if personaHas(ps, f) || ps.Src.Misspelt(f) {
				continue
			}
			missing = append(missing, "`"+f+"`")
		}
		if len(missing) > 0 {
			p.warnf(ps.Src.Range, RulePersonaNoField, "persona `%s` has no %s; the policy requires %s for every persona", ps.ID, strings.Join(missing, " or "), listIDs(fields))
		}
	}
}

func personaHas(ps *journey.Persona, field string) bool {
	switch field {
	case "role":
		return strings.TrimSpace(ps.Role) != ""
	case "goals":
		return len(ps.Goals) > 0
	case "needs":
		return len(ps.Needs) > 0
	case "pains":
		return len(ps.Pains) > 0
	case "quote":
		return strings.TrimSpace(ps.Quote) != ""
	}
	return true
}

// declared reports personas, channels and owners the map declares itself
// rather than taking them from an included catalogue.
func (p *policy) declared() {
	if !p.on(RuleDeclaredInMap) {
		return
	}
	const hint = "move it to a catalogue that every map includes (`include: [catalogue/team.yaml]`), so all maps name it alike"
	for _, ps := range p.m.Personas {
		if !ps.Included() {
			p.warnf(ps.Src.Range, RuleDeclaredInMap, "persona `%s` is declared in the map; %s", ps.ID, hint)
		}
	}
	for _, c := range p.m.Channels {
		if !c.Included() {
			p.warnf(c.Src.Range, RuleDeclaredInMap, "channel `%s` is declared in the map; %s", c.ID, hint)
		}
	}
	for _, o := range p.m.Owners {
		if !o.Included() {
			p.warnf(o.Src.Range, RuleDeclaredInMap, "owner `%s` is declared in the map; %s", o.ID, hint)
		}
	}
}

// isoDate finds ISO dates (2025-03-14) in a source text.
var isoDate = regexp.MustCompile(`(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:$|[^0-9])`)

// SourceDate returns the latest valid ISO date (YYYY-MM-DD) in a
// touchpoint's source, and false when it holds none.
func SourceDate(source string) (time.Time, bool) {
	var latest time.Time
	found := false
	for _, mm := range isoDate.FindAllStringSubmatch(source, -1) {
		d, err := time.Parse("2006-01-02", mm[1]+"-"+mm[2]+"-"+mm[3])
		if err != nil {
			continue // 2025-13-40 is no date
		}
		if !found || d.After(latest) {
			latest, found = d, true
		}
	}
	return latest, found
}

func (p *policy) stale(t *journey.Touchpoint) {
	d, ok := SourceDate(t.Source)
	if !ok {
		return
	}
	max := p.set.MaxEvidenceAge
	if max <= 0 {
		max = ruleset.DefaultMaxEvidenceAge
	}
	now := p.set.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	age := int(today.Sub(d).Hours() / 24)
	if age > max {
		p.warnf(t.Src.Key("source"), RuleStaleEvidence, "the evidence of touchpoint `%s` dates from %s, %d days ago; the policy allows %d: repeat the research and update `source`",
			t.ID, d.Format("2006-01-02"), age, max)
	}
}

// feedback checks that the stages with `phase: using` have a feedback
// touchpoint: one with a metric whose id or name is one of the feedback
// metrics (CSAT, NPS, CES by default), compared as whole words without
// letter case.
func (p *policy) feedback() {
	var first *journey.Stage
	names := p.set.FeedbackMetrics
	if names == nil {
		names = ruleset.DefaultFeedbackMetrics
	}
	for _, s := range p.m.Stages {
		if s.Phase != "using" {
			continue
		}
		if first == nil {
			first = s
		}
		for _, t := range s.Touchpoints {
			for _, mt := range t.Metrics {
				if IsFeedbackMetric(mt, names) {
					return
				}
			}
		}
	}
	if first == nil {
		return // no customer journey part to ask for feedback in
	}
	p.warnf(first.Src.Key("phase"), RuleNoFeedback,
		"no touchpoint of the `phase: using` stages measures feedback; add a metric such as %s to the touchpoint where customers are asked (a survey, a review)", listIDs(upper(names)))
}

func upper(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToUpper(x)
	}
	return out
}

// IsFeedbackMetric reports whether the metric's id or name holds one of
// names as whole words, without letter case ("csat", "CSAT score",
// "post-call-nps"; not "csatisfaction").
func IsFeedbackMetric(mt *journey.Metric, names []string) bool {
	id, name := words(mt.ID), words(mt.Name)
	for _, n := range names {
		w := words(n)
		if w == "  " {
			continue
		}
		if strings.Contains(id, w) || strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// words lowercases s and joins its runs of letters and digits with single
// spaces, padded with a space on each side.
func words(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	return " " + strings.Join(f, " ") + " "
}
