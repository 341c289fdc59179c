package gitrev

import (
	"errors"
	"io/fs"
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
		{"a directory", dir, "HEAD", "sub", "", "HEAD:sub is a directory in git, not a file; name a journey file"},
		{"the root tree", dir, "HEAD", "./", "", "is a directory in git"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Show(tt.dir, tt.rev, tt.path, 1<<20)
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
	_, err := Show(dir, "HEAD", "a.yaml", 0)
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

// TestShowLimit: a blob over the limit is refused from its size, before
// git show runs (issue 9 #3), with the sizes rounded; one at the limit is
// read whole.
func TestShowLimit(t *testing.T) {
	dir := gitRepo(t)
	const size = int64(len("cjm: 1\ntitle: old\n"))
	_, err := Show(dir, "HEAD", "sub/a.yaml", size-1)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != size || tl.Max != size-1 {
		t.Fatalf("err = %v, want a TooLargeError of %d over %d", err, size, size-1)
	}
	if want := "HEAD:sub/a.yaml is 18 bytes, over the 17 bytes limit; split the map or raise the limit with --max-size"; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if got, err := Show(dir, "HEAD", "sub/a.yaml", size); err != nil || int64(len(got)) != size {
		t.Errorf("at the limit: %q, %v", got, err)
	}
}

func TestShowMissingIsNotExist(t *testing.T) {
	dir := gitRepo(t)
	_, err := Show(dir, "HEAD", "sub/none.yaml", 0)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	_, err = Show(dir, "HEAD", "sub", 0)
	if !errors.Is(err, ErrNotFile) {
		t.Fatalf("err = %v, want ErrNotFile", err)
	}
}

func TestTopPath(t *testing.T) {
	dir := gitRepo(t)
	sub := filepath.Join(dir, "sub")
	for _, tt := range []struct{ dir, path, want, err string }{
		{dir, "sub/a.yaml", "sub/a.yaml", ""},
		{sub, "sub/a.yaml", "sub/a.yaml", ""},
		{sub, "./a.yaml", "sub/a.yaml", ""},
		{sub, "../sub/./a.yaml", "sub/a.yaml", ""},
		{dir, "../x.yaml", "", "outside the git work tree"},
	} {
		got, err := TopPath(tt.dir, tt.path)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("TopPath(%s, %s): err = %v, want %q", tt.dir, tt.path, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("TopPath(%s, %s) = %q, %v; want %q", tt.dir, tt.path, got, err, tt.want)
		}
	}
}
