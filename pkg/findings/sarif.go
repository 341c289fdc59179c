package findings

import (
	"io"
	"sort"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// SARIFOptions tune the SARIF writer.
type SARIFOptions struct {
	// Root is the repository root that artifact URIs are relative to
	// (uriBaseId %SRCROOT%); empty keeps relative file names as they are.
	Root string
	// Rules is the rule registry listed in tool.driver.rules, in order.
	// Rules that findings use but the registry lacks are appended, sorted.
	Rules []Rule
	// Version is tool.driver.version; empty leaves it out (the default,
	// so reports do not change with every build).
	Version string
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
	ShortDescription     *sarifText   `json:"shortDescription,omitempty"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

type sarifDefault struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

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
		sr := sarifRule{ID: r.ID, DefaultConfiguration: sarifDefault{Level: level(r.Severity)}}
		if r.Description != "" {
			sr.ShortDescription = &sarifText{Text: r.Description}
		}
		rules = append(rules, sr)
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
		rules = append(rules, sarifRule{ID: d.Rule, DefaultConfiguration: sarifDefault{Level: level(d.Severity)}})
	}

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
		results = append(results, sarifResult{
			RuleID:    d.Rule,
			RuleIndex: index[d.Rule],
			Level:     level(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{loc},
		})
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
