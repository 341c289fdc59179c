package lsp_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/cjm-dev/cjm/pkg/cmd/root"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// TestMain lets the test binary stand in for cjm: with CJM_TEST_MAIN=1
// it is the cjm command, so the tests below drive the real binary (the
// same code as cmd/cjm) as an editor does, over its stdin and stdout.
func TestMain(m *testing.M) {
	if os.Getenv("CJM_TEST_MAIN") == "1" {
		os.Exit(root.Main())
	}
	os.Exit(m.Run())
}

func cjmCmd(t *testing.T, args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "CJM_TEST_MAIN=1")
	return cmd
}

type rwc struct {
	io.ReadCloser
	io.WriteCloser
}

func (c rwc) Close() error {
	c.WriteCloser.Close()
	return c.ReadCloser.Close()
}

const broken = `cjm: 1
title: Онбординг 😀
channels:
  - {id: email, name: Email}
stages:
  - id: signup
    name: Sign-up
    touchpoints:
      - {id: welcome, name: "😀 Welcome", channel: emial}
`

// TestEndToEnd drives `cjm lsp --stdio` from start to end: initialize,
// open a broken map, see the diagnostics, fix it, see them cleared,
// complete, rename, shutdown, exit (status 0).
func TestEndToEnd(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	path := filepath.Join(dir, "m.yaml")
	cmd := cjmCmd(t, "lsp", "--stdio")
	cmd.Dir = dir
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(rwc{out, in}))
	var mu sync.Mutex
	diags := make(chan protocol.PublishDiagnosticsParams, 16)
	conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
			var p protocol.PublishDiagnosticsParams
			json.Unmarshal(req.Params(), &p)
			mu.Lock()
			diags <- p
			mu.Unlock()
		}
		return reply(ctx, nil, nil)
	})
	call := func(method string, params, result any) {
		t.Helper()
		if _, err := conn.Call(ctx, method, params, result); err != nil {
			t.Fatalf("%s: %v\nstderr: %s", method, err, stderr.String())
		}
	}
	waitVersion := func(v uint32) []protocol.Diagnostic {
		t.Helper()
		for {
			select {
			case p := <-diags:
				if p.Version >= v {
					return p.Diagnostics
				}
			case <-ctx.Done():
				t.Fatalf("no diagnostics for version %d", v)
			}
		}
	}
	var init protocol.InitializeResult
	call(protocol.MethodInitialize, map[string]any{"processId": os.Getpid(), "rootUri": uri.File(dir), "capabilities": map[string]any{}}, &init)
	if init.ServerInfo == nil || init.ServerInfo.Name != "cjm" {
		t.Fatalf("initialize: %+v", init)
	}
	conn.Notify(ctx, protocol.MethodInitialized, map[string]any{})
	u := uri.File(path)
	conn.Notify(ctx, protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "yaml", Version: 1, Text: broken}})
	ds := waitVersion(1)
	if len(ds) != 1 || ds[0].Code != "unknown-channel" || ds[0].Range.Start != (protocol.Position{Line: 8, Character: 51}) || !strings.Contains(ds[0].Message, "did you mean `email`") {
		t.Fatalf("diagnostics of the broken map: %+v", ds)
	}
	fixed := strings.Replace(broken, "emial", "email", 1)
	conn.Notify(ctx, protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument": map[string]any{"uri": u, "version": 2}, "contentChanges": []map[string]any{{"text": fixed}},
	})
	if ds := waitVersion(2); len(ds) != 0 {
		t.Fatalf("after the fix: %+v", ds)
	}
	var list protocol.CompletionList
	call(protocol.MethodTextDocumentCompletion, map[string]any{"textDocument": map[string]any{"uri": u}, "position": protocol.Position{Line: 8, Character: 51}}, &list)
	if len(list.Items) != 1 || list.Items[0].Label != "email" || list.Items[0].Detail != "Email" {
		t.Fatalf("completion: %+v", list.Items)
	}
	var edit protocol.WorkspaceEdit
	call(protocol.MethodTextDocumentRename, map[string]any{"textDocument": map[string]any{"uri": u}, "position": protocol.Position{Line: 3, Character: 10}, "newName": "mail"}, &edit)
	if es := edit.Changes[u]; len(edit.Changes) != 1 || len(es) != 2 || es[0].NewText != "mail" {
		t.Fatalf("rename: %+v", edit)
	}
	call(protocol.MethodShutdown, nil, nil)
	conn.Notify(ctx, protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("cjm lsp exited with %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("cjm lsp did not exit")
	}
}

// TestStdinClosed: the server exits when the editor closes its input.
func TestStdinClosed(t *testing.T) {
	cmd := cjmCmd(t, "lsp")
	in, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("cjm lsp did not exit when stdin closed")
	}
}

// TestArgs: no arguments; --stdio is accepted.
func TestArgs(t *testing.T) {
	out, err := cjmCmd(t, "lsp", "extra").CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("cjm lsp extra: %v %s", err, out)
	}
}

// TestNeovim attaches `cjm lsp` to a map in a real editor client,
// headless Neovim, and checks the diagnostics, completion list, definition
// and rename it prints (testdata/nvim.lua). Neovim reports columns in bytes, so the
// UTF-16 positions the server sends must have been converted right. It
// skips without nvim, except in CI (CI=true), where .ci/run installs it.
func TestNeovim(t *testing.T) {
	nvim := testtool.Need(t, "install Debian's neovim (apt-get install -y neovim)", "nvim")
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	path := filepath.Join(dir, "m.yaml")
	// A second touchpoint uses `email`, for definition and rename.
	if err := os.WriteFile(path, []byte(broken+"      - {id: t2, name: T2, channel: email}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	script, _ := filepath.Abs(filepath.Join("testdata", "nvim.lua"))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CJM_TEST_MAIN=1", "CJM_LSP_CMD="+exe, "CJM_MAP="+path, "CJM_LINE=8", "CJM_CHAR=51", "CJM_DEF_LINE=9", "CJM_DEF_CHAR=38", "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	out, err := cmd.CombinedOutput()
	got := string(out)
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, got)
	}
	// `emial` is at UTF-16 unit 51 (the emoji is two units), byte 53 (the
	// emoji is four bytes): Neovim shows bytes.
	for _, w := range []string{
		"diagnostic 8:53 unknown channel `emial`; did you mean `email`?",
		"completion email Email",
		"definition 3:9",
		"rename 3:9 mail",
		"rename 9:36 mail",
		"done",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("nvim output lacks %q:\n%s", w, got)
		}
	}
}

// TestExitWithoutShutdown: exit before shutdown is status 1, as LSP asks.
func TestExitWithoutShutdown(t *testing.T) {
	cmd := cjmCmd(t, "lsp")
	msgs := ""
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		msgs += "Content-Length: " + strconv.Itoa(len(m)) + "\r\n\r\n" + m
	}
	cmd.Stdin = strings.NewReader(msgs)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit without shutdown: %v", err)
	}
}
