package kpi

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"

	"github.com/cjm-dev/cjm/pkg/gitrev"
)

// ErrNotRepository says the map is not in a git work tree.
var ErrNotRepository = errors.New("not inside a git repository")

// Commit is a commit that changed a map or one of its measurement files.
type Commit struct {
	Hash string
	Time time.Time
	Date string // the committer date, RFC 3339 in UTC
	// Path is the map's path at the commit, relative to the top of the
	// work tree (renames followed).
	Path string
}

// History returns the values the metrics of the map m (loaded from the
// work tree) held in every commit that changed the map or its
// measurement files, renames followed, by metric id: one point per commit
// where a metric's value differs from its previous commit's, dated with
// the commit date, its source the commit hash. Only values the map itself
// wrote count: a metric whose value at a commit came from its
// measurement files is left out, since the files' rows (with their own
// dates) are its history. It runs one `git log` and one `git cat-file
// --batch`, whatever the number of commits.
func History(m *journey.Map, opts load.Options) (map[string][]Point, error) {
	abs, err := filepath.Abs(m.File)
	if err != nil {
		return nil, err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	top := load.WorkTreeTop(filepath.Dir(abs))
	if top == "" {
		return nil, fmt.Errorf("%s: %w (--history reads the map's git log)", m.File, ErrNotRepository)
	}
	rel := func(p string) (string, bool) {
		r, err := filepath.Rel(top, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	mapPath, ok := rel(abs)
	if !ok {
		return nil, fmt.Errorf("%s is outside the git work tree %s", m.File, top)
	}
	paths := []string{mapPath}
	for _, p := range m.Measurements {
		t := p
		if !filepath.IsAbs(p) {
			t = filepath.Join(filepath.Dir(abs), filepath.FromSlash(p))
		}
		if r, ok := rel(t); ok {
			paths = append(paths, path.Clean(r))
		}
	}
	commits, err := Log(top, mapPath, paths)
	if err != nil {
		return nil, err
	}
	if len(commits) == 0 {
		return nil, nil
	}
	cat, err := newCatFile(top)
	if err != nil {
		return nil, err
	}
	defer cat.close()
	out := map[string][]Point{}
	last := map[string]float64{}
	limit := opts.Limit()
	for _, c := range commits {
		src, err := cat.read(c.Hash+":"+c.Path, limit)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // deleted in this commit
			}
			if cat.broken {
				return nil, err
			}
			continue // over the limit: that version is skipped
		}
		name := filepath.Join(top, filepath.FromSlash(c.Path))
		o := load.Options{Root: top, MaxBytes: opts.MaxBytes, ReadFile: func(n string) ([]byte, error) {
			r, ok := rel(n)
			if !ok {
				return nil, fs.ErrNotExist
			}
			return cat.read(c.Hash+":"+r, limit)
		}}
		old, _, _ := load.Bytes(name, src, o)
		if old == nil {
			continue
		}
		for _, r := range journey.Metrics(old) {
			mt := r.Metric
			if mt.ID == "" || mt.Value == nil || len(mt.History) > 0 {
				continue
			}
			if v, seen := last[mt.ID]; seen && v == *mt.Value {
				continue
			}
			last[mt.ID] = *mt.Value
			out[mt.ID] = append(out[mt.ID], Point{Time: c.Time, Date: c.Date, Value: *mt.Value, Source: c.Hash})
		}
	}
	if cat.broken {
		return nil, cat.err
	}
	return out, nil
}

// Log lists, oldest first, the commits reachable from HEAD that changed any
// of paths (relative to the top of the work tree), following renames
// backwards as `git log --follow` does for one file: a commit that renamed
// a file makes the older name the one looked for in older commits. mapPath
// (one of paths) is tracked to give each commit the map's name at it. One
// `git log` runs over the whole history.
func Log(top, mapPath string, paths []string) ([]Commit, error) {
	cmd := gitrev.Command(top, "-c", "core.quotePath=false", "log", "-M", "--no-color", "--name-status", "--format=%x1e%H%x1f%cI", "HEAD", "--")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	watch := map[string]bool{}
	for _, p := range paths {
		watch[p] = true
	}
	cur := mapPath
	var out []Commit
	var c *Commit
	touched := false
	flush := func() {
		if c != nil && touched {
			out = append(out, *c)
		}
		c, touched = nil, false
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x1e") {
			flush()
			hash, date, _ := strings.Cut(line[1:], "\x1f")
			t, err := time.Parse(time.RFC3339, date)
			if err != nil {
				continue
			}
			c = &Commit{Hash: hash, Time: t.UTC(), Date: t.UTC().Format(time.RFC3339), Path: cur}
			continue
		}
		if c == nil || line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case len(f) == 3 && (f[0][0] == 'R' || f[0][0] == 'C'):
			if watch[f[2]] {
				touched = true
				if f[0][0] == 'R' {
					delete(watch, f[2])
					watch[f[1]] = true
					if cur == f[2] {
						cur = f[1] // older commits know the map by its old name
					}
				}
			}
		case len(f) == 2:
			if watch[f[1]] {
				touched = true
			}
		}
	}
	flush()
	scanErr := sc.Err()
	if err := cmd.Wait(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		if strings.Contains(msg, "not a git repository") {
			return nil, ErrNotRepository
		}
		if strings.Contains(msg, "does not have any commits") || strings.Contains(msg, "unknown revision") {
			return nil, nil // a repository without commits has no history
		}
		return nil, fmt.Errorf("git log: %s", firstLine(msg, err))
	}
	if scanErr != nil {
		return nil, scanErr
	}
	// git log lists newest first; the points go oldest first.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

