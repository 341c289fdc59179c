package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/ruleset"
)

// Finder finds and loads the configuration that applies to each map, once
// per file: the one named by Explicit (--config), none when Disabled
// (--no-config), else the nearest FileName in the map's directory or
// above it, up to Root (--root; empty: the top of the git work tree
// holding the map, else the working directory). It is safe for
// concurrent use.
type Finder struct {
	Root     string
	Explicit string
	Disabled bool
	// MaxBytes bounds the read of each configuration file (0: the
	// loader's default).
	MaxBytes int64
	// Today, when set, is the day evidence ages are measured from in
	// every rule set the Finder returns (see Today).
	Today time.Time

	mu     sync.Mutex
	dirs   map[string]string // directory -> configuration path ("" none)
	loaded map[string]*entry // configuration path -> what it loaded
}

type entry struct {
	cfg   *Config
	diags diag.Diagnostics
	srcs  diag.Sources
}

// For returns the configuration that applies to the map at path: nil when
// none does. A configuration with findings (errors and warnings of the
// file itself) returns them with its bytes, each file's once per Finder
// (Findings collects them); the Config is nil when they include errors.
func (f *Finder) For(path string) (*Config, error) {
	if f == nil || f.Disabled {
		return nil, nil
	}
	name, err := f.locate(path)
	if err != nil || name == "" {
		return nil, err
	}
	return f.load(name).cfg, nil
}

// Set is the rule set of For, or nil: what check.Options.Rules takes. An
// error or a broken configuration gives nil; callers check Findings
// before they trust the result.
func (f *Finder) Set(path string) *ruleset.Set {
	c, _ := f.For(path)
	return f.dated(c.Rules())
}

// dated returns set with Today, when the Finder pins it.
func (f *Finder) dated(set *ruleset.Set) *ruleset.Set {
	if set == nil || f.Today.IsZero() {
		return set
	}
	s := *set
	s.Today = f.Today
	return &s
}

// Check returns the rule set that applies to the map at path, and, when
// that configuration cannot be used (it has errors, or --config names no
// file), its findings with their sources instead: the map must then not
// be checked or rendered.
func (f *Finder) Check(path string) (*ruleset.Set, diag.Diagnostics, diag.Sources) {
	if f == nil || f.Disabled {
		return nil, nil, nil
	}
	name, err := f.locate(path)
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{Filename: f.Explicit}, load.RuleReadError, "cannot read the configuration %s: %v", f.Explicit, err)}, nil
	}
	if name == "" {
		return nil, nil, nil
	}
	e := f.load(name)
	if e.diags.HasErrors() {
		return nil, e.diags, e.srcs
	}
	return f.dated(e.cfg.Rules()), nil, nil
}

// Findings returns the findings of every configuration file loaded so far,
// sorted, with their sources.
func (f *Finder) Findings() (diag.Diagnostics, diag.Sources) {
	if f == nil {
		return nil, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var ds diag.Diagnostics
	srcs := diag.Sources{}
	for _, e := range f.loaded {
		ds = append(ds, e.diags...)
		for k, v := range e.srcs {
			srcs[k] = v
		}
	}
	return ds.Normalize(), srcs
}

func (f *Finder) load(name string) *entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.loaded[name]; ok {
		return e
	}
	limit := load.Options{MaxBytes: f.MaxBytes}.Limit()
	cfg, ds, srcs := File(name, limit)
	e := &entry{cfg: cfg, diags: ds, srcs: srcs}
	if f.loaded == nil {
		f.loaded = map[string]*entry{}
	}
	f.loaded[name] = e
	return e
}

// ErrNoConfig is returned for an explicit configuration that does not
// exist.
var ErrNoConfig = errors.New("no such file")

// locate returns the configuration path for the map at path ("" none).
func (f *Finder) locate(path string) (string, error) {
	if f.Explicit != "" {
		info, err := os.Stat(f.Explicit)
		if err != nil {
			return "", &fs.PathError{Op: "--config", Path: f.Explicit, Err: ErrNoConfig}
		}
		if info.IsDir() {
			return "", &fs.PathError{Op: "--config", Path: f.Explicit, Err: errors.New("is a directory, not a configuration file")}
		}
		return f.Explicit, nil
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		dir = path // a directory argument: its own configuration first
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	if name, ok := f.dirs[absDir]; ok {
		f.mu.Unlock()
		return name, nil
	}
	f.mu.Unlock()
	name := f.walk(dir, absDir)
	f.mu.Lock()
	if f.dirs == nil {
		f.dirs = map[string]string{}
	}
	f.dirs[absDir] = name
	f.mu.Unlock()
	return name, nil
}

// walk looks for FileName from dir upwards, up to the root, and returns
// its path as seen from dir's spelling (relative when dir is), so that
// findings name it as the user would.
func (f *Finder) walk(dir, absDir string) string {
	root := f.root(absDir)
	rel := dir
	for cur := absDir; ; {
		cand := filepath.Join(cur, FileName)
		if info, err := os.Stat(cand); err == nil && info.Mode().IsRegular() {
			return filepath.Clean(filepath.Join(rel, FileName))
		}
		if cur == root || !within(root, cur) {
			return ""
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return ""
		}
		cur, rel = parent, filepath.Join(rel, "..")
	}
}

// root is the directory the walk stops at.
func (f *Finder) root(absDir string) string {
	if f.Root != "" {
		if r, err := filepath.Abs(f.Root); err == nil {
			return r
		}
	}
	if top := load.WorkTreeTop(absDir); top != "" {
		return top
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return absDir
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) && (len(rel) < 3 || rel[:3] != ".."+string(filepath.Separator))
}
