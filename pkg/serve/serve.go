package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/paths"
)

// Renderer checks and renders the journey file at path. It returns the SVG
// of each view (nil for a catalogue or a map with errors), the findings,
// and an error when the file could not be read at all. It is called from
// one goroutine at a time.
type Renderer func(ctx context.Context, path string) (views map[string][]byte, ds diag.Diagnostics, err error)

// Options configure a Server.
type Options struct {
	// Path is a journey file or a directory of them.
	Path string
	// Render renders one file.
	Render Renderer
	// Views are the views shown on a map's page, in order, with their
	// headings (cjm serve takes them from pkg/render's registry). Empty
	// means every view the renderer returns, in name order, headed by its
	// name.
	Views []View
	// Debounce is how long the server waits after the last file event
	// before it renders; 0 means 50ms. A save is usually several events
	// (write, rename, chmod) within a few milliseconds; the interval is
	// part of the latency a user sees after a save (docs/rendering.md).
	Debounce time.Duration
	// Deps, when set, returns the other files the last render of file read
	// (its included catalogues). The server watches their directories and
	// re-renders file when one of them changes. Without it, a change to
	// any YAML file that is not a map re-renders every map.
	Deps func(file string) []string
}

// View is one view shown on a map's page.
type View struct {
	// Name is the key of the view in the Renderer's result and in the
	// page's element ids (view-NAME) and URLs (/svg?view=NAME).
	Name string
	// Title is the view's heading on the page.
	Title string
}

// Server is a live preview. Create it with New and run it with Serve.
type Server struct {
	opts   Options
	single bool   // Path is a file
	dir    string // the directory watched (Path, or the file's directory)

	mu      sync.RWMutex
	files   []string            // the journey files shown, sorted
	entries map[string]*entry   // by file
	version int                 // bumped on every change of what is shown
	deps    map[string][]string // file -> files its last render read

	hub *hub

	// Owned by the loop goroutine.
	watcher *fsnotify.Watcher
	watched map[string]bool // directories
}

// entry is the cached render of one file.
type entry struct {
	version  int
	rendered bool
	views    map[string][]byte
	diags    diag.Diagnostics
	err      error
}

func (e *entry) catalogue() bool {
	return e.rendered && e.err == nil && !e.diags.HasErrors() && len(e.views) == 0
}

// New checks the path and returns a server for it.
func New(opts Options) (*Server, error) {
	if opts.Render == nil {
		return nil, errors.New("serve: no renderer")
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	fi, err := os.Stat(opts.Path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", opts.Path, pe.Err)
		}
		return nil, err
	}
	s := &Server{opts: opts, entries: map[string]*entry{}, deps: map[string][]string{}, hub: newHub(), watched: map[string]bool{}}
	opts.Path = filepath.Clean(opts.Path)
	s.opts.Path = opts.Path
	if fi.IsDir() {
		s.dir = opts.Path
	} else {
		s.single = true
		s.dir = filepath.Dir(opts.Path)
	}
	if err := s.rescan(); err != nil {
		return nil, err
	}
	return s, nil
}

// rescan refreshes the list of files (and bumps the version when it
// changed). On an error the previous list stays.
func (s *Server) rescan() error {
	var files []string
	if s.single {
		files = []string{s.opts.Path}
	} else {
		var err error
		files, err = paths.Expand([]string{s.opts.Path})
		if err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.Join(files, "\x00") != strings.Join(s.files, "\x00") {
		s.files = files
		s.version++
		for f := range s.entries {
			if !slices.Contains(files, f) {
				delete(s.entries, f)
				delete(s.deps, f)
			}
		}
	}
	for _, f := range files {
		if s.entries[f] == nil {
			s.entries[f] = &entry{}
		}
	}
	return nil
}

// Serve accepts connections on ln and keeps the pages current until ctx is
// done, then shuts down gracefully: open event streams are closed and the
// listener stops. It returns nil after a shutdown asked for by ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer watcher.Close()
	if err := s.watchDirs(watcher); err != nil {
		ln.Close()
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	unused := &unusedConns{conns: map[net.Conn]bool{}}
	srv := &http.Server{
		Handler:           s.Handler(),
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
		ConnState:         unused.track,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, watcher)
	}()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
		cancel()
	}
	// Event streams end with ctx (their requests' base context); Shutdown
	// then waits for the rest.
	shutCtx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	unused.closeAll()
	shutErr := srv.Shutdown(shutCtx)
	<-loopDone
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return shutErr
}

// unusedConns tracks the connections that have not sent a request yet.
// Browsers open such connections ahead of need, and Shutdown waits 5 s for
// each before it counts it as idle: at shutdown they are closed at once,
// and so is any accepted after that.
type unusedConns struct {
	mu      sync.Mutex
	closing bool
	conns   map[net.Conn]bool
}

func (u *unusedConns) track(c net.Conn, state http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case state == http.StateNew && u.closing:
		c.Close()
	case state == http.StateNew:
		u.conns[c] = true
	default:
		delete(u.conns, c)
	}
}

func (u *unusedConns) closeAll() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.closing = true
	for c := range u.conns {
		c.Close()
	}
}