func firstLine(msg string, err error) string {
	msg = strings.TrimPrefix(msg, "fatal: ")
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		return err.Error()
	}
	return msg
}

// catFile is a running `git cat-file --batch`: each object is asked for on
// its stdin and read from its stdout, one process for every commit.
type catFile struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	broken bool
	err    error
}

func newCatFile(top string) (*catFile, error) {
	cmd := gitrev.Command(top, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &catFile{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 64<<10)}, nil
}

// missing is an object the revision lacks; it is fs.ErrNotExist.
type missing struct{ name string }

func (e *missing) Error() string        { return e.name + " does not exist" }
func (e *missing) Is(target error) bool { return target == fs.ErrNotExist }

// read returns the blob named REV:PATH, refusing one over max bytes (max
// <= 0: no limit) without keeping it.
func (c *catFile) read(name string, max int64) ([]byte, error) {
	if c.broken {
		return nil, c.err
	}
	if strings.ContainsAny(name, "\n") {
		return nil, &missing{name}
	}
	fail := func(err error) ([]byte, error) {
		c.broken, c.err = true, fmt.Errorf("git cat-file: %v", err)
		return nil, c.err
	}
	if _, err := io.WriteString(c.in, name+"\n"); err != nil {
		return fail(err)
	}
	header, err := c.out.ReadString('\n')
	if err != nil {
		return fail(err)
	}
	if h := strings.TrimSpace(header); strings.HasSuffix(h, " missing") || strings.HasSuffix(h, " ambiguous") {
		return nil, &missing{name}
	}
	f := strings.Fields(header) // <oid> <type> <size>
	if len(f) != 3 {
		return fail(fmt.Errorf("unexpected answer %q", header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return fail(fmt.Errorf("unexpected answer %q", header))
	}
	if f[1] != "blob" {
		if _, err := c.out.Discard(int(size) + 1); err != nil {
			return fail(err)
		}
		return nil, &missing{name}
	}
	if max > 0 && size > max {
		if _, err := io.CopyN(io.Discard, c.out, size+1); err != nil {
			return fail(err)
		}
		return nil, errors.New(load.CheckSize(name, size, max).Message)
	}
	buf := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, buf); err != nil {
		return fail(err)
	}
	return buf[:size], nil
}

func (c *catFile) close() {
	c.in.Close()
	_ = c.cmd.Wait()
}
