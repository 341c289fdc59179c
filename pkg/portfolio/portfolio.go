package portfolio

import (
	"runtime"
	"sync"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
)

// Options tune Load.
type Options struct {
	// Check are the loader's options (Root, MaxBytes); Rules is set per
	// file from Configs.
	Check check.Options
	// Configs finds each file's project configuration; nil: none.
	Configs *config.Finder
}

// Entry is one valid map.
type Entry struct {
	// Path is the file as the paths named it.
	Path string
	Map  *journey.Map
}

// Result is what Load found.
type Result struct {
	// Maps are the valid maps that are not catalogues, in the order of
	// the files.
	Maps []Entry
	// Invalid counts the files with errors (their own, their includes' or
	// their configuration's); Unreadable those that could not be read at
	// all (exit 2 rather than 1).
	Invalid, Unreadable int
	// Diags are the findings of the files with errors, sorted, with their
	// Sources.
	Diags   diag.Diagnostics
	Sources diag.Sources
}

// Load checks files in parallel, at most GOMAXPROCS at a time.
func Load(files []string, opts Options) Result {
	type one struct {
		m     *journey.Map
		diags diag.Diagnostics
		srcs  diag.Sources
	}
	results := make([]one, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				set, cds, csrcs := opts.Configs.Check(files[i])
				if cds.HasErrors() {
					results[i] = one{diags: cds, srcs: csrcs}
					continue
				}
				o := opts.Check
				o.Rules = set
				r := check.File(files[i], o)
				if r.Map == nil || r.Diags.HasErrors() {
					results[i] = one{diags: r.Diags, srcs: r.Sources}
					if len(r.Diags) == 0 { // cannot happen; never lose a file silently
						results[i].diags = diag.Diagnostics{diag.Errorf(diag.Range{Filename: files[i]}, load.RuleReadError, "%s could not be loaded", files[i])}
					}
					continue
				}
				results[i] = one{m: r.Map}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	res := Result{Sources: diag.Sources{}}
	for i, r := range results {
		if r.m == nil {
			res.Invalid++
			for _, d := range r.diags {
				if load.Unreadable(d) {
					res.Unreadable++
					break
				}
			}
			res.Diags = append(res.Diags, r.diags...)
			for k, v := range r.srcs {
				res.Sources[k] = v
			}
			continue
		}
		if !r.m.Catalogue {
			res.Maps = append(res.Maps, Entry{Path: files[i], Map: r.m})
		}
	}
	res.Diags = res.Diags.Normalize()
	return res
}