// watchDirs watches the directory of a single file, or every directory of
// the tree (fsnotify is not recursive), skipping the directories that
// paths.Expand skips.
func (s *Server) watchDirs(w *fsnotify.Watcher) error {
	s.watcher = w
	if s.single {
		return s.watch(s.dir)
	}
	return filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != s.dir && paths.SkipDir(d.Name()) {
			return filepath.SkipDir
		}
		return s.watch(p)
	})
}

// watch adds a directory to the watcher once.
func (s *Server) watch(dir string) error {
	dir = filepath.Clean(dir)
	if s.watched[dir] {
		return nil
	}
	if err := s.watcher.Add(dir); err != nil {
		return fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	s.watched[dir] = true
	return nil
}

// maxWait bounds the debounce: a file that keeps changing is still
// rendered at least this often.
const maxWait = time.Second

// loop renders everything once, then renders what each batch of file
// events touched, until ctx is done.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	s.renderAll(ctx)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var fire <-chan time.Time
	var first time.Time // of the pending batch
	arm := func() {
		if fire == nil {
			first = time.Now()
		} else if time.Since(first) >= maxWait {
			return // let the armed timer fire
		}
		timer.Reset(s.opts.Debounce)
		fire = timer.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			name := filepath.Clean(ev.Name)
			if ev.Has(fsnotify.Create) && !s.single {
				if fi, err := os.Stat(name); err == nil && fi.IsDir() && !paths.SkipDir(filepath.Base(name)) {
					// A new directory: watch it, and look for maps in it.
					_ = s.watch(name)
					pending[allFiles] = true
					arm()
					continue
				}
			}
			if !paths.IsYAML(name) {
				continue
			}
			pending[name] = true
			arm()
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
			// An overflow or a vanished directory: render everything
			// again rather than miss a change.
			pending[allFiles] = true
			arm()
		case <-fire:
			fire = nil
			batch := pending
			pending = map[string]bool{}
			s.renderChanged(ctx, batch)
		}
	}
}

// allFiles in a batch asks for every map to be rendered again.
const allFiles = "\x00all"

// renderAll renders every file, in order.
func (s *Server) renderAll(ctx context.Context) {
	for _, f := range s.Files() {
		if ctx.Err() != nil {
			return
		}
		s.render(ctx, f)
	}
}

// renderChanged re-renders the files of a batch: each changed map, and
// each map whose last render read a changed file (an included catalogue).
// A change to any other YAML file re-renders every map when the server
// does not know the dependencies (Options.Deps), else only the maps with
// errors (one of them may have been missing that file).
func (s *Server) renderChanged(ctx context.Context, batch map[string]bool) {
	before := s.Files()
	// A failed walk (a file renamed away mid-walk, the directory gone)
	// keeps the previous list; the next change walks again.
	_ = s.rescan()
	after := s.Files()
	if strings.Join(before, "\x00") != strings.Join(after, "\x00") {
		s.hub.broadcast(event{File: "", Version: s.Version()})
	}
	todo := map[string]bool{}
	all := batch[allFiles]
	delete(batch, allFiles)
	s.mu.RLock()
	for name := range batch {
		e := s.entries[name]
		if e != nil {
			todo[name] = true
		}
		dependents := false
		for f, deps := range s.deps {
			if slices.Contains(deps, name) && s.entries[f] != nil {
				todo[f] = true
				dependents = true
			}
		}
		if (e != nil && !e.catalogue()) || dependents {
			continue
		}
		if s.opts.Deps == nil {
			all = true
			continue
		}
		if e != nil {
			continue // a catalogue that no map reads
		}
		for f, e := range s.entries {
			if e.err != nil || e.diags.HasErrors() {
				todo[f] = true
			}
		}
	}
	s.mu.RUnlock()
	if all {
		s.renderAll(ctx)
		return
	}
	for _, f := range after { // in sorted order
		if todo[f] {
			s.render(ctx, f)
		}
	}
}

// render renders one file, caches the result and tells every page.
func (s *Server) render(ctx context.Context, file string) {
	views, ds, err := s.opts.Render(ctx, file)
	if ctx.Err() != nil {
		return
	}
	var deps []string
	if s.opts.Deps != nil {
		for _, d := range s.opts.Deps(file) {
			d = filepath.Clean(d)
			if d == file {
				continue
			}
			deps = append(deps, d)
			if s.watcher != nil {
				// A catalogue outside the watched tree: watch its
				// directory too. (Failure only costs live updates.)
				_ = s.watch(filepath.Dir(d))
			}
		}
		sort.Strings(deps)
	}
	s.mu.Lock()
	e := s.entries[file]
	if e == nil {
		s.mu.Unlock()
		return
	}
	s.version++
	*e = entry{version: s.version, rendered: true, views: views, diags: ds, err: err}
	if s.opts.Deps != nil {
		s.deps[file] = deps
	}
	v := s.version
	s.mu.Unlock()
	s.hub.broadcast(event{File: file, Version: v})
}

// Files returns the journey files shown, sorted.
func (s *Server) Files() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.files...)
}

// Version returns a number that grows with every change of what the server
// shows.
func (s *Server) Version() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}
