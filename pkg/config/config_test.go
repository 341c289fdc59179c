package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// TestErrors checks every finding of the configuration loader with its
// line, column, rule and the words that say what to do.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want, msg string
	}{
		{"unknown top key", "rule:\n  x: off\n", "1:1 unknown-key", "did you mean `rules`?"},
		{"unknown rule", "rules:\n  stage-without-kpis: error\n", "2:3 unknown-rule", "did you mean `stage-without-kpi`?"},
		{"fixed rule", "rules:\n  unknown-key: warning\n", "2:3 fixed-rule", "cannot be changed"},
		{"bad level", "rules:\n  unused-owner: warn\n", "2:17 bad-enum", "did you mean `warning`?"},
		{"rules not a mapping", "rules: [unused-owner]\n", "1:8 wrong-type", "must be a mapping"},
		{"duplicate rule", "rules:\n  unused-owner: off\n  unused-owner: error\n", "3:3 duplicate-key", "given twice"},
		{"bad preset", "policy: b2c\n", "1:9 bad-enum", "did you mean `b2b`?"},
		{"bad preset key", "policy:\n  preset: enterprise\n", "2:11 bad-enum", "use one of `b2b`"},
		{"unknown policy key", "policy:\n  max-asumed: 20\n", "2:3 unknown-key", "did you mean `max-assumed`?"},
		{"max-assumed range", "policy:\n  max-assumed: -1\n", "2:16 bad-enum", "from 0 to 100"},
		{"max-evidence-age text", "policy:\n  max-evidence-age: 1y\n", "2:21 wrong-type", "must be a number"},
		{"max-evidence-age fraction", "policy:\n  max-evidence-age: 30.5\n", "2:21 wrong-type", "whole number"},
		{"persona field", "policy:\n  persona-fields: [role, goal]\n", "2:26 bad-enum", "did you mean `goals`?"},
		{"format", "render:\n  formats: [svg, pdff]\n", "2:18 bad-enum", "did you mean `pdf`?"},
		{"view", "render:\n  views: [flwo]\n", "2:11 bad-enum", "did you mean `flow`?"},
		{"output empty", "render:\n  output: ''\n", "2:11 missing-key", "name a directory"},
		{"output stdout", "render:\n  output: '-'\n", "2:11 bad-enum", "name a directory"},
		{"page size", "render:\n  page-size: A5\n", "2:14 bad-enum", "is not allowed"},
		{"theme", "render:\n  theme: prnit\n", "2:10 bad-enum", "did you mean `print`?"},
		{"theme file missing", "render:\n  theme: brand/acme.yaml\n", "2:10 read-error", "no such file next to .cjm.yaml"},
		{"page size landscape", "render:\n  page-size: auto-landscape\n", "2:14 bad-enum", "-landscape"},
		{"page size typo", "render:\n  page-size: a3-landscpe\n", "2:14 bad-enum", "is not allowed"},
		{"font missing", "render:\n  font: [fonts/x.ttf]\n", "2:10 read-error", "`font: fonts/x.ttf`: no such file"},
		{"font not text", "render:\n  font: {a: 1}\n", "2:9 wrong-type", "`font` must be a text"},
		{"lang", "lang: en-GB\n", "1:7 bad-enum", "did you mean `en`?"},
		{"alias", "render:\n  formats: &f [svg]\n  views: *f\n", "2:12 yaml-alias", "not supported"},
		{"syntax", "rules:\n  unused-owner: [off\n", "yaml-syntax", ""},
		{"tab", "rules:\n\tunused-owner: off\n", "tab-indentation", ""},
		{"not a mapping", "- rules\n", "1:1 wrong-type", "must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ds := config.Bytes(".cjm.yaml", []byte(tt.src))
			if c != nil {
				t.Error("a configuration with errors is returned")
			}
			if len(ds) == 0 {
				t.Fatal("no findings")
			}
			d := ds[0]
			g := fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Column, d.Rule)
			if !strings.Contains(g, tt.want) {
				t.Errorf("finding %s (%s), want %s", g, d.Message, tt.want)
			}
			if d.Range.Filename != ".cjm.yaml" {
				t.Errorf("file %q", d.Range.Filename)
			}
			if !strings.Contains(d.Message, tt.msg) {
				t.Errorf("message %q lacks %q", d.Message, tt.msg)
			}
		})
	}
}

