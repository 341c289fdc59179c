package lsp

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func init() {
	requests[protocol.MethodTextDocumentCompletion] = (*Server).onCompletion
	requests[protocol.MethodTextDocumentHover] = (*Server).onHover
	requests[protocol.MethodTextDocumentDefinition] = (*Server).onDefinition
	requests[protocol.MethodTextDocumentReferences] = (*Server).onReferences
	requests[protocol.MethodTextDocumentPrepareRename] = (*Server).onPrepareRename
	requests[protocol.MethodTextDocumentRename] = (*Server).onRename
	requests[protocol.MethodTextDocumentDocumentSymbol] = (*Server).onSymbols
	requests[protocol.MethodTextDocumentCodeAction] = (*Server).onCodeAction
	requests[protocol.MethodTextDocumentFormatting] = (*Server).onFormatting
}

// at returns the open buffer of td and its analysis; nil, nil for a
// document that is not open.
func (s *Server) at(td protocol.TextDocumentIdentifier) (*document, *analysis) {
	d := s.doc(td.URI)
	if d == nil {
		return nil, nil
	}
	return d, s.analyze(d.path)
}

func (s *Server) onCompletion(req jsonrpc2.Request) (any, error) {
	var p protocol.CompletionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	d, a := s.at(p.TextDocument)
	if d == nil {
		return nil, nil
	}
	items := s.completion(d, a, p.Position)
	if items == nil {
		items = []protocol.CompletionItem{}
	}
	return protocol.CompletionList{Items: items}, nil
}

// target is the id under the cursor: a declaration or a reference.
type target struct {
	kind, id string
	at       protocol.Range
	decl     *decl
}

func (a *analysis) target(pos protocol.Position) (target, bool) {
	for i := range a.idx.decls {
		d := &a.idx.decls[i]
		if d.at.Filename != a.path || d.at.Start.Line != int(pos.Line)+1 {
			continue
		}
		if r := idSpan(a.text, d.at, d.id); inside(pos, r) {
			return target{kind: d.kind, id: d.id, at: r, decl: d}, true
		}
	}
	for _, rf := range a.idx.refs {
		if rf.at.Filename != a.path || rf.at.Start.Line != int(pos.Line)+1 {
			continue
		}
		if r := idSpan(a.text, rf.at, rf.id); inside(pos, r) {
			t := target{kind: rf.kind, id: rf.id, at: r}
			if dc, ok := a.idx.lookup(rf.kind, rf.id); ok {
				t.decl = &dc
			}
			return t, true
		}
	}
	return target{}, false
}

func (s *Server) onHover(req jsonrpc2.Request) (any, error) {
	var p protocol.HoverParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	d, a := s.at(p.TextDocument)
	if a == nil {
		return nil, nil
	}
	if t, ok := a.target(p.Position); ok {
		text := fmt.Sprintf("**%s** `%s` — not declared", t.kind, t.id)
		if t.decl != nil {
			text = declHover(*t.decl)
		}
		r := t.at
		return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: text}, Range: &r}, nil
	}
	// A key: `emotion` shows the scale, any other its description.
	lines := splitLines(d.text)
	if int(p.Position.Line) < len(lines) {
		l := parseLine(lines[p.Position.Line])
		if l.key != "" {
			start := protocol.Position{Line: p.Position.Line, Character: uint32(units16(lines[p.Position.Line], len([]rune(string(lines[p.Position.Line][:l.col])))))}
			end := protocol.Position{Line: p.Position.Line, Character: start.Character + uint32(len(l.key))}
			if l.key == "emotion" {
				end = protocol.Position{Line: p.Position.Line, Character: uint32(units16(lines[p.Position.Line], len([]rune(string(lines[p.Position.Line])))))}
			}
			if r := (protocol.Range{Start: start, End: end}); inside(p.Position, r) {
				text := ""
				if l.key == "emotion" {
					text = "**emotion**: " + definitionDescription("emotion")
				} else if el, ok := elementAt(lines, int(p.Position.Line), l.col); ok {
					text = "**" + l.key + "**: " + describeKey(el, l.key)
				}
				if text != "" {
					return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: text}, Range: &r}, nil
				}
			}
		}
	}
	return nil, nil
}

func (s *Server) onDefinition(req jsonrpc2.Request) (any, error) {
	var p protocol.DefinitionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	_, a := s.at(p.TextDocument)
	if a == nil {
		return nil, nil
	}
	t, ok := a.target(p.Position)
	if !ok || t.decl == nil {
		return []protocol.Location{}, nil
	}
	return []protocol.Location{a.idLocation(t.decl.at, t.id)}, nil
}

