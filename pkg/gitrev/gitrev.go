package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrNotRepository is returned when REV:PATH is used outside a git work
// tree.
var ErrNotRepository = errors.New("not inside a git repository")

// ErrNoGit is returned when the git program cannot be found.
var ErrNoGit = errors.New("the git program was not found on PATH")

// Parse splits an argument of the form REV:PATH. An argument that names an
// existing file is a path, whatever it contains, and so is a Windows drive
// path (C:\maps\b.yaml). REV may be empty (`:PATH` is the staged version,
// as in git).
func Parse(arg string) (rev, path string, ok bool) {
	i := strings.IndexByte(arg, ':')
	if i < 0 {
		return "", "", false
	}
	if _, err := os.Stat(arg); err == nil {
		return "", "", false
	}
	if runtime.GOOS == "windows" && i == 1 {
		return "", "", false
	}
	rev, path = arg[:i], arg[i+1:]
	if path == "" {
		return "", "", false
	}
	return rev, path, true
}

// Show returns the content of path at rev, as `git show REV:PATH` prints
// it, run in dir (the current directory when empty).
func Show(dir, rev, path string) ([]byte, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%s:%s: a revision cannot start with '-'", rev, path)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	cmd := exec.Command("git", "--no-pager", "show", "--no-textconv", rev+":"+path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "LC_ALL=C")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		if strings.Contains(msg, "not a git repository") {
			return nil, fmt.Errorf("%s:%s: %w (git needs one to read a revision)", rev, path, ErrNotRepository)
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		msg = strings.TrimPrefix(msg, "fatal: ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git show %s:%s: %s", rev, path, msg)
	}
	return out.Bytes(), nil
}

// WorkPath returns where path (as written after `REV:`) lives in the work
// tree, relative to dir: a `./` or `../` path is relative to dir already;
// any other path is relative to the top of the work tree. The loader reads
// a revision's includes from there.
func WorkPath(dir, path string) (string, error) {
	if strings.HasPrefix(path, "./") || strings.HasPrefix(path, "../") || path == "." || path == ".." {
		return filepath.Clean(path), nil
	}
	cmd := exec.Command("git", "rev-parse", "--show-cdup")
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if strings.Contains(errOut.String(), "not a git repository") {
			return "", ErrNotRepository
		}
		return "", fmt.Errorf("git rev-parse: %v", err)
	}
	return filepath.Join(strings.TrimSpace(out.String()), path), nil
}
