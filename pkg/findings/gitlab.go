package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// GitLabOptions tune the GitLab Code Quality writer.
type GitLabOptions struct {
	// Root is the repository root that location.path is relative to;
	// empty keeps the file names as they are.
	Root string
}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// WriteGitLab writes a GitLab Code Quality report: a JSON array of issues
// ("[]" when none). Errors are "major", warnings "minor". The fingerprint
// hashes the rule, the path and the message but not the line, so a finding
// keeps its identity when lines are added above it; identical findings in
// one file are told apart by their order.
func WriteGitLab(w io.Writer, ds diag.Diagnostics, opts GitLabOptions) error {
	issues := make([]gitlabIssue, 0, len(ds))
	seen := map[string]int{}
	for _, d := range ds {
		path, _ := RepoPath(opts.Root, d.Range.Filename)
		key := d.Rule + "\x00" + path + "\x00" + d.Message
		n := seen[key]
		seen[key] = n + 1
		if n > 0 {
			key += "\x00" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(key))
		sev := "major"
		if d.Severity == diag.Warning {
			sev = "minor"
		}
		line := d.Range.Start.Line
		if line < 1 {
			line = 1
		}
		issues = append(issues, gitlabIssue{
			Description: d.Message,
			CheckName:   d.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    sev,
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: line}},
		})
	}
	return writeJSON(w, issues)
}
