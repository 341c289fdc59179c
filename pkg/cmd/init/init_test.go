package initcmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diff"
	"github.com/cjm-dev/cjm/pkg/importer"
	xlsximport "github.com/cjm-dev/cjm/pkg/importer/xlsx"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/templates"
)

func TestNewCmdInit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		want     Options
		wantFlag string // a FlagError containing this
	}{
		{"defaults", nil, Options{Template: "b2b-funnel", Lang: "en", Format: "yaml"}, ""},
		{"file", []string{"m.yaml"}, Options{File: "m.yaml", Template: "b2b-funnel", Lang: "en", Format: "yaml"}, ""},
		{"all flags", []string{"--template", "abm", "--lang", "ru", "--force", "x.yml"}, Options{File: "x.yml", Template: "abm", Lang: "ru", Format: "yaml", Force: true}, ""},
		{"xlsx", []string{"--format", "xlsx", "w.bin"}, Options{File: "w.bin", Template: "b2b-funnel", Lang: "en", Format: "xlsx"}, ""},
		{"xlsx from the name", []string{"Workshop.XLSX"}, Options{File: "Workshop.XLSX", Template: "b2b-funnel", Lang: "en", Format: "xlsx"}, ""},
		{"yaml named .xlsx", []string{"--format", "yaml", "w.xlsx"}, Options{File: "w.xlsx", Template: "b2b-funnel", Lang: "en", Format: "yaml"}, ""},
		{"unknown format", []string{"--format", "ods", "w.ods"}, Options{}, `unknown format "ods"; use one of yaml, xlsx`},
		{"xlsx to a terminal", []string{"--format", "xlsx"}, Options{}, "name the FILE to write"},
		{"unknown template", []string{"--template", "funnel"}, Options{}, `unknown template "funnel"; use one of b2b-funnel, abm, saas-onboarding`},
		{"unknown lang", []string{"--lang", "de"}, Options{}, `unknown language "de"; use one of en, ru`},
		{"two files", []string{"a.yaml", "b.yaml"}, Options{}, "accepts at most 1 arg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdInit(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			_, err := cmd.ExecuteC()
			if tc.wantFlag != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantFlag) {
					t.Fatalf("err = %v, want %q", err, tc.wantFlag)
				}
				var fe *cmdutil.FlagError
				if !errors.As(err, &fe) && !strings.Contains(err.Error(), "arg") {
					t.Errorf("err %T is not a FlagError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if *got != tc.want {
				t.Errorf("options = %+v, want %+v", *got, tc.want)
			}
		})
	}
}

