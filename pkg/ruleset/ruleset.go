package ruleset

import (
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// Level is what the configuration makes of a rule.
type Level int

const (
	// Default leaves the rule as the registry has it (policy rules off).
	Default Level = iota
	// Off drops the rule's findings.
	Off
	// Warning reports them as warnings.
	Warning
	// Error reports them as errors.
	Error
)

// Levels are the names of the levels a configuration may write, in the
// order of Level (Default has no name).
var Levels = []string{"off", "warning", "error"}

// ParseLevel returns the level named s, and false for any other text.
func ParseLevel(s string) (Level, bool) {
	switch s {
	case "off":
		return Off, true
	case "warning":
		return Warning, true
	case "error":
		return Error, true
	}
	return Default, false
}

func (l Level) String() string {
	switch l {
	case Off:
		return "off"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "default"
}

// Severity is the finding severity of Warning and Error; ok is false for
// Default and Off.
func (l Level) Severity() (s diag.Severity, ok bool) {
	switch l {
	case Warning:
		return diag.Warning, true
	case Error:
		return diag.Error, true
	}
	return diag.Error, false
}

// Defaults of the policy parameters.
const (
	DefaultMaxAssumed     = 30
	DefaultMaxEvidenceAge = 365
)

// DefaultPersonaFields and DefaultFeedbackMetrics are the defaults of
// Set.PersonaFields and Set.FeedbackMetrics.
var (
	DefaultPersonaFields   = []string{"role", "goals"}
	DefaultFeedbackMetrics = []string{"csat", "nps", "ces"}
)

// Set is the configuration of the rules for one map. The zero Set changes
// nothing; a nil *Set is the zero Set.
type Set struct {
	// Rules maps a rule name to its level; a rule not listed keeps the
	// registry's severity (policy rules are then off).
	Rules map[string]Level
	// MaxAssumed is the largest share, in percent, of touchpoints with
	// `evidence: assumed` or none (rule too-many-assumed).
	MaxAssumed float64
	// MaxEvidenceAge is the largest age, in days, of the date a
	// touchpoint's `source` carries (rule stale-evidence).
	MaxEvidenceAge int
	// PersonaFields are the persona keys rule persona-missing-field
	// requires: role, goals, needs, pains, quote.
	PersonaFields []string
	// FeedbackMetrics are the metric ids and names (compared without
	// letter case, as whole words) that make a touchpoint a feedback
	// touchpoint (rule no-feedback-touchpoint).
	FeedbackMetrics []string
	// Lang is the `lang` of maps that do not set one; empty: the
	// format's default, en.
	Lang string
	// Today is the day evidence ages are measured from; zero means the
	// current day. Tests set it.
	Today time.Time
}

// Level returns the level the set gives rule (Default when s is nil or
// the rule is not listed).
func (s *Set) Level(rule string) Level {
	if s == nil {
		return Default
	}
	return s.Rules[rule]
}

// Now returns Today, or the current time when Today is zero.
func (s *Set) Now() time.Time {
	if s == nil || s.Today.IsZero() {
		return time.Now()
	}
	return s.Today
}

// Suppressed is a finding that an inline `# cjm:ignore` comment
// suppressed, with the reason the comment gives.
type Suppressed struct {
	Diag *diag.Diagnostic
	// Reason is the text after `--`; empty when the comment gives none.
	Reason string
}
