package check

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
	"gopkg.in/yaml.v3"
)

// generate writes a map of stages × touchpoints per stage with four
// personas (per-persona emotions), channels, owners, metrics, `next` links
// from each touchpoint to the following one and a step back per stage.
func generate(stages, touchpoints int) []byte {
	var b strings.Builder
	b.WriteString("cjm: 1\ntitle: Generated journey\nlang: en\nscope: full\npersonas:\n")
	personas := []string{"cio", "cfo", "user", "buyer"}
	for _, p := range personas {
		fmt.Fprintf(&b, "  - id: %s\n    name: Persona %s\n    role: decision maker\n    goals: [Save time, Cut cost]\n", p, p)
	}
	b.WriteString("channels:\n")
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, "  - {id: ch%d, name: Channel %d, kind: %s}\n", i, i, []string{"digital", "human", "physical"}[i%3])
	}
	b.WriteString("owners:\n")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "  - {id: team%d, name: Team %d, color: \"#1f77b4\"}\n", i, i)
	}
	b.WriteString("stages:\n")
	for s := 0; s < stages; s++ {
		fmt.Fprintf(&b, "  - id: stage-%d\n    name: Stage %d\n    phase: buying\n    goal: Reach the next stage\n", s, s)
		b.WriteString("    actions: [Read, Compare]\n    thoughts: [\"Is it worth it?\"]\n    opportunities: [Answer faster]\n")
		fmt.Fprintf(&b, "    metrics:\n      - {id: conversion-%d, name: Conversion, value: %d, target: 40, unit: \"%%\"}\n      - {id: cycle-%d, name: Cycle, value: 30, target: 20, better: lower}\n", s, 10+s%50, s)
		b.WriteString("    touchpoints:\n")
		for t := 0; t < touchpoints; t++ {
			id := fmt.Sprintf("s%d-t%d", s, t)
			fmt.Fprintf(&b, "      - id: %s\n        name: Touchpoint %d of stage %d\n        channel: ch%d\n        owner: team%d\n", id, t, s, (s*touchpoints+t)%6, t%4)
			fmt.Fprintf(&b, "        personas: [%s, %s]\n", personas[t%4], personas[(t+1)%4])
			fmt.Fprintf(&b, "        emotion: {%s: %d, %s: %d}\n", personas[t%4], t%5-2, personas[(t+1)%4], (t+2)%5-2)
			b.WriteString("        interactions: [Opens the page]\n        pains: [Slow answer]\n        backstage: [CRM update]\n        evidence: observed\n")
			if t%10 == 0 {
				b.WriteString("        moment_of_truth: The customer decides here\n")
			}
			var next []string
			switch {
			case t+1 < touchpoints:
				next = append(next, fmt.Sprintf("s%d-t%d", s, t+1))
			case s+1 < stages:
				next = append(next, fmt.Sprintf("s%d-t0", s+1))
			}
			if len(next) > 0 {
				fmt.Fprintf(&b, "        next: [%s]\n", strings.Join(next, ", "))
			}
			fmt.Fprintf(&b, "        metrics: [{id: csat-%s, name: CSAT, value: 4.%d, target: 4.5}]\n", id, t%10)
		}
	}
	b.WriteString("transitions:\n")
	for s := 1; s < stages; s++ {
		fmt.Fprintf(&b, "  - {from: stage-%d, to: stage-%d, label: A new stakeholder joins}\n", s, s-1)
	}
	return []byte(b.String())
}

func TestGenerated(t *testing.T) {
	res := Bytes("large.yaml", generate(50, 100), Options{})
	if len(res.Diags) != 0 {
		t.Fatalf("the generated map has findings: %v", res.Diags[:min(5, len(res.Diags))])
	}
	if n := len(res.Map.Touchpoints()); n != 5000 {
		t.Fatalf("%d touchpoints", n)
	}
}

// BenchmarkCheckLarge loads and validates a map of 50 stages × 100
// touchpoints (about 1.5 MB of YAML) from disk.
func BenchmarkCheckLarge(b *testing.B) {
	src := generate(50, 100)
	p := filepath.Join(b.TempDir(), "large.yaml")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if res := File(p, Options{}); len(res.Diags) != 0 {
			b.Fatal(res.Diags[0])
		}
	}
}

// reportCPU reports the CPU time per operation (all threads, GC
// included) as cpu-ms/op. Call as `defer reportCPU(b)()` before the loop.
func reportCPU(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		end, _ := cpuTime()
		if ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}

// BenchmarkCheckMedium checks a large real-world size: 10 stages × 20
// touchpoints, the same shape as BenchmarkCheckLarge.
func BenchmarkCheckMedium(b *testing.B) {
	src := generate(10, 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if res := Bytes("medium.yaml", src, Options{}); len(res.Diags) != 0 {
			b.Fatal(res.Diags[0])
		}
	}
}

// BenchmarkYAMLLarge parses the large map into yaml.v3 nodes and nothing
// more: the floor under BenchmarkCheckLarge, for the docs' figures.
func BenchmarkYAMLLarge(b *testing.B) {
	src := generate(50, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckMany checks 1,000 typical maps (6 stages × 5 touchpoints)
// the way `cjm validate dir/` does: walk the directory, keep the YAML
// files with a top-level `cjm` key, check them on GOMAXPROCS workers and
// collect the results in path order. One iteration is all 1,000 maps.
func BenchmarkCheckMany(b *testing.B) {
	dir := b.TempDir()
	src := generate(6, 5)
	for i := 0; i < 1000; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("team%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("map%04d.yaml", i)), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		results := checkDir(b, dir)
		if len(results) != 1000 {
			b.Fatalf("%d results", len(results))
		}
		for _, r := range results {
			if len(r.Diags) != 0 {
				b.Fatal(r.Diags[0])
			}
		}
	}
}

func checkDir(b *testing.B, dir string) []Result {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(paths)
	results := make([]Result, len(paths))
	keep := make([]bool, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				src, err := os.ReadFile(paths[i])
				if err != nil || !load.IsJourney(src) {
					continue
				}
				keep[i] = true
				results[i] = Bytes(paths[i], src, Options{})
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	out := results[:0]
	for i, r := range results {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out
}
