package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	rules "github.com/cjm-dev/cjm/pkg/validate"
)

func TestNewCmdValidate(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		root    string
		want    Options
		wantErr string
	}{
		{name: "defaults", args: "maps", want: Options{Paths: []string{"maps"}, Format: "text", MaxBytes: load.DefaultMaxBytes}},
		{name: "all flags", args: "--format sarif --strict --max-size 20MiB a.yaml b", root: "repo",
			want: Options{Paths: []string{"a.yaml", "b"}, Format: "sarif", Strict: true, MaxBytes: 20 << 20, Root: "repo"}},
		{name: "max-size in bytes", args: "--max-size 1000 a", want: Options{Paths: []string{"a"}, Format: "text", MaxBytes: 1000}},
		{name: "each format", args: "--format gitlab a", want: Options{Paths: []string{"a"}, Format: "gitlab", MaxBytes: load.DefaultMaxBytes}},
		{name: "no path", args: "", wantErr: "no PATH given"},
		{name: "bad format", args: "--format xml a", wantErr: `invalid --format "xml"`},
		{name: "bad size", args: "--max-size lots a", wantErr: `invalid size "lots"`},
		{name: "zero size", args: "--max-size 0 a", wantErr: `invalid size "0"`},
		{name: "unknown flag", args: "--fast a", wantErr: "unknown flag: --fast"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			f := &cmdutil.Factory{IO: ios, Root: tt.root}
			var got *Options
			cmd := NewCmdValidate(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if code := cmdutil.ExitCode(err); code != 2 {
					t.Errorf("exit code %d, want 2", code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.want.Format || got.Strict != tt.want.Strict || got.MaxBytes != tt.want.MaxBytes ||
				got.Root != tt.want.Root || strings.Join(got.Paths, " ") != strings.Join(tt.want.Paths, " ") {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

const goodMap = `cjm: 1
title: Good
channels:
  - {id: web, name: Web}
owners:
  - {id: mkt, name: Marketing}
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: blog, name: Blog, channel: web, owner: mkt, emotion: 1}
`

const badMap = `cjm: 1
title: Bad
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - id: blog
        name: Blog
        chanel: web
`

// warnMap has a stage without touchpoints: a warning only.
const warnMap = `cjm: 1
title: Warn
stages:
  - id: awareness
    name: Awareness
`

func TestValidateRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, src := range map[string]string{"good.yaml": goodMap, "bad.yaml": badMap, "warn.yaml": warnMap} {
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name       string
		opts       Options
		wantCode   int
		wantOut    string // substring of stdout; "" means stdout must be empty
		wantErrOut string // substring of stderr
	}{
		{name: "clean", opts: Options{Paths: []string{"good.yaml"}, Format: "text"}, wantCode: 0, wantErrOut: "0 errors, 0 warnings in 1 file"},
		{name: "errors", opts: Options{Paths: []string{"bad.yaml"}, Format: "text"}, wantCode: 1, wantErrOut: "bad.yaml:9:9: error: "},
		{name: "warnings pass", opts: Options{Paths: []string{"warn.yaml"}, Format: "text"}, wantCode: 0, wantErrOut: "warn.yaml:4:5: warning: "},
		{name: "warnings fail under strict", opts: Options{Paths: []string{"warn.yaml"}, Format: "text", Strict: true}, wantCode: 1, wantErrOut: "0 errors, 1 warning in 1 file"},
		{name: "json on stdout", opts: Options{Paths: []string{"bad.yaml"}, Format: "json"}, wantCode: 1, wantOut: `"rule": "unknown-key"`},
		{name: "json clean", opts: Options{Paths: []string{"good.yaml"}, Format: "json"}, wantCode: 0, wantOut: "[]\n"},
		{name: "sarif", opts: Options{Paths: []string{"bad.yaml"}, Format: "sarif"}, wantCode: 1, wantOut: `"uri": "bad.yaml"`},
		{name: "gitlab", opts: Options{Paths: []string{"bad.yaml"}, Format: "gitlab"}, wantCode: 1, wantOut: `"path": "bad.yaml"`},
		{name: "github", opts: Options{Paths: []string{"bad.yaml"}, Format: "github"}, wantCode: 1, wantOut: "::error file=bad.yaml,line=9,col=9"},
		{name: "missing file", opts: Options{Paths: []string{"nope.yaml"}, Format: "text"}, wantCode: 2},
		// A command that cannot run still writes an empty report where CI
		// keeps one (`> results.sarif`), so the upload step gets a valid file.
		{name: "missing file, sarif", opts: Options{Paths: []string{"nope.yaml"}, Format: "sarif"}, wantCode: 2, wantOut: `"results": []`},
		{name: "missing file, json", opts: Options{Paths: []string{"nope.yaml"}, Format: "json"}, wantCode: 2, wantOut: "[]\n"},
		{name: "missing file, gitlab", opts: Options{Paths: []string{"nope.yaml"}, Format: "gitlab"}, wantCode: 2, wantOut: "[]\n"},
		{name: "missing root, sarif", opts: Options{Paths: []string{"good.yaml"}, Format: "sarif", Root: "nowhere"}, wantCode: 2, wantOut: `"version": "2.1.0"`},
		{name: "missing root", opts: Options{Paths: []string{"good.yaml"}, Format: "text", Root: "nowhere"}, wantCode: 2},
		{name: "sorted across files", opts: Options{Paths: []string{"warn.yaml", "bad.yaml", "."}, Format: "text"}, wantCode: 1,
			wantErrOut: "1 error, 1 warning in 3 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			opts := tt.opts
			opts.IO = ios
			opts.Getenv = func(string) string { return "" }
			err := validateRun(&opts)
			if code := cmdutil.ExitCode(err); code != tt.wantCode {
				t.Errorf("exit code %d (err %v), want %d", code, err, tt.wantCode)
			}
			if tt.wantOut == "" && out.Len() > 0 {
				t.Errorf("stdout should be empty, got:\n%s", out)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out)
			}
			if !strings.Contains(errOut.String(), tt.wantErrOut) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErrOut, errOut)
			}
		})
	}
}

func TestValidateRunOrderAndQuiet(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var names []string
	for i := range 40 {
		name := filepath.Join("maps", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".yaml")
		names = append(names, name)
	}
	if err := os.MkdirAll("maps", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.WriteFile(n, []byte(badMap), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ios, _, _, errOut := iostreams.Test()
	ios.Quiet = true
	err := validateRun(&Options{IO: ios, Paths: []string{"maps"}, Format: "text", Getenv: os.Getenv})
	if !errors.Is(err, cmdutil.SilentError) {
		t.Fatalf("err = %v, want SilentError", err)
	}
	var got []string
	for _, line := range strings.Split(errOut.String(), "\n") {
		if i := strings.Index(line, ":9:9: error"); i > 0 {
			got = append(got, line[:i])
		}
	}
	sortedNames := append([]string(nil), names...)
	slices.Sort(sortedNames)
	if strings.Join(got, ",") != strings.Join(sortedNames, ",") {
		t.Errorf("findings not in sorted path order:\n%v\nwant\n%v", got, sortedNames)
	}
	if strings.Contains(errOut.String(), " in 40 files") {
		t.Errorf("-q must drop the summary line")
	}
}

func TestGitHubStepSummary(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("bad.yaml", []byte(badMap), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := filepath.Join(dir, "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary}
	_ = validateRun(&Options{IO: ios, Paths: []string{"bad.yaml"}, Format: "github", Getenv: func(k string) string { return env[k] }})
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if !strings.HasPrefix(s, "earlier step\n### cjm validate") || !strings.Contains(s, "| bad.yaml:9:9 | error | unknown-key |") {
		t.Errorf("step summary not appended as expected:\n%s", s)
	}
}

// TestSARIFForCodeScanning checks the SARIF log of real findings against
// the SARIF 2.1.0 subset that GitHub code scanning needs: every rule of
// the registry with its full description, help (text and Markdown) and a
// helpUri into docs/rules.md, the build's version, fingerprints; and the
// log a missing input leaves.
func TestSARIFForCodeScanning(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schemaPath, err := filepath.Abs("../../findings/testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("bad.yaml", []byte(badMap), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{"bad.yaml"}, {"nope.yaml"}} {
		ios, _, out, _ := iostreams.Test()
		_ = validateRun(&Options{IO: ios, Paths: paths, Format: "sarif", Version: "v9.8.7", Getenv: func(string) string { return "" }})
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("%v: not JSON: %v\n%s", paths, err, out)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%v: %v", paths, err)
		}
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Version string
						Rules   []struct {
							ID      string
							HelpURI string
							Help    struct{ Text, Markdown string }
						}
					}
				}
				Results []struct{ RuleID string }
			}
		}
		if err := json.Unmarshal(out.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		d := log.Runs[0].Tool.Driver
		if d.Version != "v9.8.7" {
			t.Errorf("driver version %q", d.Version)
		}
		if len(d.Rules) != len(rules.Rules) {
			t.Errorf("%d rules, the registry has %d", len(d.Rules), len(rules.Rules))
		}
		for _, r := range d.Rules {
			if r.HelpURI != rules.RulesURL+"#"+r.ID || r.Help.Markdown == "" || r.Help.Text == "" {
				t.Errorf("rule %s: helpUri %q, help %+v", r.ID, r.HelpURI, r.Help)
			}
		}
		if wantResults := paths[0] == "bad.yaml"; (len(log.Runs[0].Results) > 0) != wantResults {
			t.Errorf("%v: results %v", paths, log.Runs[0].Results)
		}
	}
}
