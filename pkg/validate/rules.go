package validate

import (
	"fmt"
	"strings"

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

// Rule describes one rule: its stable name, its severity, what it checks
// in one sentence, and the help that docs/rules.md and the SARIF output
// show (why it matters, how to fix it, an example that triggers it).
type Rule struct {
	Name        string
	Severity    diag.Severity
	Description string
	// Why says why the rule exists, in a sentence or two.
	Why string
	// Fix says how to make the finding go away.
	Fix string
	// Example is a short input that triggers the rule: YAML, unless
	// Shell is set (a command line and what it prints). Empty when no
	// file can show it.
	Example string
	Shell   bool
	// Policy marks a policy rule: off unless a project configuration
	// (.cjm.yaml) turns it on; Severity is its level when turned on
	// without one.
	Policy bool
}

// RulesURL is the page that documents every rule, one section per rule
// whose anchor is the rule's name: the helpUri of the SARIF output. It
// points at the main branch of the repository, so it is stable across
// releases and shows the newest wording.
const RulesURL = "https://github.com/cjm-dev/cjm/blob/main/docs/rules.md"

// ConfigURL is the page that documents the project configuration.
const ConfigURL = "https://github.com/cjm-dev/cjm/blob/main/docs/config.md"

// HelpURI is the address of the rule's section in docs/rules.md.
func (r Rule) HelpURI() string { return RulesURL + "#" + r.Name }

// FullDescription is the description followed by why the rule exists.
func (r Rule) FullDescription() string {
	if r.Why == "" {
		return r.Description
	}
	return r.Description + " " + r.Why
}

// HelpText is the fix and the example as plain text.
func (r Rule) HelpText() string {
	var b strings.Builder
	b.WriteString(r.Fix)
	if r.Example != "" {
		b.WriteString("\n\nExample:\n\n")
		b.WriteString(r.Example)
	}
	b.WriteString("\n\nMore: " + r.HelpURI())
	return b.String()
}

// level is the severity as the rules page shows it: a policy rule is off
// unless the configuration turns it on.
func (r Rule) level() string {
	if r.Policy {
		return "policy (" + r.Severity.String() + " when on)"
	}
	return r.Severity.String()
}

// HelpMarkdown is the body of the rule's section in docs/rules.md (without
// its heading): what it checks, why, how to fix it and the example.
func (r Rule) HelpMarkdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s.** %s\n", r.level(), r.Description)
	if r.Why != "" {
		fmt.Fprintf(&b, "\n**Why:** %s\n", r.Why)
	}
	fmt.Fprintf(&b, "\n**Fix:** %s\n", r.Fix)
	if r.Policy {
		fmt.Fprintf(&b, "\n**Turn it on** in `.cjm.yaml` with `rules: {%s: warning}` (or `error`), or a preset such as `policy: b2b` ([config.md](%s)).\n", r.Name, ConfigURL)
	}
	if r.Example != "" {
		lang := "yaml"
		if r.Shell {
			lang = "console"
		}
		fmt.Fprintf(&b, "\n```%s\n%s```\n", lang, r.Example)
	}
	return b.String()
}

// RulesPage returns docs/rules.md: every rule of Rules, in order, as a
// section whose heading is the rule's name (the anchor HelpURI names).
func RulesPage() string {
	var b strings.Builder
	b.WriteString(`# Rules

Every finding of ` + "`cjm validate`" + ` (and of every command that reads a map) carries one of these
stable rule names, in brackets in the text output and as ` + "`rule`" + ` / ` + "`ruleId`" + ` in JSON, SARIF, GitHub
and GitLab output. Errors fail ` + "`cjm validate`" + ` (exit 1); warnings fail it only under ` + "`--strict`" + `.
The loader's rules come first (the file as text and YAML, then each key), then the validator's
(the map as a whole), then the policy rules, off unless the project configuration
(` + "`" + `.cjm.yaml` + "`" + `, [config.md](config.md)) turns them on, and the rules of inline suppressions and
of the configuration itself. The configuration can set every warning and policy rule ` + "`" + `off` + "`" + `,
` + "`" + `warning` + "`" + ` or ` + "`" + `error` + "`" + `, and a ` + "`" + `# cjm:ignore RULE -- reason` + "`" + ` comment can suppress their findings;
errors of the loader and the validator are fixed. What each rule decides in detail is in
[format.md](format.md).

This page is generated from the rule registry (` + "`validate.Rules`" + `, pkg/validate/rules.go) by
` + "`go test ./pkg/validate -update`" + `; a test fails when the two differ, and another runs every
YAML example below and checks that it reports its rule. SARIF output links each rule here
(` + "`helpUri`" + `).

| rule | severity | checks |
|---|---|---|
`)
	for _, r := range Rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.Name, r.Name, r.level(), strings.ReplaceAll(r.Description, "|", `\|`))
	}
	for _, r := range Rules {
		fmt.Fprintf(&b, "\n## %s\n\n%s", r.Name, r.HelpMarkdown())
	}
	return b.String()
}

