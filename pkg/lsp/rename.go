package lsp

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// maxWorkspaceFiles bounds the walk of the workspace for the maps that
// include a catalogue.
const maxWorkspaceFiles = 5000

// shared reports whether ids of kind can come from a catalogue, and so be
// used by other maps.
func shared(kind string) bool {
	return kind == kindPersona || kind == kindChannel || kind == kindOwner
}

// rename renames the id t names to newID everywhere: the declaration, the
// references in the buffer and, for a persona, channel or owner declared
// in a catalogue (or in the buffer when it is a catalogue), the references
// in every map of the workspace that includes that catalogue.
func (s *Server) rename(a *analysis, t target, newID string) (any, error) {
	if newID == t.id {
		return protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{}}, nil
	}
	if !validate.ValidID(newID) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams,
			"`%s` is not a valid id: use lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters (e.g. `%s`)", newID, nonEmpty(validate.Slug(newID), "new-id"))
	}
	if t.decl == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s `%s` is not declared; declare it before renaming it", t.kind, t.id)
	}
	if a.idx.taken(t.kind, newID) {
		d, _ := a.idx.lookup(t.kind, newID)
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s id `%s` is taken (declared at %s); choose another", t.kind, newID, d.at.String())
	}
	edits := map[protocol.DocumentURI][]protocol.TextEdit{}
	seen := map[string]bool{}
	collect := func(a *analysis, declFile string) {
		for _, d := range a.idx.decls {
			if d.kind == t.kind && d.id == t.id && d.at.Filename == declFile {
				addEdit(edits, seen, a, d.at, t.id, newID)
			}
		}
		for _, rf := range a.idx.refs {
			if rf.kind == t.kind && rf.id == t.id {
				addEdit(edits, seen, a, rf.at, t.id, newID)
			}
		}
	}
	declFile := t.decl.at.Filename
	collect(a, declFile)
	if shared(t.kind) && (declFile != a.path || a.res.Map == nil || a.res.Map.Catalogue) {
		for _, o := range s.includers(declFile, a.path) {
			if !slices.ContainsFunc(o.idx.decls, func(d decl) bool {
				return d.kind == t.kind && d.id == t.id && d.at.Filename == declFile
			}) {
				continue
			}
			if d, ok := o.idx.lookup(t.kind, newID); ok {
				return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s id `%s` is taken in %s (declared at %s); choose another", t.kind, newID, o.path, d.at.String())
			}
			collect(o, declFile)
		}
	}
	return protocol.WorkspaceEdit{Changes: edits}, nil
}

func addEdit(edits map[protocol.DocumentURI][]protocol.TextEdit, seen map[string]bool, a *analysis, at diag.Range, oldID, newID string) {
	key := at.Filename + ":" + itoa(at.Start.Line) + ":" + itoa(at.Start.Column)
	if seen[key] {
		return
	}
	seen[key] = true
	u := protocol.DocumentURI(uri.File(at.Filename))
	edits[u] = append(edits[u], protocol.TextEdit{Range: idSpan(a.source(at.Filename), at, oldID), NewText: newID})
}

// includers checks the journey files of the workspace (open buffers in
// place of their files) other than skip and returns those that read
// catalogue.
func (s *Server) includers(catalogue, skip string) []*analysis {
	s.mu.Lock()
	root := s.workspace
	finder := s.finder
	open := map[string][]byte{}
	for p, d := range s.docs {
		open[p] = d.text
	}
	s.mu.Unlock()
	var out []*analysis
	n := 0
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() {
			if p != root && (strings.HasPrefix(e.Name(), ".") || e.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if n++; n > maxWorkspaceFiles {
			return filepath.SkipAll
		}
		ext := filepath.Ext(p)
		if (ext != ".yaml" && ext != ".yml") || p == skip || p == catalogue {
			return nil
		}
		src, ok := open[p]
		if !ok {
			b, d := load.ReadFile(p, load.Options{MaxBytes: s.opts.MaxBytes}.Limit())
			if d != nil {
				return nil
			}
			src = b
		}
		if !load.IsJourney(src) || !strings.Contains(string(src), "include") {
			return nil
		}
		res := check.Bytes(p, src, check.Options{Root: s.opts.Root, MaxBytes: s.opts.MaxBytes, Rules: finder.Set(p), ReadFile: s.reader(p)})
		if _, ok := res.Sources[catalogue]; !ok {
			return nil
		}
		out = append(out, &analysis{path: p, text: src, res: res, idx: newIndex(res.Map)})
		return nil
	})
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
