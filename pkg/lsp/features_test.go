package lsp

import (
	"bufio"
	"os"
	"unicode/utf16"

	"encoding/json"
	"fmt"
	"go.lsp.dev/jsonrpc2"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/yamlfmt"
	"go.lsp.dev/protocol"
)

// sample is a map with every kind of id, a Cyrillic name and an emoji
// before some of them.
const sample = `cjm: 1
title: Sample
include: [cat.yaml]
personas:
  - {id: admin, name: Администратор}
stages:
  - id: signup
    name: Sign-up 😀
    metrics:
      - {id: invite-rate, name: Invites, value: 46, target: 50, unit: "%"}
    touchpoints:
      - id: welcome
        name: Welcome email
        channel: email
        owner: growth
        personas: [admin]
        emotion: 1
        next: [tour]
      - id: tour
        name: Product tour
        channel: app
        owner: growth
        personas: [admin]
        next: [daily]
  - id: use
    name: Use
    touchpoints:
      - {id: daily, name: "😀 Daily", channel: email, owner: growth, personas: [admin]}
transitions:
  - {from: use, to: signup, label: churn}
`

const catalogue = `cjm: 1
channels:
  - {id: email, name: Email}
  - {id: app, name: Web app}
owners:
  - {id: growth, name: Growth team}
`

func sampleSession(t *testing.T) (*client, string, protocol.DocumentURI) {
	t.Helper()
	dir := workspace(t)
	writeFile(t, filepath.Join(dir, "cat.yaml"), catalogue)
	path := filepath.Join(dir, "m.yaml")
	writeFile(t, path, sample)
	c := newClient(t, dir, Options{})
	u := c.open(path, sample)
	if ds := c.waitDiags(u, 1); len(ds) != 0 {
		t.Fatalf("sample has findings: %+v", ds)
	}
	return c, dir, u
}

func (c *client) complete(u protocol.DocumentURI, p protocol.Position) []protocol.CompletionItem {
	c.t.Helper()
	var l protocol.CompletionList
	c.mustCall(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: p}}, &l)
	return l.Items
}