// idLocation is the location of an id written at r, in any file the
// analysis read.
func (a *analysis) idLocation(r diag.Range, id string) protocol.Location {
	loc := location(r, a.source(r.Filename))
	loc.Range = idSpan(a.source(r.Filename), r, id)
	return loc
}

func (s *Server) onReferences(req jsonrpc2.Request) (any, error) {
	var p protocol.ReferenceParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	_, a := s.at(p.TextDocument)
	if a == nil {
		return nil, nil
	}
	t, ok := a.target(p.Position)
	if !ok {
		return []protocol.Location{}, nil
	}
	out := []protocol.Location{}
	if p.Context.IncludeDeclaration && t.decl != nil {
		out = append(out, a.idLocation(t.decl.at, t.id))
	}
	for _, rf := range a.idx.refs {
		if rf.kind == t.kind && rf.id == t.id {
			out = append(out, a.idLocation(rf.at, rf.id))
		}
	}
	return out, nil
}

func (s *Server) onPrepareRename(req jsonrpc2.Request) (any, error) {
	var p protocol.PrepareRenameParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	_, a := s.at(p.TextDocument)
	if a == nil {
		return nil, nil
	}
	t, ok := a.target(p.Position)
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "there is no id here to rename")
	}
	return t.at, nil
}

func (s *Server) onRename(req jsonrpc2.Request) (any, error) {
	var p protocol.RenameParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	_, a := s.at(p.TextDocument)
	if a == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "the document is not open")
	}
	t, ok := a.target(p.Position)
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "there is no id here to rename")
	}
	return s.rename(a, t, p.NewName)
}

func (s *Server) onSymbols(req jsonrpc2.Request) (any, error) {
	var p protocol.DocumentSymbolParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	_, a := s.at(p.TextDocument)
	if a == nil || a.res.Map == nil {
		return []protocol.DocumentSymbol{}, nil
	}
	return a.symbols(), nil
}

// symbols outlines the stages and their touchpoints. An element runs
// from its start to the line before the next one's.
func (a *analysis) symbols() []protocol.DocumentSymbol {
	m := a.res.Map
	lines := splitLines(a.text)
	last := protocol.Position{Line: uint32(len(lines) - 1), Character: uint32(units16(lines[len(lines)-1], len([]rune(string(lines[len(lines)-1])))))}
	endBefore := func(next diag.Range, limit protocol.Position) protocol.Position {
		if next.Start.IsZero() || next.Filename != a.path || next.Start.Line < 2 {
			return limit
		}
		l := next.Start.Line - 2
		p := protocol.Position{Line: uint32(l), Character: uint32(units16(lines[l], len([]rune(string(lines[l])))))}
		if before(limit, p) {
			return limit
		}
		return p
	}
	stagesEnd := last
	for i, l := range lines {
		if strings.HasPrefix(string(l), "transitions:") && len(m.Stages) > 0 && i+1 > m.Stages[0].Src.Range.Start.Line {
			stagesEnd = endBefore(diag.Range{Filename: a.path, Start: diag.Pos{Line: i + 1, Column: 1}}, last)
		}
	}
	out := []protocol.DocumentSymbol{}
	for i, st := range m.Stages {
		if st.Src.Range.Filename != a.path {
			continue
		}
		end := stagesEnd
		if i+1 < len(m.Stages) {
			end = endBefore(m.Stages[i+1].Src.Range, stagesEnd)
		}
		sym := protocol.DocumentSymbol{
			Name: nonEmpty(st.Name, st.ID), Detail: st.ID, Kind: protocol.SymbolKindNamespace,
			Range:          protocol.Range{Start: position(a.text, st.Src.Range.Start), End: end},
			SelectionRange: idSpan(a.text, st.Src.Key("id"), st.ID),
		}
		for j, tp := range st.Touchpoints {
			tend := end
			if j+1 < len(st.Touchpoints) {
				tend = endBefore(st.Touchpoints[j+1].Src.Range, end)
			}
			sym.Children = append(sym.Children, protocol.DocumentSymbol{
				Name: nonEmpty(tp.Name, tp.ID), Detail: tp.ID, Kind: protocol.SymbolKindEvent,
				Range:          protocol.Range{Start: position(a.text, tp.Src.Range.Start), End: tend},
				SelectionRange: idSpan(a.text, tp.Src.Key("id"), tp.ID),
			})
		}
		out = append(out, sym)
	}
	return out
}

