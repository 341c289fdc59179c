package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

func list(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s %s %s\n", d.Range, d.Severity, d.Rule)
	}
	return b.String()
}

// TestBytes checks that loader and validator findings come together,
// sorted, each once, and that a file too broken to load is not validated.
func TestBytes(t *testing.T) {
	tests := []struct {
		name, src, want string
		hasMap          bool
	}{
		{
			name: "loader and validator findings together, sorted",
			src: "cjm: 1\ntitle: T\nstages:\n  - id: B\n    name: B\n    touchpoint: []\n" +
				"  - id: s2\n    name: S2\n    touchpoints: [{id: t, name: T, channel: web, emotion: 5}]\n",
			// `touchpoint:` is reported once, as the typo it is: no
			// stage-without-touchpoints warning beside it.
			want: "m.yaml:4:9 error bad-id\n" +
				"m.yaml:6:5 error unknown-key\n" +
				"m.yaml:9:45 error unknown-channel\n" +
				"m.yaml:9:59 error emotion-range\n",
			hasMap: true,
		},
		{
			name: "a misspelt opportunities is the typo, not a stage with pains and no opportunities",
			src: "cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: A\n    oportunities: [Faster]\n" +
				"    touchpoints: [{id: t, name: T, pains: [Slow]}]\n",
			want:   "m.yaml:6:5 error unknown-key\n",
			hasMap: true,
		},
		{
			name:   "a key far from touchpoints still leaves the stage without touchpoints",
			src:    "cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: A\n    moments: []\n",
			want:   "m.yaml:4:5 warning stage-without-touchpoints\nm.yaml:6:5 error unknown-key\n",
			hasMap: true,
		},
		{name: "syntax error: nothing to validate", src: "cjm: 1\ntitle: [\n", want: "m.yaml:2:1 error yaml-syntax\n"},
		{name: "unsupported version: nothing to validate", src: "cjm: 3\nstages: []\n", want: "m.yaml:1:6 error unsupported-version\n"},
		{name: "catalogue is validated", src: "cjm: 1\npersonas: [{id: a, name: A}, {id: a, name: B}]\n", want: "m.yaml:2:35 error duplicate-id\n", hasMap: true},
		{name: "empty", src: "", want: "m.yaml:1:1 error empty-file\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Bytes("m.yaml", []byte(tt.src), load.Options{})
			// diag.Less puts errors before warnings at the same place only;
			// compare as sorted by the package.
			if got := list(res.Diags); got != sortedWant(tt.want) {
				t.Errorf("findings:\n%swant:\n%s", got, sortedWant(tt.want))
			}
			if (res.Map != nil) != tt.hasMap {
				t.Errorf("map = %v, want a map: %v", res.Map, tt.hasMap)
			}
			if string(res.Sources["m.yaml"]) != tt.src {
				t.Error("Sources lacks the file")
			}
		})
	}
}

// sortedWant returns want in diag order (tests list findings as a reader
// would; the order is the package's).
func sortedWant(want string) string {
	var ds diag.Diagnostics
	for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
		if l == "" {
			continue
		}
		var line, col int
		parts := strings.Fields(l)
		loc := strings.Split(parts[0], ":")
		fmt.Sscan(loc[1], &line)
		fmt.Sscan(loc[2], &col)
		d := &diag.Diagnostic{Rule: parts[2], Range: diag.Range{Filename: loc[0], Start: diag.Pos{Line: line, Column: col}}}
		if parts[1] == "warning" {
			d.Severity = diag.Warning
		}
		ds = append(ds, d)
	}
	return list(ds.Normalize())
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(p, []byte("cjm: 1\ntitle: T\nstages: [{id: s, name: S}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := File(p, load.Options{})
	if got := list(res.Diags); got != p+":3:10 warning stage-without-touchpoints\n" {
		t.Errorf("findings: %s", got)
	}
	if res.Map == nil || res.Map.File != p {
		t.Errorf("map: %+v", res.Map)
	}
	res = File(filepath.Join(dir, "none.yaml"), load.Options{})
	if len(res.Diags) != 1 || res.Diags[0].Rule != load.RuleReadError || res.Map != nil {
		t.Errorf("missing file: %v", res.Diags)
	}
}

// TestRulesRegistered checks that every rule any fixture reports is in
// validate.Rules with its severity (the SARIF writer lists rules from it).
func TestRulesRegistered(t *testing.T) {
	for _, name := range []string{
		load.RuleReadError, load.RuleFileTooLarge, load.RuleEmptyFile, load.RuleInvalidUTF8, load.RuleTabIndent,
		load.RuleYAMLSyntax, load.RuleMultipleDocuments, load.RuleAlias, load.RuleTooDeep, load.RuleUnknownKey,
		load.RuleDuplicateKey, load.RuleMissingKey, load.RuleWrongType, load.RuleBadEnum, load.RuleBadColor,
		load.RuleUnsupportedVer, load.RuleIncludeMissing, load.RuleIncludeCycle, load.RuleIncludeOutside,
		load.RuleIncludeStages, load.RuleInternal,
	} {
		if r, ok := validate.Lookup(name); !ok || r.Severity != diag.Error {
			t.Errorf("loader rule %q: registered %v as %v", name, ok, r.Severity)
		}
	}
}
