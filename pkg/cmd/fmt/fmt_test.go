package fmtcmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
)

func TestNewCmdFmt(t *testing.T) {
	tests := []struct {
		name, args string
		want       Options
		wantErr    string
	}{
		{name: "defaults", args: "a.yaml", want: Options{Paths: []string{"a.yaml"}}},
		{name: "all flags", args: "-l -d -w maps", want: Options{Paths: []string{"maps"}, List: true, Diff: true, Write: true}},
		{name: "long flags", args: "--list --write a b", want: Options{Paths: []string{"a", "b"}, List: true, Write: true}},
		{name: "stdin", args: "-", want: Options{Paths: []string{"-"}}},
		{name: "no path", args: "", wantErr: "no PATH given"},
		{name: "stdin with -w", args: "-w -", wantErr: "standard input (-)"},
		{name: "unknown flag", args: "-x a", wantErr: "unknown shorthand flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdFmt(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || cmdutil.ExitCode(err) != 2 {
					t.Fatalf("err = %v, want %q and exit 2", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Paths, " ") != strings.Join(tt.want.Paths, " ") || got.List != tt.want.List ||
				got.Diff != tt.want.Diff || got.Write != tt.want.Write {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

const (
	messy     = "title: T\ncjm: 1\nstages:\n- {name: S, id: s}\n"
	formatted = "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S}\n"
)

func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"messy.yaml":       messy,
		"ok.yaml":          formatted,
		"sub/deeper.yml":   messy,
		"sub/other.yaml":   "not: a journey\n",
		"broken/bad.yaml":  "cjm: 1\ntitle: [oops\n",
		"broken/good.yaml": formatted,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFmtRun(t *testing.T) {
	tests := []struct {
		name           string
		opts           Options
		paths          []string
		stdin          string
		exit           int
		stdout, stderr string
	}{
		{name: "print one file", paths: []string{"messy.yaml"}, exit: 0, stdout: formatted},
		{name: "print a formatted file", paths: []string{"ok.yaml"}, exit: 0, stdout: formatted},
		{name: "list", opts: Options{List: true}, paths: []string{"ok.yaml", "sub", "messy.yaml"}, exit: 1, stdout: "messy.yaml\nsub/deeper.yml\n"},
		{name: "list clean", opts: Options{List: true}, paths: []string{"ok.yaml"}, exit: 0},
		{name: "diff", opts: Options{Diff: true}, paths: []string{"messy.yaml"}, exit: 1,
			stdout: "--- messy.yaml.orig\n+++ messy.yaml\n@@ -1,4 +1,4 @@\n-title: T\n cjm: 1\n+title: T\n stages:\n-- {name: S, id: s}\n+  - {id: s, name: S}\n"},
		{name: "several files without a flag", paths: []string{"."}, exit: 2},
		{name: "syntax error", opts: Options{List: true}, paths: []string{"broken"}, exit: 2, stderr: "broken/bad.yaml:2:1: error: YAML syntax error: did not find expected"},
		{name: "missing path", opts: Options{List: true}, paths: []string{"nope.yaml"}, exit: 2},
		{name: "stdin", paths: []string{"-"}, stdin: messy, exit: 0, stdout: formatted},
		{name: "stdin list", opts: Options{List: true}, paths: []string{"-"}, stdin: messy, exit: 1, stdout: "<standard input>\n"},
		{name: "stdin syntax error", paths: []string{"-"}, stdin: "a: [\n", exit: 2, stderr: "<standard input>:"},
		// issue 9 #18: positions as validate gives them.
		{name: "nul at 3:16", paths: []string{"-"}, stdin: "cjm: 1\ntitle: T\nstages: [{id: s\x00}]\n", exit: 2,
			stderr: "<standard input>:3:16: error: the control character U+0000 (NUL) is not allowed in a journey file"},
		// issue 9 #3: fmt reads within the size limit, files and stdin.
		{name: "file too large", opts: Options{List: true, MaxBytes: 10}, paths: []string{"messy.yaml"}, exit: 2,
			stderr: "messy.yaml:1:1: error: messy.yaml is 43 bytes, over the 10 bytes limit"},
		{name: "stdin too large", opts: Options{MaxBytes: 10}, paths: []string{"-"}, stdin: messy, exit: 2,
			stderr: "<standard input>:1:1: error: <standard input> is over the 10 bytes limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t)
			t.Chdir(dir)
			ios, in, out, errOut := iostreams.Test()
			in.WriteString(tt.stdin)
			opts := tt.opts
			opts.IO, opts.Paths = ios, tt.paths
			err := fmtRun(&opts)
			if code := cmdutil.ExitCode(err); code != tt.exit {
				t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, err, tt.exit, errOut)
			}
			if tt.stdout != "" || tt.exit == 0 {
				if got := filepath.ToSlash(out.String()); got != tt.stdout {
					t.Errorf("stdout:\n%s\nwant:\n%s", got, tt.stdout)
				}
			}
			if !strings.Contains(filepath.ToSlash(errOut.String()), tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to contain %q", errOut, tt.stderr)
			}
			if b, _ := os.ReadFile("messy.yaml"); string(b) != messy {
				t.Error("messy.yaml was written without -w")
			}
		})
	}
}

func TestFmtWrite(t *testing.T) {
	dir := setup(t)
	t.Chdir(dir)
	ios, _, out, errOut := iostreams.Test()
	if err := fmtRun(&Options{IO: ios, Paths: []string{"messy.yaml", "sub"}, Write: true, List: true}); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	if got := filepath.ToSlash(out.String()); got != "messy.yaml\nsub/deeper.yml\n" {
		t.Errorf("listed %q", got)
	}
	for _, p := range []string{"messy.yaml", "sub/deeper.yml"} {
		if b, _ := os.ReadFile(p); string(b) != formatted {
			t.Errorf("%s = %q", p, b)
		}
	}
	if b, _ := os.ReadFile("sub/other.yaml"); string(b) != "not: a journey\n" {
		t.Error("a YAML file that is not a journey was touched")
	}
	// Now everything is formatted.
	ios, _, out, _ = iostreams.Test()
	if err := fmtRun(&Options{IO: ios, Paths: []string{"messy.yaml", "ok.yaml", "sub"}, List: true}); err != nil || out.Len() != 0 {
		t.Errorf("after -w: %v, %q", err, out)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(".")
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("left %s", e.Name())
		}
	}
}
