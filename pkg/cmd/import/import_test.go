package importcmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
)

func TestNewCmdImport(t *testing.T) {
	tests := []struct {
		name, args string
		want       Options
		wantErr    string
	}{
		{name: "defaults", args: "a.mmd", want: Options{Files: []string{"a.mmd"}}},
		{name: "all flags", args: "--from csv -o out --force a.txt b.txt", want: Options{Files: []string{"a.txt", "b.txt"}, From: "csv", Out: "out", Force: true}},
		{name: "stdout", args: "-o - a.mmd", want: Options{Files: []string{"a.mmd"}, Out: "-"}},
		{name: "stdin", args: "--from mermaid -", want: Options{Files: []string{"-"}, From: "mermaid"}},
		{name: "no file", args: "", wantErr: "no FILE given"},
		{name: "unknown format", args: "--from visio a", wantErr: `--from "visio": the formats are mermaid, csv, xlsx`},
		{name: "stdin without --from", args: "-", wantErr: "standard input (-) needs --from"},
		{name: "stdin and files", args: "--from csv - a.csv", wantErr: "standard input (-) is imported alone"},
		{name: "stdout for two", args: "-o - a.mmd b.mmd", wantErr: "-o - writes one journey file to stdout; 2 files given"},
		{name: "one file for two", args: "-o x.yaml a.mmd b.mmd", wantErr: "-o x.yaml names one file; 2 files given"},
		{name: "unknown flag", args: "-x a", wantErr: "unknown shorthand flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdImport(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
			err := cmd.Execute()
			if tt.wantErr != "" {
				var fe *cmdutil.FlagError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) {
					t.Fatalf("err = %v, want a usage error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Files, " ") != strings.Join(tt.want.Files, " ") || got.From != tt.want.From ||
				got.Out != tt.want.Out || got.Force != tt.want.Force || got.MaxBytes != load.DefaultMaxBytes {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func run(t *testing.T, opts *Options) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	opts.IO = ios
	err := importRun(opts)
	return out.String(), errOut.String(), err
}

func TestImportRun(t *testing.T) {
	dir := t.TempDir()
	mmd := filepath.Join(dir, "day.mmd")
	if err := os.WriteFile(mmd, []byte("journey\ntitle Day\nsection Morning\n  Tea: 5: Me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := run(t, &Options{Files: []string{mmd}})
	if err != nil || out != "" || !strings.Contains(errOut, "day.mmd → "+filepath.Join(dir, "day.yaml")+": 1 stage, 1 touchpoint, 1 persona") {
		t.Fatalf("err %v, stdout %q, stderr %q", err, out, errOut)
	}
	written, _ := os.ReadFile(filepath.Join(dir, "day.yaml"))
	if !strings.Contains(string(written), "title: Day\n") {
		t.Errorf("written:\n%s", written)
	}
	// Again without --force: trouble (exit 2), the file untouched.
	if err := os.WriteFile(filepath.Join(dir, "day.yaml"), []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err = run(t, &Options{Files: []string{mmd}})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(errOut, "already exists; use --force") {
		t.Errorf("err %v, stderr %q", err, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "day.yaml")); string(b) != "keep\n" {
		t.Errorf("overwritten: %q", b)
	}
	// An input that would be its own output.
	yml := filepath.Join(dir, "in.yaml")
	_ = os.WriteFile(yml, []byte("stage,touchpoint\nA,B\n"), 0o644)
	_, errOut, err = run(t, &Options{Files: []string{yml}, From: "csv", Force: true})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(errOut, "would replace its input") {
		t.Errorf("err %v, stderr %q", err, errOut)
	}
	// Errors in the input: exit 1, nothing written.
	bad := filepath.Join(dir, "bad.mmd")
	_ = os.WriteFile(bad, []byte("journey\nsection S\n  Tea: 0\n"), 0o644)
	_, errOut, err = run(t, &Options{Files: []string{bad}})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(errOut, "bad.mmd:3:8: error: the score \"0\"") {
		t.Errorf("err %v, stderr %q", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.yaml")); err == nil {
		t.Error("bad.yaml written")
	}
}

// TestSameOutput: two inputs with the same base name never write the same
// file in one run, even with --force.
func TestSameOutput(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	_ = os.MkdirAll(a, 0o755)
	_ = os.MkdirAll(b, 0o755)
	_ = os.WriteFile(filepath.Join(a, "x.mmd"), []byte("journey\nsection S\n  Tea: 5\n"), 0o644)
	_ = os.WriteFile(filepath.Join(b, "x.csv"), []byte("stage,touchpoint\nA,Coffee\n"), 0o644)
	out := filepath.Join(dir, "out")
	_, errOut, err := run(t, &Options{Files: []string{filepath.Join(a, "x.mmd"), filepath.Join(b, "x.csv")}, Out: out, Force: true})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(errOut, "is the journey file of "+filepath.Join(a, "x.mmd")+" already") {
		t.Fatalf("err %v, stderr %q", err, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "x.yaml")); !strings.Contains(string(got), "name: Tea") {
		t.Errorf("x.yaml:\n%s", got)
	}
}
