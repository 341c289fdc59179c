package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/load"
)

// ErrNotRepository is returned when REV:PATH is used outside a git work
// tree.
var ErrNotRepository = errors.New("not inside a git repository")

// ErrNoGit is returned when the git program cannot be found.
var ErrNoGit = errors.New("the git program was not found on PATH")

// ErrNotFile is returned when REV:PATH names a directory (a git tree) or
// anything else that is not a file (a blob).
var ErrNotFile = errors.New("not a file")

// TooLargeError is returned when the file at REV:PATH is over the size
// limit given to Show. Nothing more than the limit is read.
type TooLargeError struct {
	Name      string // REV:PATH
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return load.CheckSize(e.Name, e.Size, e.Max).Message
}

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
// it, run in dir (the current directory when empty). Before reading, it
// asks git what the object is and how large: a tree (a directory) gives an
// error wrapping ErrNotFile, a file over max bytes a *TooLargeError, and
// at most max bytes are ever read (max <= 0: no limit). A path that does
// not exist in rev gives an error wrapping fs.ErrNotExist.
func Show(dir, rev, path string, max int64) ([]byte, error) {
	name := rev + ":" + path
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%s: a revision cannot start with '-'", name)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	// Every step is `git show REV:PATH` to the user.
	what := "git show " + name
	kind, err := run(dir, what, "cat-file", "-t", name)
	if err != nil {
		return nil, err
	}
	if kind != "blob" {
		what := "a " + kind
		if kind == "tree" {
			what = "a directory"
		}
		return nil, fmt.Errorf("%s is %s in git, %w; name a journey file (a path to a .yaml file at %s)", name, what, ErrNotFile, rev)
	}
	sizeText, err := run(dir, what, "cat-file", "-s", name)
	if err != nil {
		return nil, err
	}
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("git cat-file -s %s: unexpected answer %q", name, sizeText)
	}
	if max > 0 && size > max {
		return nil, &TooLargeError{Name: name, Size: size, Max: max}
	}

	cmd := Command(dir, "--no-pager", "show", "--no-textconv", name)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var r io.Reader = stdout
	if max > 0 {
		r = io.LimitReader(stdout, max+1)
	}
	var out bytes.Buffer
	out.Grow(int(min(size, 1<<26)) + bytes.MinRead)
	_, readErr := out.ReadFrom(r)
	if max > 0 && int64(out.Len()) > max {
		// The object grew between the two calls (the revision moved):
		// stop git and refuse, as for a file over the limit.
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, &TooLargeError{Name: name, Size: int64(out.Len()), Max: max}
	}
	if err := cmd.Wait(); err != nil {
		return nil, gitError(what, name, errOut.String(), err)
	}
	if readErr != nil {
		return nil, fmt.Errorf("git show %s: %v", name, readErr)
	}
	return out.Bytes(), nil
}

// command prepares a git command run in dir without pager or
// localisation (its messages are matched).
// Command is git with args, run in dir, with no pager and git's messages
// in English (they are parsed): every git process of cjm starts here.
func Command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "LC_ALL=C")
	return cmd
}

// run runs git and returns its output, trimmed; the error is git's first
// line of complaint, after what (the step as the user knows it). The last
// argument is the object named in errors.
func run(dir, what string, args ...string) (string, error) {
	cmd := Command(dir, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", gitError(what, args[len(args)-1], errOut.String(), err)
	}
	return strings.TrimSpace(out.String()), nil
}

// gitError turns git's stderr into an error: outside a repository one
// wrapping ErrNotRepository, a missing path one wrapping fs.ErrNotExist,
// else "what: git's first line".
func gitError(what, name, stderr string, err error) error {
	msg := strings.TrimSpace(stderr)
	if strings.Contains(msg, "not a git repository") {
		return fmt.Errorf("%s: %w (git needs one to read a revision)", name, ErrNotRepository)
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.TrimPrefix(msg, "fatal: ")
	if msg == "" {
		msg = err.Error()
	}
	if strings.Contains(msg, "does not exist in") || strings.Contains(msg, "exists on disk, but not in") {
		return &missingError{msg: what + ": " + msg}
	}
	return fmt.Errorf("%s: %s", what, msg)
}

// missingError is a path that is not in the revision; it is
// fs.ErrNotExist.
type missingError struct{ msg string }

func (e *missingError) Error() string        { return e.msg }
func (e *missingError) Is(target error) bool { return target == fs.ErrNotExist }

// WorkPath returns where path (as written after `REV:`) lives in the work
// tree, relative to dir: a `./` or `../` path is relative to dir already;
// any other path is relative to the top of the work tree. The loader reads
// a revision's includes from there.
func WorkPath(dir, path string) (string, error) {
	if relativeToDir(path) {
		return filepath.Clean(path), nil
	}
	cdup, err := run(dir, "git rev-parse", "rev-parse", "--show-cdup")
	if err != nil {
		if errors.Is(err, ErrNotRepository) {
			return "", ErrNotRepository
		}
		return "", err
	}
	return filepath.Join(cdup, path), nil
}

// TopPath returns path (as written after `REV:`) relative to the top of
// the work tree, with slashes: the name git gives the file in every
// revision. It fails for a path that leaves the work tree.
func TopPath(dir, p string) (string, error) {
	p = filepath.ToSlash(p)
	if relativeToDir(p) {
		prefix, err := run(dir, "git rev-parse", "rev-parse", "--show-prefix")
		if err != nil {
			if errors.Is(err, ErrNotRepository) {
				return "", ErrNotRepository
			}
			return "", err
		}
		p = path.Join(prefix, p)
	}
	p = path.Clean(p)
	if p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) {
		return "", fmt.Errorf("%s is outside the git work tree", p)
	}
	return p, nil
}

func relativeToDir(p string) bool {
	return strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || p == "." || p == ".."
}
