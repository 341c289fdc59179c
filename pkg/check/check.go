package check

import (
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// Result is a checked journey file.
type Result struct {
	// Map is what loaded; nil when the file could not be read or parsed.
	// A map with error findings must not be rendered.
	Map *journey.Map
	// Diags are the loader's and the validator's findings, sorted by file,
	// line and column, without duplicates.
	Diags diag.Diagnostics
	// Sources holds the bytes of the file and of the files it includes.
	Sources diag.Sources
}

// File loads and validates the journey file at path.
func File(path string, opts load.Options) Result {
	m, ds, srcs := load.File(path, opts)
	return finish(m, ds, srcs)
}

// Bytes loads and validates a journey file whose content is src.
func Bytes(filename string, src []byte, opts load.Options) Result {
	m, ds, srcs := load.Bytes(filename, src, opts)
	return finish(m, ds, srcs)
}

// finish validates what loaded. The loader and the validator check
// different things, so a finding is never reported twice; the validator
// skips what the loader already found missing.
func finish(m *journey.Map, ds diag.Diagnostics, srcs diag.Sources) (res Result) {
	res = Result{Map: m, Sources: srcs}
	defer func() {
		if r := recover(); r != nil {
			name := ""
			if m != nil {
				name = m.File
			}
			ds = append(ds, diag.Errorf(diag.Range{Filename: name, Start: diag.Pos{Line: 1, Column: 1}}, load.RuleInternal,
				"internal error while validating: %v; please report this with the file that caused it", r))
			res.Diags = ds.Normalize()
		}
	}()
	ds = append(ds, validate.Map(m)...)
	res.Diags = ds.Normalize()
	return res
}
