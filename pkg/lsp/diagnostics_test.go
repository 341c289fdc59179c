package lsp

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"go.lsp.dev/protocol"
)

const brokenMap = `cjm: 1
title: Тест 😀
channels:
  - {id: email, name: Почта 😀}
stages:
  - id: s1
    name: Этап 😀
    touchpoints:
      - {id: t1, name: "😀😀 Письмо", channel: emial, colour: red}
`

// utf16Col converts a 1-based rune column of line to 0-based UTF-16
// units, independently of the server's conversion.
func utf16Col(line string, col int) uint32 {
	rs := []rune(line)
	return uint32(len(utf16.Encode(rs[:col-1])))
}

// TestDiagnosticsPositions: the published findings are those of `cjm
// validate` (check.File on the saved file), at the same places counted
// in UTF-16 code units, with Cyrillic and emoji before them.
func TestDiagnosticsPositions(t *testing.T) {
	dir := workspace(t)
	path := filepath.Join(dir, "m.yaml")
	writeFile(t, path, brokenMap)
	c := newClient(t, dir, Options{})
	u := c.open(path, brokenMap)
	got := c.waitDiags(u, 1)
	want := check.File(path, check.Options{}).Diags
	if len(got) != len(want) || len(want) != 2 {
		t.Fatalf("got %d diagnostics, validate has %d: %+v", len(got), len(want), got)
	}
	lines := strings.Split(brokenMap, "\n")
	for i, w := range want {
		g := got[i]
		wl := uint32(w.Range.Start.Line - 1)
		wc := utf16Col(lines[wl], w.Range.Start.Column)
		if g.Range.Start.Line != wl || g.Range.Start.Character != wc || g.Code != w.Rule || g.Message != w.Message {
			t.Errorf("diagnostic %d: got %v %v %q, want %d:%d %s %q", i, g.Range.Start, g.Code, g.Message, wl, wc, w.Rule, w.Message)
		}
		if g.Severity != protocol.DiagnosticSeverityError || g.Source != "cjm" {
			t.Errorf("diagnostic %d: severity %v source %q", i, g.Severity, g.Source)
		}
	}
	// The channel: 45 runes before it, two of them emoji (two units each).
	if g := got[0]; g.Range.Start != pos(8, 47) || g.Range.End != pos(8, 52) {
		t.Errorf("unknown channel at %v–%v, want 8:47–8:52", g.Range.Start, g.Range.End)
	}
}

// TestDiagnosticsFixAndIncremental: fixing the buffer clears the findings
// (full sync); an incremental edit brings one back, without a save.
func TestDiagnosticsFixAndIncremental(t *testing.T) {
	dir := workspace(t)
	path := filepath.Join(dir, "m.yaml")
	c := newClient(t, dir, Options{})
	u := c.open(path, brokenMap) // never saved: the file does not exist
	if ds := c.waitDiags(u, 1); len(ds) != 2 {
		t.Fatalf("got %+v", ds)
	}
	fixed := strings.Replace(strings.Replace(brokenMap, "emial", "email", 1), ", colour: red", "", 1)
	c.change(u, 2, fixed)
	if ds := c.waitDiags(u, 2); len(ds) != 0 {
		t.Fatalf("after the fix: %+v", ds)
	}
	// Line 8: `      - {id: t1, name: "😀😀 Письмо", channel: email}`;
	// replace `email` (UTF-16 47–52) with `mail`.
	c.edit(u, 3, protocol.Range{Start: pos(8, 47), End: pos(8, 52)}, "mail")
	ds := c.waitDiags(u, 3)
	if len(ds) != 1 || ds[0].Code != "unknown-channel" || !strings.Contains(ds[0].Message, "did you mean `email`") || ds[0].Range.Start != pos(8, 47) {
		t.Fatalf("after the edit: %+v", ds)
	}
}

