package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/renderpool"
)

// TestMain lets the test binary act as a Graphviz worker for the pool.
func TestMain(m *testing.M) {
	if os.Getenv(renderpool.WorkerEnv) == "1" {
		if err := renderpool.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func poolRenderer(layouts, workers int, timeout time.Duration) (graphviz.Renderer, func() error, error) {
	p := renderpool.New(renderpool.Options{Workers: workers, MaxRenders: 2, LayoutTimeout: timeout, Command: func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = renderpool.WorkerEnviron()
		return cmd
	}})
	return p, p.Close, nil
}

func inProcess(layouts, workers int, timeout time.Duration) (graphviz.Renderer, func() error, error) {
	return graphviz.InProcess, func() error { return nil }, nil
}

type failing struct{}

func (failing) Render(context.Context, []byte, string, string) ([]byte, error) {
	return nil, errors.New("layout failed on purpose")
}

// run runs `cjm render args` and returns stdout, stderr and the exit code.
func run(t *testing.T, newRenderer func(int, int, time.Duration) (graphviz.Renderer, func() error, error), args ...string) (string, string, int) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	if len(args) > 0 && args[0] == "-q" { // a global flag of the root command
		ios.Quiet = true
		args = args[1:]
	}
	f := &cmdutil.Factory{IO: ios}
	cmd := NewCmdRender(f, func(o *Options) error {
		o.NewRenderer = newRenderer
		return renderRun(context.Background(), o)
	})
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	err := cmd.Execute()
	var flagErr *cmdutil.FlagError
	code := cmdutil.ExitCode(err)
	if err != nil && !errors.Is(err, cmdutil.SilentError) {
		if errors.As(err, &flagErr) {
			errOut.WriteString("usage: ")
		}
		errOut.WriteString(err.Error() + "\n")
	}
	return out.String(), errOut.String(), code
}

