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
			res := Bytes("m.yaml", []byte(tt.src), Options{})
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
	res := File(p, Options{})
	if got := list(res.Diags); got != p+":3:10 warning stage-without-touchpoints\n" {
		t.Errorf("findings: %s", got)
	}
	if res.Map == nil || res.Map.File != p {
		t.Errorf("map: %+v", res.Map)
	}
	res = File(filepath.Join(dir, "none.yaml"), Options{})
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
		load.RuleIncludeStages, load.RuleInternal, load.RuleEmptyReference, load.RuleControlChar,
	} {
		if r, ok := validate.Lookup(name); !ok || r.Severity != diag.Error {
			t.Errorf("loader rule %q: registered %v as %v", name, ok, r.Severity)
		}
	}
	if r, ok := validate.Lookup(load.RuleBidiChar); !ok || r.Severity != diag.Warning {
		t.Errorf("loader rule %q: registered %v as %v", load.RuleBidiChar, ok, r.Severity)
	}
}

// TestFailedIncludeNoCascade checks that an include that cannot be loaded
// is one finding: the persona, channel and owner references it would have
// served are not reported as unknown (issue 9 #17), while a reference to a
// touchpoint, which no include declares, still is.
func TestFailedIncludeNoCascade(t *testing.T) {
	const body = "personas: [{id: cio, name: CIO}]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n" +
		"      - {id: t, name: T, personas: [cfo], channel: web, owner: sales, emotion: {cfo: 1}, next: [nowhere]}\n"
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("broken.yaml", "cjm: 1\npersonas: [\n")
	write("good.yaml", "cjm: 1\npersonas: [{id: cfo, name: CFO}]\nchannels: [{id: web, name: Web}]\nowners: [{id: sales, name: Sales}]\n")
	tests := []struct{ name, include, want string }{
		{"missing include", "missing.yaml",
			"m.yaml:3:11 error include-missing\nm.yaml:4:12 warning unused-persona\nm.yaml:9:97 error unknown-touchpoint\n"},
		{"include with a syntax error", "broken.yaml",
			"broken.yaml:2:1 error yaml-syntax\nm.yaml:4:12 warning unused-persona\nm.yaml:9:97 error unknown-touchpoint\n"},
		{"include outside the root", "../outside.yaml",
			"m.yaml:3:11 error include-outside-root\nm.yaml:4:12 warning unused-persona\nm.yaml:9:97 error unknown-touchpoint\n"},
		// Without a failure, unknown references are reported as before.
		{"include that loads", "good.yaml", "m.yaml:4:12 warning unused-persona\nm.yaml:9:97 error unknown-touchpoint\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write("m.yaml", "cjm: 1\ntitle: T\ninclude: ["+tt.include+"]\n"+body)
			res := File(p, Options{Root: dir})
			got := strings.ReplaceAll(list(res.Diags), dir+string(filepath.Separator), "")
			if got != sortedWant(tt.want) {
				t.Errorf("findings:\n%swant:\n%s", got, sortedWant(tt.want))
			}
		})
	}
	// The same map without the include: every unknown reference counts.
	res := Bytes("m.yaml", []byte("cjm: 1\ntitle: T\n"+body), Options{})
	for _, rule := range []string{validate.RuleUnknownPersona, validate.RuleUnknownChannel, validate.RuleUnknownOwner} {
		if !strings.Contains(list(res.Diags), rule) {
			t.Errorf("without an include, no %s: %s", rule, list(res.Diags))
		}
	}
}

// TestHugeMetricRefused checks that a metric beyond ±1e15 makes the map
// invalid (issue 9 #10): the difference of two such numbers overflows to
// infinity, which `diff --format json` cannot write and the views would
// print as "Inf"; commands render and diff only maps without errors.
func TestHugeMetricRefused(t *testing.T) {
	src := "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints: [{id: t, name: T}]\n" +
		"    metrics: [{id: m, name: M, value: -1.7976931348623157e308, target: 1.7976931348623157e308}]\n"
	res := Bytes("m.yaml", []byte(src), Options{})
	if want := "m.yaml:7:39 error metric-range\nm.yaml:7:72 error metric-range\n"; list(res.Diags) != want {
		t.Errorf("findings:\n%swant:\n%s", list(res.Diags), want)
	}
	if !res.Diags.HasErrors() {
		t.Error("the map is valid")
	}
}

// TestEmptyIDsOnce checks that an empty or blank id is one missing-key
// finding, not also a bad id or a duplicate (issue 9 #9).
func TestEmptyIDsOnce(t *testing.T) {
	src := "cjm: 1\ntitle: T\nstages:\n  - {id: '', name: A, touchpoints: [{id: ' ', name: T}]}\n  - {id: '', name: B, touchpoints: [{id: t, name: ''}]}\n"
	res := Bytes("m.yaml", []byte(src), Options{})
	want := "m.yaml:4:10 error missing-key\nm.yaml:4:42 error missing-key\nm.yaml:5:10 error missing-key\nm.yaml:5:51 error missing-key\n"
	if list(res.Diags) != want {
		t.Errorf("findings:\n%swant:\n%s", list(res.Diags), want)
	}
}