// TestDiagnosticsConfig: the project configuration's levels and inline
// suppressions apply, as in validate.
func TestDiagnosticsConfig(t *testing.T) {
	dir := workspace(t)
	src := "cjm: 1\ntitle: T\npersonas:\n  - {id: p, name: P}\n  - {id: q, name: Q} # cjm:ignore unused-persona -- later\n  - {id: r, name: R}\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, personas: [p]}\n"
	path := filepath.Join(dir, "m.yaml")
	c := newClient(t, dir, Options{})
	u := c.open(path, src)
	rules := func(ds []protocol.Diagnostic) (out []string) {
		for _, d := range ds {
			out = append(out, d.Code.(string)+"@"+itoa(int(d.Range.Start.Line))+":"+severityName(d.Severity))
		}
		return out
	}
	want := rules(toLSP(t, path, src, check.File(writeAndReturn(t, path, src), check.Options{}).Diags))
	got := rules(c.waitDiags(u, 1))
	if strings.Join(got, " ") != strings.Join(want, " ") || !strings.Contains(strings.Join(got, " "), "unused-persona@5:warning") || strings.Contains(strings.Join(got, " "), "@4:") {
		t.Fatalf("got %v, want %v (p unused, q suppressed)", got, want)
	}
	writeFile(t, filepath.Join(dir, ".cjm.yaml"), "rules:\n  unused-persona: error\n")
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(filepath.Join(dir, ".cjm.yaml"))}})
	c.change(u, 2, src)
	got = rules(c.waitDiags(u, 2))
	if !strings.Contains(strings.Join(got, " "), "unused-persona@5:error") {
		t.Fatalf("with the configuration: %v", got)
	}
}

func writeAndReturn(t *testing.T, path, src string) string {
	writeFile(t, path, src)
	return path
}

func severityName(s protocol.DiagnosticSeverity) string {
	if s == protocol.DiagnosticSeverityWarning {
		return "warning"
	}
	return "error"
}

func toLSP(t *testing.T, path, src string, ds diag.Diagnostics) []protocol.Diagnostic {
	a := &analysis{path: path, text: []byte(src), res: check.Result{Diags: ds}, idx: newIndex(nil)}
	return a.diagnostics()
}

func uriOf(path string) protocol.DocumentURI {
	return protocol.DocumentURI("file://" + filepath.ToSlash(path))
}

// TestDiagnosticsIncludes: an open catalogue takes precedence over its
// file, and an edit to it re-checks the open map that includes it; a
// finding inside the catalogue is shown at the include, with its place as
// related information.
func TestDiagnosticsIncludes(t *testing.T) {
	dir := workspace(t)
	cat := filepath.Join(dir, "cat", "company.yaml")
	writeFile(t, cat, "cjm: 1\nchannels:\n  - {id: email, name: Email}\n")
	mapSrc := "cjm: 1\ntitle: T\ninclude: [cat/company.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: chat}\n"
	path := filepath.Join(dir, "m.yaml")
	c := newClient(t, dir, Options{})
	u := c.open(path, mapSrc)
	ds := c.waitDiags(u, 1)
	if len(ds) != 1 || ds[0].Code != "unknown-channel" {
		t.Fatalf("before: %+v", ds)
	}
	n := c.count(u)
	cu := c.open(cat, "cjm: 1\nchannels:\n  - {id: email, name: Email}\n  - {id: chat, name: Chat}\n")
	c.waitDiags(cu, 1)
	waitCount(t, c, u, n+1)
	if ds := c.waitDiags(u, 1); len(ds) != 0 {
		t.Fatalf("with the open catalogue: %+v", ds)
	}
	// A broken catalogue: the finding is at the include line of the map.
	n = c.count(u)
	c.change(cu, 2, "cjm: 1\nchannels:\n  - {id: email, name: Email, colour: red}\n  - {id: chat, name: Chat}\n")
	waitCount(t, c, u, n+1)
	ds = c.waitDiags(u, 1)
	var inc *protocol.Diagnostic
	for i := range ds {
		if ds[i].Code == load.RuleUnknownKey {
			inc = &ds[i]
		}
	}
	if inc == nil || inc.Range.Start != pos(2, 10) || len(inc.RelatedInformation) == 0 ||
		inc.RelatedInformation[0].Location.URI != uriOf(cat) || inc.RelatedInformation[0].Location.Range.Start != pos(2, 29) || !strings.HasPrefix(inc.Message, "in cat/company.yaml:3:30: unknown key `colour`") {
		t.Fatalf("catalogue finding: %+v", ds)
	}
	// Closed again: the map reads the file on disk (no `chat`).
	n = c.count(u)
	c.notify(protocol.MethodTextDocumentDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: cu}})
	waitCount(t, c, u, n+1)
	if ds := c.waitDiags(u, 1); len(ds) != 1 || ds[0].Code != "unknown-channel" {
		t.Fatalf("after close: %+v", ds)
	}
}

