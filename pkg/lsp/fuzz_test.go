package lsp

import (
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// FuzzRequests: any text and any position, every request: no panic, no
// error but the refusals, and positions converted both ways agree.
func FuzzRequests(f *testing.F) {
	// Small seeds: the fuzzer mutates big ones slowly (the examples are
	// covered by TestEveryPosition).
	f.Add(brokenMap, uint16(8), uint16(47))
	f.Add(sample, uint16(13), uint16(19))
	f.Add("cjm: 1\ntitle: [\n\t- {id: \xff", uint16(2), uint16(3))
	f.Add("", uint16(0), uint16(0))
	f.Fuzz(runOne)
}

func runOne(t *testing.T, text string, line, char uint16) {
	{
		path := filepath.Join(t.TempDir(), "m.yaml")
		s := newServer(Options{})
		s.initialized = true
		u := uriOf(path)
		s.docs[path] = &document{uri: u, path: path, text: []byte(text), version: 1}
		p := pos(uint32(line%200), uint32(char%300))
		params := map[string]any{
			"textDocument": map[string]any{"uri": u}, "position": p, "newName": "new-id",
			"context": map[string]any{"includeDeclaration": true, "diagnostics": []any{}},
			"range":   protocol.Range{End: pos(9999, 0)},
		}
		for _, m := range []string{protocol.MethodTextDocumentCompletion, protocol.MethodTextDocumentHover,
			protocol.MethodTextDocumentDefinition, protocol.MethodTextDocumentReferences, protocol.MethodTextDocumentDocumentSymbol,
			protocol.MethodTextDocumentCodeAction, protocol.MethodTextDocumentPrepareRename, protocol.MethodTextDocumentRename,
			protocol.MethodTextDocumentFormatting} {
			req, _ := jsonrpc2.NewCall(jsonrpc2.NewNumberID(1), m, params)
			_, err := s.dispatch(t.Context(), req)
			if err != nil && m != protocol.MethodTextDocumentPrepareRename && m != protocol.MethodTextDocumentRename && m != protocol.MethodTextDocumentFormatting {
				t.Fatalf("%s at %v: %v", m, p, err)
			}
		}
		// The diagnostics convert without panicking and lie in the text.
		a := s.analyze(path)
		for _, d := range a.diagnostics() {
			if before(d.Range.End, d.Range.Start) {
				t.Fatalf("range ends before it starts: %+v", d)
			}
		}
		// position and offset agree on every rune start of the first lines.
		if utf8.ValidString(text) {
			b := []byte(text)
			ln, col := 1, 1
			for off, r := range text {
				if ln > 30 {
					break
				}
				if got := offset(b, position(b, diag.Pos{Line: ln, Column: col})); got != off {
					t.Fatalf("line %d column %d: offset %d, want %d", ln, col, got, off)
				}
				if r == '\n' {
					ln, col = ln+1, 1
				} else {
					col++
				}
			}
		}
	}
}
