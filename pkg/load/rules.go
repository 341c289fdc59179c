package load

// Rule names of the findings the loader reports. They are stable: scripts
// and code-scanning tools key on them. validate.Rules describes them all.
const (
	RuleReadError         = "read-error"
	RuleFileTooLarge      = "file-too-large"
	RuleEmptyFile         = "empty-file"
	RuleInvalidUTF8       = "invalid-utf8"
	RuleTabIndent         = "tab-indentation"
	RuleYAMLSyntax        = "yaml-syntax"
	RuleMultipleDocuments = "multiple-documents"
	RuleAlias             = "yaml-alias"
	RuleTooDeep           = "too-deep"
	RuleUnknownKey        = "unknown-key"
	RuleDuplicateKey      = "duplicate-key"
	RuleMissingKey        = "missing-key"
	RuleWrongType         = "wrong-type"
	RuleBadEnum           = "bad-enum"
	RuleBadColor          = "bad-color"
	RuleUnsupportedVer    = "unsupported-version"
	RuleIncludeMissing    = "include-missing"
	RuleIncludeCycle      = "include-cycle"
	RuleIncludeOutside    = "include-outside-root"
	RuleIncludeStages     = "include-not-catalogue"
	RuleInternal          = "internal-error"
	RuleEmptyReference    = "empty-reference"
	RuleControlChar       = "control-character"
	RuleBidiChar          = "bidi-character"
)
