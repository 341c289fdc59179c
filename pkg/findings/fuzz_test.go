package findings

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// FuzzWriters feeds arbitrary messages, file names, sources and positions
// to every writer: none may fail or panic, the JSON formats must parse,
// a github command must stay on one line, and text output must carry no
// control characters but tab and newline.
func FuzzWriters(f *testing.F) {
	f.Add("maps/b2b.yaml", "cjm: 1\ntitle: Путь\n", "unknown key `x`", "unknown-key", 2, 8, 2, 12)
	f.Add("a, b:c.yml", "\t\tx: 1\r\n", "100% \r\n<b>|</b>", "r", 1, 3, 0, 0)
	f.Add("x", "\xff\x1b[31m", "\x1b]0;title\a", "", 0, 0, 5, 1)
	f.Add("wide.yaml", "旅程: 😀 x", "m", "r", 1, 99, 1, -4)
	f.Fuzz(func(t *testing.T, file, src, msg, rule string, line, col, endLine, endCol int) {
		ds := diag.Diagnostics{{
			Severity: diag.Severity(line & 1), Rule: rule, Message: msg,
			Range: diag.Range{Filename: file, Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: endLine, Column: endCol}},
		}}
		srcs := diag.Sources{file: []byte(src)}
		var b bytes.Buffer
		if err := WriteText(&b, ds, srcs, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, c := range b.String() {
			if unicode.IsControl(c) && c != '\t' && c != '\n' || diag.IsBidiControl(c) {
				t.Fatalf("control character %U in text output %q", c, b.String())
			}
		}
		b.Reset()
		if err := WriteGitHub(&b, ds, GitHubOptions{}); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); strings.Count(out, "\n") != 1 || strings.ContainsRune(strings.TrimSuffix(out, "\n"), '\r') {
			t.Fatalf("github command not on one line: %q", out)
		}
		for name, write := range map[string]func(*bytes.Buffer) error{
			"json":   func(b *bytes.Buffer) error { return WriteJSON(b, ds) },
			"sarif":  func(b *bytes.Buffer) error { return WriteSARIF(b, ds, SARIFOptions{}) },
			"gitlab": func(b *bytes.Buffer) error { return WriteGitLab(b, ds, GitLabOptions{}) },
		} {
			b.Reset()
			if err := write(&b); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !json.Valid(b.Bytes()) {
				t.Fatalf("%s: invalid JSON %q", name, b.String())
			}
		}
		b.Reset()
		if err := WriteGitHubSummary(&b, ds, 1, GitHubOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