func labels(items []protocol.CompletionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func TestCompletion(t *testing.T) {
	c, _, u := sampleSession(t)
	type want struct {
		text   string // the line typed, the cursor at its end
		labels []string
		detail string // of the first item
	}
	// Each case replaces line 16 (`        emotion: 1` of welcome) or adds
	// a line after it.
	for _, tc := range []struct {
		name string
		line string
		want []string
		not  []string
	}{
		{"channel ids", "        channel: e", []string{"email", "app"}, nil},
		{"owner ids", "        owner: ", []string{"growth"}, nil},
		{"personas flow", "        personas: [", []string{"admin"}, nil},
		{"next", "        next: [tour, ", []string{"welcome", "tour", "daily"}, nil},
		{"evidence enum", "        evidence: ", []string{"observed", "reported", "inferred", "assumed"}, nil},
		{"emotion scale", "        emotion: ", []string{"-2", "2"}, nil},
		{"touchpoint keys", "        ", []string{"interactions", "pains", "moment_of_truth", "notes"}, []string{"id", "name", "channel", "personas"}},
		{"touchpoint keys prefix", "        pa", []string{"pains"}, nil},
		{"flow mapping keys", "        next: []\n      - {id: x, name: X, ch", []string{"channel"}, nil},
		{"flow mapping keys, all", "        next: []\n      - {id: x, ", []string{"name", "channel", "owner"}, []string{"id"}},
		{"per-persona emotion", "        emotion:\n          ", []string{"admin"}, nil},
		{"personas block list", "        personas:\n          - ", []string{"admin"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(sample, "\n")
			lines[16] = tc.line
			text := strings.Join(lines, "\n")
			c.change(u, 2, text)
			last := tc.line[strings.LastIndex(tc.line, "\n")+1:]
			items := c.complete(u, pos(uint32(16+strings.Count(tc.line, "\n")), uint32(len([]rune(last)))))
			got := labels(items)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q: no %s in %v", tc.line, w, got)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("%q: %s offered again in %v", tc.line, n, got)
				}
			}
		})
	}
	// Ids show the entity's name; the edit replaces the word typed.
	lines := strings.Split(sample, "\n")
	lines[13] = "        channel: em"
	c.change(u, 3, strings.Join(lines, "\n"))
	items := c.complete(u, pos(13, 19))
	i := slices.IndexFunc(items, func(it protocol.CompletionItem) bool { return it.Label == "email" })
	if i < 0 || items[i].Detail != "Email" || items[i].TextEdit == nil || items[i].TextEdit.Range.Start != pos(13, 17) {
		t.Fatalf("email item: %+v", items)
	}
	// A transition's stages; a new touchpoint as a snippet.
	c.change(u, 4, sample+"  - {from: sig")
	if got := labels(c.complete(u, pos(30, 14))); !slices.Contains(got, "signup") || !slices.Contains(got, "use") {
		t.Errorf("transition from: %v", got)
	}
	lines = strings.Split(sample, "\n")
	lines[22] = "      - "
	c.change(u, 5, strings.Join(lines, "\n"))
	items = c.complete(u, pos(22, 8))
	i = slices.IndexFunc(items, func(it protocol.CompletionItem) bool { return it.Label == "new touchpoint" })
	if i < 0 || items[i].InsertTextFormat != protocol.InsertTextFormatSnippet || !strings.Contains(items[i].InsertText, "\n        name: ${2:Touchpoint name}") {
		t.Fatalf("snippet: %+v", items)
	}
	// Top-level keys, with their description.
	c.change(u, 6, sample+"de")
	items = c.complete(u, pos(30, 2))
	i = slices.IndexFunc(items, func(it protocol.CompletionItem) bool { return it.Label == "description" })
	if i < 0 || items[i].Detail == "" || slices.Contains(labels(items), "transitions") {
		t.Fatalf("top keys: %+v", labels(items))
	}
}

func (c *client) hover(u protocol.DocumentURI, p protocol.Position) string {
	c.t.Helper()
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: p}}, &h)
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

func TestHover(t *testing.T) {
	c, _, u := sampleSession(t)
	for _, tc := range []struct {
		at   protocol.Position
		want []string
	}{
		{pos(13, 18), []string{"**channel** `email` — Email", "cat.yaml:3"}},      // a reference to a catalogue id
		{pos(4, 10), []string{"**persona** `admin` — Администратор", "m.yaml:5"}}, // a declaration
		{pos(9, 20), []string{"**metric** `invite-rate`", "value 46%", "target 50%", "off target"}},
		{pos(16, 10), []string{"-2 very negative", "+2 delight"}},
		{pos(16, 17), []string{"-2 very negative", "+2 delight"}}, // on the value
		{pos(12, 10), []string{"**name**: "}},
		{pos(27, 48), []string{"**channel** `email`"}}, // after an emoji
		{pos(29, 12), []string{"**stage** `use` — Use"}},
	} {
		got := c.hover(u, tc.at)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("hover at %v: %q lacks %q", tc.at, got, w)
			}
		}
	}
}

func (c *client) locations(method string, u protocol.DocumentURI, p protocol.Position) []string {
	c.t.Helper()
	var locs []protocol.Location
	params := map[string]any{"textDocument": map[string]any{"uri": u}, "position": p, "context": map[string]any{"includeDeclaration": true}}
	c.mustCall(method, params, &locs)
	var out []string
	for _, l := range locs {
		out = append(out, fmt.Sprintf("%s:%d:%d-%d", filepath.Base(l.URI.Filename()), l.Range.Start.Line, l.Range.Start.Character, l.Range.End.Character))
	}
	return out
}

