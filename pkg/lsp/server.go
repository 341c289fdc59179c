package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/cjm-dev/cjm/pkg/config"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Options tune the server.
type Options struct {
	// Root is the directory includes may not leave and the configuration
	// search stops at, as --root (empty: the top of the git work tree of
	// each file, else the working directory).
	Root string
	// Config names the configuration file (--config); NoConfig turns
	// the configuration off (--no-config).
	Config   string
	NoConfig bool
	// MaxBytes is the size limit of a journey file (0: the default).
	MaxBytes int64
	// Version is reported to the client in serverInfo.
	Version string
	// Log receives one line per request that failed; nil discards them.
	Log io.Writer
}

// ErrNoShutdown is Serve's error when the client sent `exit` without
// `shutdown` first (the process then exits 1, as LSP asks).
var ErrNoShutdown = errors.New("exit without shutdown")

// Server is one language-server session.
type Server struct {
	opts Options
	conn jsonrpc2.Conn

	pubMu       sync.Mutex // orders publications of a buffer and its close
	mu          sync.Mutex
	docs        map[string]*document // open buffers by path
	results     map[string]*analysis // last analysis of each open buffer
	finder      *config.Finder
	workspace   string
	initialized bool
	watch       bool // the client can watch files for us
	shutdown    bool
	exited      bool

	dirty map[string]bool
	wake  chan struct{}
	done  chan struct{}
	exit  chan struct{}
}

// document is an open buffer.
type document struct {
	uri     protocol.DocumentURI
	path    string
	text    []byte
	version int32
}

// Serve runs a session over rwc until the client closes it or sends
// `exit`. It returns nil after shutdown and exit, or when the stream ends.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	return newServer(opts).serve(ctx, rwc)
}

func (s *Server) serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	conn := jsonrpc2.NewConn(&tolerantStream{Stream: jsonrpc2.NewStream(rwc), log: s.logf})
	s.conn = conn
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.worker(ctx)
	conn.Go(ctx, s.handle)
	select {
	case <-conn.Done():
	case <-s.exit:
		// The input may stay open (a terminal, a client that keeps the
		// pipe): return without waiting for the reader.
		conn.Close()
	case <-ctx.Done():
		conn.Close()
	}
	close(s.done)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exited && !s.shutdown {
		return ErrNoShutdown
	}
	return nil
}

func newServer(opts Options) *Server {
	wd, _ := os.Getwd()
	return &Server{
		opts:      opts,
		docs:      map[string]*document{},
		results:   map[string]*analysis{},
		finder:    newFinder(opts),
		workspace: wd,
		dirty:     map[string]bool{},
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		exit:      make(chan struct{}),
	}
}

func newFinder(opts Options) *config.Finder {
	return &config.Finder{Root: opts.Root, Explicit: opts.Config, Disabled: opts.NoConfig, MaxBytes: opts.MaxBytes}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "cjm lsp: "+format+"\n", args...)
	}
}

// tolerantStream skips a message that is not JSON-RPC instead of ending
// the session: only a failure of the stream itself (end of input, a
// closed pipe) stops it.
type tolerantStream struct {
	jsonrpc2.Stream
	log func(string, ...any)
}

func (t *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		msg, n, err := t.Stream.Read(ctx)
		if err == nil {
			return msg, n, nil
		}
		if ctx.Err() != nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
			errors.Is(err, io.ErrClosedPipe) || errors.Is(err, os.ErrClosed) ||
			strings.Contains(err.Error(), "failed reading header line") || strings.Contains(err.Error(), "read full of data") {
			return nil, n, err
		}
		t.log("skipped a malformed message: %v", err)
	}
}

// handle answers one message. A panic in a handler is an internal error
// reply (or, for a notification, a logged line), never the end of the
// server.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	replied := false
	rep := func(ctx context.Context, result any, err error) error {
		if replied {
			return nil
		}
		replied = true
		if _, call := req.(*jsonrpc2.Call); !call {
			if err != nil {
				s.logf("%s: %v", req.Method(), err)
			}
			return nil
		}
		return reply(ctx, result, err)
	}
	defer func() {
		if r := recover(); r != nil {
			s.logf("%s: internal error: %v\n%s", req.Method(), r, debug.Stack())
			err = rep(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "cjm lsp: internal error in %s: %v; please report it", req.Method(), r))
		}
	}()
	result, herr := s.dispatch(ctx, req)
	return rep(ctx, result, herr)
}

