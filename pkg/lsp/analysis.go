package lsp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// analysis is one check of a buffer's text.
type analysis struct {
	path    string
	version int32
	text    []byte
	res     check.Result
	// config holds the findings of a configuration that cannot be used;
	// the map was then not checked.
	config diag.Diagnostics
	csrcs  diag.Sources
	idx    *index
	// stale is set (under Server.mu) when a file it read has changed.
	stale bool
}

// dependsOn reports whether the analysis read path (an include, a
// measurement file).
//
// A map that misses an include or a measurement file may depend on any
// file: the one it names may be the one being created.
func (a *analysis) dependsOn(path string) bool {
	if a.reads(path) {
		return true
	}
	for _, d := range a.res.Diags {
		if d.Rule == load.RuleIncludeMissing || d.Rule == load.RuleMeasurementMissing {
			return true
		}
	}
	return false
}

// reads reports whether the check read path, another file than the
// buffer.
func (a *analysis) reads(path string) bool {
	_, ok := a.res.Sources[path]
	return ok && path != a.path
}

// analyze returns the analysis of the open buffer at path, from the cache
// when its text has not changed since, or nil when it is not open.
func (s *Server) analyze(path string) *analysis {
	s.mu.Lock()
	d := s.docs[path]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if a := s.results[path]; a != nil && a.version == d.version && string(a.text) == string(d.text) && !a.stale {
		s.mu.Unlock()
		return a
	}
	text, version, finder := d.text, d.version, s.finder
	s.mu.Unlock()

	a := &analysis{path: path, version: version, text: text}
	rules, cds, csrcs := finder.Check(path)
	if foreign(text) {
		// Other YAML (a CI file, docker-compose.yml, .cjm.yaml): not
		// a journey file, so nothing to say, as validate skips it in
		// a directory.
		a.idx = newIndex(nil)
	} else if cds.HasErrors() {
		a.config, a.csrcs = cds, csrcs
		a.idx = newIndex(nil)
	} else {
		opts := check.Options{Root: s.opts.Root, MaxBytes: s.opts.MaxBytes, Rules: rules, ReadFile: s.reader(path)}
		a.res = check.Bytes(path, text, opts)
		outsideRoot(a.res.Diags)
		a.idx = newIndex(a.res.Map)
	}
	s.mu.Lock()
	if prev := s.results[path]; a.res.Map == nil && prev != nil {
		a.idx = prev.idx // a file that does not parse: complete with the last ids known
	}
	if cur := s.docs[path]; cur != nil && cur.version == version {
		s.results[path] = a
	}
	s.mu.Unlock()
	return a
}

// notFound is the error of an include that is neither open nor on disk;
// its text makes the finding read as `cjm validate`'s.
type notFound struct{ name string }

func (e notFound) Error() string { return "looked for " + e.name }
func (e notFound) Unwrap() error { return fs.ErrNotExist }

// reader returns the loader's ReadFile for the map at top: the open
// buffer of a file when there is one, else the file on disk (a regular
// file, within the size limit, whose real path stays inside the root the
// loader confines includes to, as `cjm validate` checks).
func (s *Server) reader(top string) func(string) ([]byte, error) {
	var root string
	var once sync.Once
	return func(name string) ([]byte, error) {
		name = filepath.Clean(name)
		s.mu.Lock()
		d := s.docs[name]
		s.mu.Unlock()
		if d != nil {
			return d.text, nil
		}
		info, err := os.Stat(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, notFound{name}
		}
		if err == nil && info.IsDir() {
			return nil, errors.New("it is a directory; name a journey file")
		}
		once.Do(func() { root = includeRoot(s.opts.Root, top) })
		if real, err := filepath.EvalSymlinks(name); err == nil && root != "" && !within(root, real) {
			return nil, fmt.Errorf("it resolves through a symbolic link to %s, outside the root directory %s; copy it inside the root, or set --root", real, root)
		}
		src, dg := load.ReadFile(name, load.Options{MaxBytes: s.opts.MaxBytes}.Limit())
		if dg != nil {
			return nil, errors.New(dg.Message)
		}
		return src, nil
	}
}

