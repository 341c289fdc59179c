package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// The CI recipes in docs/ci are run here, step by step, against a real
// git repository and a freshly built cjm, so a copied recipe works.

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// TestMain removes the cjm built for the recipe tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// buildCJM builds cjm once for every recipe test.
func buildCJM(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds cjm and runs git; skipped with -short")
	}
	for _, tool := range []string{"git", "bash", "go"} {
		testtool.Need(t, "the CI recipes run it", tool)
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "cjm-recipes-")
		if buildErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(buildDir, "cjm"), "github.com/cjm-dev/cjm/cmd/cjm").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildDir
}

// repo makes a git repository with maps/ in two commits and returns its
// directory and the first commit.
func repo(t *testing.T, bin string) (dir, base string) {
	t.Helper()
	dir = t.TempDir()
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(program(bin, name), args...)
		cmd.Dir = dir
		cmd.Env = env(bin, nil)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("git", "init", "-q")
	run("git", "config", "user.email", "ci@example.com")
	run("git", "config", "user.name", "CI")
	os.Mkdir(filepath.Join(dir, "maps"), 0o755)
	run("cjm", "init", "-q", "maps/b2b.yaml")
	run("cjm", "init", "-q", "--template", "abm", "maps/abm.yaml")
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x\n"), 0o644)
	run("git", "add", ".")
	run("git", "commit", "-qm", "base")
	base = run("git", "rev-parse", "HEAD")
	return dir, base
}

// program resolves cjm to the fresh build; exec.Command looks names up in
// the test's own PATH, not the command's.
func program(bin, name string) string {
	if name == "cjm" {
		return filepath.Join(bin, "cjm")
	}
	return name
}

func env(bin string, extra map[string]string) []string {
	e := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NO_COLOR=1"}
	for _, k := range []string{"GOPATH", "GOCACHE", "GOMODCACHE", "GOFLAGS", "GOPROXY", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			e = append(e, k+"="+v)
		}
	}
	for k, v := range extra {
		e = append(e, k+"="+v)
	}
	return e
}

func commitChanges(t *testing.T, dir, bin string) {
	t.Helper()
	b2b := filepath.Join(dir, "maps", "b2b.yaml")
	src, _ := os.ReadFile(b2b)
	src = []byte(strings.Replace(string(src), "Blog article on reporting chaos", "Podcast on reporting chaos", 1))
	os.WriteFile(b2b, src, 0o644)
	for _, args := range [][]string{
		{"cjm", "init", "-q", "--template", "saas-onboarding", "maps/saas.yaml"},
		{"git", "rm", "-q", "maps/abm.yaml"},
		{"git", "add", "."},
		{"git", "commit", "-qm", "change"},
	} {
		cmd := exec.Command(program(bin, args[0]), args[1:]...)
		cmd.Dir = dir
		cmd.Env = env(bin, nil)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
}

// script runs a recipe's shell text the way the CI runs it: bash with -e
// and pipefail.
func script(t *testing.T, dir, bin, text string, vars map[string]string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", text)
	cmd.Dir = dir
	cmd.Env = env(bin, vars)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func loadRecipe(t *testing.T, name string) map[string]any {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(docsDir, "ci", name))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s is not YAML: %v", name, err)
	}
	return doc
}

func githubStep(t *testing.T, doc map[string]any, name string) string {
	t.Helper()
	steps := doc["jobs"].(map[string]any)["cjm"].(map[string]any)["steps"].([]any)
	for _, s := range steps {
		m := s.(map[string]any)
		if m["name"] == name {
			return m["run"].(string)
		}
	}
	t.Fatalf("no step %q", name)
	return ""
}

func gitlabScript(t *testing.T, doc map[string]any, job string) string {
	t.Helper()
	var lines []string
	for _, l := range doc[job].(map[string]any)["script"].([]any) {
		lines = append(lines, l.(string))
	}
	return strings.Join(lines, "\n")
}

