package findings

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/diag"
)

func at(file string, line, col, endLine, endCol int) diag.Range {
	return diag.Range{Filename: file,
		Start: diag.Pos{Line: line, Column: col},
		End:   diag.Pos{Line: endLine, Column: endCol}}
}

// sample is a set of findings that exercises every escaping and layout
// case: Cyrillic and CJK labels, tabs, characters GitHub and Markdown
// treat specially, a whole-file finding, a warning, and a path with a
// space and a comma.
func sample() (diag.Diagnostics, diag.Sources) {
	src := diag.Sources{
		"maps/b2b.yaml": []byte("cjm: 1\ntitle: Путь клиента\nstages:\n  - id: awareness\n    chanel: web\n    name: \"Осознание\"\n\tbad: 1\n"),
		"maps/a, b.yml": []byte("cjm: 1\ntitle: 顾客旅程 — x\n"),
	}
	ds := diag.Diagnostics{
		diag.Errorf(at("maps/b2b.yaml", 5, 5, 5, 11), "unknown-key", "unknown key %q in a stage; did you mean %q?", "chanel", "channel"),
		diag.Errorf(at("maps/b2b.yaml", 7, 2, 0, 0), "tab-indentation", "a tab indents this line; indent with spaces"),
		diag.Warningf(at("maps/b2b.yaml", 6, 11, 6, 20), "stage-no-touchpoints", "stage «Осознание» has no touchpoints: 100%% | <b>add</b> one, or\nremove it\r"),
		diag.Errorf(at("maps/a, b.yml", 2, 8, 2, 12), "unknown-reference", "label 顾客旅程 is `odd`: *x* _y_ [z]"),
		diag.Errorf(diag.Range{Filename: "maps/empty.yaml"}, "empty-file", "the file is empty; a journey file starts with `cjm: 1`"),
	}
	return ds.Normalize(), src
}

func TestWriters(t *testing.T) {
	ds, src := sample()
	rules := []Rule{
		{ID: "unknown-key", Description: "A key the format does not define.", Severity: diag.Error,
			FullDescription: "A key the format does not define. Typos would drop content.",
			HelpText:        "Use the key suggested.", HelpMarkdown: "Use the key **suggested**.", HelpURI: "https://example.com/rules.md#unknown-key"},
		{ID: "stage-no-touchpoints", Description: "A stage without touchpoints.", Severity: diag.Warning},
		{ID: "unknown-key", Description: "duplicate entries are listed once", Severity: diag.Error},
	}
	tests := []struct {
		name  string
		write func(*bytes.Buffer, diag.Diagnostics) error
	}{
		{"text", func(b *bytes.Buffer, ds diag.Diagnostics) error { return WriteText(b, ds, src, TextOptions{}) }},
		{"text-color", func(b *bytes.Buffer, ds diag.Diagnostics) error {
			return WriteText(b, ds, src, TextOptions{Color: true})
		}},
		{"json", func(b *bytes.Buffer, ds diag.Diagnostics) error { return WriteJSON(b, ds) }},
		{"github", func(b *bytes.Buffer, ds diag.Diagnostics) error { return WriteGitHub(b, ds, GitHubOptions{}) }},
		{"github-summary", func(b *bytes.Buffer, ds diag.Diagnostics) error { return WriteGitHubSummary(b, ds, 3, GitHubOptions{}) }},
		{"sarif", func(b *bytes.Buffer, ds diag.Diagnostics) error {
			return WriteSARIF(b, ds, SARIFOptions{Rules: rules, Sources: src, Version: "v1.2.3"})
		}},
		{"gitlab", func(b *bytes.Buffer, ds diag.Diagnostics) error {
			return WriteGitLab(b, ds, GitLabOptions{})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b, ds); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.name+".golden"), b.Bytes())
		})
		t.Run(tt.name+"-empty", func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b, nil); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.name+"-empty.golden"), b.Bytes())
		})
	}
}