func TestDefinitionAndReferences(t *testing.T) {
	c, _, u := sampleSession(t)
	if got := c.locations(protocol.MethodTextDocumentDefinition, u, pos(13, 19)); strings.Join(got, " ") != "cat.yaml:2:9-14" {
		t.Errorf("definition of email: %v", got)
	}
	if got := c.locations(protocol.MethodTextDocumentDefinition, u, pos(17, 15)); strings.Join(got, " ") != "m.yaml:18:12-16" {
		t.Errorf("definition of tour: %v", got)
	}
	got := c.locations(protocol.MethodTextDocumentReferences, u, pos(13, 19))
	if strings.Join(got, " ") != "cat.yaml:2:9-14 m.yaml:13:17-22 m.yaml:27:47-52" {
		t.Errorf("references of email: %v", got)
	}
	got = c.locations(protocol.MethodTextDocumentReferences, u, pos(6, 9))
	if strings.Join(got, " ") != "m.yaml:6:8-14 m.yaml:29:20-26" {
		t.Errorf("references of signup: %v", got)
	}
}

func (c *client) rename(u protocol.DocumentURI, p protocol.Position, name string) (protocol.WorkspaceEdit, error) {
	var e protocol.WorkspaceEdit
	err := c.call(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: p}, NewName: name}, &e)
	return e, err
}

func applyEdits(text string, edits []protocol.TextEdit) string {
	b := []byte(text)
	slices.SortFunc(edits, func(x, y protocol.TextEdit) int {
		if before(x.Range.Start, y.Range.Start) {
			return 1
		}
		return -1
	})
	for _, e := range edits {
		r := e.Range
		b = applyChange(b, &r, e.NewText)
	}
	return string(b)
}

func TestRename(t *testing.T) {
	c, dir, u := sampleSession(t)
	// Another map of the workspace includes the same catalogue.
	other := "cjm: 1\ntitle: O\ninclude: [cat.yaml]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T, channel: email}\n"
	writeFile(t, filepath.Join(dir, "sub", "o.yaml"), strings.Replace(other, "[cat.yaml]", "[../cat.yaml]", 1))
	e, err := c.rename(u, pos(13, 18), "mail")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"m.yaml": sample, "cat.yaml": catalogue, "o.yaml": strings.Replace(other, "[cat.yaml]", "[../cat.yaml]", 1)}
	if len(e.Changes) != 3 {
		t.Fatalf("edits of %d files: %+v", len(e.Changes), e.Changes)
	}
	for uri, edits := range e.Changes {
		name := filepath.Base(uri.Filename())
		out := applyEdits(files[name], edits)
		if strings.Contains(out, "id: email") || strings.Contains(out, "channel: email") || !strings.Contains(out, "mail") {
			t.Errorf("%s after rename:\n%s", name, out)
		}
	}
	// From the open catalogue: the maps that include it follow.
	cu := c.open(filepath.Join(dir, "cat.yaml"), catalogue)
	c.waitDiags(cu, 1)
	e, err = c.rename(cu, pos(5, 11), "grow")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Changes) != 2 || len(e.Changes[cu]) != 1 || len(e.Changes[u]) != 3 {
		t.Fatalf("rename from the catalogue: %+v", e.Changes)
	}
	// Stage ids: the declaration and the transition.
	e, err = c.rename(u, pos(6, 9), "join")
	if err != nil {
		t.Fatal(err)
	}
	if out := applyEdits(sample, e.Changes[u]); !strings.Contains(out, "- id: join\n") || !strings.Contains(out, "to: join,") || len(e.Changes) != 1 {
		t.Errorf("stage rename:\n%s", out)
	}
	// Refused: an invalid id, a taken one.
	if _, err := c.rename(u, pos(6, 9), "Join Us"); err == nil || !strings.Contains(err.Error(), "not a valid id") || !strings.Contains(err.Error(), "join-us") {
		t.Errorf("invalid id: %v", err)
	}
	if _, err := c.rename(u, pos(6, 9), "use"); err == nil || !strings.Contains(err.Error(), "taken") {
		t.Errorf("taken id: %v", err)
	}
	var r protocol.Range
	c.mustCall(protocol.MethodTextDocumentPrepareRename, protocol.PrepareRenameParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos(27, 50)}}, &r)
	if r != (protocol.Range{Start: pos(27, 47), End: pos(27, 52)}) {
		t.Errorf("prepareRename: %+v", r)
	}
}