func TestGitHubRecipe(t *testing.T) {
	bin := buildCJM(t)
	doc := loadRecipe(t, "github-actions.yml")
	dir, base := repo(t, bin)
	vars := map[string]string{"MAPS": "maps", "BASE": base, "GITHUB_STEP_SUMMARY": filepath.Join(t.TempDir(), "summary.md")}

	// No map changed yet: the diff step succeeds with nothing to say.
	if out, err := script(t, dir, bin, githubStep(t, doc, "Describe the changes"), map[string]string{"MAPS": "maps", "BASE": base, "GITHUB_STEP_SUMMARY": os.DevNull}); err != nil {
		t.Fatalf("diff step without changes: %v\n%s", err, out)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "cjm-diff.md")); fi == nil || fi.Size() != 0 {
		t.Error("cjm-diff.md is not empty without changes")
	}
	os.Remove(filepath.Join(dir, "cjm-diff.md"))

	commitChanges(t, dir, bin)
	if out, err := script(t, dir, bin, githubStep(t, doc, "Validate"), vars); err != nil {
		t.Fatalf("validate step: %v\n%s", err, out)
	}
	if out, err := script(t, dir, bin, githubStep(t, doc, "Describe the changes"), vars); err != nil {
		t.Fatalf("diff step: %v\n%s", err, out)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "cjm-diff.md"))
	for _, want := range []string{"“Blog article on reporting chaos” → “Podcast on reporting chaos”", "### New map `maps/saas.yaml`", "### Removed map `maps/abm.yaml`"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("cjm-diff.md lacks %q:\n%s", want, md)
		}
	}
	if summary, _ := os.ReadFile(vars["GITHUB_STEP_SUMMARY"]); !strings.Contains(string(summary), "Podcast") {
		t.Error("the changes are not in the job summary")
	}

	// A broken map fails validation with an inline annotation.
	os.WriteFile(filepath.Join(dir, "maps", "broken.yaml"), []byte("cjm: 1\ntitle: T\nstages:\n  - id: Bad\n    name: S\n"), 0o644)
	out, err := script(t, dir, bin, githubStep(t, doc, "Validate"), vars)
	if err == nil || !strings.Contains(out, "::error file=maps/broken.yaml,line=4") {
		t.Errorf("validate step on a broken map: err %v\n%s", err, out)
	}
	// The schema check passes on cjm's own schema and fails on another.
	if out, err := script(t, dir, bin, "cjm schema > cjm.schema.json && "+githubStep(t, doc, "Schema is current"), vars); err != nil {
		t.Errorf("schema step on a current schema: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "cjm.schema.json"), []byte("{}\n"), 0o644)
	if out, err := script(t, dir, bin, githubStep(t, doc, "Schema is current"), vars); err == nil {
		t.Errorf("schema step passed on a stale schema:\n%s", out)
	}
	os.Remove(filepath.Join(dir, "cjm.schema.json"))

	// render --check fails while the diagrams are not committed.
	if out, err := script(t, dir, bin, githubStep(t, doc, "Diagrams are current"), vars); err == nil {
		t.Errorf("render --check passed without diagrams:\n%s", out)
	}
}

func TestGitLabRecipe(t *testing.T) {
	bin := buildCJM(t)
	doc := loadRecipe(t, "gitlab-ci.yml")
	dir, base := repo(t, bin)
	commitChanges(t, dir, bin)
	vars := map[string]string{"MAPS": "maps", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base}

	if out, err := script(t, dir, bin, gitlabScript(t, doc, "cjm:validate"), vars); err != nil {
		t.Fatalf("validate job: %v\n%s", err, out)
	}
	var report []map[string]any
	raw, _ := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	if err := json.Unmarshal(raw, &report); err != nil || len(report) != 0 {
		t.Errorf("report of valid maps: %v %s", err, raw)
	}

	os.WriteFile(filepath.Join(dir, "maps", "broken.yaml"), []byte("cjm: 1\ntitle: T\nstages:\n  - id: Bad\n    name: S\n"), 0o644)
	out, err := script(t, dir, bin, gitlabScript(t, doc, "cjm:validate"), vars)
	if err == nil || !strings.Contains(out, "maps/broken.yaml:4:") {
		t.Errorf("validate job on a broken map: err %v\n%s", err, out)
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	if err := json.Unmarshal(raw, &report); err != nil || len(report) == 0 {
		t.Errorf("no code-quality findings for a broken map: %v %s", err, raw)
	}
	os.Remove(filepath.Join(dir, "maps", "broken.yaml"))

	// cjm:render passes once the diagrams are rendered and the schema is
	// cjm's, and fails on a stale schema.
	if out, err := script(t, dir, bin, "cjm render -q maps && cjm schema > cjm.schema.json", vars); err != nil {
		t.Fatalf("render: %v\n%s", err, out)
	}
	if out, err := script(t, dir, bin, gitlabScript(t, doc, "cjm:render"), vars); err != nil {
		t.Errorf("render job with current diagrams: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "cjm.schema.json"), []byte("{}\n"), 0o644)
	if out, err := script(t, dir, bin, gitlabScript(t, doc, "cjm:render"), vars); err == nil {
		t.Errorf("render job passed with a stale schema:\n%s", out)
	}

	out, err = script(t, dir, bin, gitlabScript(t, doc, "cjm:diff"), vars)
	if err != nil {
		t.Fatalf("diff job: %v\n%s", err, out)
	}
	for _, want := range []string{"Podcast on reporting chaos", "### New map `maps/saas.yaml`", "### Removed map `maps/abm.yaml`"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff job log lacks %q:\n%s", want, out)
		}
	}
}
