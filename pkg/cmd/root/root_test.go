package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
)

const badMap = "cjm: 1\ntitle: Bad\nstages:\n  - {id: s, name: S, touchpoints: [{id: t, name: T, emotion: 9}]}\n"

func TestRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(badMap), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       string
		tty        bool
		noColorEnv bool
		wantCode   int
		wantOut    string
		wantErr    string
		notErr     string
	}{
		{name: "version", args: "version", wantOut: "cjm test\n"},
		{name: "findings exit 1", args: "validate bad.yaml", wantCode: 1, wantErr: "bad.yaml:4:", notErr: "\x1b["},
		{name: "colour on a terminal", args: "validate bad.yaml", tty: true, wantCode: 1, wantErr: "\x1b[1;31merror:"},
		{name: "--no-color", args: "--no-color validate bad.yaml", tty: true, wantCode: 1, notErr: "\x1b["},
		{name: "NO_COLOR", args: "validate bad.yaml", tty: true, noColorEnv: true, wantCode: 1, notErr: "\x1b["},
		{name: "quiet", args: "-q validate bad.yaml", wantCode: 1, notErr: "1 error"},
		{name: "unknown flag", args: "--nope", wantCode: 2, wantErr: "cjm: unknown flag: --nope\nRun 'cjm --help' for usage.\n"},
		{name: "unknown shorthand", args: "validate -x bad.yaml", wantCode: 2, wantErr: "Run 'cjm validate --help' for usage."},
		{name: "unknown command", args: "frob", wantCode: 2, wantErr: `unknown command "frob" for "cjm"`},
		{name: "missing file", args: "validate nope.yaml", wantCode: 2, wantErr: "cjm: nope.yaml: no such file or directory\n", notErr: "--help"},
		{name: "help", args: "--help", wantOut: "validate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			ios.SetStderrTTY(tt.tty)
			ios.NoColor = tt.noColorEnv
			f := &cmdutil.Factory{IO: ios, Version: "test"}
			code := Run(f, strings.Fields(tt.args))
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			if !strings.Contains(out.String(), tt.wantOut) || (tt.wantOut == "" && out.Len() > 0) {
				t.Errorf("stdout = %q, want %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr = %q, want %q", errOut, tt.wantErr)
			}
			if tt.notErr != "" && strings.Contains(errOut.String(), tt.notErr) {
				t.Errorf("stderr = %q, must not contain %q", errOut, tt.notErr)
			}
		})
	}
}

// Every command's argument errors are usage errors (exit 2).
func TestArgErrorsAreFlagErrors(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	cmd := NewCmdRoot(&cmdutil.Factory{IO: ios})
	for _, c := range cmd.Commands() {
		if c.Args == nil {
			continue
		}
		err := c.Args(c, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"})
		if err != nil && cmdutil.ExitCode(err) != cmdutil.ExitTrouble {
			t.Errorf("%s: argument error exits %d", c.Name(), cmdutil.ExitCode(err))
		}
	}
}
