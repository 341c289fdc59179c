package diff

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
)

func TestNewCmdDiff(t *testing.T) {
	tests := []struct {
		name, args string
		want       Options
		wantErr    string
	}{
		{name: "defaults", args: "a.yaml b.yaml", want: Options{Old: "a.yaml", New: "b.yaml", Format: "text"}},
		{name: "md", args: "--format md HEAD:a.yaml a.yaml", want: Options{Old: "HEAD:a.yaml", New: "a.yaml", Format: "md"}},
		{name: "json", args: "a b --format json", want: Options{Old: "a", New: "b", Format: "json"}},
		{name: "one side", args: "a.yaml", wantErr: "diff takes two maps"},
		{name: "three", args: "a b c", wantErr: "diff takes two maps"},
		{name: "bad format", args: "--format html a b", wantErr: `invalid --format "html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdDiff(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			err := execute(cmd, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || cmdutil.ExitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want %q and exit 2", err, cmdutil.ExitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Old != tt.want.Old || got.New != tt.want.New || got.Format != tt.want.Format {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func execute(cmd *cobra.Command, args string) error {
	cmd.SetArgs(strings.Fields(args))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
	return cmd.Execute()
}

const oldMap = `cjm: 1
title: T
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t, name: T, emotion: -1}
`

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiffRun(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.yaml", oldMap)
	write(t, dir, "same.yaml", "# reformatted\ntitle: T\ncjm: 1\nstages: [{id: s, name: S, touchpoints: [{name: T, id: t, emotion: -1}]}]\n")
	write(t, dir, "new.yaml", strings.Replace(oldMap, "emotion: -1", "emotion: 1", 1))
	write(t, dir, "broken.yaml", strings.Replace(oldMap, "emotion: -1", "emotion: 5", 1))
	tests := []struct {
		name, old, new, format string
		exit                   int
		stdout, stderr         string
	}{
		{name: "same meaning", old: "old.yaml", new: "same.yaml", format: "text", exit: 0},
		{name: "changed", old: "old.yaml", new: "new.yaml", format: "text", exit: 1,
			stdout: "~ touchpoint t \"T\" (stage s): emotion: -1 → 1 (+2)\n"},
		{name: "markdown", old: "old.yaml", new: "new.yaml", format: "md", exit: 1,
			stdout: "| changed | touchpoint `t` “T” (stage `s`) | emotion: -1 → 1 (+2) |\n"},
		{name: "json", old: "old.yaml", new: "new.yaml", format: "json", exit: 1, stdout: `"field": "emotion"`},
		{name: "broken side", old: "old.yaml", new: "broken.yaml", format: "text", exit: 2,
			stderr: "broken.yaml:7:35: error: emotion 5 is outside"},
		{name: "missing file", old: "old.yaml", new: "nope.yaml", format: "text", exit: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			err := diffRun(&Options{IO: ios, Dir: dir, Old: tt.old, New: tt.new, Format: tt.format})
			if code := cmdutil.ExitCode(err); code != tt.exit {
				t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, err, tt.exit, errOut)
			}
			if tt.stdout == "" && out.Len() > 0 && tt.exit == 0 {
				t.Errorf("stdout: %q", out)
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout:\n%s\nwant it to contain:\n%s", out, tt.stdout)
			}
			if !strings.Contains(errOut.String(), tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to contain:\n%s", errOut, tt.stderr)
			}
		})
	}
}

// TestDiffGit diffs HEAD:file against the work tree in a fresh repository.
func TestDiffGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	os.MkdirAll(filepath.Join(dir, "maps"), 0o755)
	write(t, dir, "maps/j.yaml", oldMap)
	git("add", ".")
	git("commit", "-q", "-m", "map")
	write(t, dir, "maps/j.yaml", strings.Replace(oldMap, "name: S", "name: Stage", 1))

	for _, tt := range []struct{ name, dir, old, new string }{
		{"from the top", dir, "HEAD:maps/j.yaml", "maps/j.yaml"},
		{"./ from a subdirectory", filepath.Join(dir, "maps"), "HEAD:./j.yaml", "j.yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			err := diffRun(&Options{IO: ios, Dir: tt.dir, Old: tt.old, New: tt.new, Format: "text"})
			if code := cmdutil.ExitCode(err); code != 1 {
				t.Fatalf("exit %d (%v); stderr: %s", code, err, errOut)
			}
			if want := "~ stage s: renamed \"S\" → \"Stage\"\n"; out.String() != want {
				t.Errorf("got %q, want %q", out, want)
			}
		})
	}

	t.Run("missing in revision", func(t *testing.T) {
		ios, _, _, _ := iostreams.Test()
		err := diffRun(&Options{IO: ios, Dir: dir, Old: "HEAD:maps/none.yaml", New: "maps/j.yaml", Format: "text"})
		if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "does not exist in 'HEAD'") {
			t.Fatalf("err = %v", err)
		}
	})

	// issue 9 #3: the blob's size is asked of git first; over the limit,
	// nothing is read and the side is refused (exit 2).
	t.Run("over the size limit", func(t *testing.T) {
		ios, _, _, errOut := iostreams.Test()
		// The new side is small, so only the revision is over the limit.
		small := filepath.Join(dir, "maps", "small.yaml")
		if err := os.WriteFile(small, []byte("cjm: 1\ntitle: S\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(small)
		err := diffRun(&Options{IO: ios, Dir: dir, Old: "HEAD:maps/j.yaml", New: "maps/small.yaml", Format: "text", MaxBytes: 100})
		if cmdutil.ExitCode(err) != 2 || !errors.Is(err, errBroken) {
			t.Fatalf("err = %v", err)
		}
		want := "HEAD:maps/j.yaml:1:1: error: HEAD:maps/j.yaml is 101 bytes, over the 100 bytes limit; split the map or raise the limit with --max-size [file-too-large]"
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr:\n%s\nwant %q", errOut, want)
		}
	})

	// issue 9 #24: a directory in git is not parsed as YAML.
	t.Run("a tree", func(t *testing.T) {
		ios, _, _, _ := iostreams.Test()
		err := diffRun(&Options{IO: ios, Dir: dir, Old: "HEAD:maps", New: "maps/j.yaml", Format: "text"})
		if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "HEAD:maps is a directory in git") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("outside a repository", func(t *testing.T) {
		out := t.TempDir()
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(out))
		write(t, out, "j.yaml", oldMap)
		ios, _, _, _ := iostreams.Test()
		err := diffRun(&Options{IO: ios, Dir: out, Old: "HEAD:j.yaml", New: "j.yaml", Format: "text"})
		if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "not inside a git repository") {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestDiffColor: colour only on a terminal, never under --no-color.
func TestDiffColor(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.yaml", oldMap)
	write(t, dir, "new.yaml", strings.Replace(oldMap, "emotion: -1", "emotion: 1", 1))
	for _, tt := range []struct {
		name         string
		tty, noColor bool
		want         bool
	}{
		{"pipe", false, false, false},
		{"terminal", true, false, true},
		{"terminal with --no-color", true, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.NoColor = tt.noColor
			diffRun(&Options{IO: ios, Dir: dir, Old: "old.yaml", New: "new.yaml", Format: "text"})
			if got := strings.Contains(out.String(), "\x1b["); got != tt.want {
				t.Errorf("colour = %v, want %v: %q", got, tt.want, out)
			}
		})
	}
}
