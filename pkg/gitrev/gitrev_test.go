package gitrev

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "a:b.yaml")
	if err := os.WriteFile(odd, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg, rev, path string
		ok             bool
	}{
		{"maps/b2b.yaml", "", "", false},
		{"HEAD:maps/b2b.yaml", "HEAD", "maps/b2b.yaml", true},
		{"HEAD~1:./b2b.yaml", "HEAD~1", "./b2b.yaml", true},
		{"main:x:y.yaml", "main", "x:y.yaml", true},
		{":staged.yaml", "", "staged.yaml", true},
		{"HEAD:", "", "", false},
		{odd, "", "", false}, // an existing file wins
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			rev, path, ok := Parse(tt.arg)
			if rev != tt.rev || path != tt.path || ok != tt.ok {
				t.Errorf("Parse(%q) = %q, %q, %v; want %q, %q, %v", tt.arg, rev, path, ok, tt.rev, tt.path, tt.ok)
			}
		})
	}
}

// gitRepo makes a repository with one commit holding sub/a.yaml.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.yaml"), []byte("cjm: 1\ntitle: old\n"), 0o644)
	run("add", ".")
	run("commit", "-q", "-m", "one")
	os.WriteFile(filepath.Join(dir, "sub", "a.yaml"), []byte("cjm: 1\ntitle: new\n"), 0o644)
	return dir
}

func TestShow(t *testing.T) {
	dir := gitRepo(t)
	tests := []struct {
		name, dir, rev, path, want, err string
	}{
		{"from the top", dir, "HEAD", "sub/a.yaml", "cjm: 1\ntitle: old\n", ""},
		{"relative with ./", filepath.Join(dir, "sub"), "HEAD", "./a.yaml", "cjm: 1\ntitle: old\n", ""},
		{"top-relative from a subdirectory", filepath.Join(dir, "sub"), "HEAD", "sub/a.yaml", "cjm: 1\ntitle: old\n", ""},
		{"missing path", dir, "HEAD", "nope.yaml", "", "git show HEAD:nope.yaml: path 'nope.yaml' does not exist in 'HEAD'"},
		{"bad revision", dir, "nosuchrev", "sub/a.yaml", "", "git show nosuchrev:sub/a.yaml: "},
		{"option injection", dir, "--output=x", "a.yaml", "", "cannot start with '-'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Show(tt.dir, tt.rev, tt.path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShowOutsideRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := Show(dir, "HEAD", "a.yaml")
	if !errors.Is(err, ErrNotRepository) {
		t.Fatalf("err = %v, want ErrNotRepository", err)
	}
}

func TestWorkPath(t *testing.T) {
	dir := gitRepo(t)
	sub := filepath.Join(dir, "sub")
	for _, tt := range []struct{ dir, path, want string }{
		{dir, "sub/a.yaml", "sub/a.yaml"},
		{sub, "sub/a.yaml", "../sub/a.yaml"},
		{sub, "./a.yaml", "a.yaml"},
		{sub, "../sub/a.yaml", "../sub/a.yaml"},
	} {
		got, err := WorkPath(tt.dir, tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.FromSlash(tt.want) {
			t.Errorf("WorkPath(%s, %s) = %s, want %s", tt.dir, tt.path, got, tt.want)
		}
	}
}
