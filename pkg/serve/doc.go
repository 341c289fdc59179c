// Package serve is the live preview behind `cjm serve`: a small HTTP server
// that shows the rendered views of one journey map, or an index of the maps
// of a directory, and updates every open tab within a second of a save.
//
// A single goroutine owns the work: it watches the directories with
// fsnotify (editors save by writing a temporary file and renaming it, so
// directories are watched, never files), gathers the events of a save into
// one batch (debounce), renders each changed map once through a Renderer,
// caches the result and announces it to every open page with Server-Sent
// Events. Pages then fetch the new fragment. Rendering is never done per
// request or per tab.
//
// The package knows nothing of Graphviz or cobra: the Renderer is injected,
// so tests use a fake and pkg/cmd/serve wires the real pipeline.
package serve
