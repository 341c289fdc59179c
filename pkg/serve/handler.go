package serve

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// Handler returns the server's HTTP handler:
//
//	/                  the map (one file) or the index (a directory)
//	/map?f=FILE        the page of one map
//	/fragment?f=FILE   the content of a map's page; without f, the index
//	/svg?f=FILE&view=V the SVG of one view
//	/events            Server-Sent Events: "update" with {"file","version"}
//	/favicon.ico       204 No Content
//
// Only files of the list are ever read from the cache; f is never opened
// as a path. Requests whose Host is not a loopback name are refused while
// the server listens on loopback, so a web page elsewhere cannot reach it
// through DNS rebinding.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleRoot)
	mux.HandleFunc("GET /map", s.handleMap)
	mux.HandleFunc("GET /fragment", s.handleFragment)
	mux.HandleFunc("GET /svg", s.handleSVG)
	mux.HandleFunc("GET /events", s.handleEvents)
	// Browsers ask for it on every page: no icon, and no 404 in the
	// page's console.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	return hostCheck(mux)
}

func hostCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
		if local != nil && isLoopbackAddr(local.String()) && !isLoopbackHost(r.Host) {
			http.Error(w, "cjm serve answers only to localhost", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func isLoopbackAddr(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isLoopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	if s.single {
		s.writePage(w, s.opts.Path)
		return
	}
	s.writePage(w, "")
}

func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	f := r.URL.Query().Get("f")
	if !s.known(f) {
		http.NotFound(w, r)
		return
	}
	s.writePage(w, f)
}

func (s *Server) handleFragment(w http.ResponseWriter, r *http.Request) {
	f := r.URL.Query().Get("f")
	if f != "" && !s.known(f) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if f == "" {
		execute(w, "index", s.indexData())
		return
	}
	execute(w, "map", s.mapData(f))
}

func (s *Server) handleSVG(w http.ResponseWriter, r *http.Request) {
	f, view := r.URL.Query().Get("f"), r.URL.Query().Get("view")
	s.mu.RLock()
	e := s.entries[f]
	var svg []byte
	if e != nil {
		svg = e.views[view]
	}
	s.mu.RUnlock()
	if svg == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	// The SVG is shown as a document of its own here: forbid scripts.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.Write(svg)
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	fmt.Fprintf(w, "retry: 1000\n\n")
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			data, _ := json.Marshal(ev)
			if _, err := fmt.Fprintf(w, "event: update\ndata: %s\n\n", data); err != nil {
				return
			}
			flusher.Flush()
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

func (s *Server) known(f string) bool {
	if f == "" {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.entries[f]
	return ok
}

// display names a file for people: relative to the served directory.
func (s *Server) display(f string) string {
	if s.single {
		return f
	}
	if rel, err := filepath.Rel(s.dir, f); err == nil {
		return filepath.ToSlash(rel)
	}
	return f
}

type pageData struct {
	Title  string
	File   string // empty on the index
	Body   template.HTML
	Script template.JS
}

func (s *Server) writePage(w http.ResponseWriter, f string) {
	var body strings.Builder
	title := "cjm serve — " + s.opts.Path
	if f == "" {
		execute(&body, "index", s.indexData())
	} else {
		execute(&body, "map", s.mapData(f))
		title = s.display(f) + " — cjm serve"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	execute(w, "page", pageData{Title: title, File: f, Body: template.HTML(body.String()), Script: template.JS(pageScript)})
}

type mapData struct {
	File, Name, Index string
	Version           int
	Rendered          bool
	Err               string
	Errors, Warnings  int
	Tally             string // "2 errors, 1 warning"
	Findings          []string
	Catalogue         bool
	Views             []viewData
}

type viewData struct {
	Name, Title, Href string
	// SVG is Graphviz's output: every label in it is XML-escaped.
	SVG template.HTML
}

func (s *Server) mapData(f string) mapData {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := mapData{File: f, Name: s.display(f)}
	if !s.single {
		d.Index = "/"
	}
	e := s.entries[f]
	if e == nil {
		d.Err = "not a journey file of this preview"
		return d
	}
	d.Version, d.Rendered = e.version, e.rendered
	if e.err != nil {
		d.Err = e.err.Error()
	}
	d.Errors, d.Warnings = e.diags.Count()
	d.Tally = plural(d.Warnings, "warning")
	if d.Errors > 0 {
		d.Tally = plural(d.Errors, "error") + ", " + d.Tally
	}
	d.Findings = findingLines(e.diags)
	d.Catalogue = e.catalogue()
	if e.diags.HasErrors() {
		return d
	}
	for _, v := range s.views(e.views) {
		svg := e.views[v.Name]
		d.Views = append(d.Views, viewData{
			Name: v.Name, Title: v.Title,
			Href: "/svg?" + queryEscape("f", f) + "&" + queryEscape("view", v.Name),
			SVG:  template.HTML(stripProlog(svg)),
		})
	}
	return d
}

// views are the views of a page that has the drawings have, in order.
func (s *Server) views(have map[string][]byte) []View {
	list := s.opts.Views
	if len(list) == 0 {
		for name := range have {
			list = append(list, View{Name: name, Title: name})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	}
	var out []View
	for _, v := range list {
		if _, ok := have[v.Name]; ok {
			out = append(out, v)
		}
	}
	return out
}

func findingLines(ds diag.Diagnostics) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return out
}

// stripProlog drops the XML declaration and DOCTYPE before <svg, which
// have no place inside an HTML page.
func stripProlog(svg []byte) []byte {
	if i := strings.Index(string(svg), "<svg"); i > 0 {
		return svg[i:]
	}
	return svg
}

type indexData struct {
	Version int
	Maps    []indexItem
}

type indexItem struct {
	Name, Href, Status string
	Bad                bool
}

func (s *Server) indexData() indexData {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := indexData{Version: s.version}
	for _, f := range s.files {
		e := s.entries[f]
		it := indexItem{Name: s.display(f), Href: "/map?" + queryEscape("f", f)}
		errs, warns := e.diags.Count()
		switch {
		case !e.rendered:
			it.Status = "rendering…"
		case e.err != nil:
			it.Status, it.Bad = e.err.Error(), true
		case errs > 0:
			it.Status, it.Bad = plural(errs, "error")+", "+plural(warns, "warning"), true
		case e.catalogue():
			it.Status = "catalogue"
		case warns > 0:
			it.Status = plural(warns, "warning")
		default:
			it.Status = "ok"
		}
		d.Maps = append(d.Maps, it)
	}
	return d
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