func TestSymbols(t *testing.T) {
	c, _, u := sampleSession(t)
	var syms []protocol.DocumentSymbol
	c.mustCall(protocol.MethodTextDocumentDocumentSymbol, map[string]any{"textDocument": map[string]any{"uri": u}}, &syms)
	var got []string
	for _, s := range syms {
		got = append(got, fmt.Sprintf("%s %d-%d", s.Name, s.Range.Start.Line, s.Range.End.Line))
		for _, ch := range s.Children {
			got = append(got, fmt.Sprintf("  %s %d-%d", ch.Name, ch.Range.Start.Line, ch.Range.End.Line))
			if before(ch.Range.Start, s.Range.Start) || before(s.Range.End, ch.Range.End) {
				t.Errorf("child %s outside its stage", ch.Name)
			}
		}
	}
	want := "Sign-up 😀 6-23|  Welcome email 11-17|  Product tour 18-23|Use 24-27|  😀 Daily 27-27"
	if strings.Join(got, "|") != want {
		t.Errorf("symbols:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

func TestCodeActions(t *testing.T) {
	c, _, u := sampleSession(t)
	text := strings.Replace(strings.Replace(sample, "channel: app", "channel: ap", 1), "        name: Product tour\n", "", 1)
	text = strings.Replace(text, `{id: daily, name: "😀 Daily", `, "{id: daily, ", 1) // a flow mapping without name
	text = strings.Replace(text, "        owner: growth\n        personas: [admin]\n        emotion: 1", "        owner: growth\n        personas: [admin]\n        emotoin: 1", 1)
	c.change(u, 2, text)
	ds := c.waitDiags(u, 2)
	var actions []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: pos(0, 0), End: pos(60, 0)},
		Context:      protocol.CodeActionContext{Diagnostics: ds},
	}, &actions)
	out := text
	var titles []string
	var all []protocol.TextEdit
	for _, a := range actions {
		titles = append(titles, a.Title)
		all = append(all, a.Edit.Changes[u]...)
	}
	out = applyEdits(out, all)
	if n := strings.Count(strings.Join(titles, "|"), "Add `name`"); n != 2 {
		t.Errorf("%d Add `name` actions in %v", n, titles)
	}
	if !strings.Contains(out, "{id: daily, channel: email, owner: growth, personas: [admin], name: TODO}") {
		t.Errorf("flow mapping after the fix:\n%s", out)
	}
	for _, w := range []string{"Change to `app`", "Change to `emotion`", "Add `name`"} {
		if !slices.Contains(titles, w) {
			t.Errorf("no %q in %v", w, titles)
		}
	}
	c.change(u, 3, out)
	if ds := c.waitDiags(u, 3); len(ds) != 0 {
		t.Errorf("after the fixes: %+v\n%s", ds, out)
	}
}