// includeRoot is the directory includes of top may not leave, symbolic
// links evaluated: root, else the top of the git work tree, else the
// working directory (as package load decides).
func includeRoot(root, top string) string {
	real := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		return p
	}
	if root != "" {
		return real(root)
	}
	if t := load.WorkTreeTop(filepath.Dir(real(top))); t != "" {
		return t
	}
	if wd, err := os.Getwd(); err == nil {
		return real(wd)
	}
	return ""
}

// within reports whether path is root or inside it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// publish checks the buffer at path and sends its findings.
func (s *Server) publish(ctx context.Context, path string) {
	defer func() {
		if r := recover(); r != nil {
			s.logf("checking %s: internal error: %v", path, r)
		}
	}()
	a := s.analyze(path)
	if a == nil {
		return
	}
	// Held from the check that the buffer is open to the notification,
	// so that a close (which publishes no findings) cannot come between.
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	d := s.docs[path]
	s.mu.Unlock()
	if d == nil {
		return
	}
	s.notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: d.uri, Version: uint32(max(a.version, 0)), Diagnostics: a.diagnostics(),
	})
}

// diagnostics converts the findings of the analysis to LSP diagnostics of
// its buffer. A finding in another file (an included catalogue, a
// measurement file) is shown at the line of the buffer that leads to it,
// with its own place as related information.
func (a *analysis) diagnostics() []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	if a.config != nil {
		for _, d := range a.config {
			at := protocol.Range{End: protocol.Position{Character: 1}}
			out = append(out, protocol.Diagnostic{
				Range: at, Severity: severity(d.Severity), Code: d.Rule, Source: "cjm",
				Message: "the configuration " + d.Range.String() + " cannot be used: " + d.Message,
				RelatedInformation: []protocol.DiagnosticRelatedInformation{{
					Location: location(d.Range, a.csrcs[d.Range.Filename]), Message: d.Message,
				}},
			})
		}
		return out
	}
	for _, d := range a.res.Diags {
		out = append(out, a.diagnostic(d))
	}
	return out
}

func (a *analysis) diagnostic(d *diag.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{Severity: severity(d.Severity), Code: d.Rule, Source: "cjm", Message: d.Message}
	if d.Range.Filename == a.path || d.Range.Filename == "" {
		pd.Range = span(a.text, d.Range)
	} else {
		hops := a.chain(d.Range.Filename)
		if len(hops) > 0 {
			pd.Range = span(a.text, hops[0])
		} else {
			pd.Range = span(a.text, a.via(d.Range.Filename))
		}
		for _, h := range hops[min(1, len(hops)):] {
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: location(h, a.source(h.Filename)), Message: "included here",
			})
		}
		where := d.Range
		if rel, err := filepath.Rel(filepath.Dir(a.path), where.Filename); err == nil {
			where.Filename = filepath.ToSlash(rel)
		}
		pd.Message = "in " + where.String() + ": " + d.Message
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: location(d.Range, a.res.Sources[d.Range.Filename]), Message: d.Message,
		})
	}
	if first, ok := a.firstAt(d); ok {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: location(first, a.source(first.Filename)), Message: "first declared here",
		})
	}
	return pd
}

func (a *analysis) source(name string) []byte {
	if name == a.path {
		return a.text
	}
	return a.res.Sources[name]
}

// via returns the place in the buffer that leads to file: the `include`
// or `measurements` item naming it, else the key, else the first line.
func (a *analysis) via(file string) diag.Range {
	m := a.res.Map
	top := diag.Range{Filename: a.path, Start: diag.Pos{Line: 1, Column: 1}}
	if m == nil {
		return top
	}
	dir := filepath.Dir(a.path)
	for _, list := range []struct {
		key   string
		items []string
	}{{"include", m.Include}, {"measurements", m.Measurements}} {
		for i, p := range list.items {
			if filepath.Join(dir, filepath.FromSlash(p)) == file {
				return m.Src.Item(list.key, i)
			}
		}
	}
	// A catalogue included by a catalogue: the first include.
	if len(m.Include) > 0 {
		return m.Src.Item("include", 0)
	}
	return top
}

