package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts characters (runes), not bytes. The zero Pos means "unknown".
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Before reports whether p comes before q in a file.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Range is a span of a source file. End may be zero when only the start is
// known.
type Range struct {
	Filename string `json:"file"`
	Start    Pos    `json:"start"`
	End      Pos    `json:"end"`
}

// String formats the range as path:line:col, the form editors jump to.
func (r Range) String() string {
	if r.Start.IsZero() {
		return r.Filename
	}
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// Severity says whether a finding fails validation.
type Severity int

const (
	// Error findings make validate exit 1 and stop a map from rendering.
	Error Severity = iota
	// Warning findings fail validate only under --strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Rule is a stable, kebab-case name (e.g. "unknown-key"); scripts and
	// code-scanning tools key on it.
	Rule string `json:"rule"`
	// Message says what is wrong and what to do, in one sentence or two.
	Message string `json:"message"`
	Range   Range  `json:"range"`
}

func (d *Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Range, d.Severity, d.Message, d.Rule)
}

// Diagnostics is a list of findings. It is also an error, so library
// functions can return it where a plain error is expected.
type Diagnostics []*Diagnostic

func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// HasErrors reports whether any finding is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Less orders findings by file, line, column, severity, rule and message:
// a total order, so sorted output is the same on every run.
func Less(a, b *Diagnostic) bool {
	if a.Range.Filename != b.Range.Filename {
		return a.Range.Filename < b.Range.Filename
	}
	if a.Range.Start != b.Range.Start {
		return a.Range.Start.Before(b.Range.Start)
	}
	if a.Severity != b.Severity {
		return a.Severity < b.Severity
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// Normalize sorts the findings and drops exact duplicates (same place, rule
// and message), returning the result.
func (ds Diagnostics) Normalize() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool { return Less(ds[i], ds[j]) })
	out := ds[:0]
	for i, d := range ds {
		if i > 0 {
			p := ds[i-1]
			if p.Range.Filename == d.Range.Filename && p.Range.Start == d.Range.Start &&
				p.Rule == d.Rule && p.Message == d.Message && p.Severity == d.Severity {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// Errorf builds an error finding.
func Errorf(r Range, rule, format string, args ...any) *Diagnostic {
	return &Diagnostic{Severity: Error, Rule: rule, Range: r, Message: fmt.Sprintf(format, args...)}
}

// Warningf builds a warning finding.
func Warningf(r Range, rule, format string, args ...any) *Diagnostic {
	return &Diagnostic{Severity: Warning, Rule: rule, Range: r, Message: fmt.Sprintf(format, args...)}
}

// Sources maps a file name, as it appears in diagnostics, to its bytes, so
// writers can print the offending line.
type Sources map[string][]byte

// Line returns line n (1-based) of the named file without its line ending,
// and false when the file or line is unknown.
func (s Sources) Line(filename string, n int) (string, bool) {
	src, ok := s[filename]
	if !ok || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	line := string(src)
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	return strings.TrimSuffix(line, "\r"), true
}
