package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// seeds are small inputs that reach every branch of the loader.
var seeds = []string{
	"",
	"cjm: 1\n",
	"cjm: 1\ntitle: T\nstages: []\n",
	"cjm: 2\n",
	"cjm: 1\ntitle: T\nstages:\n\t- id: a\n",
	"cjm: 1\na: &a [1]\nb: *a\n",
	"cjm: 1\n---\ncjm: 1\n",
	"cjm: 1\ntitle: [\n",
	"cjm: 1\ntitle: T\ninclude: [../../examples/catalogue/company.yaml, missing.yaml, /etc/passwd, ../../../outside.yaml]\nstages: [{id: s, name: S}]\n",
	"cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    emotion: {a: 3, a: x}\n    touchpoints:\n      - {id: t, name: T, moment_of_truth: 1, next: [t, u], metrics: [{id: m, name: M, value: .nan, target: 1, better: less}]}\n",
	"cjm: 1\ntitle: T\npersonas: [{id: P, name: P}, {id: P}]\nchannels: [{id: c, name: C, kind: k, color: red}]\nstages: [{id: s, name: S, touchpoints: [{id: t, name: T, channel: x, owner: y, personas: [z]}]}]\ntransitions: [{from: s, to: s}, {from: q}]\n",
	"{cjm: 1, title: x, stages: [{id: a, name: b, touchpoints: [{id: c, name: d, emotion: {p: -3}}]}]}",
	"\xff\xfe",
	// issue 9: escapes of control and bidi characters, empty texts, a
	// metric out of range, `personas: []`, a broken flow list.
	"cjm: 1\ntitle: \"a\\x1b\\u202e\\0\\\n  b\\U0000202e\\x\"\n\"k\\e\": 1\nstages: [{id: '', name: \" \", touchpoints: [{id: t, name: T, personas: [], next: [''], channel: ''}], metrics: [{id: m, name: M, value: 1e300}]}]\n",
	"cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    thoughts: [Will it work?, *x, \\]\n",
	"cjm: 1\ntitle: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
}

// FuzzCheck: whatever the input, check never panics, never reports an
// internal error, and every finding names the file and a line and column
// from 1; findings come sorted and without duplicates; a nil map comes
// with an error.
func FuzzCheck(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{"../../examples/[^.]*.yaml", "../../examples/*/*.yaml", "../validate/testdata/*/*.yaml", "testdata/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	// Issue 12: suppressions, and every policy rule turned on.
	f.Add([]byte("cjm: 1\ntitle: T # cjm:ignore\nstages: # cjm:ignore a,,b -- \n  # cjm:ignore stage-without-touchpoints --\n  - {id: a, name: A, phase: using}\n# cjm:ignore x"))
	policy := &ruleset.Set{Rules: map[string]ruleset.Level{}, MaxAssumed: 30, MaxEvidenceAge: 365}
	for _, r := range validate.Rules {
		if r.Policy {
			policy.Rules[r.Name] = ruleset.Error
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res := Bytes("fuzz.yaml", src, load.Options{MaxBytes: 1 << 20})
		if len(src)%2 == 1 {
			res = Bytes("fuzz.yaml", src, load.Options{MaxBytes: 1 << 20, Rules: policy})
		}
		for i, d := range res.Diags {
			if d.Rule == load.RuleInternal {
				t.Fatalf("internal error: %v", d)
			}
			if d.Range.Filename == "" || d.Range.Start.Line < 1 || d.Range.Start.Column < 1 {
				t.Fatalf("finding without a position: %v", d)
			}
			if d.Message == "" || d.Rule == "" {
				t.Fatalf("finding without a message or rule: %#v", d)
			}
			if i > 0 && !lessOrEqual(res.Diags[i-1].Range.Filename, res.Diags[i-1].Range.Start.Line, d.Range.Filename, d.Range.Start.Line) {
				t.Fatalf("findings out of order: %v then %v", res.Diags[i-1], d)
			}
		}
		if res.Map == nil && !res.Diags.HasErrors() {
			t.Fatal("no map and no error")
		}
	})
}

func lessOrEqual(f1 string, l1 int, f2 string, l2 int) bool {
	if f1 != f2 {
		return f1 < f2
	}
	return l1 <= l2
}
