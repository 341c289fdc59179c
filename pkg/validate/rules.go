package validate

import (
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
)

// Rule names of the findings Map reports. The loader's are in package load.
const (
	RuleBadID                = "bad-id"
	RuleDuplicateID          = "duplicate-id"
	RuleNoStages             = "no-stages"
	RuleUnknownPersona       = "unknown-persona"
	RuleUnknownChannel       = "unknown-channel"
	RuleUnknownOwner         = "unknown-owner"
	RuleUnknownTouchpoint    = "unknown-touchpoint"
	RuleUnknownStage         = "unknown-stage"
	RuleEmotionRange         = "emotion-range"
	RuleStageNoTouchpoints   = "stage-without-touchpoints"
	RuleMomentNoOwner        = "moment-of-truth-without-owner"
	RulePainsNoOpportunities = "pains-without-opportunities"
	RuleUnusedPersona        = "unused-persona"
	RuleUnusedChannel        = "unused-channel"
	RuleUnusedOwner          = "unused-owner"
	RuleUnreachable          = "unreachable-touchpoint"
	RuleTargetNoValue        = "target-without-value"
	RuleSelfTransition       = "self-transition"
	RuleSelfNext             = "self-next"
	RuleDuplicateReference   = "duplicate-reference"
	RuleEmotionPersonaNotMet = "emotion-for-absent-persona"
	RuleEmptyPersonas        = "empty-personas"
	RuleMetricRange          = "metric-range"
)

// Rule describes one rule: its stable name, its severity and what it
// checks, in one sentence.
type Rule struct {
	Name        string
	Severity    diag.Severity
	Description string
}

// Rules lists every rule cjm reports, the loader's first, in a stable
// order. The SARIF writer and `cjm help` read it.
var Rules = []Rule{
	{load.RuleReadError, diag.Error, "The file cannot be read (missing, unreadable or a directory)."},
	{load.RuleFileTooLarge, diag.Error, "The file is larger than the size limit (10 MiB unless --max-size raises it)."},
	{load.RuleEmptyFile, diag.Error, "The file is empty or holds only comments."},
	{load.RuleInvalidUTF8, diag.Error, "The file is not valid UTF-8; the finding points at the first bad byte."},
	{load.RuleTabIndent, diag.Error, "A tab is used for indentation; YAML indents with spaces."},
	{load.RuleYAMLSyntax, diag.Error, "The file is not valid YAML."},
	{load.RuleMultipleDocuments, diag.Error, "The file holds several YAML documents; a journey file holds one map."},
	{load.RuleAlias, diag.Error, "YAML anchors and aliases are not supported (this also refuses alias bombs)."},
	{load.RuleTooDeep, diag.Error, "The YAML nests deeper than the loader accepts (64 levels)."},
	{load.RuleUnknownKey, diag.Error, "A key that format 1 does not know; the closest known key is suggested."},
	{load.RuleDuplicateKey, diag.Error, "A key is given twice in the same mapping."},
	{load.RuleMissingKey, diag.Error, "A required key is missing or empty."},
	{load.RuleWrongType, diag.Error, "A value has the wrong type (text, number, list or mapping)."},
	{load.RuleBadEnum, diag.Error, "A value is not one of the allowed values (lang, scope, phase, kind, evidence, better)."},
	{load.RuleBadColor, diag.Error, "A colour is not written #rrggbb."},
	{load.RuleUnsupportedVer, diag.Error, "The `cjm` format version is not supported (only 1 exists)."},
	{load.RuleIncludeMissing, diag.Error, "An included file does not exist or cannot be read."},
	{load.RuleIncludeCycle, diag.Error, "Included files include each other; the chain is shown."},
	{load.RuleIncludeOutside, diag.Error, "An include leaves the root directory, through `..` or a symbolic link."},
	{load.RuleIncludeStages, diag.Error, "An included file has stages or transitions; only catalogues can be included."},
	{load.RuleInternal, diag.Error, "cjm failed on this input; please report it."},
	{load.RuleEmptyReference, diag.Error, "A reference (`channel`, `owner`, an item of `personas` or `next`, a per-persona `emotion` key) is an empty text."},
	{load.RuleControlChar, diag.Error, "A text holds a control character other than tab and newline (C0, DEL or C1), raw or as an escape."},
	{load.RuleBidiChar, diag.Warning, "A text holds a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069)."},
	{RuleBadID, diag.Error, "An id is not a slug: ^[a-z0-9][a-z0-9_-]{0,63}$."},
	{RuleDuplicateID, diag.Error, "Two elements of the same kind share an id (after includes are merged)."},
	{RuleNoStages, diag.Error, "`stages` is empty; a map needs at least one stage."},
	{RuleUnknownPersona, diag.Error, "A reference to a persona that the map does not declare."},
	{RuleUnknownChannel, diag.Error, "A reference to a channel that the map does not declare."},
	{RuleUnknownOwner, diag.Error, "A reference to an owner that the map does not declare."},
	{RuleUnknownTouchpoint, diag.Error, "A `next` reference to a touchpoint that the map does not declare."},
	{RuleUnknownStage, diag.Error, "A transition refers to a stage that the map does not declare."},
	{RuleEmotionRange, diag.Error, "An emotion lies outside [-2, 2]."},
	{RuleMetricRange, diag.Error, "A metric's value or target is larger in magnitude than 1e15."},
	{RuleStageNoTouchpoints, diag.Warning, "A stage has no touchpoints."},
	{RuleMomentNoOwner, diag.Warning, "A moment of truth has no owner."},
	{RulePainsNoOpportunities, diag.Warning, "A stage has pain points but no opportunities."},
	{RuleUnusedPersona, diag.Warning, "A persona declared in the map (not in an included catalogue) is used by nothing."},
	{RuleUnusedChannel, diag.Warning, "A channel declared in the map (not in an included catalogue) is used by no touchpoint."},
	{RuleUnusedOwner, diag.Warning, "An owner declared in the map (not in an included catalogue) owns no touchpoint."},
	{RuleUnreachable, diag.Warning, "The map uses `next`, but no `next` leads to this touchpoint (the first touchpoint is exempt)."},
	{RuleTargetNoValue, diag.Warning, "A metric has a target but no value."},
	{RuleSelfTransition, diag.Warning, "A transition goes from a stage to the same stage."},
	{RuleSelfNext, diag.Warning, "A touchpoint lists itself in `next`."},
	{RuleDuplicateReference, diag.Warning, "The same id is listed twice in `personas` or `next`."},
	{RuleEmotionPersonaNotMet, diag.Warning, "A per-persona emotion names a persona that the touchpoint's `personas` leaves out."},
	{RuleEmptyPersonas, diag.Warning, "A touchpoint has `personas: []`, which means every persona, as if the key were absent."},
}

// Lookup returns the rule with the name, and false when there is none.
func Lookup(name string) (Rule, bool) {
	for _, r := range Rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}