// copyInputs copies testdata files into a fresh directory.
func copyInputs(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644) // the include root
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*Options) string
	}{
		{args: []string{"a.yaml"}, check: func(o *Options) string {
			if fmt.Sprintf("%v %v %v %q", o.Views, o.Formats, o.Check, o.OutDir) != `[map] [svg] false ""` || o.Jobs < 1 {
				return fmt.Sprintf("defaults: %+v", *o)
			}
			return ""
		}},
		{args: []string{"-f", "svg,png", "-f", "pdf", "--view", "map", "--view", "flow", "-j", "3", "-o", "out", "a.yaml"}, check: func(o *Options) string {
			if fmt.Sprintf("%v %v %v %v", o.Formats, o.Views, o.Jobs, o.OutDir) != "[svg png pdf] [map flow] 3 out" {
				return fmt.Sprintf("got %+v", *o)
			}
			return ""
		}},
		{args: []string{}, wantErr: "requires at least 1 arg"},
		{args: []string{"--check", "-o", "-", "a.yaml"}, wantErr: "cannot be used with -o -"},
		{args: []string{"-j", "-1", "a.yaml"}, wantErr: "-j must be 1 or more"},
		{args: []string{"--dpi", "72", "a.yaml"}, check: func(o *Options) string {
			if o.DPI != 72 {
				return fmt.Sprintf("--dpi 72: DPI %g", o.DPI)
			}
			return ""
		}},
		{args: []string{"--dpi", "0.5", "a.yaml"}, wantErr: "--dpi must be between 1 and 2400"},
		{args: []string{"--dpi", "5000", "a.yaml"}, wantErr: "--dpi must be between 1 and 2400"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdRender(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Discard)
			cmd.SetErr(io.Discard)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(got); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	in := filepath.Join(dir, "plain.yaml")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-f", "gif", in}, `unknown format "gif"`},
		{[]string{"--view", "tree", in}, `unknown view "tree"`},
		{[]string{"-o", "-", "-f", "svg,dot", in}, "writes a single output"},
		{[]string{filepath.Join(dir, "missing.yaml")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, stderr, code := run(t, inProcess, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if names := listDir(t, dir); len(names) != 2 {
				t.Errorf("files written: %v", names)
			}
		})
	}
}

func TestReportFormats(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	in := filepath.Join(dir, "plain.yaml")
	_, stderr, code := run(t, inProcess, "-f", "svg,md,html,mermaid,json,csv", "--view", "map,flow", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{".git", "plain.csv", "plain.flow.svg", "plain.html", "plain.json", "plain.md", "plain.mmd", "plain.svg", "plain.yaml"}
	if got := listDir(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files = %v, want %v (whole-map formats take no view suffix)", got, want)
	}
	md, err := os.ReadFile(filepath.Join(dir, "plain.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"(plain.svg)", "(plain.flow.svg)"} {
		if !strings.Contains(string(md), link) {
			t.Errorf("the Markdown report does not link the SVG written beside it: no %q", link)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "plain.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "<svg"); n < 2 {
		t.Errorf("the HTML report inlines %d SVGs, want both views", n)
	}

	// The same input and the same --view give the same report, whatever
	// else -f asks for (issue 9 #16): without svg in the call, the report
	// still links the SVGs by the names -f svg gives them.
	if _, stderr, code := run(t, inProcess, "-f", "md", "--view", "map,flow", in); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "plain.md")); !bytes.Equal(again, md) {
		t.Errorf("-f md rewrote the report of -f svg,md differently:\n%s\n---\n%s", again, md)
	}
	// Another format or view render leaves the --check of the report clean.
	if _, stderr, code := run(t, inProcess, "-f", "svg", "--view", "flow", in); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, stderr, code := run(t, inProcess, "--check", "-f", "svg,md,html,mermaid,json,csv", "--view", "map,flow", in); code != 0 {
		t.Errorf("--check after a --view flow render: exit %d: %s", code, stderr)
	}
	// The links follow --view: one view, one link.
	dir2 := copyInputs(t, "plain.yaml")
	if _, stderr, code := run(t, inProcess, "-f", "md", filepath.Join(dir2, "plain.yaml")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	md2, err := os.ReadFile(filepath.Join(dir2, "plain.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md2), "(plain.svg)") || strings.Contains(string(md2), "plain.flow.svg") {
		t.Errorf("-f md (--view map) should link plain.svg only:\n%s", md2)
	}
}

func TestRenderNames(t *testing.T) {
	dir := copyInputs(t, "plain.yaml", "broken.yaml", "catalogue.yaml")
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := run(t, inProcess, "-o", out, "-f", "svg,dot", "--view", "map,flow", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (broken.yaml has errors)\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	want := []string{"plain.dot", "plain.flow.dot", "plain.flow.svg", "plain.svg"}
	if got := listDir(t, out); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outputs %v, want %v", got, want)
	}
	for _, s := range []string{
		"broken.yaml:9:9: error: unknown key `chanel`",
		"catalogue.yaml: skipped: a catalogue",
		"rendered 1 map, 4 files written, 1 map not rendered (errors), 1 skipped",
	} {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr)
		}
	}
	// Next to the input by default; a second run writes nothing new.
	_, stderr, code = run(t, inProcess, filepath.Join(dir, "plain.yaml"))
	if code != 0 || !strings.Contains(stderr, "1 file written") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	_, stderr, _ = run(t, inProcess, filepath.Join(dir, "plain.yaml"))
	if !strings.Contains(stderr, "0 files written, 1 unchanged") {
		t.Errorf("second run: %s", stderr)
	}
	_, stderr, _ = run(t, inProcess, "-q", filepath.Join(dir, "plain.yaml"))
	if stderr != "" {
		t.Errorf("-q printed %q", stderr)
	}
}

func TestStdout(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	stdout, stderr, code := run(t, inProcess, "-o", "-", filepath.Join(dir, "plain.yaml"))
	if code != 0 || !strings.HasPrefix(stdout, "<?xml") || stderr != "" {
		t.Errorf("exit %d, stderr %q, stdout starts %q", code, stderr, stdout[:min(len(stdout), 20)])
	}
	if names := listDir(t, dir); len(names) != 2 {
		t.Errorf("-o - wrote files: %v", names)
	}
}

// TestDeterministic renders twice in process and once with two worker
// processes: the bytes are the same.
// TestDPI: --dpi sets the PNG's resolution (the default is
// raster.DefaultDPI, 192), so a quarter of it is a quarter of the width.
func TestDPI(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	in := filepath.Join(dir, "plain.yaml")
	width := func(args ...string) int {
		out := t.TempDir()
		if _, stderr, code := run(t, inProcess, append(args, "-f", "png", "-o", out, in)...); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		f, err := os.Open(filepath.Join(out, "plain.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Width
	}
	full, small := width(), width("--dpi", "48")
	if d := full - 4*small; d < -4 || d > 4 {
		t.Errorf("PNG %d px wide at 192 dpi, %d at 48 dpi: want a quarter", full, small)
	}
}

func TestDeterministic(t *testing.T) {
	dir := copyInputs(t, "plain.yaml", "escapes.yaml")
	args := []string{"-f", "svg,dot,png,pdf", "--view", "map,flow"}
	outs := []string{t.TempDir(), t.TempDir(), t.TempDir()}
	renderers := []func(int, int, time.Duration) (graphviz.Renderer, func() error, error){inProcess, inProcess, poolRenderer}
	jobs := []string{"1", "1", "2"}
	for i, out := range outs {
		_, stderr, code := run(t, renderers[i], append(args, "-j", jobs[i], "-o", out, dir)...)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i, code, stderr)
		}
	}
	names := listDir(t, outs[0])
	if len(names) != 16 {
		t.Errorf("got %d outputs, want 16: %v", len(names), names)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(outs[0], n))
		for _, other := range outs[1:] {
			b, err := os.ReadFile(filepath.Join(other, n))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s differs between runs (%v)", n, err)
			}
		}
	}
}