// Rules lists every rule cjm reports, the loader's first, in a stable
// order. The SARIF output and docs/rules.md are made from it.
var Rules = []Rule{
	{
		Name: load.RuleReadError, Severity: diag.Error,
		Description: "The file cannot be read (missing, unreadable or a directory).",
		Why:         "A map that cannot be read cannot be checked; a mistyped path in CI must fail, not pass.",
		Fix:         "Check the file's permissions, and that the path names a file, not a directory. (A path on the command line that does not exist at all stops the command with exit status 2.)",
		Example:     "$ cjm validate maps/\nmaps/locked.yaml: error: cannot read maps/locked.yaml: permission denied [read-error]\n",
		Shell:       true,
	},
	{
		Name: load.RuleFileTooLarge, Severity: diag.Error,
		Description: "The file is larger than the size limit (10 MiB unless --max-size raises it).",
		Why:         "The limit bounds the time and memory a hostile or mistaken input can take (a real map is under 100 KiB).",
		Fix:         "Split the map into several files (catalogues for shared personas, channels and owners), or raise the limit with `--max-size 50MiB`.",
		Example:     "$ cjm validate huge.yaml\nhuge.yaml:1:1: error: huge.yaml is 12.5 MiB, over the 10 MiB limit; split the map or raise the limit with --max-size [file-too-large]\n",
		Shell:       true,
	},
	{
		Name: load.RuleEmptyFile, Severity: diag.Error,
		Description: "The file is empty or holds only comments.",
		Why:         "An empty file named as a map is almost always a mistake (a failed generation, a wrong path).",
		Fix:         "Write the map, starting with `cjm: 1`, or run `cjm init` for a template.",
		Example:     "# nothing here yet\n",
	},
	{
		Name: load.RuleInvalidUTF8, Severity: diag.Error,
		Description: "The file is not valid UTF-8; the finding points at the first bad byte.",
		Why:         "Journey files are UTF-8 text; other encodings (Windows-1251, UTF-16) would show as garbage in every output.",
		Fix:         "Save the file as UTF-8 in your editor, or convert it: `iconv -f WINDOWS-1251 -t UTF-8 map.yaml > map.utf8.yaml`.",
		Example:     "$ cjm validate legacy.yaml\nlegacy.yaml:2:10: error: the file is not valid UTF-8 (first bad byte here); save it as UTF-8 [invalid-utf8]\n",
		Shell:       true,
	},
	{
		Name: load.RuleTabIndent, Severity: diag.Error,
		Description: "A tab is used for indentation; YAML indents with spaces.",
		Why:         "YAML forbids tabs in indentation; the parser's own message for it is cryptic, so cjm points at the tab.",
		Fix:         "Replace the tab with spaces (two per level, as `cjm fmt` writes).",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n\t- id: signup   # a tab before the dash\n",
	},
	{
		Name: load.RuleYAMLSyntax, Severity: diag.Error,
		Description: "The file is not valid YAML.",
		Why:         "Nothing can be checked until the file parses; the message says what to look for on or below the line shown.",
		Fix:         "Fix the line shown, or the one below it. Quote texts that hold `: `, ` #`, or start with `[`, `{`, `?`, `&`, `*`, `!`, `|`, `>`, `@` or a backtick; in a `[…]` list also quote items with `,` or `?`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    thoughts: [Will it work?]   # write [\"Will it work?\"]\n",
	},
	{
		Name: load.RuleMultipleDocuments, Severity: diag.Error,
		Description: "The file holds several YAML documents; a journey file holds one map.",
		Why:         "A second document after `---` would be ignored in silence; cjm refuses it so nothing is lost.",
		Fix:         "Keep one map per file: remove the `---` and what follows, or move it to a file of its own.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages: [{id: signup, name: Sign-up}]\n---\ncjm: 1\ntitle: Renewal\n",
	},
	{
		Name: load.RuleAlias, Severity: diag.Error,
		Description: "YAML anchors and aliases are not supported (this also refuses alias bombs).",
		Why:         "Aliases make a small file expand without bound (\"billion laughs\") and make diffs and `cjm fmt` ambiguous.",
		Fix:         "Remove the anchor (`&name`) and write each value out in full; shared personas, channels and owners belong in a catalogue under `include`.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas:\n  - &admin {id: admin, name: Admin}\nstages:\n  - {id: signup, name: Sign-up}\n",
	},
	{
		Name: load.RuleTooDeep, Severity: diag.Error,
		Description: "The YAML nests deeper than the loader accepts (64 levels).",
		Why:         "A journey map needs about eight levels; deeper nesting is a mistake or an attack on the parser.",
		Fix:         "Flatten the structure: format 1 has no element nested deeper than a metric inside a touchpoint.",
		Example:     "cjm: 1\ntitle: Onboarding\nnotes: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n",
	},
	{
		Name: load.RuleUnknownKey, Severity: diag.Error,
		Description: "A key that format 1 does not know; the closest known key is suggested.",
		Why:         "A misspelt key (`touchpoint:` for `touchpoints:`) would otherwise drop its content in silence.",
		Fix:         "Use the key suggested, or one of the keys listed. There are no extension keys: put free text under `notes`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoint: [{id: form, name: Form}]\n",
	},
	{
		Name: load.RuleDuplicateKey, Severity: diag.Error,
		Description: "A key is given twice in the same mapping.",
		Why:         "YAML parsers disagree on which value wins; cjm keeps the first and says so.",
		Fix:         "Keep one of the two keys and merge their values.",
		Example:     "cjm: 1\ntitle: Onboarding\ntitle: Sign-up journey\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleMissingKey, Severity: diag.Error,
		Description: "A required key is missing or empty.",
		Why:         "Ids link elements and names label them: an element without one (or with `id: ''`) breaks every output that links or labels by it.",
		Fix:         "Add the key with a value: every persona, channel, owner, stage, touchpoint and metric needs `id` and `name`; a map needs `cjm` and `title`; a transition `from` and `to`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: ''\n    name: Sign-up\n",
	},
	{
		Name: load.RuleWrongType, Severity: diag.Error,
		Description: "A value has the wrong type (text, number, list or mapping).",
		Why:         "Each key has one shape, so that every map reads, renders and formats the same way.",
		Fix:         "Write the value in the shape the message names: a list as `[a, b]` or one `- item` per line, a number without quotes, an emotion as a number or `persona: number` pairs.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    actions: Fill in the form   # write [Fill in the form]\n",
	},
	{
		Name: load.RuleBadEnum, Severity: diag.Error,
		Description: "A value is not one of the allowed values (lang, scope, phase, kind, evidence, better).",
		Why:         "These keys choose between fixed behaviours (label language, sort order, colour); an unknown value would be ignored.",
		Fix:         "Use one of the values the message lists.",
		Example:     "cjm: 1\ntitle: Onboarding\nlang: de\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleBadColor, Severity: diag.Error,
		Description: "A colour is not written #rrggbb.",
		Why:         "Colours go into SVG, HTML and Mermaid alike; one form works in all of them.",
		Fix:         "Write six hex digits after `#`, quoted (YAML reads `#` after a space as a comment): `color: \"#1f77b4\"`.",
		Example:     "cjm: 1\nchannels:\n  - {id: web, name: Web, color: blue}\n",
	},
	{
		Name: load.RuleUnsupportedVer, Severity: diag.Error,
		Description: "The `cjm` format version is not supported (only 1 exists).",
		Why:         "The version says which rules the file follows; cjm checks nothing else in a file of an unknown version.",
		Fix:         "Write `cjm: 1`, or upgrade cjm if the file comes from a newer one.",
		Example:     "cjm: 2\ntitle: Onboarding\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleIncludeMissing, Severity: diag.Error,
		Description: "An included file does not exist or cannot be read.",
		Why:         "The personas, channels and owners of the catalogue are missing, so references to them cannot be checked (they are not reported as unknown while an include fails).",
		Fix:         "Fix the path, which is relative to the including file.",
		Example:     "cjm: 1\ntitle: Onboarding\ninclude: [catalogue/no-such-file.yaml]\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleIncludeCycle, Severity: diag.Error,
		Description: "Included files include each other; the chain is shown.",
		Why:         "A cycle has no first file to merge; cjm names the chain instead of looping.",
		Fix:         "Remove one of the includes in the chain; a shared catalogue can be included by both files instead.",
		Example:     "# catalogue/a.yaml\ncjm: 1\ninclude: [b.yaml]\n# catalogue/b.yaml\ncjm: 1\ninclude: [a.yaml]    # a.yaml -> b.yaml -> a.yaml\n",
	},
	{
		Name: load.RuleIncludeOutside, Severity: diag.Error,
		Description: "An include leaves the root directory, through `..` or a symbolic link.",
		Why:         "A map from a pull request must not read files outside the repository (`../../etc/passwd`) into its outputs.",
		Fix:         "Keep catalogues inside the repository (the root is the top of the git work tree), or set `--root`.",
		Example:     "cjm: 1\ntitle: Onboarding\ninclude: [../../../../../../outside.yaml]\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleIncludeStages, Severity: diag.Error,
		Description: "An included file has stages or transitions; only catalogues can be included.",
		Why:         "Only personas, channels and owners are merged; stages of an included file would be dropped in silence.",
		Fix:         "Move the personas, channels and owners to a catalogue (a file without `stages`) and include that.",
		Example:     "# catalogue.yaml, included by a map\ncjm: 1\npersonas: [{id: admin, name: Admin}]\nstages: [{id: signup, name: Sign-up}]   # not allowed here\n",
	},
	{
		Name: load.RuleInternal, Severity: diag.Error,
		Description: "cjm failed on this input; please report it.",
		Why:         "A bug in cjm was caught and turned into a finding instead of a crash.",
		Fix:         "Report it at https://github.com/cjm-dev/cjm/issues with the file that caused it.",
	},
	{
		Name: load.RuleEmptyReference, Severity: diag.Error,
		Description: "A reference (`channel`, `owner`, an item of `personas` or `next`, a per-persona `emotion` key) is an empty text.",
		Why:         "An empty reference points nowhere; it would render as an empty label or a broken link (Mermaid refuses the file).",
		Fix:         "Name the id you meant, or remove the key or item.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, next: ['']}\n",
	},
	{
		Name: load.RuleControlChar, Severity: diag.Error,
		Description: "A text holds a control character other than tab and newline (C0, DEL or C1), raw or as an escape.",
		Why:         "Control characters pass into the Markdown, CSV, Mermaid and HTML outputs, where `\\x1b` can drive the terminal of whoever runs `cat report.md`.",
		Fix:         "Remove the character; escapes such as `\\0`, `\\x1b` or `\\r` in double-quoted texts count too.",
		Example:     "cjm: 1\ntitle: \"Onboarding\\x1b[2J\"\nstages: [{id: signup, name: Sign-up}]\n",
	},
	{
		Name: load.RuleBidiChar, Severity: diag.Warning,
		Description: "A text holds a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069).",
		Why:         "These characters make a text display in another order than it is stored (\"Trojan Source\"), so a reviewer reads something else than the map says.",
		Fix:         "Remove the character, unless a right-to-left label really needs it.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages: [{id: signup, name: \"Sign-up \\u202eefas\"}]\n",
	},
	{
		Name: RuleBadID, Severity: diag.Error,
		Description: "An id is not a slug: ^[a-z0-9][a-z0-9_-]{0,63}$.",
		Why:         "Ids become file names, anchors, CSS classes and Graphviz and Mermaid node names; a slug is safe in all of them.",
		Fix:         "Use lowercase ASCII letters, digits, `-` and `_` (the message suggests one); keep the human-readable text in `name`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - {id: Sign Up, name: Sign-up}\n",
	},
	{
		Name: RuleDuplicateID, Severity: diag.Error,
		Description: "Two elements of the same kind share an id (after includes are merged).",
		Why:         "References by id would be ambiguous.",
		Fix:         "Rename one of them (and the references meant for it). Metric ids are unique in the whole map, stage and touchpoint metrics together, so that measurement files can name them.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - {id: signup, name: Sign-up}\n  - {id: signup, name: First steps}\n",
	},
	{
		Name: RuleNoStages, Severity: diag.Error,
		Description: "`stages` is empty; a map needs at least one stage.",
		Why:         "A map without stages draws nothing; a file meant to hold no stages is a catalogue, which has no `stages` key at all.",
		Fix:         "Add a stage under `stages`, or remove the key to make the file a catalogue.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages: []\n",
	},
	{
		Name: RuleUnknownPersona, Severity: diag.Error,
		Description: "A reference to a persona that the map does not declare.",
		Why:         "The touchpoint or emotion would be drawn for nobody.",
		Fix:         "Use the id suggested, or declare the persona under `personas` (or in an included catalogue).",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas: [{id: admin, name: Admin}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, personas: [admn]}]\n",
	},
	{
		Name: RuleUnknownChannel, Severity: diag.Error,
		Description: "A reference to a channel that the map does not declare.",
		Why:         "The touchpoint's channel lane and colour come from the declaration.",
		Fix:         "Use the id suggested, or declare the channel under `channels` (or in an included catalogue).",
		Example:     "cjm: 1\ntitle: Onboarding\nchannels: [{id: web, name: Web}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, channel: wbe}]\n",
	},
	{
		Name: RuleUnknownOwner, Severity: diag.Error,
		Description: "A reference to an owner that the map does not declare.",
		Why:         "Owners say which team answers for a touchpoint; an unknown one answers for nothing.",
		Fix:         "Use the id suggested, or declare the owner under `owners` (or in an included catalogue).",
		Example:     "cjm: 1\ntitle: Onboarding\nowners: [{id: growth, name: Growth team}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, owner: grwth}]\n",
	},
	{
		Name: RuleUnknownTouchpoint, Severity: diag.Error,
		Description: "A `next` reference to a touchpoint that the map does not declare.",
		Why:         "The flow view would draw an arrow to nowhere.",
		Fix:         "Use the id suggested, or add the touchpoint.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, next: [confrim]}\n      - {id: confirm, name: Confirmation e-mail}\n",
	},
	{
		Name: RuleUnknownStage, Severity: diag.Error,
		Description: "A transition refers to a stage that the map does not declare.",
		Why:         "A transition is drawn between two stages; both must exist.",
		Fix:         "Use the id suggested, or add the stage.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - {id: signup, name: Sign-up}\n  - {id: first-use, name: First use}\ntransitions:\n  - {from: first-use, to: sign-up, label: Logged out}\n",
	},
	{
		Name: RuleEmotionRange, Severity: diag.Error,
		Description: "An emotion lies outside [-2, 2].",
		Why:         "The emotion curve has five levels, from -2 (very negative) to 2 (delight); other values cannot be drawn or compared.",
		Fix:         "Use a number from -2 to 2; fractions such as 0.5 are allowed.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    emotion: 5\n",
	},
	{
		Name: RuleMetricRange, Severity: diag.Error,
		Description: "A metric's value or target is larger in magnitude than 1e15.",
		Why:         "Larger numbers are typing mistakes, and the differences reports and `cjm diff` compute from them overflow to infinity, which JSON cannot carry.",
		Fix:         "Check the number; state large quantities in a larger unit (`unit: M visits`).",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    metrics: [{id: visits, name: Visits, value: 1e308, target: -1e308}]\n",
	},
	{
		Name: RuleStageNoTouchpoints, Severity: diag.Warning,
		Description: "A stage has no touchpoints.",
		Why:         "A stage is drawn as a column of touchpoints; an empty one is usually unfinished.",
		Fix:         "Add the moments of contact under `touchpoints`, or remove the stage.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - {id: signup, name: Sign-up}\n",
	},
	{
		Name: RuleMomentNoOwner, Severity: diag.Warning,
		Description: "A moment of truth has no owner.",
		Why:         "A moment of truth decides the journey; someone must answer for it.",
		Fix:         "Name the team responsible with `owner`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, moment_of_truth: First impression}\n",
	},
	{
		Name: RulePainsNoOpportunities, Severity: diag.Warning,
		Description: "A stage has pain points but no opportunities.",
		Why:         "A map is made to improve the journey: a known pain with no idea against it is a gap in the work.",
		Fix:         "Say what could be improved under the stage's `opportunities`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, pains: [Too many fields]}\n",
	},
	{
		Name: RuleUnusedPersona, Severity: diag.Warning,
		Description: "A persona declared in the map (not in an included catalogue) is used by nothing.",
		Why:         "An unused declaration is usually a leftover or a misspelt reference elsewhere.",
		Fix:         "List the persona in a touchpoint's `personas` (or an emotion), or remove it.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas:\n  - {id: admin, name: Admin}\n  - {id: guest, name: Guest}\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, personas: [admin]}]\n",
	},
	{
		Name: RuleUnusedChannel, Severity: diag.Warning,
		Description: "A channel declared in the map (not in an included catalogue) is used by no touchpoint.",
		Why:         "An unused declaration is usually a leftover or a misspelt reference elsewhere.",
		Fix:         "Use the channel in a touchpoint's `channel`, or remove it.",
		Example:     "cjm: 1\ntitle: Onboarding\nchannels: [{id: web, name: Web}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleUnusedOwner, Severity: diag.Warning,
		Description: "An owner declared in the map (not in an included catalogue) owns no touchpoint.",
		Why:         "An unused declaration is usually a leftover or a misspelt reference elsewhere.",
		Fix:         "Name the owner in a touchpoint's `owner`, or remove it.",
		Example:     "cjm: 1\ntitle: Onboarding\nowners: [{id: growth, name: Growth team}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form}]\n",
	},
	{
		Name: RuleUnreachable, Severity: diag.Warning,
		Description: "The map uses `next`, but no `next` leads to this touchpoint (the first touchpoint is exempt).",
		Why:         "Once a map draws its flow with `next`, a touchpoint no link reaches is a dead end in the flow view.",
		Fix:         "Link it from the touchpoint before it with `next`, or remove it.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, next: [confirm]}\n      - {id: confirm, name: Confirmation e-mail}\n      - {id: sms, name: SMS code}\n",
	},
	{
		Name: RuleTargetNoValue, Severity: diag.Warning,
		Description: "A metric has a target but no value.",
		Why:         "Reports compare a metric's value with its target; without a value there is nothing to compare.",
		Fix:         "Add the current `value`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    metrics: [{id: conversion, name: Conversion, target: 0.4}]\n",
	},
	{
		Name: RuleSelfTransition, Severity: diag.Warning,
		Description: "A transition goes from a stage to the same stage.",
		Why:         "A transition to itself draws a loop that says nothing; repeated visits need no transition.",
		Fix:         "Point `to` at another stage, or remove the transition.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - {id: signup, name: Sign-up, touchpoints: [{id: form, name: Form}]}\ntransitions:\n  - {from: signup, to: signup}\n",
	},
	{
		Name: RuleSelfNext, Severity: diag.Warning,
		Description: "A touchpoint lists itself in `next`.",
		Why:         "A link to itself draws a loop that says nothing; a repeated visit needs no link.",
		Fix:         "Remove the touchpoint's own id from its `next`.",
		Example:     "cjm: 1\ntitle: Onboarding\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, next: [form]}\n",
	},
	{
		Name: RuleDuplicateReference, Severity: diag.Warning,
		Description: "The same id is listed twice in `personas` or `next`.",
		Why:         "A repeated reference adds nothing and is usually a typo for another id.",
		Fix:         "Remove one of the two, or correct the one meant for another id.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas: [{id: admin, name: Admin}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, personas: [admin, admin]}]\n",
	},
	{
		Name: RuleEmotionPersonaNotMet, Severity: diag.Warning,
		Description: "A per-persona emotion names a persona that the touchpoint's `personas` leaves out.",
		Why:         "The persona does not meet the touchpoint, so an emotion for it there is contradictory.",
		Fix:         "Add the persona to the touchpoint's `personas`, or remove its emotion.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas:\n  - {id: admin, name: Admin}\n  - {id: guest, name: Guest}\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints:\n      - {id: form, name: Form, personas: [admin], emotion: {admin: 1, guest: -1}}\n      - {id: tour, name: Tour, personas: [guest]}\n",
	},
	{
		Name: RuleEmptyPersonas, Severity: diag.Warning,
		Description: "A touchpoint has `personas: []`, which means every persona, as if the key were absent.",
		Why:         "An empty list reads as \"nobody\", but a touchpoint without personas meets every persona; the key says the opposite of what it does.",
		Fix:         "Drop the key if the touchpoint meets every persona, or list the personas it meets.",
		Example:     "cjm: 1\ntitle: Onboarding\npersonas: [{id: admin, name: Admin}]\nstages:\n  - id: signup\n    name: Sign-up\n    touchpoints: [{id: form, name: Form, personas: []}]\n",
	},
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
