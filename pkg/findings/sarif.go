package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/ruleset"
)

// SARIFOptions tune the SARIF writer.
type SARIFOptions struct {
	// Root is the repository root that artifact URIs are relative to
	// (uriBaseId %SRCROOT%); empty keeps relative file names as they are.
	Root string
	// Rules is the rule registry listed in tool.driver.rules, in order.
	// Rules that findings use but the registry lacks are appended, sorted.
	Rules []Rule
	// Version is tool.driver.version, the version of the cjm build;
	// empty leaves it out (tests, so that golden logs do not change with
	// every build).
	Version string
	// Sources holds the files' bytes: each result's fingerprint hashes
	// the offending source line (without the line number, so that a
	// finding keeps its identity when lines are added above it). Without
	// a file's bytes the message stands in for the line.
	Sources diag.Sources
	// Suppressed are findings that inline `# cjm:ignore` comments
	// suppressed: they are written as results with a `suppressions`
	// entry of kind inSource (the reason as its justification), so that
	// code scanning shows them as dismissed in the source, not as fixed.
	Suppressed []ruleset.Suppressed
}

// SRCROOT is the uriBaseId of every artifact inside the repository.
const SRCROOT = "%SRCROOT%"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      sarifText    `json:"fullDescription"`
	Help                 sarifHelp    `json:"help"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

// sarifHelp is a multiformatMessageString: text, and the same as Markdown.
type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifDefault struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

// sarifSuppression is SARIF's suppression object (§3.35).
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// FingerprintKey names cjm's fingerprint in partialFingerprints. The
// version suffix changes if the way it is computed ever does.
const FingerprintKey = "cjmFinding/v1"

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

func level(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

// WriteSARIF writes a SARIF 2.1.0 log with one run of cjm: the rules, then
// one result per finding. Columns count Unicode code points
// (columnKind unicodeCodePoints), as cjm's positions do.
func WriteSARIF(w io.Writer, ds diag.Diagnostics, opts SARIFOptions) error {
	rules := make([]sarifRule, 0, len(opts.Rules))
	index := map[string]int{}
	for _, r := range opts.Rules {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(rules)
		rules = append(rules, sarifRuleOf(r))
	}
	// The suppressed findings take their place in the sorted order.
	reasons := map[*diag.Diagnostic]string{}
	if len(opts.Suppressed) > 0 {
		all := make(diag.Diagnostics, 0, len(ds)+len(opts.Suppressed))
		all = append(all, ds...)
		for _, s := range opts.Suppressed {
			reasons[s.Diag] = s.Reason
			all = append(all, s.Diag)
		}
		sort.SliceStable(all, func(i, j int) bool { return diag.Less(all[i], all[j]) })
		ds = all
	}
	var extra []*diag.Diagnostic
	for _, d := range ds {
		if _, ok := index[d.Rule]; !ok {
			extra = append(extra, d)
			index[d.Rule] = -1
		}
	}
	sort.SliceStable(extra, func(i, j int) bool { return extra[i].Rule < extra[j].Rule })
	for _, d := range extra {
		index[d.Rule] = len(rules)
		rules = append(rules, sarifRuleOf(Rule{ID: d.Rule, Severity: d.Severity}))
	}
	seen := map[string]int{}

	results := make([]sarifResult, 0, len(ds))
	for _, d := range ds {
		path, inRoot := RepoPath(opts.Root, d.Range.Filename)
		art := sarifArtifact{URI: uriPath(path), URIBaseID: SRCROOT}
		if !inRoot {
			art = sarifArtifact{URI: "file://" + uriPath(path)}
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}
		if !d.Range.Start.IsZero() {
			region := &sarifRegion{StartLine: d.Range.Start.Line, StartColumn: d.Range.Start.Column}
			if e := d.Range.End; !e.IsZero() {
				region.EndLine, region.EndColumn = e.Line, e.Column
			}
			loc.PhysicalLocation.Region = region
		}
		res := sarifResult{
			RuleID:    d.Rule,
			RuleIndex: index[d.Rule],
			Level:     level(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{loc},
			PartialFingerprints: map[string]string{
				FingerprintKey: fingerprint(d, path, opts.Sources, seen),
			},
		}
		if reason, ok := reasons[d]; ok {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: reason}}
		}
		results = append(results, res)
	}
	return writeJSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "cjm",
				InformationURI: "https://github.com/cjm-dev/cjm",
				Version:        opts.Version,
				Rules:          rules,
			}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	})
}

// sarifRuleOf fills in every text GitHub code scanning requires of a rule
// (shortDescription, fullDescription, help), from the best one given.
func sarifRuleOf(r Rule) sarifRule {
	short := r.Description
	if short == "" {
		short = "Findings of the rule " + r.ID + "."
	}
	full := r.FullDescription
	if full == "" {
		full = short
	}
	help := sarifHelp{Text: r.HelpText, Markdown: r.HelpMarkdown}
	if help.Text == "" {
		help.Text = full
	}
	return sarifRule{
		ID:                   r.ID,
		ShortDescription:     sarifText{Text: short},
		FullDescription:      sarifText{Text: full},
		Help:                 help,
		HelpURI:              r.HelpURI,
		DefaultConfiguration: sarifDefault{Level: level(r.Severity)},
	}
}

// fingerprint identifies a finding across commits: a hash of the rule, the
// repository path and the offending source line with its blanks
// collapsed (the message where the line's text is unknown, nothing for a
// finding about the whole file), not of the line number, so that lines added above it leave it the same finding. seen
// counts the findings hashed so far with the same inputs: the second one
// on an identical line gets its own fingerprint.
func fingerprint(d *diag.Diagnostic, path string, srcs diag.Sources, seen map[string]int) string {
	text := "" // a finding about the whole file: its rule and path say it
	if d.Range.Start.Line > 0 {
		text = d.Message
		if line, ok := srcs.Line(d.Range.Filename, d.Range.Start.Line); ok {
			text = strings.Join(strings.Fields(line), " ")
		}
	}
	key := d.Rule + "\x00" + path + "\x00" + text
	n := seen[key]
	seen[key] = n + 1
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:16])
}