// TestMerge checks the order of precedence: preset, then parameters
// (which turn their rules on), then rules:.
func TestMerge(t *testing.T) {
	c, ds := config.Bytes(".cjm.yaml", []byte(`lang: ru
policy:
  preset: b2b
  max-assumed: 10
  feedback-metrics: [satisfaction]
rules:
  stage-without-kpi: off
  persona-missing-field: warning
  unused-owner: error
`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	s := c.Rules()
	for rule, want := range map[string]ruleset.Level{
		validate.RuleStageNoKPI:     ruleset.Off,     // rules: over the preset
		validate.RulePersonaNoField: ruleset.Warning, // lowered from the preset's error
		validate.RuleMomentEvidence: ruleset.Error,   // the preset's
		validate.RuleUnusedOwner:    ruleset.Error,
		validate.RuleNoFeedback:     ruleset.Warning,
		validate.RuleSelfNext:       ruleset.Default,
	} {
		if got := s.Level(rule); got != want {
			t.Errorf("%s: %s, want %s", rule, got, want)
		}
	}
	if s.MaxAssumed != 10 || s.MaxEvidenceAge != 365 || !slices.Equal(s.FeedbackMetrics, []string{"satisfaction"}) || s.Lang != "ru" {
		t.Errorf("parameters: %+v", s)
	}

	// A parameter alone turns its rule on, as a warning.
	c, _ = config.Bytes(".cjm.yaml", []byte("policy:\n  max-assumed: 0\n"))
	if s := c.Rules(); s.Level(validate.RuleTooManyAssumed) != ruleset.Warning || s.MaxAssumed != 0 {
		t.Errorf("max-assumed alone: %+v", s)
	}
	// An empty file configures nothing.
	c, ds = config.Bytes(".cjm.yaml", []byte("# later\n"))
	if len(ds) > 0 || c == nil || len(c.Rules().Rules) != 0 {
		t.Errorf("empty: %v %+v", ds, c)
	}
}

// TestDefaults: render's defaults, the output directory relative to the
// configuration file.
func TestDefaults(t *testing.T) {
	c, ds := config.Bytes(filepath.Join("team", ".cjm.yaml"), []byte("render:\n  formats: svg\n  views: [map, flow, map]\n  output: out\n  page-size: a4\n  theme: print\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	f, v, out := c.Defaults()
	if !slices.Equal(f, []string{"svg"}) || !slices.Equal(v, []string{"map", "flow"}) || out != filepath.Join("team", "out") {
		t.Errorf("defaults %v %v %q", f, v, out)
	}
	if c.Render.PageSize != "a4" || c.Render.Theme != "print" {
		t.Errorf("stored: %+v", c.Render)
	}
	var none *config.Config
	if f, v, out := none.Defaults(); f != nil || v != nil || out != "" {
		t.Error("a nil config has defaults")
	}
}

func write(t *testing.T, path, src string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFinder checks discovery: the nearest file wins, the walk stops at
// the root, --config names one for all, --no-config ignores them.
func TestFinder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "outside", ".cjm.yaml"), "lang: ru\n")
	root := filepath.Join(dir, "outside", "repo")
	write(t, filepath.Join(root, ".cjm.yaml"), "lang: en\n")
	write(t, filepath.Join(root, "team", ".cjm.yaml"), "policy: b2b\n")
	write(t, filepath.Join(root, "team", "deep", "m.yaml"), "")
	write(t, filepath.Join(root, "other", "m.yaml"), "")
	write(t, filepath.Join(root, "explicit.yaml"), "rules: {unused-owner: off}\n")
	write(t, filepath.Join(dir, "lone", "m.yaml"), "")

	f := &config.Finder{Root: root}
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(root, "team", "deep", "m.yaml"), filepath.Join(root, "team", ".cjm.yaml")},
		{filepath.Join(root, "team", "deep"), filepath.Join(root, "team", ".cjm.yaml")}, // a directory argument
		{filepath.Join(root, "other", "m.yaml"), filepath.Join(root, ".cjm.yaml")},
		{filepath.Join(dir, "lone", "m.yaml"), ""}, // outside the root: its own directory only
	} {
		c, err := f.For(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if c != nil {
			got = c.File
		}
		if got != tt.want {
			t.Errorf("For(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
	// The walk stops at the root: ../.cjm.yaml above it is not read.
	f = &config.Finder{Root: filepath.Join(root, "other")}
	if c, _ := f.For(filepath.Join(root, "other", "m.yaml")); c != nil {
		t.Errorf("read %s above the root", c.File)
	}
	f = &config.Finder{Root: root, Explicit: filepath.Join(root, "explicit.yaml")}
	if c, _ := f.For(filepath.Join(root, "team", "deep", "m.yaml")); c == nil || c.Rules().Level("unused-owner") != ruleset.Off {
		t.Errorf("--config: %+v", c)
	}
	f = &config.Finder{Root: root, Explicit: filepath.Join(root, "nope.yaml")}
	if _, err := f.For(filepath.Join(root, "other", "m.yaml")); err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("--config of a missing file: %v", err)
	}
	f = &config.Finder{Root: root, Disabled: true}
	if c, _ := f.For(filepath.Join(root, "team", "deep", "m.yaml")); c != nil {
		t.Errorf("--no-config read %s", c.File)
	}
}

// TestFinderBroken: a configuration with errors gives its findings, once,
// and Check refuses the maps under it.
func TestFinderBroken(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".cjm.yaml"), "rules:\n  nope: off\n")
	f := &config.Finder{Root: dir}
	for _, m := range []string{"a.yaml", "b.yaml"} {
		set, ds, srcs := f.Check(filepath.Join(dir, m))
		if set != nil || !ds.HasErrors() || srcs == nil {
			t.Errorf("Check(%s) = %v, %v", m, set, ds)
		}
	}
	ds, _ := f.Findings()
	if len(ds) != 1 || ds[0].Rule != validate.RuleUnknownRule || ds[0].Range.Start.Line != 2 {
		t.Errorf("findings %v", ds)
	}
}

// TestSizeLimit: the configuration is read through the loader's limit.
func TestSizeLimit(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".cjm.yaml"), "lang: en\n"+strings.Repeat("# padding\n", 200))
	f := &config.Finder{Root: dir, MaxBytes: 100}
	_, ds, _ := f.Check(filepath.Join(dir, "m.yaml"))
	if len(ds) != 1 || ds[0].Rule != "file-too-large" {
		t.Errorf("findings %v", ds)
	}
}

func TestToday(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if d, err := config.Today(env("")); err != nil || !d.IsZero() {
		t.Errorf("unset: %v %v", d, err)
	}
	if d, err := config.Today(env("1780272000")); err != nil || d.Format("2006-01-02") != "2026-06-01" {
		t.Errorf("set: %v %v", d, err)
	}
	if _, err := config.Today(env("tomorrow")); err == nil {
		t.Error("a bad SOURCE_DATE_EPOCH is accepted")
	}
}

// TestFinderToday: a pinned day reaches every rule set, and the loaded
// configuration is not changed by it.
func TestFinderToday(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".cjm.yaml"), "policy: b2b\n")
	day, _ := config.Today(func(string) string { return "1780272000" })
	f := &config.Finder{Root: dir, Today: day}
	set, ds, _ := f.Check(filepath.Join(dir, "m.yaml"))
	if len(ds) > 0 || set == nil || !set.Today.Equal(day) || !f.Set(filepath.Join(dir, "m.yaml")).Today.Equal(day) {
		t.Fatalf("set %+v, findings %v", set, ds)
	}
	if c, _ := f.For(filepath.Join(dir, "m.yaml")); !c.Rules().Today.IsZero() {
		t.Error("the configuration itself was dated")
	}
}