func waitCount(t *testing.T, c *client, u protocol.DocumentURI, n int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.diags[u]) < n {
		c.cond.Wait()
	}
}

// TestDiagnosticsRelated: a duplicate id points at the first declaration.
func TestDiagnosticsRelated(t *testing.T) {
	dir := workspace(t)
	src := "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T}\n  - id: s\n    name: S2\n"
	path := filepath.Join(dir, "m.yaml")
	c := newClient(t, dir, Options{})
	u := c.open(path, src)
	for _, d := range c.waitDiags(u, 1) {
		if d.Code == "duplicate-id" {
			if d.Range.Start != pos(7, 8) || len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range != (protocol.Range{Start: pos(3, 8), End: pos(3, 9)}) {
				t.Fatalf("duplicate: %+v", d)
			}
			return
		}
	}
	t.Fatal("no duplicate-id finding")
}

// TestForeignYAML: YAML that is not a journey file gets no findings; an
// empty buffer completes the top-level keys.
func TestForeignYAML(t *testing.T) {
	dir := workspace(t)
	c := newClient(t, dir, Options{})
	u := c.open(filepath.Join(dir, "compose.yml"), "services:\n  web: {image: nginx}\n")
	if ds := c.waitDiags(u, 1); len(ds) != 0 {
		t.Fatalf("foreign YAML: %+v", ds)
	}
	u = c.open(filepath.Join(dir, "new.yaml"), "")
	if ds := c.waitDiags(u, 1); len(ds) == 0 {
		t.Fatal("an empty map has no findings")
	}
	var l protocol.CompletionList
	c.mustCall(protocol.MethodTextDocumentCompletion, map[string]any{"textDocument": map[string]any{"uri": u}, "position": pos(0, 0)}, &l)
	if len(l.Items) == 0 || l.Items[0].Label != "cjm" {
		t.Fatalf("completion in an empty map: %+v", l.Items)
	}
}

// TestIncludeSymlinkOutside: an include that is a symbolic link out of
// the root is refused, as validate refuses it.
func TestIncludeSymlinkOutside(t *testing.T) {
	dir := workspace(t)
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "cat.yaml"), "cjm: 1\nchannels:\n  - {id: email, name: Email}\n")
	if err := os.Symlink(filepath.Join(outside, "cat.yaml"), filepath.Join(dir, "cat.yaml")); err != nil {
		t.Skip(err)
	}
	src := "cjm: 1\ntitle: T\ninclude: [cat.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: email}\n"
	path := filepath.Join(dir, "m.yaml")
	writeFile(t, path, src)
	want := check.File(path, check.Options{}).Diags
	c := newClient(t, dir, Options{})
	ds := c.waitDiags(c.open(path, src), 1)
	if len(want) != 1 || len(ds) != 1 || ds[0].Code != want[0].Rule || ds[0].Range.Start != pos(2, 10) || ds[0].Message != want[0].Message {
		t.Fatalf("got %+v, validate %v", ds, want)
	}
}