func nonEmpty(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		if alt == "" {
			return "(unnamed)"
		}
		return alt
	}
	return s
}

var meantRe = regexp.MustCompile("did you mean `([^`]+)`\\?")
var missingRe = regexp.MustCompile("^this (.+) has no `([a-z_]+)`; add")

func (s *Server) onCodeAction(req jsonrpc2.Request) (any, error) {
	var p protocol.CodeActionParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	d, a := s.at(p.TextDocument)
	if a == nil {
		return []protocol.CodeAction{}, nil
	}
	out := []protocol.CodeAction{}
	for _, fd := range a.res.Diags {
		if fd.Range.Filename != a.path {
			continue
		}
		pd := a.diagnostic(fd)
		if before(pd.Range.End, p.Range.Start) || before(p.Range.End, pd.Range.Start) {
			continue
		}
		if m := meantRe.FindStringSubmatch(fd.Message); m != nil {
			r := pd.Range
			if fd.Rule != load.RuleUnknownKey {
				r = idSpan(a.text, fd.Range, strings.Trim(string(tokenText(a.text, fd.Range)), `"'`))
			}
			out = append(out, protocol.CodeAction{
				Title: "Change to `" + m[1] + "`", Kind: protocol.QuickFix, IsPreferred: true,
				Diagnostics: []protocol.Diagnostic{pd},
				Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{d.uri: {{Range: r, NewText: m[1]}}}},
			})
		}
		if m := missingRe.FindStringSubmatch(fd.Message); m != nil && fd.Rule == load.RuleMissingKey {
			line := lineAt(a.text, fd.Range.Start.Line-1)
			rs := []rune(string(line))
			c := fd.Range.Start.Column - 1
			if c < 0 || c >= len(rs) {
				continue
			}
			placeholder := "TODO"
			if m[2] == "id" {
				placeholder = "todo"
			}
			var edit protocol.TextEdit
			if rs[c] == '{' {
				// A flow mapping on one line: before its `}`.
				close := matching(rs, c)
				if close < 0 {
					continue
				}
				at := position(a.text, diag.Pos{Line: fd.Range.Start.Line, Column: close + 1})
				sep := ", "
				if strings.TrimSpace(string(rs[c+1:close])) == "" {
					sep = ""
				}
				edit = protocol.TextEdit{Range: protocol.Range{Start: at, End: at}, NewText: sep + m[2] + ": " + placeholder}
			} else {
				at := position(a.text, fd.Range.Start)
				edit = protocol.TextEdit{Range: protocol.Range{Start: at, End: at}, NewText: m[2] + ": " + placeholder + "\n" + strings.Repeat(" ", c)}
			}
			out = append(out, protocol.CodeAction{
				Title: "Add `" + m[2] + "`", Kind: protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{pd},
				Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{d.uri: {edit}}},
			})
		}
	}
	return out, nil
}

// matching returns the index of the `}` that closes the `{` at rs[open],
// nested brackets and quoted text skipped, or -1 when it is not on the
// line.
func matching(rs []rune, open int) int {
	depth := 0
	var quote rune
	for i := open; i < len(rs); i++ {
		switch r := rs[i]; {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '{' || r == '[':
			depth++
		case r == '}' || r == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// tokenText is the text of the token at r.
func tokenText(text []byte, r diag.Range) string {
	line := []rune(string(lineAt(text, r.Start.Line-1)))
	a, b := r.Start.Column-1, tokenEnd([]byte(string(line)), r.Start.Column)-1
	if a < 0 || a > len(line) || b > len(line) || b < a {
		return ""
	}
	return string(line[a:b])
}

func (s *Server) onFormatting(req jsonrpc2.Request) (any, error) {
	var p protocol.DocumentFormattingParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		return nil, nil
	}
	out, err := yamlfmt.Format(d.text)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "cjm fmt: %v", err)
	}
	if string(out) == string(d.text) {
		return []protocol.TextEdit{}, nil
	}
	lines := splitLines(d.text)
	lastLine := lines[len(lines)-1]
	end := protocol.Position{Line: uint32(len(lines) - 1), Character: uint32(units16(lastLine, len([]rune(string(lastLine)))))}
	return []protocol.TextEdit{{Range: protocol.Range{End: end}, NewText: string(out)}}, nil
}
