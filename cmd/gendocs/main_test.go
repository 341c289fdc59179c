package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate docs/commands and docs/man")

const docsDir = "../../docs"

// TestDocsCurrent fails when the committed command reference differs from
// what the command tree gives: run `make docs` (or go test -update) and
// commit the result.
func TestDocsCurrent(t *testing.T) {
	if *update {
		if err := write(docsDir); err != nil {
			t.Fatal(err)
		}
	}
	pages := generate(commandTree())
	var stale []string
	for _, name := range sortedKeys(pages) {
		got, err := os.ReadFile(filepath.Join(docsDir, filepath.FromSlash(name)))
		if err != nil {
			stale = append(stale, name+" (missing)")
			continue
		}
		if !bytes.Equal(got, pages[name]) {
			stale = append(stale, name)
		}
	}
	for _, sub := range owned {
		entries, _ := os.ReadDir(filepath.Join(docsDir, sub))
		for _, e := range entries {
			if _, ok := pages[sub+"/"+e.Name()]; !ok {
				stale = append(stale, sub+"/"+e.Name()+" (no such command)")
			}
		}
	}
	if len(stale) > 0 {
		t.Errorf("the command reference is stale; run `make docs` and commit docs/commands and docs/man:\n  %s", strings.Join(stale, "\n  "))
	}
}

// TestDeterministic: two generations give the same bytes, and no page
// carries a date or the build's version.
func TestDeterministic(t *testing.T) {
	a, b := generate(commandTree()), generate(commandTree())
	if len(a) != len(b) {
		t.Fatal("different page sets")
	}
	for name, page := range a {
		if !bytes.Equal(page, b[name]) {
			t.Errorf("%s differs between runs", name)
		}
		if bytes.Contains(page, []byte("Auto generated")) {
			t.Errorf("%s has cobra's dated footer", name)
		}
	}
	for _, want := range []string{"commands/cjm.md", "commands/cjm_init.md", "commands/cjm_schema.md", "commands/cjm_serve.md", "man/cjm.1", "man/cjm-serve.1"} {
		if _, ok := a[want]; !ok {
			t.Errorf("no page %s", want)
		}
	}
}

func TestRoff(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a\b`, `a\eb`},
		{".hidden", `\&.hidden`},
		{"'quote", `\&'quote`},
		{"plain --force text", `plain \-\-force text`},
	} {
		if got := roff(tc.in); got != tc.want {
			t.Errorf("roff(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := roffText("Intro.\n\n  indented\n    more\n\nAfter.")
	want := ".PP\nIntro.\n.PP\n.RS\n.nf\nindented\n  more\n.fi\n.RE\n.PP\nAfter.\n"
	if got != want {
		t.Errorf("roffText:\n%q\nwant\n%q", got, want)
	}
}

func TestMarkdownProse(t *testing.T) {
	got := mdText("Walks *.yaml and *.yml files, writes <base>.<ext>, keeps `code` and moment_of_truth.\n\n  cjm render *.yaml\n")
	want := "Walks \\*.yaml and \\*.yml files, writes &lt;base&gt;.&lt;ext&gt;, keeps `code` and moment\\_of\\_truth.\n\n```\n  cjm render *.yaml\n```"
	if got != want {
		t.Errorf("mdText:\n%s\nwant\n%s", got, want)
	}
}