// TestDiagnosticsParity: for broken maps of many kinds, the server's
// findings are validate's (check.File on the saved file): same rule,
// message and start, converted to UTF-16. Findings in the map itself
// only; those of other files are tested above.
func TestDiagnosticsParity(t *testing.T) {
	dir := workspace(t)
	writeFile(t, filepath.Join(dir, "cat.yaml"), "cjm: 1\npersonas:\n  - {id: буй, name: B}\n")
	head := "cjm: 1\ntitle: «Тест» 😀\n"
	cases := []string{
		head + "include: [nope.yaml]\nstages:\n  - id: s\n    name: S\n",
		head + "measurements: [kpi/none.csv]\nstages:\n  - id: s\n    name: S\n",
		head + "stages:\n  - id: s\n    name: 😀 S\n    emotion: 7\n    touchpoints:\n      - {id: t, name: \"😀\", next: [u], personas: [x]}\n",
		head + "stages:\n  - id: s\n    name: S\n  - id: s\n    name: S\ntransitions:\n  - {from: s, to: z}\n",
		head + "stages:\n  - id: s\n\tname: S\n",
		head + "stages: [\n",
		head + "stages:\n  - id: Bad Id\n    name: S\n    phase: selling\n",
		head + "include: [cat.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, personas: [буй, буи]}\n",
		"",
		"cjm: 2\n",
	}
	c := newClient(t, dir, Options{})
	for i, src := range cases {
		path := filepath.Join(dir, "m"+itoa(i)+".yaml")
		writeFile(t, path, src)
		want := check.File(path, check.Options{}).Diags
		got := c.waitDiags(c.open(path, src), 1)
		lines := strings.Split(src, "\n")
		var w, g []string
		for _, d := range want {
			if d.Range.Filename != path {
				continue
			}
			line, col := uint32(0), uint32(0)
			if d.Range.Start.Line > 0 {
				line = uint32(d.Range.Start.Line - 1)
				col = utf16Col(lines[line], d.Range.Start.Column)
			}
			w = append(w, itoa(int(line))+":"+itoa(int(col))+" "+d.Rule+" "+d.Message)
		}
		for _, d := range got {
			if strings.HasPrefix(d.Message, "in ") {
				continue
			}
			g = append(g, itoa(int(d.Range.Start.Line))+":"+itoa(int(d.Range.Start.Character))+" "+d.Code.(string)+" "+d.Message)
		}
		if strings.Join(g, "\n") != strings.Join(w, "\n") || len(w) == 0 && src != "" {
			t.Errorf("case %d:\n got %s\nwant %s", i, strings.Join(g, "\n     "), strings.Join(w, "\n     "))
		}
	}
}

// TestMemoryBounded: closing buffers drops them and their analyses; the
// server keeps nothing of a closed file.
func TestMemoryBounded(t *testing.T) {
	dir := workspace(t)
	c := newClient(t, dir, Options{})
	var us []protocol.DocumentURI
	for i := range 50 {
		u := c.open(filepath.Join(dir, "m"+itoa(i)+".yaml"), brokenMap)
		c.waitDiags(u, 1)
		us = append(us, u)
	}
	for _, u := range us {
		c.notify(protocol.MethodTextDocumentDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	}
	// Closing publishes empty diagnostics for each, last.
	for _, u := range us {
		waitCount(t, c, u, 2)
		if ds := c.waitDiags(u, 0); len(ds) != 0 {
			t.Fatalf("closed %s keeps diagnostics: %v", u, ds)
		}
	}
	var l protocol.CompletionList
	if err := c.call(protocol.MethodTextDocumentCompletion, map[string]any{"textDocument": map[string]any{"uri": us[0]}, "position": pos(0, 0)}, &l); err != nil || len(l.Items) != 0 {
		t.Fatalf("completion in a closed file: %v %v", err, l)
	}
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	if len(c.srv.docs) != 0 || len(c.srv.results) != 0 || len(c.srv.dirty) != 0 {
		t.Fatalf("after closing every buffer: %d docs, %d analyses, %d dirty", len(c.srv.docs), len(c.srv.results), len(c.srv.dirty))
	}
}

// TestWatchedFiles: a client that can watch files is asked to; a change
// on disk of a catalogue re-checks the open map that includes it.
func TestWatchedFiles(t *testing.T) {
	dir := workspace(t)
	cat := filepath.Join(dir, "cat.yaml")
	writeFile(t, cat, "cjm: 1\nchannels:\n  - {id: email, name: Email}\n")
	c := newClientCaps(t, dir, Options{}, map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}})
	src := "cjm: 1\ntitle: T\ninclude: [cat.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: chat}\n"
	u := c.open(filepath.Join(dir, "m.yaml"), src)
	if ds := c.waitDiags(u, 1); len(ds) != 1 {
		t.Fatalf("before: %+v", ds)
	}
	c.mu.Lock()
	for !slices.Contains(c.methods, protocol.MethodClientRegisterCapability) {
		c.cond.Wait()
	}
	c.mu.Unlock()
	n := c.count(u)
	writeFile(t, cat, "cjm: 1\nchannels:\n  - {id: email, name: Email}\n  - {id: chat, name: Chat}\n")
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []*protocol.FileEvent{{URI: uriOf(cat), Type: protocol.FileChangeTypeChanged}}})
	waitCount(t, c, u, n+1)
	if ds := c.waitDiags(u, 1); len(ds) != 0 {
		t.Fatalf("after the change on disk: %+v", ds)
	}
}