func TestCheck(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	in := filepath.Join(dir, "plain.yaml")
	args := []string{"-f", "svg,dot", in}
	if _, stderr, code := run(t, inProcess, args...); code != 0 {
		t.Fatalf("render: %d %s", code, stderr)
	}
	// fresh
	stdout, stderr, code := run(t, inProcess, append([]string{"--check"}, args...)...)
	if code != 0 || stdout != "" || !strings.Contains(stderr, "all outputs up to date") {
		t.Errorf("fresh: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// stale and missing
	svg := filepath.Join(dir, "plain.svg")
	os.WriteFile(svg, []byte("old"), 0o644)
	os.Remove(filepath.Join(dir, "plain.dot"))
	stdout, _, code = run(t, inProcess, append([]string{"--check"}, args...)...)
	want := filepath.Join(dir, "plain.dot") + ": missing\n" + svg + ": out of date\n"
	if code != 1 || stdout != want {
		t.Errorf("stale: exit %d, stdout %q, want %q", code, stdout, want)
	}
	// --check wrote nothing.
	if b, _ := os.ReadFile(svg); string(b) != "old" {
		t.Error("--check rewrote a stale file")
	}
	if _, err := os.Stat(filepath.Join(dir, "plain.dot")); err == nil {
		t.Error("--check wrote a missing file")
	}
}

// TestFailedRenderKeepsOldFile: a render that fails leaves the previous
// output as it was and no temporary file behind.
func TestFailedRenderKeepsOldFile(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	svg := filepath.Join(dir, "plain.svg")
	os.WriteFile(svg, []byte("previous good"), 0o644)
	fail := func(int, int, time.Duration) (graphviz.Renderer, func() error, error) {
		return failing{}, func() error { return nil }, nil
	}
	_, stderr, code := run(t, fail, filepath.Join(dir, "plain.yaml"))
	if code != 2 || !strings.Contains(stderr, "layout failed on purpose") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(svg); string(b) != "previous good" {
		t.Errorf("old output replaced by %q", b)
	}
	if names := listDir(t, dir); fmt.Sprint(names) != "[.git plain.svg plain.yaml]" {
		t.Errorf("files: %v", names)
	}
	// An unwritable directory is trouble too (not when running as root).
	if os.Geteuid() != 0 {
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if _, _, code := run(t, inProcess, "-o", ro, filepath.Join(dir, "plain.yaml")); code != 2 {
			t.Errorf("unwritable: exit %d", code)
		}
	}
}

// TestEscaping: labels with markup characters come out as text in the
// SVG, which stays well-formed XML.
func TestEscaping(t *testing.T) {
	dir := copyInputs(t, "escapes.yaml")
	for _, v := range []string{"map", "flow"} {
		stdout, stderr, code := run(t, inProcess, "-o", "-", "--view", v, filepath.Join(dir, "escapes.yaml"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var texts []string
		dec := xml.NewDecoder(strings.NewReader(stdout))
		dec.Strict = true
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s view: SVG is not well-formed: %v", v, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local == "b" || tok.Name.Local == "i" {
					t.Errorf("%s view: markup from a label became an element <%s>", v, tok.Name.Local)
				}
				inText = tok.Name.Local == "text"
			case xml.EndElement:
				inText = false
			case xml.CharData:
				if inText {
					texts = append(texts, string(tok))
				}
			}
		}
		all := strings.Join(texts, "|")
		for _, want := range []string{`<i>x</i> & "y"`, "&amp; entity"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s view: text %q not drawn as such; texts: %s", v, want, all)
			}
		}
	}
}

// TestIDsPrefixed: every id of an output starts with <base>-<view>.
func TestIDsPrefixed(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	for _, v := range []string{"map", "flow"} {
		stdout, _, _ := run(t, inProcess, "-o", "-", "--view", v, filepath.Join(dir, "plain.yaml"))
		for _, part := range strings.Split(stdout, ` id="`)[1:] {
			id := part[:strings.IndexByte(part, '"')]
			if !strings.HasPrefix(id, "plain-"+v) {
				t.Errorf("%s view: id %q lacks the prefix plain-%s", v, id, v)
			}
		}
		if strings.Contains(stdout, "Generated by graphviz") {
			t.Errorf("%s view: version comment left", v)
		}
	}
}

func TestSameBaseName(t *testing.T) {
	dir := copyInputs(t, "plain.yaml")
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	b, _ := os.ReadFile(filepath.Join(dir, "plain.yaml"))
	os.WriteFile(filepath.Join(sub, "plain.yaml"), b, 0o644)
	_, stderr, code := run(t, inProcess, "-o", t.TempDir(), dir)
	if code != 2 || !strings.Contains(stderr, "would both write") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// Next to each input there is no clash.
	if _, stderr, code := run(t, inProcess, dir); code != 0 {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestHelpNamesEveryFormat: the help names every format of the registry
// (issue 9 #25: it named only SVG, PNG, PDF or DOT).
func TestHelpNamesEveryFormat(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	cmd := NewCmdRender(&cmdutil.Factory{IO: ios}, nil)
	short := strings.ToLower(cmd.Short)
	for _, f := range render.Formats() {
		if !strings.Contains(cmd.Long, f.Name) {
			t.Errorf("the long help does not name the format %s", f.Name)
		}
		word := map[string]string{"md": "markdown"}[f.Name]
		if word == "" {
			word = f.Name
		}
		if !strings.Contains(short, word) {
			t.Errorf("the short help %q does not name %s", cmd.Short, f.Name)
		}
	}
}