var firstRe = regexp.MustCompile("^duplicate (\\w+) id `([^`]+)`: the first is at (?:line (\\d+)|(.+):(\\d+));")

// firstAt returns the first declaration a duplicate-id finding points at.
func (a *analysis) firstAt(d *diag.Diagnostic) (diag.Range, bool) {
	sm := firstRe.FindStringSubmatch(d.Message)
	if sm == nil {
		return diag.Range{}, false
	}
	file, line := d.Range.Filename, sm[3]
	if sm[3] == "" {
		file, line = sm[4], sm[5]
	}
	n, _ := strconv.Atoi(line)
	for _, dc := range a.idx.decls {
		if dc.kind == sm[1] && dc.id == sm[2] && dc.at.Filename == file && dc.at.Start.Line == n {
			return dc.at, true
		}
	}
	return diag.Range{Filename: file, Start: diag.Pos{Line: n, Column: 1}}, n > 0
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	if s == diag.Warning {
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityError
}

// location is the LSP location of r in a file whose bytes are text.
func location(r diag.Range, text []byte) protocol.Location {
	return protocol.Location{URI: protocol.DocumentURI(uri.File(r.Filename)), Range: span(text, r)}
}

func sortedStrings(xs []string) []string {
	slices.Sort(xs)
	return xs
}

// foreign reports whether text is YAML other than a journey file: it has
// content but no top-level `cjm` key. An empty buffer is not foreign (a
// map being started).
func foreign(text []byte) bool {
	if load.IsJourney(text) {
		return false
	}
	for l := range bytes.Lines(text) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			return true
		}
	}
	return false
}

var outsideRe = regexp.MustCompile(`^cannot read (included|measurement) file ("(?:[^"\\]|\\.)*"): it resolves through a symbolic link to (.+), outside the root directory (.+); copy it inside the root, or set --root$`)

// outsideRoot gives the findings of a file that a symbolic link takes out
// of the root (reader's error, which the loader reports as unreadable)
// the rule and words `cjm validate` gives them.
func outsideRoot(ds diag.Diagnostics) {
	for _, d := range ds {
		m := outsideRe.FindStringSubmatch(d.Message)
		if m == nil {
			continue
		}
		if m[1] == "included" {
			d.Rule = load.RuleIncludeOutside
			d.Message = fmt.Sprintf("include %s resolves through a symbolic link to %s, outside the root directory %s; copy the catalogue inside the root, or set --root", m[2], m[3], m[4])
		} else {
			d.Rule = load.RuleMeasurementOutside
			d.Message = fmt.Sprintf("measurement file %s resolves through a symbolic link to %s, outside the root directory %s; copy it inside the root, or set --root", m[2], m[3], m[4])
		}
	}
}

// chain returns the include items that lead from the buffer to file, one
// per file on the way (the buffer's own first), or nil when file is not
// reached through includes. The files on the way are read from the
// analysis's sources, not again from disk.
func (a *analysis) chain(file string) []diag.Range {
	if a.res.Map == nil {
		return nil
	}
	type hop struct {
		prev string
		at   diag.Range
	}
	from := map[string]hop{a.path: {}}
	queue := []string{a.path}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		var m *journey.Map
		if cur == a.path {
			m = a.res.Map
		} else {
			m, _, _ = load.Bytes(cur, a.res.Sources[cur], load.Options{ReadFile: func(string) ([]byte, error) { return nil, fs.ErrNotExist }})
		}
		if m == nil {
			continue
		}
		for i, p := range m.Include {
			next := filepath.Join(filepath.Dir(cur), filepath.FromSlash(p))
			if _, seen := from[next]; seen {
				continue
			}
			if _, ok := a.res.Sources[next]; !ok {
				continue
			}
			from[next] = hop{prev: cur, at: m.Src.Item("include", i)}
			if next == file {
				var out []diag.Range
				for f := file; f != a.path; f = from[f].prev {
					out = append([]diag.Range{from[f].at}, out...)
				}
				return out
			}
			queue = append(queue, next)
		}
	}
	return nil
}