// TestIncludeChain: a finding in a catalogue that a catalogue includes is
// shown at the map's include, with the place of the finding and each
// include on the way as related information.
func TestIncludeChain(t *testing.T) {
	dir := workspace(t)
	writeFile(t, filepath.Join(dir, "a", "one.yaml"), "cjm: 1\ninclude: [../b/two.yaml]\nowners:\n  - {id: o, name: O}\n")
	writeFile(t, filepath.Join(dir, "b", "two.yaml"), "cjm: 1\nchannels:\n  - {id: c, name: C, colour: red}\n")
	src := "cjm: 1\ntitle: T\ninclude: [a/one.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: c, owner: o}\n"
	c := newClient(t, dir, Options{})
	ds := c.waitDiags(c.open(filepath.Join(dir, "m.yaml"), src), 1)
	if len(ds) != 1 || ds[0].Range.Start != pos(2, 10) || !strings.HasPrefix(ds[0].Message, "in b/two.yaml:3:22: unknown key `colour`") {
		t.Fatalf("got %+v", ds)
	}
	rel := ds[0].RelatedInformation
	if len(rel) != 2 || rel[0].Location.URI != uriOf(filepath.Join(dir, "a", "one.yaml")) || rel[0].Location.Range.Start != pos(1, 10) ||
		rel[1].Location.URI != uriOf(filepath.Join(dir, "b", "two.yaml")) || rel[1].Location.Range.Start != pos(2, 21) {
		t.Fatalf("related: %+v", rel)
	}
}

// TestIncludeCreated: a map whose include is missing is checked again
// when the catalogue is opened (created in the editor, not yet saved).
func TestIncludeCreated(t *testing.T) {
	dir := workspace(t)
	src := "cjm: 1\ntitle: T\ninclude: [cat.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: email}\n"
	c := newClient(t, dir, Options{})
	u := c.open(filepath.Join(dir, "m.yaml"), src)
	if ds := c.waitDiags(u, 1); len(ds) != 1 || ds[0].Code != load.RuleIncludeMissing {
		t.Fatalf("before: %+v", ds)
	}
	n := c.count(u)
	c.open(filepath.Join(dir, "cat.yaml"), "cjm: 1\nchannels:\n  - {id: email, name: Email}\n")
	waitCount(t, c, u, n+1)
	if ds := c.waitDiags(u, 1); len(ds) != 0 {
		t.Fatalf("with the new catalogue: %+v", ds)
	}
}

// TestMemoryOverEdits: a long editing session does not make the server
// grow: the heap after 1,500 edits is about what it was after 300.
func TestMemoryOverEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	path := filepath.Join("..", "..", "examples", "saas-onboarding.yaml")
	path, _ = filepath.Abs(path)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, filepath.Dir(path), Options{})
	c.keepLast = true
	u := c.open(path, string(src))
	c.waitDiags(u, 1)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var at300 uint64
	for i := 1; i <= 1500; i++ {
		// Type a character at the end, then delete it.
		end := pos(uint32(strings.Count(string(src), "\n")), 0)
		if i%2 == 1 {
			c.edit(u, int32(i+1), protocol.Range{Start: end, End: end}, "#")
		} else {
			c.edit(u, int32(i+1), protocol.Range{Start: end, End: pos(end.Line, 1)}, "")
		}
		if i%50 == 0 || i == 1500 {
			c.waitDiags(u, uint32(i+1))
		}
		if i == 300 {
			at300 = heap()
		}
	}
	if end := heap(); end > at300*3/2+4<<20 {
		t.Errorf("heap grew from %d KiB after 300 edits to %d KiB after 1,500", at300>>10, end>>10)
	}
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	if len(c.srv.results) != 1 || len(c.srv.docs) != 1 {
		t.Errorf("%d analyses, %d buffers for one open file", len(c.srv.results), len(c.srv.docs))
	}
}
