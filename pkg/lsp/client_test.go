package lsp

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// pipe joins the read end of one io.Pipe and the write end of another.
type pipe struct {
	io.Reader
	io.WriteCloser
	r *io.PipeReader
}

func (p pipe) Close() error {
	p.r.Close()
	return p.WriteCloser.Close()
}

// client is an in-process LSP client talking to a Server over pipes.
type client struct {
	t    testing.TB
	conn jsonrpc2.Conn
	srv  *Server
	ctx  context.Context
	done chan error

	mu      sync.Mutex
	methods []string // every method the server sent
	// keepLast keeps only the last diagnostics of each file.
	keepLast bool
	diags    map[protocol.DocumentURI][]protocol.PublishDiagnosticsParams
	cond     *sync.Cond
}

// newClient starts a server in-process, initializes it with root as the
// workspace and returns a client; the session ends with the test.
func newClient(t testing.TB, root string, opts Options) *client {
	t.Helper()
	return newClientCaps(t, root, opts, map[string]any{})
}

// newClientCaps is newClient with the client capabilities caps.
func newClientCaps(t testing.TB, root string, opts Options, caps map[string]any) *client {
	t.Helper()
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	c := &client{t: t, ctx: context.Background(), done: make(chan error, 1), diags: map[protocol.DocumentURI][]protocol.PublishDiagnosticsParams{}}
	c.cond = sync.NewCond(&c.mu)
	c.srv = newServer(opts)
	go func() { c.done <- c.srv.serve(context.Background(), pipe{sr, sw, sr}) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipe{cr, cw, cr}))
	c.conn.Go(c.ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		c.mu.Lock()
		c.methods = append(c.methods, req.Method())
		c.cond.Broadcast()
		c.mu.Unlock()
		if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.mu.Lock()
			if c.keepLast {
				c.diags[p.URI] = c.diags[p.URI][:0]
			}
			c.diags[p.URI] = append(c.diags[p.URI], p)
			c.cond.Broadcast()
			c.mu.Unlock()
		}
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() { c.conn.Close() })
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, map[string]any{"processId": nil, "rootUri": uri.File(root), "capabilities": caps}, &res)
	if res.ServerInfo == nil || res.ServerInfo.Name != "cjm" {
		t.Fatalf("initialize: %+v", res)
	}
	c.notify(protocol.MethodInitialized, map[string]any{})
	return c
}

func (c *client) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 20*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(c.ctx, method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(path, text string) protocol.DocumentURI {
	u := protocol.DocumentURI(uri.File(path))
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "yaml", Version: 1, Text: text,
	}})
	return u
}

// change replaces the whole text (full sync).
func (c *client) change(u protocol.DocumentURI, version int32, text string) {
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": u, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

// edit replaces a range (incremental sync).
func (c *client) edit(u protocol.DocumentURI, version int32, r protocol.Range, text string) {
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": u, "version": version},
		"contentChanges": []map[string]any{{"range": r, "text": text}},
	})
}

// waitDiags waits for diagnostics of u published for version (or later)
// and returns the last ones.
func (c *client) waitDiags(u protocol.DocumentURI, version uint32) []protocol.Diagnostic {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	go func() {
		time.Sleep(20 * time.Second)
		c.cond.Broadcast()
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		ps := c.diags[u]
		if n := len(ps); n > 0 && ps[n-1].Version >= version {
			return ps[n-1].Diagnostics
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no diagnostics for %s version %d (got %+v)", u, version, ps)
		}
		c.cond.Wait()
	}
}

// count returns how many diagnostics notifications u received.
func (c *client) count(u protocol.DocumentURI) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.diags[u])
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// workspace returns a temporary directory with a .git entry, so it is
// the root of includes and of the configuration search.
func workspace(t testing.TB) string {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }
