package validate

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/suggest"
)

// SuppressMarker starts an inline suppression comment:
//
//	# cjm:ignore RULE[,RULE] -- reason
//
// At the end of a line it suppresses the findings of those rules on that
// line; on a line of its own, those on the next line that is neither blank
// nor a comment.
const SuppressMarker = "cjm:ignore"

// suppressComment matches the marker as a YAML comment: a # at the start
// of the line or after a blank.
var suppressComment = regexp.MustCompile(`(?:^|[ \t])#[ \t]*cjm:ignore(?:[ \t]+(.*)|$)`)

// suppression is one `# cjm:ignore` comment.
type suppression struct {
	at     diag.Range // the comment
	target int        // the line it applies to
	rules  []string
	reason string
	used   []bool // per rule
}

// Adjustable reports whether a configuration may change the rule's level
// and an inline comment suppress its findings: every warning and policy
// rule. Errors of the registry are fixed: they make a map unreadable or
// its outputs wrong, so no configuration can let it through.
func (r Rule) Adjustable() bool { return r.Policy || r.Severity == diag.Warning }

// Apply applies the levels of set (nil: none) and the inline suppressions
// found in srcs to ds. Findings of rules set `off` are dropped, those of
// rules set `warning` or `error` get that severity, and findings of
// adjustable rules on a line a `# cjm:ignore` names them for are moved to
// suppressed. Suppressions without a reason, and rules named in a
// suppression that suppress nothing, add findings of their own (to which
// the levels apply too). ds is not sorted.
func Apply(ds diag.Diagnostics, srcs diag.Sources, set *ruleset.Set) (kept diag.Diagnostics, suppressed []ruleset.Suppressed) {
	sups := parseSuppressions(srcs)
	byLine := map[string][]*suppression{}
	for _, s := range sups {
		k := fmt.Sprintf("%s:%d", s.at.Filename, s.target)
		byLine[k] = append(byLine[k], s)
	}
	kept = ds[:0:0]
	for _, d := range ds {
		r, known := Lookup(d.Rule)
		if !known || !r.Adjustable() {
			kept = append(kept, d)
			continue
		}
		if !level(d, set) {
			continue
		}
		if s, i := match(byLine, d); s != nil {
			s.used[i] = true
			suppressed = append(suppressed, ruleset.Suppressed{Diag: d, Reason: s.reason})
			continue
		}
		kept = append(kept, d)
	}
	for _, s := range sups {
		for _, d := range s.findings(set) {
			if level(d, set) {
				kept = append(kept, d)
			}
		}
	}
	return kept, suppressed
}

// level applies the set's level for d's rule to d, and reports whether d
// is kept (false: the rule is off).
func level(d *diag.Diagnostic, set *ruleset.Set) bool {
	l := set.Level(d.Rule)
	if l == ruleset.Off {
		return false
	}
	if sev, ok := l.Severity(); ok {
		d.Severity = sev
	}
	return true
}

func match(byLine map[string][]*suppression, d *diag.Diagnostic) (*suppression, int) {
	if d.Range.Start.Line == 0 {
		return nil, 0
	}
	for _, s := range byLine[fmt.Sprintf("%s:%d", d.Range.Filename, d.Range.Start.Line)] {
		if i := slices.Index(s.rules, d.Rule); i >= 0 {
			return s, i
		}
	}
	return nil, 0
}

// findings are the suppression's own: no reason, rules that suppress
// nothing.
func (s *suppression) findings(set *ruleset.Set) diag.Diagnostics {
	var out diag.Diagnostics
	if len(s.rules) == 0 {
		out = append(out, diag.Warningf(s.at, RuleUnusedSuppress, "this `# cjm:ignore` names no rule, so it suppresses nothing; write `# cjm:ignore RULE -- reason`"))
	}
	if s.reason == "" {
		out = append(out, diag.Warningf(s.at, RuleSuppressNoReason, "this `# cjm:ignore` gives no reason; say why after `--`: `# cjm:ignore %s -- the reason`", strings.Join(s.rules, ",")))
	}
	for i, name := range s.rules {
		if s.used[i] {
			continue
		}
		r, known := Lookup(name)
		switch {
		case !known:
			out = append(out, diag.Warningf(s.at, RuleUnusedSuppress, "`%s` in this `# cjm:ignore` is no rule%s", name, orList(suggest.DidYouMean(name, ruleNames()))))
		case off(r, set):
			// The rule does not run here (a policy rule this
			// configuration leaves off): the comment may serve another.
		case !r.Adjustable():
			out = append(out, diag.Warningf(s.at, RuleUnusedSuppress, "`%s` cannot be suppressed: its findings are errors that make the map unreadable or its outputs wrong; fix the finding instead", name))
		case s.target == 0:
			out = append(out, diag.Warningf(s.at, RuleUnusedSuppress, "this `# cjm:ignore` has no line below it to suppress `%s` on; remove it, or put it on the finding's line or the line above", name))
		default:
			out = append(out, diag.Warningf(s.at, RuleUnusedSuppress, "this `# cjm:ignore` suppresses no `%s` finding on line %d; remove it, or put it on the finding's line or the line above", name, s.target))
		}
	}
	return out
}

// off reports whether the set turns the rule off, or leaves a policy rule
// off.
func off(r Rule, set *ruleset.Set) bool {
	l := set.Level(r.Name)
	return l == ruleset.Off || (r.Policy && l == ruleset.Default)
}

func orList(didYouMean string) string {
	if didYouMean != "" {
		return didYouMean
	}
	return "; see docs/rules.md for the rule names"
}

// ruleNames returns the names of the adjustable rules.
func ruleNames() []string {
	var out []string
	for _, r := range Rules {
		if r.Adjustable() {
			out = append(out, r.Name)
		}
	}
	return out
}

// parseSuppressions finds every `# cjm:ignore` comment in srcs, in file
// name and line order.
func parseSuppressions(srcs diag.Sources) []*suppression {
	var names []string
	for name, src := range srcs {
		if bytes.Contains(src, []byte(SuppressMarker)) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []*suppression
	for _, name := range names {
		lines := strings.Split(string(srcs[name]), "\n")
		for i, line := range lines {
			if !strings.Contains(line, SuppressMarker) {
				continue
			}
			loc := suppressComment.FindStringSubmatchIndex(line)
			if loc == nil {
				continue
			}
			hash := strings.IndexByte(line[loc[0]:], '#') + loc[0]
			rest := ""
			if loc[2] >= 0 {
				rest = line[loc[2]:loc[3]]
			}
			s := &suppression{
				at: diag.Range{Filename: name,
					Start: diag.Pos{Line: i + 1, Column: utf8.RuneCountInString(line[:hash]) + 1},
					End:   diag.Pos{Line: i + 1, Column: utf8.RuneCountInString(strings.TrimRight(line, " \t\r")) + 1}},
				target: i + 1,
			}
			names, reason, _ := strings.Cut(rest, "--")
			s.reason = strings.TrimSpace(reason)
			for _, r := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				s.rules = append(s.rules, r)
			}
			s.used = make([]bool, len(s.rules))
			if strings.TrimSpace(line[:hash]) == "" {
				s.target = nextContentLine(lines, i+1)
			}
			out = append(out, s)
		}
	}
	return out
}

// nextContentLine returns the 1-based number of the first line from index
// i on that is neither blank nor only a comment (0 when there is none).
func nextContentLine(lines []string, i int) int {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t != "" && !strings.HasPrefix(t, "#") {
			return i + 1
		}
	}
	return 0
}
