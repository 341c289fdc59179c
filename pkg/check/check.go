package check

import (
	"sort"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/ruleset"
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
	// Suppressed are the findings that inline `# cjm:ignore` comments
	// suppressed, with their reasons, sorted like Diags. Only SARIF
	// reports them (as suppressed results).
	Suppressed []ruleset.Suppressed
}

// Options tune File and Bytes: Root is the directory `include` paths may
// not leave (empty: the top of the git work tree holding the file, else the
// working directory) and MaxBytes the largest file read (zero:
// DefaultMaxBytes; negative: no limit).
//
// Options.Rules, the project configuration's rule levels and policy, is
// applied here: policy rules it turns on are run, findings of rules it
// sets off are dropped and others get the level it gives, and inline
// `# cjm:ignore` comments suppress findings (validate.Apply).
//
// It is the loader's options under check's name, so that callers need not
// import package load; an alias (not a struct of its own) so that code
// written with load.Options keeps compiling.
type Options = load.Options

// DefaultMaxBytes is the size limit of a journey file when
// Options.MaxBytes is zero.
const DefaultMaxBytes = load.DefaultMaxBytes

// File loads and validates the journey file at path.
func File(path string, opts Options) Result {
	m, ds, srcs := load.File(path, opts)
	return finish(m, ds, srcs, opts.Rules)
}

// Bytes loads and validates a journey file whose content is src.
func Bytes(filename string, src []byte, opts Options) Result {
	m, ds, srcs := load.Bytes(filename, src, opts)
	return finish(m, ds, srcs, opts.Rules)
}

// includeFailed reports whether an include of m could not be loaded in
// full: the loader reported an include as missing or outside the root, or
// found an error in an included file (which then contributes nothing, or
// lacks the element at fault).
func includeFailed(m *journey.Map, ds diag.Diagnostics) bool {
	if m == nil || len(m.Include) == 0 {
		return false
	}
	for _, d := range ds {
		if d.Severity != diag.Error {
			continue
		}
		if d.Rule == load.RuleIncludeMissing || d.Rule == load.RuleIncludeOutside || d.Range.Filename != m.File {
			return true
		}
		// An included file that cannot be read is reported at the
		// include, in the including file.
		if d.Rule == load.RuleReadError || d.Rule == load.RuleFileTooLarge {
			return true
		}
	}
	return false
}

// finish validates what loaded. The loader and the validator check
// different things, so a finding is never reported twice; the validator
// skips what the loader already found missing.
func finish(m *journey.Map, ds diag.Diagnostics, srcs diag.Sources, set *ruleset.Set) (res Result) {
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
	ds = append(ds, validate.MapWith(m, validate.Options{IncludeFailed: includeFailed(m, ds)})...)
	if set != nil && set.Lang != "" && m != nil && !m.Src.Has("lang") {
		m.Lang = set.Lang
	}
	ds = append(ds, validate.Policy(m, set)...)
	ds, sup := validate.Apply(ds, srcs, set)
	res.Diags = ds.Normalize()
	sort.SliceStable(sup, func(i, j int) bool { return diag.Less(sup[i].Diag, sup[j].Diag) })
	res.Suppressed = sup
	return res
}
