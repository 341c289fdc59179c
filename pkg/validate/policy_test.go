package validate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// on is a set that turns the named policy rules on, with the default
// parameters and a fixed today.
func on(rules ...string) *ruleset.Set {
	s := &ruleset.Set{Rules: map[string]ruleset.Level{}, MaxAssumed: 30, MaxEvidenceAge: 365,
		Today: time.Date(2026, 6, 1, 15, 0, 0, 0, time.UTC)}
	for _, r := range rules {
		s.Rules[r] = ruleset.Warning
	}
	return s
}

// policyOf returns the findings of src under set, those of the given
// rules only.
func policyOf(t *testing.T, src string, set *ruleset.Set, rules ...string) diag.Diagnostics {
	t.Helper()
	res := check.Bytes("m.yaml", []byte(src), check.Options{Rules: set})
	var out diag.Diagnostics
	for _, d := range res.Diags {
		for _, r := range rules {
			if d.Rule == r {
				out = append(out, d)
			}
		}
	}
	return out
}

// TestPolicyRules checks each policy rule with its line and column: it
// reports when turned on, and nothing when off.
func TestPolicyRules(t *testing.T) {
	tests := []struct {
		name string
		rule string
		set  *ruleset.Set // nil: on(rule)
		src  string
		want string
		msg  string
	}{
		{"moment without evidence", validate.RuleMomentEvidence, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints:
      - id: t
        name: T
        moment_of_truth: Decides
`, "9:26 warning moment-of-truth-evidence\n", "has no `evidence`"},
		{"moment on inferred evidence", validate.RuleMomentEvidence, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints:
      - {id: t, name: T, moment_of_truth: true, evidence: inferred}
      - {id: u, name: U, moment_of_truth: true, evidence: reported}
      - {id: v, name: V, moment_of_truth: true, evidence: observed}
      - {id: w, name: W, evidence: assumed}
`, "7:59 warning moment-of-truth-evidence\n", "`evidence: inferred`"},
		{"stage without KPI", validate.RuleStageNoKPI, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints: [{id: t, name: T}]
  - id: b
    name: B
    metrics: [{id: m, name: M, value: 1, target: 2}]
    touchpoints: [{id: u, name: U}]
`, "4:5 warning stage-without-kpi\n", "stage `a` has no KPI"},
		{"KPI without target", validate.RuleKPINoTarget, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    metrics:
      - {id: conv, name: Conversion, value: 0.3}
      - {id: leads, name: Leads, value: 10, target: 20}
    touchpoints:
      - {id: t, name: T, metrics: [{id: rt, name: Response time, value: 3}]}
`, "7:9 warning kpi-without-target\n", "KPI `conv` of stage `a` has no target"},
		{"using part without feedback", validate.RuleNoFeedback, nil, `cjm: 1
title: T
stages:
  - id: buy
    name: Buy
    phase: buying
    touchpoints: [{id: t, name: T, metrics: [{id: nps, name: NPS}]}]
  - id: use
    name: Use
    phase: using
    touchpoints: [{id: u, name: U, metrics: [{id: tickets, name: Tickets}]}]
`, "10:12 warning no-feedback-touchpoint\n", "`CSAT`, `NPS`, `CES`"},
		{"feedback by metric name", validate.RuleNoFeedback, nil, `cjm: 1
title: T
stages:
  - id: use
    name: Use
    phase: using
    touchpoints: [{id: u, name: U, metrics: [{id: survey, name: Post-call CSAT score}]}]
`, "", ""},
		{"feedback by metric id", validate.RuleNoFeedback, nil, `cjm: 1
title: T
stages:
  - id: use
    name: Use
    phase: using
    touchpoints: [{id: u, name: U, metrics: [{id: ces-after-call, name: Effort}]}]
`, "", ""},
		{"a word inside another is no feedback metric", validate.RuleNoFeedback, nil, `cjm: 1
title: T
stages:
  - id: use
    name: Use
    phase: using
    touchpoints: [{id: u, name: U, metrics: [{id: processes, name: Processes}]}]
`, "6:12 warning no-feedback-touchpoint\n", ""},
		{"no using stages: nothing to ask", validate.RuleNoFeedback, nil, `cjm: 1
title: T
scope: buyer
stages:
  - {id: buy, name: Buy, phase: buying, touchpoints: [{id: t, name: T}]}
`, "", ""},
		{"too many assumed", validate.RuleTooManyAssumed, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints:
      - {id: t, name: T, evidence: assumed}
      - {id: u, name: U}
      - {id: v, name: V, evidence: observed}
`, "4:3 warning too-many-assumed\n", "2 of 3 touchpoints (67%)"},
		{"assumed within the limit", validate.RuleTooManyAssumed, &ruleset.Set{Rules: map[string]ruleset.Level{validate.RuleTooManyAssumed: ruleset.Error}, MaxAssumed: 50}, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints:
      - {id: t, name: T, evidence: assumed}
      - {id: v, name: V, evidence: observed}
`, "", ""},
		{"stale evidence", validate.RuleStaleEvidence, nil, `cjm: 1
title: T
stages:
  - id: a
    name: A
    touchpoints:
      - {id: t, name: T, evidence: observed, source: "Interviews 2025-05-31, report 2024-01-01"}
      - {id: u, name: U, evidence: observed, source: "Interviews 2025-06-01"}
      - {id: v, name: V, evidence: observed, source: "Survey 2025-13-45"}
      - {id: w, name: W, evidence: observed, source: "Ticket 12025-01-01x"}
`, "7:54 warning stale-evidence\n", "2025-05-31, 366 days ago; the policy allows 365"},
		{"declared in the map", validate.RuleDeclaredInMap, nil, `cjm: 1
title: T
personas: [{id: p, name: P}]
channels: [{id: web, name: Web}]
owners: [{id: o, name: O}]
stages:
  - id: a
    name: A
    touchpoints: [{id: t, name: T, channel: web, owner: o, personas: [p]}]
`, "3:12 warning declared-in-map\n4:12 warning declared-in-map\n5:10 warning declared-in-map\n", "persona `p` is declared in the map"},
		{"persona fields", validate.RulePersonaNoField, nil, `cjm: 1
title: T
personas:
  - {id: p, name: P}
  - {id: q, name: Q, role: Buyer}
  - {id: r, name: R, role: Buyer, goals: [Save time]}
stages:
  - id: a
    name: A
    touchpoints: [{id: t, name: T}]
`, "4:5 warning persona-missing-field\n5:5 warning persona-missing-field\n", "persona `p` has no `role` or `goals`"},
		{"persona fields chosen", validate.RulePersonaNoField, &ruleset.Set{Rules: map[string]ruleset.Level{validate.RulePersonaNoField: ruleset.Error}, PersonaFields: []string{"quote"}}, `cjm: 1
title: T
personas:
  - {id: p, name: P}
  - {id: q, name: Q, quote: "Just works"}
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}
`, "4:5 error persona-missing-field\n", "has no `quote`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := tt.set
			if set == nil {
				set = on(tt.rule)
			}
			ds := policyOf(t, tt.src, set, tt.rule)
			if g := got(ds); g != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", g, tt.want)
			}
			if tt.msg != "" && len(ds) > 0 && !strings.Contains(ds[0].Message, tt.msg) {
				t.Errorf("message %q lacks %q", ds[0].Message, tt.msg)
			}
			// Off by default: the same map reports nothing of the rule.
			if off := policyOf(t, tt.src, nil, tt.rule); len(off) > 0 {
				t.Errorf("reported without a configuration: %v", off)
			}
		})
	}
}