// decode reads a request's params into v, or says why it cannot.
func decode(req jsonrpc2.Request, v any) error {
	p := req.Params()
	if len(p) == 0 || string(p) == "null" {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: missing params", req.Method())
	}
	if err := json.Unmarshal(p, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", req.Method(), err)
	}
	return nil
}

type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []struct {
		Range *protocol.Range `json:"range"`
		Text  string          `json:"text"`
	} `json:"contentChanges"`
}

type initializeParams struct {
	Capabilities struct {
		Workspace struct {
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
	} `json:"capabilities"`
	RootURI          protocol.DocumentURI `json:"rootUri"`
	RootPath         string               `json:"rootPath"`
	WorkspaceFolders []struct {
		URI protocol.DocumentURI `json:"uri"`
	} `json:"workspaceFolders"`
}

func (s *Server) dispatch(ctx context.Context, req jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	down, ready := s.shutdown, s.initialized
	s.mu.Unlock()
	method := req.Method()
	if !ready && method != protocol.MethodInitialize && method != protocol.MethodExit {
		if _, call := req.(*jsonrpc2.Call); call {
			return nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method)
		}
		return nil, nil
	}
	if down && method != protocol.MethodExit {
		if _, call := req.(*jsonrpc2.Call); call {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "the server is shut down; only exit is accepted")
		}
		return nil, nil
	}
	switch method {
	case protocol.MethodInitialize:
		var p initializeParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.setWorkspace(p)
		s.mu.Lock()
		s.initialized = true
		s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
		s.mu.Unlock()
		return s.initializeResult(), nil
	case protocol.MethodInitialized:
		s.mu.Lock()
		watch := s.watch
		s.mu.Unlock()
		if watch {
			// Asked from another goroutine: the answer arrives on the
			// connection this handler is reading.
			go s.registerWatchers(ctx)
		}
		return nil, nil
	case protocol.MethodSetTrace, protocol.MethodCancelRequest,
		protocol.MethodWorkspaceDidChangeConfiguration:
		return nil, nil
	case protocol.MethodShutdown:
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case protocol.MethodExit:
		s.mu.Lock()
		if !s.exited {
			s.exited = true
			close(s.exit)
		}
		s.mu.Unlock()
		return nil, nil
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.open(p.TextDocument.URI, []byte(p.TextDocument.Text), p.TextDocument.Version)
		return nil, nil
	case protocol.MethodTextDocumentDidChange:
		var p didChangeParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.change(p)
		return nil, nil
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.saved(p.TextDocument.URI)
		return nil, nil
	case protocol.MethodTextDocumentDidClose:
		var p protocol.DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.close(ctx, p.TextDocument.URI)
		return nil, nil
	case protocol.MethodWorkspaceDidChangeWatchedFiles:
		var p protocol.DidChangeWatchedFilesParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		for _, c := range p.Changes {
			s.saved(c.URI)
		}
		return nil, nil
	}
	if h, ok := requests[method]; ok {
		return h(s, req)
	}
	if _, call := req.(*jsonrpc2.Call); !call || strings.HasPrefix(method, "$/") {
		return nil, nil // unknown notifications are ignored
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "cjm lsp does not implement %s", method)
}

// requests maps the methods that answer with a result to their handlers;
// features.go fills it.
var requests = map[string]func(*Server, jsonrpc2.Request) (any, error){}

func (s *Server) setWorkspace(p initializeParams) {
	dir := ""
	switch {
	case len(p.WorkspaceFolders) > 0:
		dir = filename(p.WorkspaceFolders[0].URI)
	case p.RootURI != "":
		dir = filename(p.RootURI)
	case p.RootPath != "":
		dir = p.RootPath
	}
	if dir != "" {
		s.mu.Lock()
		s.workspace = dir
		s.mu.Unlock()
	}
}

