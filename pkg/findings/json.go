package findings

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// Finding is one element of the json format. The field set and names are
// a promise to scripts: new fields may be added, none renamed or removed.
// A line of 0 means the finding concerns the whole file; an unknown end is
// reported as the start.
type Finding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

// JSONFindings converts diagnostics to the json format's elements.
func JSONFindings(ds diag.Diagnostics) []Finding {
	out := make([]Finding, 0, len(ds))
	for _, d := range ds {
		e := end(d.Range)
		out = append(out, Finding{
			File:      filepath.ToSlash(d.Range.Filename),
			Line:      d.Range.Start.Line,
			Column:    d.Range.Start.Column,
			EndLine:   e.Line,
			EndColumn: e.Column,
			Severity:  d.Severity.String(),
			Rule:      d.Rule,
			Message:   d.Message,
		})
	}
	return out
}

// WriteJSON writes the findings as an indented JSON array ("[]" when there
// are none), one finding per element, in the order given.
func WriteJSON(w io.Writer, ds diag.Diagnostics) error {
	return writeJSON(w, JSONFindings(ds))
}

// writeJSON encodes v indented, without HTML escaping, so labels in any
// script come out as written.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
