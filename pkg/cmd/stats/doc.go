// Package stats implements `cjm stats PATH...`: the figures of every map
// under the paths (pkg/stats) and their total, as text, Markdown, JSON or
// CSV on stdout. Maps with errors are reported as validate reports them
// (stderr) and the command exits 1.
package stats
