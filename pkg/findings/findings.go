package findings

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// Formats are the names accepted by --format, the default first.
var Formats = []string{"text", "json", "github", "sarif", "gitlab"}

// IsMachine reports whether a format is read by programs (written to
// stdout) rather than people (text, written to stderr).
func IsMachine(format string) bool { return format != "text" }

// Rule describes one validation rule for the formats that list rules
// (SARIF's tool.driver.rules).
type Rule struct {
	// ID is the stable kebab-case name findings carry in Diagnostic.Rule.
	ID string
	// Description says in one sentence what the rule checks.
	Description string
	// Severity is the rule's level.
	Severity diag.Severity
	// FullDescription says what the rule checks and why, in a paragraph;
	// empty means Description.
	FullDescription string
	// HelpText and HelpMarkdown say how to fix a finding, as plain text
	// and as Markdown; HelpURI is the address of the rule's documentation.
	HelpText, HelpMarkdown, HelpURI string
}

// Summary returns the one-line tally printed after text findings, such as
// "2 errors, 1 warning in 3 files".
func Summary(ds diag.Diagnostics, files int) string {
	errs, warns := ds.Count()
	return fmt.Sprintf("%s, %s in %s", plural(errs, "error"), plural(warns, "warning"), plural(files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// RepoPath returns filename relative to root with forward slashes, as
// SARIF and GitLab want it. An empty root leaves a relative filename as it
// is. ok is false when the file lies outside root (or root is empty and the
// name is absolute); path is then the cleaned absolute name.
func RepoPath(root, filename string) (path string, ok bool) {
	if root == "" {
		clean := filepath.Clean(filename)
		return filepath.ToSlash(clean), !filepath.IsAbs(clean)
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return filepath.ToSlash(filename), false
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(abs), false
	}
	rel, err := filepath.Rel(rootAbs, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(rel), true
}

// uriPath percent-encodes each segment of a slash-separated path so that
// spaces and non-ASCII names make a valid URI reference.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// end returns the end of a range, or its start when the end is unknown.
func end(r diag.Range) diag.Pos {
	if r.End.IsZero() {
		return r.Start
	}
	return r.End
}
