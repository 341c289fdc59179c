package render

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/gitrev"
	"github.com/cjm-dev/cjm/pkg/render"
)

// baselineSide is what --baseline names for input: REV:PATH as given, an
// existing FILE, or else a revision REV, whose version of input itself is
// read (REV:./input, relative to the current directory as in git).
func baselineSide(spec, input string) (string, error) {
	if _, _, ok := gitrev.Parse(spec); ok {
		return spec, nil
	}
	if st, err := os.Stat(spec); err == nil && !st.IsDir() {
		return spec, nil
	}
	rel := input
	if filepath.IsAbs(input) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		if rel, err = filepath.Rel(wd, input); err != nil {
			return "", err
		}
	}
	return spec + ":./" + filepath.ToSlash(filepath.Clean(rel)), nil
}

// loadBaseline reads the baseline of input (check.Side, as `cjm diff`
// reads its sides, includes and measurement files from the same
// revision). A baseline with errors is not drawn: its findings are
// returned with an error.
func loadBaseline(opts *Options, input string, lo check.Options) (render.Baseline, diag.Diagnostics, diag.Sources, error) {
	side, err := baselineSide(opts.Baseline, input)
	if err != nil {
		return render.Baseline{}, nil, nil, err
	}
	res, err := check.Side("", side, lo)
	if err != nil {
		return render.Baseline{}, nil, nil, fmt.Errorf("--baseline %s: %w", side, err)
	}
	if res.Map == nil || res.Diags.HasErrors() {
		return render.Baseline{}, res.Diags, res.Sources, fmt.Errorf("--baseline %s has errors; fix them or pick another baseline", side)
	}
	if res.Map.Catalogue {
		return render.Baseline{}, nil, nil, fmt.Errorf("--baseline %s is a catalogue (no stages)", side)
	}
	return render.Baseline{Map: res.Map, Name: opts.Baseline}, nil, nil, nil
}
