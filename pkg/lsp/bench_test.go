package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
	"go.lsp.dev/protocol"
)

// mapYAML writes a generated map as a journey file.
func mapYAML(m *journey.Map) string {
	var b strings.Builder
	q := strconv.Quote
	fmt.Fprintf(&b, "cjm: 1\ntitle: %s\nlang: %s\npersonas:\n", q(m.Title+"x"), nonEmpty(m.Lang, "en"))
	for _, p := range m.Personas {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", p.ID, q(p.Name))
	}
	b.WriteString("channels:\n")
	for _, c := range m.Channels {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: %s}\n", c.ID, q(c.Name), nonEmpty(c.Kind, "digital"))
	}
	b.WriteString("owners:\n")
	for _, o := range m.Owners {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", o.ID, q(o.Name))
	}
	b.WriteString("stages:\n")
	for _, s := range m.Stages {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n", s.ID, q(s.Name))
		if len(s.Metrics) > 0 {
			b.WriteString("    metrics:\n")
			for _, mt := range s.Metrics {
				fmt.Fprintf(&b, "      - {id: %s, name: %s, value: %s, target: %s}\n", mt.ID, q(mt.Name), num(*mt.Value), num(*mt.Target))
			}
		}
		b.WriteString("    touchpoints:\n")
		for _, t := range s.Touchpoints {
			fmt.Fprintf(&b, "      - id: %s\n        name: %s\n", t.ID, q(t.Name))
			if t.Channel != "" {
				fmt.Fprintf(&b, "        channel: %s\n", t.Channel)
			}
			if t.Owner != "" {
				fmt.Fprintf(&b, "        owner: %s\n", t.Owner)
			}
			if len(t.Personas) > 0 {
				fmt.Fprintf(&b, "        personas: [%s]\n", strings.Join(t.Personas, ", "))
			}
			if t.Emotion != nil && t.Emotion.PerPersona == nil {
				fmt.Fprintf(&b, "        emotion: %s\n", num(t.Emotion.Value))
			}
			if len(t.Next) > 0 {
				fmt.Fprintf(&b, "        next: [%s]\n", strings.Join(t.Next, ", "))
			}
			for _, p := range t.Pains {
				fmt.Fprintf(&b, "        pains: [%s]\n", q(p))
				break
			}
		}
	}
	return b.String()
}

func examplePath(name string) string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "examples", name))
	return p
}

// BenchmarkDiagnostics measures the time from a change sent by the client
// to its diagnostics received: the latency a user sees while typing.
func BenchmarkDiagnostics(b *testing.B) {
	type input struct{ name, path, text string }
	var inputs []input
	for _, ex := range []string{"saas-onboarding.yaml", "b2b-funnel-ru.yaml", "abm-committee.yaml"} {
		src, err := os.ReadFile(examplePath(ex))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, input{ex, examplePath(ex), string(src)})
	}
	big := mapYAML(viewtest.Generate(viewtest.Config{Touchpoints: 1000, BackEdges: 0.1}))
	inputs = append(inputs, input{"generated-1000", filepath.Join(b.TempDir(), "big.yaml"), big})
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			c := newClient(b, filepath.Dir(in.path), Options{})
			u := c.open(in.path, in.text)
			c.waitDiags(u, 1)
			var worst time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				v := int32(i + 2)
				start := time.Now()
				c.change(u, v, in.text+"# edit "+strconv.Itoa(i)+"\n")
				c.waitDiags(u, uint32(v))
				worst = max(worst, time.Since(start))
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
		})
	}
}

// BenchmarkCompletion measures a completion of channel ids in the
// 1,000-touchpoint map, the buffer checked already.
func BenchmarkCompletion(b *testing.B) {
	big := mapYAML(viewtest.Generate(viewtest.Config{Touchpoints: 1000, BackEdges: 0.1}))
	path := filepath.Join(b.TempDir(), "big.yaml")
	c := newClient(b, filepath.Dir(path), Options{})
	lines := strings.Split(big, "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "        channel: ") {
			n = i
		}
	}
	u := c.open(path, big)
	c.waitDiags(u, 1)
	at := protocol.Position{Line: uint32(n), Character: uint32(len("        channel: "))}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if items := c.complete(u, at); len(items) == 0 {
			b.Fatal("no items")
		}
	}
}

// BenchmarkReferences measures find-references of a channel that a
// hundred touchpoints of the 1,000-touchpoint map use.
func BenchmarkReferences(b *testing.B) {
	big := mapYAML(viewtest.Generate(viewtest.Config{Touchpoints: 1000, BackEdges: 0.1}))
	path := filepath.Join(b.TempDir(), "big.yaml")
	c := newClient(b, filepath.Dir(path), Options{})
	lines := strings.Split(big, "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "        channel: ") {
			n = i
		}
	}
	u := c.open(path, big)
	c.waitDiags(u, 1)
	at := protocol.Position{Line: uint32(n), Character: uint32(len("        channel: ") + 1)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got := c.locations(protocol.MethodTextDocumentReferences, u, at); len(got) < 10 {
			b.Fatalf("references: %v", got)
		}
	}
}
