package config

import (
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// preset is a named set of rule levels and policy parameters.
type preset struct {
	rules  map[string]ruleset.Level
	params func(*ruleset.Set)
}

// presets are the values of `policy:`. docs/config.md gives the reasoning
// of each choice; keep the two together.
var presets = map[string]preset{
	"b2b": {
		rules: map[string]ruleset.Level{
			// A moment of truth in B2B (a security review, a renewal
			// call) loses an account: someone answers for it, on research.
			validate.RuleMomentNoOwner:  ruleset.Error,
			validate.RuleMomentEvidence: ruleset.Error,
			// Long cycles are managed by their stage KPIs.
			validate.RuleStageNoKPI:  ruleset.Warning,
			validate.RuleKPINoTarget: ruleset.Warning,
			// Accounts renew: the using part measures satisfaction.
			validate.RuleNoFeedback: ruleset.Warning,
			// A known pain with no idea against it is unfinished work.
			validate.RulePainsNoOpportunities: ruleset.Warning,
			validate.RuleTooManyAssumed:       ruleset.Warning,
			validate.RuleStaleEvidence:        ruleset.Warning,
			// One catalogue of the buying committee, channels and teams.
			validate.RuleDeclaredInMap: ruleset.Warning,
			// A buying committee is roles with goals.
			validate.RulePersonaNoField: ruleset.Error,
		},
		params: func(s *ruleset.Set) {
			s.MaxAssumed = 30
			s.MaxEvidenceAge = 365
			s.PersonaFields = []string{"role", "goals"}
			s.FeedbackMetrics = ruleset.DefaultFeedbackMetrics
		},
	},
}
