package check

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/gitrev"
	"github.com/cjm-dev/cjm/pkg/load"
)

// Side loads and checks a version of a map named as a user names it: a
// file, or REV:PATH read from git (git show REV:PATH, in dir; empty: the
// current directory), its includes and measurement files read from the
// same revision. Findings name the side as the user wrote it
// (HEAD~1:maps/b2b.yaml), so two versions' findings are told apart. It is
// what `cjm diff` reads each side with and `cjm render --baseline` the
// baseline. The error is for what is no finding: git failing, a file that
// cannot be read.
func Side(dir, arg string, opts Options) (Result, error) {
	var (
		src      []byte
		filename string
		err      error
	)
	names := map[string]string{} // file name in findings → the name to show
	if rev, p, ok := gitrev.Parse(arg); ok {
		if src, err = gitrev.Show(dir, rev, p, maxBytes(opts)); err != nil {
			var tl *gitrev.TooLargeError
			if errors.As(err, &tl) {
				// The finding the loader gives a file over the limit.
				d := load.CheckSize(arg, tl.Size, tl.Max)
				return Result{Diags: diag.Diagnostics{d}, Sources: diag.Sources{}}, nil
			}
			return Result{}, err
		}
		if filename, err = gitrev.WorkPath(dir, p); err != nil {
			return Result{}, fmt.Errorf("%s: %w", arg, err)
		}
		filename = inDir(dir, filename)
		top, err := gitrev.TopPath(dir, p)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", arg, err)
		}
		opts.ReadFile = revReader(dir, rev, filename, top, maxBytes(opts), names)
	} else {
		filename = inDir(dir, arg)
		// The loader's reader: regular files only, within the size limit.
		var d *diag.Diagnostic
		if src, d = load.ReadFile(filename, opts.Limit()); d != nil {
			return Result{}, errors.New(d.Message)
		}
	}
	res := Bytes(filename, src, opts)
	names[filename] = arg
	for from, to := range names {
		if from != to {
			rename(&res, from, to)
		}
	}
	return res, nil
}

// maxBytes is the limit the loader applies for opts (zero: its default).
func maxBytes(opts Options) int64 {
	if opts.MaxBytes == 0 {
		return load.DefaultMaxBytes
	}
	return opts.MaxBytes
}

// revReader reads the includes of a map read from git at rev: the map is
// top (its path from the top of the work tree) in git and filename in
// findings. The loader resolves an include against filename and checks
// that it stays inside the root; the same relative path, taken from top,
// is read from the revision. names records the REV:PATH shown for each
// include in findings.
func revReader(dir, rev, filename, top string, max int64, names map[string]string) func(string) ([]byte, error) {
	base, baseErr := filepath.Abs(filepath.Dir(filename))
	return func(name string) ([]byte, error) {
		if baseErr != nil {
			return nil, baseErr
		}
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(base, abs)
		if err != nil {
			return nil, err
		}
		p := path.Join(path.Dir(top), filepath.ToSlash(rel))
		if p == ".." || strings.HasPrefix(p, "../") {
			return nil, fmt.Errorf("%s is outside the git work tree", name)
		}
		names[name] = rev + ":" + p
		return gitrev.Show(dir, rev, p, max)
	}
}

// rename makes findings and sources of the file itself carry the name the
// user gave (HEAD:maps/b.yaml).
func rename(res *Result, from, to string) {
	for _, d := range res.Diags {
		if d.Range.Filename == from {
			d.Range.Filename = to
		}
	}
	if src, ok := res.Sources[from]; ok {
		delete(res.Sources, from)
		res.Sources[to] = src
	}
}

// inDir resolves a relative path against dir (when set).
func inDir(dir, p string) string {
	if dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