func (s *Server) initializeResult() protocol.InitializeResult {
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
				Save:      &protocol.SaveOptions{},
			},
			CompletionProvider:         &protocol.CompletionOptions{TriggerCharacters: []string{":", " ", "[", ",", "-"}},
			HoverProvider:              true,
			DefinitionProvider:         true,
			ReferencesProvider:         true,
			RenameProvider:             &protocol.RenameOptions{PrepareProvider: true},
			DocumentSymbolProvider:     true,
			CodeActionProvider:         &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix}},
			DocumentFormattingProvider: true,
		},
		ServerInfo: &protocol.ServerInfo{Name: "cjm", Version: s.opts.Version},
	}
}

// filename is the path of a file: URI ("" for another scheme).
func filename(u protocol.DocumentURI) (name string) {
	if !strings.HasPrefix(string(u), "file:") {
		return ""
	}
	defer func() {
		if recover() != nil { // uri.Filename panics on a malformed URI
			name = ""
		}
	}()
	return filepath.Clean(uri.URI(u).Filename())
}

func (s *Server) open(u protocol.DocumentURI, text []byte, version int32) {
	path := filename(u)
	if path == "" {
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: u, path: path, text: text, version: version}
	s.touch(path)
	s.mu.Unlock()
}

func (s *Server) change(p didChangeParams) {
	path := filename(p.TextDocument.URI)
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return
	}
	for _, c := range p.ContentChanges {
		d.text = applyChange(d.text, c.Range, c.Text)
	}
	d.version = p.TextDocument.Version
	s.touch(path)
}

// saved handles a file written to disk (an open buffer saved, or a file
// the client watches): a configuration resets the configuration cache and
// re-checks every buffer; any other file re-checks the buffers that
// include it.
func (s *Server) saved(u protocol.DocumentURI) {
	path := filename(u)
	s.mu.Lock()
	defer s.mu.Unlock()
	if filepath.Base(path) == config.FileName || path == s.opts.Config {
		s.finder = newFinder(s.opts)
		for p := range s.docs {
			s.dirty[p] = true
		}
		for _, a := range s.results {
			a.stale = true
		}
		s.signal()
		return
	}
	s.touch(path)
}

func (s *Server) close(ctx context.Context, u protocol.DocumentURI) {
	path := filename(u)
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	d := s.docs[path]
	delete(s.docs, path)
	delete(s.results, path)
	delete(s.dirty, path)
	s.touch(path) // the maps that include it now read the disk
	s.mu.Unlock()
	if d != nil {
		s.notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

// touch marks path and the open buffers that include it for a new check
// and wakes the worker. s.mu is held.
func (s *Server) touch(path string) {
	if _, ok := s.docs[path]; ok {
		s.dirty[path] = true
	}
	for p, a := range s.results {
		if p != path && a.dependsOn(path) {
			a.stale = true
			s.dirty[p] = true
		}
	}
	s.signal()
}

func (s *Server) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// worker checks the buffers marked dirty and publishes their findings;
// changes that arrive while it checks are taken together on the next
// round.
func (s *Server) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.done:
			return
		case <-s.wake:
		}
		s.mu.Lock()
		var paths []string
		for p := range s.dirty {
			paths = append(paths, p)
		}
		clear(s.dirty)
		s.mu.Unlock()
		for _, p := range sortedStrings(paths) {
			s.publish(ctx, p)
		}
	}
}

func (s *Server) notify(ctx context.Context, method string, params any) {
	if err := s.conn.Notify(ctx, method, params); err != nil {
		s.logf("%s: %v", method, err)
	}
}

// doc returns a copy of the open buffer of u, or nil.
func (s *Server) doc(u protocol.DocumentURI) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[filename(u)]
	if d == nil {
		return nil
	}
	c := *d
	return &c
}

// registerWatchers asks the client to report changes to journey files,
// measurement files and configurations on disk (a git checkout, another
// program), so that the open maps that read them are checked again.
func (s *Server) registerWatchers(ctx context.Context) {
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "cjm-watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
			{GlobPattern: "**/*.{yaml,yml,csv,json}"},
			{GlobPattern: "**/.cjm.yaml"},
		}},
	}}}
	if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil {
		s.logf("registering file watchers: %v", err)
	}
}