func TestInitRun(t *testing.T) {
	b2b, _ := templates.Get("b2b-funnel", "en")
	abmRU, _ := templates.Get("abm", "ru")

	t.Run("stdout", func(t *testing.T) {
		ios, _, out, errOut := iostreams.Test()
		if err := initRun(&Options{IO: ios, Template: "b2b-funnel", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), b2b) || errOut.Len() != 0 {
			t.Errorf("stdout is not the template or stderr not empty: %q", errOut)
		}
	})

	t.Run("new file is valid", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "journey.yaml")
		ios, _, out, errOut := iostreams.Test()
		if err := initRun(&Options{IO: ios, File: path, Template: "abm", Lang: "ru"}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, abmRU) {
			t.Fatalf("file not the template: %v", err)
		}
		if out.Len() != 0 {
			t.Errorf("stdout: %q", out)
		}
		want := "wrote " + path + " (template abm, ru)\nfor completion in your editor: cjm schema > " + filepath.Join(dir, "cjm.schema.json") + "\n"
		if errOut.String() != want {
			t.Errorf("stderr = %q, want %q", errOut, want)
		}
		if res := check.File(path, load.Options{Root: dir}); len(res.Diags) != 0 {
			t.Errorf("written map has findings: %v", res.Diags)
		}
	})

	t.Run("quiet, schema present", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "cjm.schema.json"), []byte("{}"), 0o644)
		ios, _, _, errOut := iostreams.Test()
		ios.Quiet = true
		if err := initRun(&Options{IO: ios, File: filepath.Join(dir, "m.yaml"), Template: "abm", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		if errOut.Len() != 0 {
			t.Errorf("stderr under -q: %q", errOut)
		}
	})

	t.Run("refuses to overwrite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "m.yaml")
		os.WriteFile(path, []byte("mine\n"), 0o644)
		ios, _, _, _ := iostreams.Test()
		err := initRun(&Options{IO: ios, File: path, Template: "b2b-funnel", Lang: "en"})
		if err == nil || err.Error() != path+" already exists; use --force to overwrite it" {
			t.Fatalf("err = %v", err)
		}
		if code := cmdutil.ExitCode(err); code != 2 {
			t.Errorf("exit code %d, want 2", code)
		}
		if got, _ := os.ReadFile(path); string(got) != "mine\n" {
			t.Errorf("file was changed: %q", got)
		}
	})

	t.Run("force overwrites", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "m.yaml")
		os.WriteFile(path, []byte("mine\n"), 0o600)
		ios, _, _, _ := iostreams.Test()
		if err := initRun(&Options{IO: ios, File: path, Template: "b2b-funnel", Lang: "en", Force: true}); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, b2b) {
			t.Error("file not overwritten")
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Errorf("temporary files left: %v", entries)
		}
	})

	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		ios, _, _, _ := iostreams.Test()
		err := initRun(&Options{IO: ios, File: dir, Template: "b2b-funnel", Lang: "en", Force: true})
		if err == nil || !strings.Contains(err.Error(), "is a directory") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("missing directory is created", func(t *testing.T) {
		// issue 9 #28: `cjm init maps/journey.yaml`, the example in the
		// help, when maps/ does not exist yet.
		path := filepath.Join(t.TempDir(), "no", "such", "m.yaml")
		ios, _, _, _ := iostreams.Test()
		if err := initRun(&Options{IO: ios, File: path, Template: "b2b-funnel", Lang: "en"}); err != nil {
			t.Fatalf("err = %v", err)
		}
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			t.Fatalf("%s not written: %v", path, err)
		}
	})
	t.Run("parent is a file", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		ios, _, _, _ := iostreams.Test()
		err := initRun(&Options{IO: ios, File: filepath.Join(dir, "f", "m.yaml"), Template: "b2b-funnel", Lang: "en"})
		if err == nil || cmdutil.ExitCode(err) != 2 {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--template", ""}, "b2b-funnel\nabm\nsaas-onboarding\n:4\n"},
		{[]string{"--lang", ""}, "en\nru\n:4\n"},
		{[]string{""}, "yaml\nyml\nxlsx\n:8\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			root := &cobra.Command{Use: "cjm"}
			root.AddCommand(NewCmdInit(&cmdutil.Factory{IO: ios}, nil))
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&bytes.Buffer{})
			root.SetArgs(append([]string{cobra.ShellCompRequestCmd, "init"}, tc.args...))
			if err := root.Execute(); err != nil {
				t.Fatal(err)
			}
			if got, _, _ := strings.Cut(out.String(), "Completion ended"); got != tc.want {
				t.Errorf("completions %q, want %q", got, tc.want)
			}
		})
	}
}

// TestInitRunXLSX: --format xlsx writes the template's workbook, which
// imports back to the template's map (no change for cjm diff).
func TestInitRunXLSX(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		for _, name := range templates.Names {
			t.Run(name+"-"+lang, func(t *testing.T) {
				ios, _, _, errOut := iostreams.Test()
				path := filepath.Join(t.TempDir(), "w.xlsx")
				if err := initRun(&Options{IO: ios, Template: name, Lang: lang, Format: "xlsx", File: path}); err != nil {
					t.Fatal(err)
				}
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				res := importer.Convert(xlsximport.Source{}, "w.xlsx", src, importer.Options{})
				if res.Diags.HasErrors() {
					t.Fatal(res.Diags)
				}
				tpl, _ := templates.Get(name, lang)
				want := check.Bytes("t.yaml", tpl, check.Options{})
				got := check.Bytes("w.yaml", res.YAML, check.Options{})
				if got.Diags.HasErrors() {
					t.Fatal(got.Diags)
				}
				if changes := diff.Compare(want.Map, got.Map); len(changes) > 0 {
					t.Errorf("the workbook of %s differs from the template: %+v", name, changes)
				}
				if !strings.Contains(errOut.String(), "cjm import "+path) {
					t.Errorf("stderr %q does not say how to import it", errOut)
				}
			})
		}
	}
}
