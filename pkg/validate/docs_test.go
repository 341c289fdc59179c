package validate_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

const rulesPage = "../../docs/rules.md"

// TestRulesPage keeps docs/rules.md equal to what the registry generates
// (go test ./pkg/validate -update rewrites it).
func TestRulesPage(t *testing.T) {
	golden.Check(t, rulesPage, []byte(validate.RulesPage()))
}

// TestRulesPageSections checks, on the page as committed, that every
// registered rule has a section whose heading (and so GitHub's anchor, the
// SARIF helpUri) is its name, and that every section is a registered rule.
func TestRulesPageSections(t *testing.T) {
	doc, err := os.ReadFile(rulesPage)
	if err != nil {
		t.Fatal(err)
	}
	var sections []string
	for _, m := range regexp.MustCompile(`(?m)^## (.+)$`).FindAllStringSubmatch(string(doc), -1) {
		sections = append(sections, m[1])
	}
	var names []string
	for _, r := range validate.Rules {
		names = append(names, r.Name)
		if !slices.Contains(sections, r.Name) {
			t.Errorf("docs/rules.md has no section `## %s`", r.Name)
		}
		if !strings.HasSuffix(r.HelpURI(), "docs/rules.md#"+r.Name) {
			t.Errorf("rule %s: helpUri %s", r.Name, r.HelpURI())
		}
		if r.Fix == "" || r.Why == "" {
			t.Errorf("rule %s lacks its why or fix", r.Name)
		}
	}
	for _, s := range sections {
		if !slices.Contains(names, s) {
			t.Errorf("docs/rules.md has a section %q that is no registered rule", s)
		}
	}
}

// TestRuleExamples checks every YAML example of docs/rules.md: checked
// on its own, it reports its rule.
func TestRuleExamples(t *testing.T) {
	// Examples that need other files beside them, or that cannot fail.
	needFiles := []string{"include-cycle", "include-not-catalogue"}
	for _, r := range validate.Rules {
		if r.Example == "" || r.Shell || slices.Contains(needFiles, r.Name) {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			opts := check.Options{}
			if r.Policy { // turned on, with the default parameters
				opts.Rules = &ruleset.Set{Rules: map[string]ruleset.Level{r.Name: ruleset.Warning},
					MaxAssumed: ruleset.DefaultMaxAssumed, MaxEvidenceAge: ruleset.DefaultMaxEvidenceAge}
			}
			res := check.Bytes("example.yaml", []byte(r.Example), opts)
			for _, d := range res.Diags {
				if d.Rule == r.Name {
					if d.Severity != r.Severity {
						t.Errorf("reported as %s, registered as %s", d.Severity, r.Severity)
					}
					return
				}
			}
			t.Errorf("the example does not report %s:\n%s\nfindings: %v", r.Name, r.Example, res.Diags)
		})
	}
}