// TestPolicyCatalogue: a catalogue is where declarations belong, and
// included entries are not declared in the map.
func TestPolicyCatalogue(t *testing.T) {
	cat := "cjm: 1\npersonas: [{id: p, name: P}]\n"
	if ds := policyOf(t, cat, on(validate.RuleDeclaredInMap), validate.RuleDeclaredInMap); len(ds) > 0 {
		t.Errorf("a catalogue: %v", ds)
	}
}

// TestLevels checks that a set's levels change severities, drop rules set
// off, and leave fixed errors alone.
func TestLevels(t *testing.T) {
	src := `cjm: 1
title: T
stages:
  - {id: a, name: A}
  - {id: b, name: B, touchpoints: [{id: t, name: T, pains: [Slow]}]}
`
	set := &ruleset.Set{Rules: map[string]ruleset.Level{
		validate.RuleStageNoTouchpoints:   ruleset.Off,
		validate.RulePainsNoOpportunities: ruleset.Error,
	}}
	res := check.Bytes("m.yaml", []byte(src), check.Options{Rules: set})
	if g, want := got(res.Diags), "5:5 error pains-without-opportunities\n"; g != want {
		t.Errorf("with levels:\n%s\nwant:\n%s", g, want)
	}
	res = check.Bytes("m.yaml", []byte(src), check.Options{})
	if g, want := got(res.Diags), "4:5 warning stage-without-touchpoints\n5:5 warning pains-without-opportunities\n"; g != want {
		t.Errorf("without:\n%s\nwant:\n%s", g, want)
	}
}

func TestSourceDate(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"Interviews 2025-03-14", "2025-03-14"},
		{"2024-01-01 and 2025-02-28", "2025-02-28"},
		{"2025-02-30", ""},
		{"ticket 120250101", ""},
		{"", ""},
	} {
		d, ok := validate.SourceDate(tt.in)
		g := ""
		if ok {
			g = d.Format("2006-01-02")
		}
		if g != tt.want {
			t.Errorf("SourceDate(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

// TestLang: the configuration's lang is the default of maps without one.
func TestLang(t *testing.T) {
	set := &ruleset.Set{Lang: "ru"}
	for src, want := range map[string]string{
		"cjm: 1\ntitle: T\nstages: [{id: a, name: A, touchpoints: [{id: t, name: T}]}]\n":           "ru",
		"cjm: 1\ntitle: T\nlang: en\nstages: [{id: a, name: A, touchpoints: [{id: t, name: T}]}]\n": "en",
	} {
		res := check.Bytes("m.yaml", []byte(src), check.Options{Rules: set})
		if res.Map == nil || res.Map.Lang != want {
			t.Errorf("lang %v, want %s", res.Map, want)
		}
	}
}
