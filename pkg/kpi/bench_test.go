package kpi_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/kpi"
)

// mapAt is the funnel map at commit i: six metrics whose values move.
func mapAt(i int) string {
	var b bytes.Buffer
	b.WriteString("cjm: 1\ntitle: Funnel\nmeasurements: [kpi.csv]\nstages:\n")
	for s := range 6 {
		fmt.Fprintf(&b, "  - id: s%d\n    name: Stage %d\n    metrics:\n      - {id: m%d, name: Metric %d, value: %d, target: 500}\n    touchpoints: [{id: t%d, name: T%d}]\n", s, s, s, s, (i*(s+1))%997, s, s)
	}
	b.WriteString("  - id: last\n    name: Last\n    metrics: [{id: measured, name: Measured, target: 10}]\n    touchpoints: [{id: tl, name: TL}]\n")
	return b.String()
}

// repo builds a git repository with n commits through one `git
// fast-import`: each commit changes the map, every tenth also appends to
// its measurement file, and every seventh changes an unrelated file.
func repo(tb testing.TB, n int) string {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	dir := tb.TempDir()
	run := func(stdin []byte, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null")
		cmd.Stdin = bytes.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run(nil, "init", "-q")
	var s bytes.Buffer
	csv := "metric,date,value\n"
	blob := func(path, data string) {
		fmt.Fprintf(&s, "M 100644 inline %s\ndata %d\n%s\n", path, len(data), data)
	}
	for i := range n {
		when := 1767225600 + int64(i)*86400
		fmt.Fprintf(&s, "commit refs/heads/main\ncommitter t <t@example.com> %d +0000\ndata 2\nc\n", when)
		blob("maps/funnel.yaml", mapAt(i))
		if i%10 == 0 {
			csv += fmt.Sprintf("measured,2026-%02d-%02d,%d\n", 1+i/10/28%12, 1+i/10%28, i)
			blob("maps/kpi.csv", csv)
		}
		if i%7 == 0 {
			blob("other.txt", fmt.Sprint(i))
		}
	}
	run(s.Bytes(), "fast-import", "--quiet")
	run(nil, "checkout", "-q", "-f", "main")
	return filepath.Join(dir, "maps", "funnel.yaml")
}

// TestHistory500: every commit that moved a value is a point, the
// measured metric's points are its file's rows.
func TestHistory500(t *testing.T) {
	path := repo(t, 500)
	res := check.File(path, check.Options{})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	h, err := kpi.History(res.Map, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(h["m0"]); got != 500 {
		t.Errorf("m0: %d points, want 500", got)
	}
	if got := len(h["measured"]); got != 0 {
		t.Errorf("measured: %d points from git, want none (its file is its history)", got)
	}
	series := kpi.FromMap(res.Map, kpi.Options{Commits: h})
	if last := series[6]; len(last.Points) != 50 {
		t.Errorf("measured: %d points, want its 50 rows", len(last.Points))
	}
}

// BenchmarkHistory500 reads the values of a map's six metrics from 500
// commits (one git log, one git cat-file --batch).
func BenchmarkHistory500(b *testing.B) {
	path := repo(b, 500)
	res := check.File(path, check.Options{})
	b.ResetTimer()
	for b.Loop() {
		if _, err := kpi.History(res.Map, check.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
