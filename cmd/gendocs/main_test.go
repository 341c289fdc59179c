package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/testtool"
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

// TestManASCII: every man page, generated and committed, is plain ASCII
// (issue 9 #25: `…` was raw UTF-8 and vanished under LANG=C man).
func TestManASCII(t *testing.T) {
	pages := generate(commandTree())
	for _, name := range sortedKeys(pages) {
		if !strings.HasPrefix(name, "man/") {
			continue
		}
		committed, _ := os.ReadFile(filepath.Join(docsDir, filepath.FromSlash(name)))
		for what, page := range map[string][]byte{"generated": pages[name], "committed": committed} {
			for i, c := range page {
				if c >= 0x80 {
					line := bytes.Count(page[:i], []byte("\n")) + 1
					t.Errorf("%s %s:%d: non-ASCII byte %#x", what, name, line, c)
					break
				}
			}
		}
	}
}

func TestRoffUnicode(t *testing.T) {
	if got, want := roff("flow {…} Путь 🚀"), `flow {\[u2026]} \[u041F]\[u0443]\[u0442]\[u044C] \[u1F680]`; got != want {
		t.Errorf("roff = %q, want %q", got, want)
	}
	if got, want := fallbacks(`a \[u2026] b \[u2014] \[u2026] \[u041F]`), ".if !c\\[u2014] .char \\[u2014] \\-\\-\n.if !c\\[u2026] .char \\[u2026] ...\n"; got != want {
		t.Errorf("fallbacks = %q, want %q", got, want)
	}
}

// TestManLocaleC reads cjm-fmt(1) with man under LANG=C, as a reader on
// an ASCII terminal does: the ellipsis shows as "...", without warnings.
func TestManLocaleC(t *testing.T) {
	manPath := testtool.Need(t, "install man-db (apt-get install -y man-db) to read the pages as a reader does", "man")
	cmd := exec.Command(manPath, "-l", filepath.Join(docsDir, "man", "cjm-fmt.1"))
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=C", "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		testtool.Missing(t, fmt.Sprintf("man -l failed (%v): %s", err, stderr.String()))
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "flow {...} and [...] collections") {
		t.Errorf("LANG=C man shows no ellipsis:\n%s", out)
	}
	if stderr.Len() > 0 {
		t.Errorf("man warns: %s", stderr.String())
	}
}
