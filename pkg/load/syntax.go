package load

import (
	"slices"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// syntaxRules are the findings about the bytes and the YAML syntax of a
// file, as opposed to what the YAML holds.
var syntaxRules = []string{RuleInvalidUTF8, RuleYAMLSyntax, RuleTabIndent, RuleMultipleDocuments, RuleControlChar}

// SyntaxErrors returns the findings File gives when src is not YAML it
// can parse: invalid UTF-8, YAML syntax errors (a tab in the indentation
// named as such, a control character at its line and column), a second
// document. They carry the positions and hints validate prints, so `cjm
// fmt` reports a broken file exactly as validate does. Nothing is said
// about what the YAML holds (empty files, anchors, unknown keys).
func SyntaxErrors(name string, src []byte) diag.Diagnostics {
	l := newLoader(Options{})
	l.parse(name, src)
	var out diag.Diagnostics
	for _, d := range l.diags {
		if slices.Contains(syntaxRules, d.Rule) {
			out = append(out, d)
		}
	}
	return out
}
