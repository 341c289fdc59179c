package validate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// TestSuppressions checks `# cjm:ignore` comments: on the finding's line,
// on the line above, with several rules, without a reason, suppressing
// nothing, naming no rule or a fixed error.
func TestSuppressions(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		set        *ruleset.Set
		want       string // the findings kept
		suppressed string // "line:col rule reason" per suppressed finding
		msg        string
	}{
		{"on the line", `cjm: 1
title: T
owners: [{id: o, name: O}]  # cjm:ignore unused-owner -- kept for Q3
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}
`, nil, "", "3:10 unused-owner kept for Q3\n", ""},
		{"the line above, past blank and comment lines", `cjm: 1
title: T
stages:
  # cjm:ignore stage-without-touchpoints -- drafted in the next sprint

  # another comment
  - {id: a, name: A}
`, nil, "", "7:5 stage-without-touchpoints drafted in the next sprint\n", ""},
		{"several rules", `cjm: 1
title: T
stages:
  # cjm:ignore stage-without-kpi, stage-without-touchpoints -- later
  - {id: a, name: A}
`, &ruleset.Set{Rules: map[string]ruleset.Level{validate.RuleStageNoKPI: ruleset.Error}}, "",
			"5:5 stage-without-kpi later\n5:5 stage-without-touchpoints later\n", ""},
		{"without a reason", `cjm: 1
title: T
stages:
  - {id: a, name: A}  # cjm:ignore stage-without-touchpoints
`, nil, "4:23 warning suppression-without-reason\n", "4:5 stage-without-touchpoints \n", "gives no reason"},
		{"suppresses nothing", `cjm: 1
title: T
stages:
  # cjm:ignore stage-without-touchpoints -- fixed since
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}
`, nil, "4:3 warning unused-suppression\n", "", "suppresses no `stage-without-touchpoints` finding on line 5"},
		{"a misspelt rule", `cjm: 1
title: T
stages:
  - {id: a, name: A}  # cjm:ignore stage-without-touchpoint -- typo
`, nil, "4:5 warning stage-without-touchpoints\n4:23 warning unused-suppression\n", "", "did you mean `stage-without-touchpoints`?"},
		{"a fixed error", `cjm: 1
title: T
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T, owner: nobody}]}  # cjm:ignore unknown-owner -- temp
`, nil, "4:60 error unknown-owner\n4:71 warning unused-suppression\n", "", "cannot be suppressed"},
		{"no rule named", `cjm: 1
title: T
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}  # cjm:ignore -- why
`, nil, "4:56 warning unused-suppression\n", "", "names no rule"},
		{"a policy rule left off is not unused", `cjm: 1
title: T
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}  # cjm:ignore stage-without-kpi -- early draft
`, nil, "", "", ""},
		{"the warnings of suppressions can be turned off", `cjm: 1
title: T
stages:
  - {id: a, name: A}  # cjm:ignore stage-without-touchpoints
`, &ruleset.Set{Rules: map[string]ruleset.Level{validate.RuleSuppressNoReason: ruleset.Off}}, "", "4:5 stage-without-touchpoints \n", ""},
		{"at the end of the file", `cjm: 1
title: T
stages:
  - {id: a, name: A, touchpoints: [{id: t, name: T}]}
# cjm:ignore stage-without-touchpoints -- nothing below
`, nil, "5:1 warning unused-suppression\n", "", "no line below it"},
		{"inside a quoted text it is no comment", `cjm: 1
title: "T#cjm:ignore stage-without-touchpoints -- no"
stages:
  - {id: a, name: A}
`, nil, "4:5 warning stage-without-touchpoints\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := check.Bytes("m.yaml", []byte(tt.src), check.Options{Rules: tt.set})
			if g := got(res.Diags); g != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", g, tt.want)
			}
			sup := ""
			for _, x := range res.Suppressed {
				sup += fmt.Sprintf("%d:%d %s %s\n", x.Diag.Range.Start.Line, x.Diag.Range.Start.Column, x.Diag.Rule, x.Reason)
			}
			if sup != tt.suppressed {
				t.Errorf("suppressed:\n%s\nwant:\n%s", sup, tt.suppressed)
			}
			if tt.msg != "" && !strings.Contains(res.Diags.Error(), tt.msg) {
				t.Errorf("no finding says %q: %v", tt.msg, res.Diags)
			}
		})
	}
}