func TestFormatting(t *testing.T) {
	c, _, u := sampleSession(t)
	messy := strings.Replace(sample, "title: Sample\n", "title:    Sample\n", 1)
	c.change(u, 2, messy)
	var edits []protocol.TextEdit
	c.mustCall(protocol.MethodTextDocumentFormatting, map[string]any{"textDocument": map[string]any{"uri": u}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
	want, err := yamlfmt.Format([]byte(messy))
	if err != nil {
		t.Fatal(err)
	}
	if got := applyEdits(messy, edits); got != string(want) {
		t.Errorf("formatted:\n%s\nwant (cjm fmt):\n%s", got, want)
	}
	// A file that does not parse: an error, and the server goes on.
	c.change(u, 3, "cjm: 1\ntitle: [\n")
	if err := c.call(protocol.MethodTextDocumentFormatting, map[string]any{"textDocument": map[string]any{"uri": u}}, &edits); err == nil {
		t.Error("formatting a broken file: no error")
	}
	c.hover(u, pos(0, 0))
}

// TestRobust: malformed messages, bad params, unknown methods and a
// broken file do not end the session; closing the input ends it.
func TestRobust(t *testing.T) {
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(t.Context(), pipe{sr, sw, sr}, Options{}) }()
	in := bufio.NewReader(cr)
	send := func(body string) {
		fmt.Fprintf(cw, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	read := func() map[string]any {
		for {
			var n int
			for {
				line, err := in.ReadString('\n')
				if err != nil {
					t.Fatal(err)
				}
				if strings.TrimSpace(line) == "" {
					break
				}
				fmt.Sscanf(line, "Content-Length: %d", &n)
			}
			b := make([]byte, n)
			if _, err := io.ReadFull(in, b); err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			json.Unmarshal(b, &m)
			if m["id"] != nil {
				return m
			}
		}
	}
	send(`{"jsonrpc":"2.0","id":0,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.yaml"},"position":{"line":0,"character":0}}}`)
	if m := read(); m["error"] == nil || m["error"].(map[string]any)["code"].(float64) != -32002 {
		t.Fatalf("before initialize: %v", m)
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	if m := read(); m["result"] == nil {
		t.Fatalf("initialize: %v", m)
	}
	send(`{not json at all`)
	send(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":"a string"}`)
	if m := read(); m["error"] == nil {
		t.Fatalf("bad params: %v", m)
	}
	send(`{"jsonrpc":"2.0","id":3,"method":"no/such","params":{}}`)
	if m := read(); m["error"] == nil {
		t.Fatalf("unknown method: %v", m)
	}
	send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nowhere/x.yaml","version":1,"text":"cjm: 1\n\u0000\t: [\n"}}}`)
	send(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere/x.yaml","version":2},"contentChanges":[{"range":{"start":{"line":99,"character":99},"end":{"line":0,"character":0}},"text":"😀"}]}}`)
	send(`{"jsonrpc":"2.0","id":4,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///nowhere/x.yaml"},"position":{"line":500,"character":7}}}`)
	if m := read(); m["error"] != nil {
		t.Fatalf("completion in a broken file: %v", m)
	}
	send(`{"jsonrpc":"2.0","id":5,"method":"textDocument/rename","params":{"textDocument":{"uri":"%%%"},"position":{"line":0,"character":0},"newName":"x"}}`)
	if m := read(); m["error"] == nil {
		t.Fatalf("rename of nothing: %v", m)
	}
	cw.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit when its input closed")
	}
}

// TestShutdownExit: exit after shutdown ends Serve with nil; exit
// without shutdown with ErrNoShutdown.
func TestShutdownExit(t *testing.T) {
	for _, shutdown := range []bool{true, false} {
		cr, sw := io.Pipe()
		sr, cw := io.Pipe()
		done := make(chan error, 1)
		go func() { done <- Serve(t.Context(), pipe{sr, sw, sr}, Options{}) }()
		go io.Copy(io.Discard, cr)
		send := func(body string) { fmt.Fprintf(cw, "Content-Length: %d\r\n\r\n%s", len(body), body) }
		send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
		if shutdown {
			send(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)
		}
		send(`{"jsonrpc":"2.0","method":"exit"}`)
		select {
		case err := <-done:
			if shutdown && err != nil || !shutdown && err != ErrNoShutdown {
				t.Errorf("shutdown %v: Serve returned %v", shutdown, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no exit")
		}
	}
}

// TestMeasurementCompletion: in a measurement file an open map reads, the
// metric column completes the map's metric ids.
func TestMeasurementCompletion(t *testing.T) {
	dir := workspace(t)
	writeFile(t, filepath.Join(dir, "cat.yaml"), catalogue)
	csv := "metric,date,value\ninvite-rate,2026-01,40\n"
	writeFile(t, filepath.Join(dir, "kpi.csv"), csv)
	src := strings.Replace(sample, "include: [cat.yaml]\n", "include: [cat.yaml]\nmeasurements: [kpi.csv]\n", 1)
	c := newClient(t, dir, Options{})
	u := c.open(filepath.Join(dir, "m.yaml"), src)
	c.waitDiags(u, 1)
	cu := c.open(filepath.Join(dir, "kpi.csv"), csv+"inv")
	c.waitDiags(cu, 1)
	items := c.complete(cu, pos(2, 3))
	if len(items) != 1 || items[0].Label != "invite-rate" || items[0].TextEdit.NewText != "invite-rate," || items[0].Detail != "Invites" {
		t.Fatalf("csv completion: %+v", items)
	}
	if items := c.complete(cu, pos(1, 14)); len(items) != 0 {
		t.Fatalf("past the metric column: %+v", items)
	}
	// References of the metric include the measurement row.
	got := c.locations(protocol.MethodTextDocumentReferences, u, pos(10, 15))
	if strings.Join(got, " ") != "m.yaml:10:13-24 kpi.csv:1:0-11" {
		t.Errorf("references of invite-rate: %v", got)
	}
}

// TestEveryPosition asks every request at every position of the shipped
// examples (and of a truncated copy of each, a file being typed): no
// request panics or fails.
func TestEveryPosition(t *testing.T) {
	for _, ex := range []string{"saas-onboarding.yaml", "b2b-funnel-ru.yaml", "abm-committee.yaml"} {
		path := examplePath(ex)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{string(src), string(src[:len(src)/2])} {
			s := newServer(Options{})
			s.initialized = true
			s.docs[path] = &document{uri: uriOf(path), path: path, text: []byte(text), version: 1}
			lines := strings.Split(text, "\n")
			step := 1
			if testing.Short() {
				step = 7
			}
			for ln := 0; ln < len(lines); ln += step {
				n := len(utf16.Encode([]rune(lines[ln])))
				for ch := 0; ch <= n+1; ch += 3 {
					p := pos(uint32(ln), uint32(ch))
					td := map[string]any{"uri": uriOf(path)}
					for _, m := range []string{protocol.MethodTextDocumentCompletion, protocol.MethodTextDocumentHover,
						protocol.MethodTextDocumentDefinition, protocol.MethodTextDocumentReferences, protocol.MethodTextDocumentPrepareRename} {
						req, _ := jsonrpc2.NewCall(jsonrpc2.NewNumberID(1), m, map[string]any{"textDocument": td, "position": p, "context": map[string]any{"includeDeclaration": true}})
						if _, err := s.dispatch(t.Context(), req); err != nil && m != protocol.MethodTextDocumentPrepareRename {
							t.Fatalf("%s %s at %v: %v", ex, m, p, err)
						}
					}
				}
			}
			for _, m := range []string{protocol.MethodTextDocumentDocumentSymbol, protocol.MethodTextDocumentFormatting, protocol.MethodTextDocumentCodeAction} {
				req, _ := jsonrpc2.NewCall(jsonrpc2.NewNumberID(1), m, map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}, "range": protocol.Range{End: pos(9999, 0)}, "context": map[string]any{"diagnostics": []any{}}})
				if _, err := s.dispatch(t.Context(), req); err != nil && m != protocol.MethodTextDocumentFormatting {
					t.Fatalf("%s %s: %v", ex, m, err)
				}
			}
		}
	}
}

func TestMatching(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"{id: t}", 6},
		{"{id: t, emotion: {a: 1}, personas: [a]}", 38},
		{`{id: t, name: "}"}`, 17},
		{"{id: t", -1},
	} {
		if got := matching([]rune(tc.s), 0); got != tc.want {
			t.Errorf("matching(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}
