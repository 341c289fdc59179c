package mermaid

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/report/reporttest"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// drawPage draws one diagram with Mermaid's browser bundle, the way GitHub
// and GitLab draw a ```mermaid block, and lists the texts of the drawing.
const drawPage = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre class="mermaid" id="d">%s</pre>
<script src="%s"></script>
<script>
const report = (s) => { const p = document.createElement("pre"); p.id = "probe"; p.textContent = s; document.body.appendChild(p); };
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
mermaid.run({ querySelector: "#d" }).then(() => {
  const svg = document.querySelector("#d svg");
  report(JSON.stringify([...svg.querySelectorAll("text")].map((e) => e.textContent)));
}).catch((e) => report("ERROR " + e));
</script></body></html>`

// TestMermaidDrawsInChromium draws the hostile diagram with Mermaid in
// headless Chromium and checks that the drawing shows every label exactly
// as written: the entity codes come back as the characters.
func TestMermaidDrawsInChromium(t *testing.T) {
	chromium := os.Getenv("CJM_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testtool.Missing(t, chromium+" is absent (apt-get install chromium, or set CJM_CHROMIUM): the Mermaid drawing check cannot run")
	}
	bundle := filepath.Join(reporttest.RepoRoot(t), "testdata", "mermaid", "node_modules", "mermaid", "dist", "mermaid.min.js")
	if _, err := os.Stat(bundle); err != nil {
		testtool.Missing(t, "testdata/mermaid/node_modules is absent: run `make mermaid-deps` to enable the Mermaid drawing check")
	}
	m := reporttest.HostileMap()
	mmd, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "draw.html")
	doc := []byte(fmtPage(html.EscapeString(string(mmd)), "file://"+bundle))
	if err := os.WriteFile(page, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--virtual-time-budget=15000",
		"--dump-dom", "file://"+page)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	match := regexp.MustCompile(`(?s)<pre id="probe">(.*?)</pre>`).FindSubmatch(out.Bytes())
	if match == nil {
		t.Fatalf("Mermaid did not finish drawing; DOM:\n%.3000s", out.String())
	}
	probe := html.UnescapeString(string(match[1]))
	var texts []string
	if err := json.Unmarshal([]byte(probe), &texts); err != nil {
		t.Fatalf("Mermaid failed: %s", probe)
	}
	shown := map[string]bool{}
	for _, s := range texts {
		shown[s] = true
	}
	want := []string{norm(m.Title)}
	for _, s := range m.Stages {
		want = append(want, norm(s.Name))
		for _, tp := range s.Touchpoints {
			want = append(want, norm(tp.Name))
		}
	}
	for _, w := range want {
		if !shown[w] {
			t.Errorf("the drawing does not show %q; it shows %q", w, texts)
		}
	}
}

func fmtPage(mmd, bundle string) string {
	return fmt.Sprintf(drawPage, mmd, bundle)
}
