package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"gopkg.in/yaml.v3"
)

// includes loads the catalogues listed under `include` and merges their
// personas, channels and owners into m, ahead of m's own (as if they were
// written where `include` is). Each merged entry's Origin.From names the
// file that declared it.
func (f *file) includes(m *journey.Map, fd field) {
	if fd.val.Kind != yaml.SequenceNode {
		return
	}
	var personas []*journey.Persona
	var channels []*journey.Channel
	var owners []*journey.Owner
	for _, item := range fd.val.Content {
		if item.Kind != yaml.ScalarNode || null(item) {
			continue // reported by strs
		}
		if strings.TrimSpace(item.Value) == "" {
			f.errorf(item, RuleIncludeMissing, "an include with an empty path; name a catalogue file relative to this one")
			continue
		}
		inc := f.include(item)
		if inc == nil {
			continue
		}
		for _, p := range inc.Personas {
			if p.From == "" {
				p.From = inc.File
			}
			personas = append(personas, p)
		}
		for _, c := range inc.Channels {
			if c.From == "" {
				c.From = inc.File
			}
			channels = append(channels, c)
		}
		for _, o := range inc.Owners {
			if o.From == "" {
				o.From = inc.File
			}
			owners = append(owners, o)
		}
	}
	if len(personas) > 0 {
		m.Personas = append(personas, m.Personas...)
	}
	if len(channels) > 0 {
		m.Channels = append(channels, m.Channels...)
	}
	if len(owners) > 0 {
		m.Owners = append(owners, m.Owners...)
	}
}

// include resolves, checks and loads one included file. It returns nil
// when there is nothing to merge.
func (f *file) include(item *yaml.Node) *journey.Map {
	l := f.l
	p := item.Value
	target, lexical, root := f.locate(p)
	if !within(root, lexical) {
		f.errorf(item, RuleIncludeOutside,
			"include %q leaves the root directory %s; keep catalogues inside it, or set --root", p, root)
		return nil
	}
	var real string
	if l.opts.ReadFile != nil {
		real = filepath.Clean(lexical) // no file system: the path is what it says
	} else if real = f.onDisk(item, p, target, root); real == "" {
		return nil
	}
	for i, ref := range l.stack {
		if ref.real == real {
			chain := make([]string, 0, len(l.stack)-i+1)
			for _, r := range l.stack[i:] {
				chain = append(chain, r.name)
			}
			chain = append(chain, target)
			f.errorf(item, RuleIncludeCycle, "include cycle: %s; remove one of these includes", strings.Join(chain, " -> "))
			return nil
		}
	}
	if l.merged[real] {
		return nil // already merged through another include
	}
	l.merged[real] = true
	var src []byte
	var d *diag.Diagnostic
	if l.opts.ReadFile != nil {
		src, d = f.readVia(item, p, target)
	} else {
		src, d = readFile(target, l.opts.maxBytes(), f.rng(item))
	}
	if d != nil {
		l.add(d)
		return nil
	}
	l.sources[target] = src
	l.stack = append(l.stack, fileRef{real: real, name: target})
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	root2 := l.parse(target, src)
	if root2 == nil {
		return nil
	}
	inc := (&file{l: l, name: target, included: true}).journey(root2, true)
	if inc == nil {
		return nil
	}
	if !inc.Catalogue || inc.Src.Has("transitions") {
		f.errorf(item, RuleIncludeStages,
			"included file %q has `stages` or `transitions`; an included file may only hold personas, channels and owners: move them out, or stop including it", p)
	}
	return inc
}

// locate works out where a path listed in f (an include, a measurement
// file) is: target is the name findings and reads use (joined to the
// directory of f's name), lexical the same path from the real directory of
// f, and root the directory it may not leave. Callers check lexical
// against root first (a `..` escape), so that the answer does not depend
// on whether the target exists.
func (f *file) locate(p string) (target, lexical, root string) {
	target, lexical = p, p
	if !filepath.IsAbs(p) {
		target = filepath.Join(filepath.Dir(f.name), filepath.FromSlash(p))
		lexical = filepath.Join(filepath.Dir(realPath(f.name)), filepath.FromSlash(p))
	}
	f.l.resolveTop()
	return target, lexical, f.l.includeRoot()
}

// onDisk checks an include on the file system: it exists, is not a
// directory, and its real path (symbolic links evaluated) stays inside
// root. It returns the real path, or "" after reporting the problem.
func (f *file) onDisk(item *yaml.Node, p, target, root string) string {
	info, err := os.Stat(target)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			f.errorf(item, RuleIncludeMissing, "included file %q does not exist (looked for %s); fix the path, which is relative to this file", p, target)
		} else {
			f.errorf(item, RuleIncludeMissing, "cannot read included file %q: %v", p, err)
		}
		return ""
	}
	if info.IsDir() {
		f.errorf(item, RuleIncludeMissing, "include %q is a directory; name a journey file", p)
		return ""
	}
	real := realPath(target)
	if !within(root, real) {
		f.errorf(item, RuleIncludeOutside,
			"include %q resolves through a symbolic link to %s, outside the root directory %s; copy the catalogue inside the root, or set --root", p, real, root)
		return ""
	}
	return real
}

// readVia reads an include through Options.ReadFile, held to the size
// limit.
func (f *file) readVia(item *yaml.Node, p, target string) ([]byte, *diag.Diagnostic) {
	src, err := f.l.opts.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, diag.Errorf(f.rng(item), RuleIncludeMissing, "included file %q does not exist (%v); fix the path, which is relative to this file", p, err)
	case err != nil:
		return nil, diag.Errorf(f.rng(item), RuleIncludeMissing, "cannot read included file %q: %v", p, err)
	}
	if max := f.l.opts.maxBytes(); max > 0 && int64(len(src)) > max {
		return nil, tooLarge(f.rng(item), target, int64(len(src)), max)
	}
	return src, nil
}

// resolveTop works out the real path of the top file, once, and marks it
// merged (a catalogue including the map is a cycle).
func (l *loader) resolveTop() {
	if l.merged != nil {
		return
	}
	l.merged = map[string]bool{}
	l.stack[0].real = realPath(l.stack[0].name)
	l.merged[l.stack[0].real] = true
}

// includeRoot returns the directory includes may not leave, symlinks
// evaluated: Options.Root, else the top of the git work tree holding the
// top file, else the working directory.
func (l *loader) includeRoot() string {
	if l.rootDone {
		return l.rootDir
	}
	l.rootDone = true
	if l.opts.Root != "" {
		l.rootDir = realPath(l.opts.Root)
		return l.rootDir
	}
	if top := WorkTreeTop(filepath.Dir(l.stack[0].real)); top != "" {
		l.rootDir = top
		return top
	}
	if wd, err := os.Getwd(); err == nil {
		l.rootDir = realPath(wd)
	} else {
		l.rootDir = filepath.Dir(l.stack[0].real)
	}
	return l.rootDir
}

// within reports whether path is root or inside it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, filepath.Clean(path))
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
