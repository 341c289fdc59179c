package findings

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// GitHubOptions tune the GitHub writers.
type GitHubOptions struct {
	// Root is the repository root that file= paths are relative to, as
	// GitHub wants them; empty keeps the file names as they are. A file
	// outside the root keeps its name.
	Root string
}

func (o GitHubOptions) path(filename string) string {
	if p, ok := RepoPath(o.Root, filename); ok {
		return p
	}
	return filepath.ToSlash(filename)
}

// WriteGitHub writes one GitHub Actions workflow command per finding,
//
//	::error file=maps/b2b.yaml,line=4,col=7,endLine=4,endColumn=13,title=unknown-key::message
//
// so findings appear inline on a pull request. Data is escaped as the
// runner requires (% \r \n), properties also escape : and ,.
func WriteGitHub(w io.Writer, ds diag.Diagnostics, opts GitHubOptions) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		level := "error"
		if d.Severity == diag.Warning {
			level = "warning"
		}
		props := []string{"file=" + escapeProperty(opts.path(d.Range.Filename))}
		if !d.Range.Start.IsZero() {
			props = append(props,
				fmt.Sprintf("line=%d", d.Range.Start.Line),
				fmt.Sprintf("col=%d", d.Range.Start.Column))
			if e := d.Range.End; !e.IsZero() {
				props = append(props, fmt.Sprintf("endLine=%d", e.Line), fmt.Sprintf("endColumn=%d", e.Column))
			}
		}
		props = append(props, "title="+escapeProperty(d.Rule))
		fmt.Fprintf(bw, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(d.Message))
	}
	return bw.Flush()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// SummaryBudget is the most bytes WriteGitHubSummary writes: GitHub refuses
// a step summary over 1 MiB, so rows past the budget are counted, not
// listed.
const SummaryBudget = 900 << 10

// WriteGitHubSummary writes a Markdown summary of the findings for
// $GITHUB_STEP_SUMMARY: a heading, the tally and a table of findings.
// Every cell is escaped so labels cannot break the table or inject HTML.
func WriteGitHubSummary(w io.Writer, ds diag.Diagnostics, files int, opts GitHubOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### cjm validate\n\n")
	if len(ds) == 0 {
		fmt.Fprintf(&b, "No problems found in %s.\n\n", plural(files, "file"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n\n", Summary(ds, files))
	fmt.Fprintf(&b, "| Location | Severity | Rule | Message |\n|---|---|---|---|\n")
	for i, d := range ds {
		row := fmt.Sprintf("| %s | %s | %s | %s |\n",
			escapeCell(location(opts.path(d.Range.Filename), d.Range)), d.Severity, escapeCell(d.Rule), escapeCell(d.Message))
		if b.Len()+len(row) > SummaryBudget-200 {
			fmt.Fprintf(&b, "\n%s more not listed here; the job log has them all.\n", plural(len(ds)-i, "finding"))
			break
		}
		b.WriteString(row)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

var cellEscaper = strings.NewReplacer(
	"|", "\\|", "\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ")

func escapeCell(s string) string { return cellEscaper.Replace(s) }

// location is path:line:col, or the path alone for a whole-file finding.
func location(path string, r diag.Range) string {
	if r.Start.IsZero() {
		return path
	}
	return fmt.Sprintf("%s:%d:%d", path, r.Start.Line, r.Start.Column)
}
