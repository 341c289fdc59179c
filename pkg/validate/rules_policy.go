package validate

import "github.com/cjm-dev/cjm/pkg/diag"

func init() { Rules = append(Rules, policyRules...) }

// policyRules are the policy rules (off unless the project configuration
// turns them on), then the rules of inline suppressions and of the
// configuration file; Rules lists them after the validator's.
var policyRules = []Rule{
	{
		Name: RuleMomentEvidence, Severity: diag.Warning, Policy: true,
		Description: "A moment of truth has no `evidence`, or evidence weaker than `reported`.",
		Why:         "Moments of truth decide whether a customer stays; a team should not bet them on what it assumes or infers.",
		Fix:         "Back the touchpoint with research: `evidence: observed` (seen in analytics, sessions, tests) or `reported` (interviews, surveys), and cite it under `source`.",
		Example:     "cjm: 1\ntitle: Onboarding\nowners: [{id: growth, name: Growth}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, owner: growth, moment_of_truth: First impression, evidence: assumed}\n",
	},
	{
		Name: RuleStageNoKPI, Severity: diag.Warning, Policy: true,
		Description: "A stage has no KPI (no `metrics`).",
		Why:         "Without a measure per stage nobody can tell which stage loses customers, or whether a change helped.",
		Fix:         "Add a metric under the stage's `metrics`, with its `value` and `target`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleKPINoTarget, Severity: diag.Warning, Policy: true,
		Description: "A stage's KPI has no `target`.",
		Why:         "A KPI without a target cannot be on or off target; reports show it as a bare number.",
		Fix:         "Add the `target` the team aims for (and `better: lower` when less is better).",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    metrics: [{id: conversion, name: Conversion, value: 0.3}]\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleNoFeedback, Severity: diag.Warning, Policy: true,
		Description: "The `phase: using` stages have no feedback touchpoint: none has a metric named like CSAT, NPS or CES.",
		Why:         "Once a customer uses the product, the map should say where their satisfaction is measured; otherwise churn is seen only when it happens.",
		Fix:         "Add a metric whose id or name holds `csat`, `nps` or `ces` as a word (the policy's `feedback-metrics` can name others) to the touchpoint where customers are asked.",
		Example:     "cjm: 1\ntitle: Support\nstages:\n  - id: support\n    name: Support\n    phase: using\n    touchpoints: [{id: ticket, name: Ticket}]\n",
	},
	{
		Name: RuleTooManyAssumed, Severity: diag.Warning, Policy: true,
		Description: "More than `max-assumed` percent of the map's touchpoints have `evidence: assumed` or no evidence.",
		Why:         "Most teams start from what they already believe; a map that is mostly assumption should say so and be researched before decisions rest on it.",
		Fix:         "Research the touchpoints and record it (`evidence: observed` or `reported`, with a `source`), or raise `max-assumed` in `.cjm.yaml` if the map is an early draft.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, evidence: assumed}\n      - {id: mail, name: E-mail, evidence: observed}\n",
	},
	{
		Name: RuleStaleEvidence, Severity: diag.Warning, Policy: true,
		Description: "A touchpoint's `source` carries an ISO date (YYYY-MM-DD) older than `max-evidence-age` days.",
		Why:         "Journeys change with the product; research a year old may no longer describe the journey customers take.",
		Fix:         "Repeat the research and update `source` with its date, or raise `max-evidence-age` in `.cjm.yaml`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, evidence: observed, source: Usability test 2001-05-04}\n",
	},
	{
		Name: RuleDeclaredInMap, Severity: diag.Warning, Policy: true,
		Description: "A persona, channel or owner is declared in the map instead of coming from an included catalogue.",
		Why:         "Across many maps, one catalogue keeps channels, owners and personas named alike (omnichannel consistency), so views across maps add up.",
		Fix:         "Move the declaration to a catalogue (a file without `stages`) and include it: `include: [catalogue/team.yaml]`.",
		Example:     "cjm: 1\ntitle: Onboarding\nchannels: [{id: web, name: Web}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, channel: web}]\n",
	},
	{
		Name: RulePersonaNoField, Severity: diag.Warning, Policy: true,
		Description: "A persona lacks a field the policy requires (`persona-fields`; by default `role` and `goals`).",
		Why:         "A persona with only a name is a label, not a person the team can design for; in B2B the role says who in the buying committee it is.",
		Fix:         "Add the fields named, in the map or in the catalogue that declares the persona.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas: [{id: admin, name: Admin}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleSuppressNoReason, Severity: diag.Warning,
		Description: "A `# cjm:ignore` comment gives no reason after `--`.",
		Why:         "A suppression hides a finding from everyone who reads the map later; the reason tells them whether it still holds.",
		Fix:         "Say why after `--`: `# cjm:ignore unused-owner -- kept for the Q3 roadmap`.",
		Example:     "cjm: 1\ntitle: Onboarding\nowners: [{id: growth, name: Growth}]  # cjm:ignore unused-owner\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleUnusedSuppress, Severity: diag.Warning,
		Description: "A rule named in a `# cjm:ignore` comment suppresses nothing: no such finding on that line, no such rule, or an error that cannot be suppressed.",
		Why:         "A suppression left behind after the finding was fixed would hide the next finding of that rule on the line.",
		Fix:         "Remove the comment or the rule name, or put the comment on the finding's line or the line above it. Only warnings and policy rules can be suppressed; errors must be fixed.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  # cjm:ignore stage-without-touchpoints -- drafted later\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleUnknownRule, Severity: diag.Error,
		Description: "`rules:` in `.cjm.yaml` names a rule that does not exist; the closest name is suggested.",
		Why:         "A misspelt rule name would leave the rule at its default in silence.",
		Fix:         "Use a name from this page.",
		Example:     "$ cjm validate maps/\n.cjm.yaml:3:3: error: unknown rule `stage-without-kpis`; did you mean `stage-without-kpi`? [unknown-rule]\n",
		Shell:       true,
	},
	{
		Name: RuleFixedRule, Severity: diag.Error,
		Description: "`rules:` in `.cjm.yaml` tries to change an error rule of the loader or validator, which is fixed.",
		Why:         "Those errors make a map unreadable or its outputs wrong (an unknown key drops content, an unknown reference draws nothing); no configuration may let them through.",
		Fix:         "Remove the line and fix the findings; only warnings and policy rules can be set `off`, `warning` or `error`.",
		Example:     "$ cjm validate maps/\n.cjm.yaml:3:3: error: `unknown-key` is an error that cannot be changed; only warnings and policy rules can be set [fixed-rule]\n",
		Shell:       true,
	},
}
