package load

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// billionLaughs is the classic alias bomb: nine levels of nine aliases,
// 9^9 strings if expanded.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("cjm: 1\ntitle: lol\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		name := string(c)
		b.WriteString(name + ": &" + name + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("stages: [{id: s, name: *i}]\n")
	return b.String()
}

// TestBadInput feeds hostile input and checks that each answer is a
// positioned finding, quickly, without a panic and without much memory.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts Options
		rule string
		line int
	}{
		{"alias bomb", billionLaughs(), Options{}, RuleAlias, 3},
		{"deep flow nesting", "cjm: 1\nx: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", Options{}, RuleTooDeep, 2},
		{"deeper than yaml.v3 allows", "cjm: 1\nx: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", Options{}, RuleYAMLSyntax, 2},
		{"deep block nesting", "cjm: 1\n" + deepBlock(300), Options{}, RuleTooDeep, 65},
		{"deep mapping nesting", "cjm: 1\nx: " + strings.Repeat("{a: ", 500) + "1" + strings.Repeat("}", 500) + "\n", Options{}, RuleTooDeep, 2},
		{"over the size limit", "cjm: 1\ntitle: T\n" + strings.Repeat("# x\n", 100), Options{MaxBytes: 100}, RuleFileTooLarge, 1},
		{"binary junk", "\x00\x01\x02\xff\xfe", Options{}, RuleInvalidUTF8, 1},
		{"nul byte", "cjm: 1\ntitle: \x00\n", Options{}, RuleYAMLSyntax, 2}, // at the NUL, 2:8 (issue 9 #18)
		{"utf-16", "\xff\xfec\x00j\x00m\x00", Options{}, RuleInvalidUTF8, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			m, ds, _ := Bytes("bad.yaml", []byte(tt.src), tt.opts)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if elapsed > 3*time.Second { // typically a millisecond; generous for -race on a busy machine
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if m != nil {
				t.Error("a map from unusable input")
			}
			if len(ds) == 0 {
				t.Fatal("no finding")
			}
			d := ds[0]
			if d.Rule != tt.rule || d.Range.Filename != "bad.yaml" || d.Range.Start.Line != tt.line || d.Range.Start.Column < 1 {
				t.Errorf("first finding %v [%s], want rule %s on line %d", d, d.Rule, tt.rule, tt.line)
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "v: 1\n")
	return b.String()
}

func TestAliasFindingsCapped(t *testing.T) {
	_, ds, _ := Bytes("bomb.yaml", []byte(billionLaughs()), Options{})
	if len(ds) != maxAliasFindings {
		t.Errorf("%d findings, want the cap %d", len(ds), maxAliasFindings)
	}
	if !strings.Contains(ds[0].Message, "anchors (&a) are not supported") {
		t.Errorf("message %q", ds[0].Message)
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("cjm: 1\n"+strings.Repeat("# padding\n", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		opts       Options
		rule, msg  string
	}{
		{"missing", filepath.Join(dir, "nope.yaml"), Options{}, RuleReadError, "no such file"},
		{"directory", dir, Options{}, RuleReadError, "is a directory"},
		{"too large", big, Options{MaxBytes: 1000}, RuleFileTooLarge, "raise the limit with --max-size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds, _ := File(tt.path, tt.opts)
			if m != nil || len(ds) != 1 || ds[0].Rule != tt.rule || !strings.Contains(ds[0].Message, tt.msg) || ds[0].Range.Filename != tt.path {
				t.Errorf("got %v, %v", m, ds)
			}
		})
	}
	// No limit with a negative MaxBytes.
	if m, ds, _ := File(big, Options{MaxBytes: -1}); len(ds) != 0 || !m.Catalogue {
		t.Errorf("MaxBytes -1: %v", ds)
	}
	if !strings.Contains(tooLarge(rngAt("x"), "x", 12<<20, 10<<20).Message, "x is 12 MiB, over the 10 MiB limit") {
		t.Error(tooLarge(rngAt("x"), "x", 12<<20, 10<<20).Message)
	}
}

func rngAt(name string) diag.Range { return diag.Range{Filename: name} }

// TestPanicBecomesFinding proves the last line of defence: a panic while
// loading is an internal-error finding, not a crash.
func TestPanicBecomesFinding(t *testing.T) {
	testHook = func(string) { panic("boom") }
	defer func() { testHook = nil }()
	for _, load := range []func() (diag.Diagnostics, bool){
		func() (diag.Diagnostics, bool) {
			m, ds, _ := Bytes("p.yaml", []byte("cjm: 1\n"), Options{})
			return ds, m == nil
		},
		func() (diag.Diagnostics, bool) {
			p := filepath.Join(t.TempDir(), "p.yaml")
			os.WriteFile(p, []byte("cjm: 1\n"), 0o644)
			m, ds, _ := File(p, Options{})
			return ds, m == nil
		},
	} {
		ds, noMap := load()
		if !noMap || len(ds) != 1 || ds[0].Rule != RuleInternal || !strings.Contains(ds[0].Message, "boom") || ds[0].Range.Start.Line != 1 {
			t.Errorf("got %v", ds)
		}
	}
}

// TestManyUnknownKeys: a hostile mapping with many distinct unknown keys
// stays linear.
func TestManyUnknownKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("cjm: 1\ntitle: T\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	start := time.Now()
	_, ds, _ := Bytes("many.yaml", []byte(b.String()), Options{})
	if len(ds) != 50000 {
		t.Errorf("%d findings, want one per unknown key", len(ds))
	}
	if d := time.Since(start); d > 30*time.Second { // quadratic would take hours
		t.Errorf("took %v", d)
	}
}
