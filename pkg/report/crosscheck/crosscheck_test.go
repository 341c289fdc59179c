package crosscheck

import (
	"context"
	stdhtml "html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/html"
	"github.com/cjm-dev/cjm/pkg/report/markdown"
	"github.com/cjm-dev/cjm/pkg/report/outline"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/flowview"
	"github.com/cjm-dev/cjm/pkg/view/mapview"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// dotLabels maps each DOT node id to its label, with the line ends the
// views write (\l) turned back into spaces and DOT's escapes undone.
func dotLabels(dot []byte) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`id="([^"]*)"[^\n]*?label="((?:[^"\\]|\\.)*)"`)
	for _, m := range re.FindAllSubmatch(dot, -1) {
		l := string(m[2])
		l = strings.NewReplacer(`\l`, " ", `\n`, " ", `\"`, `"`, `\\`, `\`, "&amp;", "&").Replace(l)
		out[string(m[1])] = spaced(l)
	}
	return out
}

// spaced is s with its runs of spaces (U+0020, not the no-break spaces in
// numbers) as one, as a wrapped label reads.
func spaced(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

func TestOutputsAgree(t *testing.T) {
	files, _ := filepath.Glob("../../../examples/[^.]*.yaml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	maps := map[string]func(t *testing.T) *journey.Map{
		// A map with every field, and one whose every label is hostile.
		"full":    func(*testing.T) *journey.Map { return reporttest.FullMap() },
		"hostile": func(*testing.T) *journey.Map { return reporttest.HostileMap() },
	}
	for _, f := range files {
		maps[strings.TrimSuffix(filepath.Base(f), ".yaml")] = func(t *testing.T) *journey.Map { return viewtest.Load(t, f) }
	}
	for name, load := range maps {
		t.Run(name, func(t *testing.T) {
			m := load(t)
			opts := view.Options{IDPrefix: name}
			mapDOT, err := mapview.Build(m, opts)
			if err != nil {
				t.Fatal(err)
			}
			// Each view has its own prefix, as pkg/render.IDPrefix gives it.
			flowDOT, err := flowview.Build(context.Background(), m, view.Options{IDPrefix: name + "-flow"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			md, err := markdown.Render(m, markdown.Options{})
			if err != nil {
				t.Fatal(err)
			}
			page, err := html.Render(m, html.Options{})
			if err != nil {
				t.Fatal(err)
			}
			mapL, flowL := dotLabels(mapDOT), dotLabels(flowDOT)
			// The HTML is compared as a reader sees it: entities decoded.
			mdS, htmlS := string(md), stdhtml.UnescapeString(string(page))
			r := outline.Build(m)

			// Every touchpoint has the same number in every output.
			for _, tp := range r.Inventory {
				if l := mapL[name+"-tp-"+tp.ID+"-name"]; !strings.HasPrefix(l, tp.Ref+" ") {
					t.Errorf("map: %s is %q, want it numbered %s", tp.ID, l, tp.Ref)
				}
				if l := flowL[name+"-flow-tp-"+tp.ID+"-name"]; !strings.HasPrefix(l, tp.Ref+" ") {
					t.Errorf("flow: %s is %q, want it numbered %s", tp.ID, l, tp.Ref)
				}
				for _, want := range []string{"#### " + tp.Ref + " " + markdown.EscapeLine(tp.Name), "| " + tp.Ref + " | "} {
					if !strings.Contains(mdS, want) {
						t.Errorf("md: no %q", want)
					}
				}
				for _, want := range []string{`<span class="num">` + tp.Ref + `</span> ` + tp.Name, `<td class="n">` + tp.Ref + `</td>`} {
					if !strings.Contains(htmlS, want) {
						t.Errorf("html: no %q", want)
					}
				}
			}

			// Every metric has the same value and status in every output.
			lang := r.Lang
			for si, st := range r.Stages {
				var kpis []outline.KPI
				kpis = append(kpis, st.Metrics...)
				for _, tp := range st.Touchpoints {
					kpis = append(kpis, tp.Metrics...)
				}
				// The map's KPI cell of the stage: its text, and its ▲/▼ in order.
				prefix := name + "-cell-kpis-" + m.Stages[si].ID + "-"
				var cell []string
				var marks, wantMarks string
				for i := 1; ; i++ {
					found := false
					for _, part := range []string{"", "-2"} {
						id := prefix + strconv.Itoa(i) + part
						if l, ok := mapL[id]; ok {
							found = true
							cell = append(cell, l)
						}
						if l, ok := mapL[id+"-bullet"]; ok {
							found = true
							if l == i18n.MarkOn || l == i18n.MarkOff {
								marks += l
							}
						}
					}
					if !found {
						break
					}
				}
				cellText := strings.Join(cell, " ")
				for _, k := range kpis {
					wantMarks += k.Mark()
					status := ""
					if k.StatusKey() != "" {
						status = k.Mark() + " " + i18n.T(lang, k.StatusKey())
					}
					// The map writes the value, then the target named by the
					// glossary's term: "2,1 % · цель 3 %".
					const nbsp = "\u00a0"
					target := ""
					if k.TargetText != "" {
						term := []rune(i18n.T(lang, "report.target"))
						target = strings.ToLower(string(term[:1])) + string(term[1:]) + nbsp + k.TargetText
					}
					want := k.ValueText
					switch {
					case k.ValueText != "" && target != "":
						want = k.ValueText + nbsp + "· " + target
					case target != "":
						want = "—" + nbsp + "· " + target
					}
					// The map joins a quantity's words (its unit's too) with
					// no-break spaces: compare with every space as one.
					nb := func(s string) string { return strings.ReplaceAll(s, " ", nbsp) }
					if want != "" && !strings.Contains(nb(cellText), nb(spaced(want))) {
						t.Errorf("map: %s: no %q in the KPI cell %q", k.Name, want, cellText)
					}
					row := "| " + markdown.Escape(k.Stage) + " | "
					if k.Ref != "" {
						row += k.Ref + " "
					}
					row += markdown.Escape(k.Touchpoint) + " | " + markdown.Escape(k.Name) + " | " +
						markdown.Escape(k.ValueText) + " | " + markdown.Escape(k.TargetText) + " | " +
						markdown.EscapeLine(i18n.T(lang, k.DirectionKey())) + " | " + status + " |"
					if !strings.Contains(mdS, row) {
						t.Errorf("md: no KPI row %q", row)
					}
					cells := `<td class="n">` + k.ValueText + `</td><td class="n">` + k.TargetText + `</td><td>` +
						i18n.T(lang, k.DirectionKey()) + `</td><td>` + status + `</td></tr>`
					if !strings.Contains(htmlS, k.Name+"</td>"+cells) {
						t.Errorf("html: no KPI row ending %q", cells)
					}
				}
				if marks != wantMarks {
					t.Errorf("map: stage %s shows %q, the reports %q", st.Name, marks, wantMarks)
				}
			}
			if len(r.Inventory) == 0 || len(r.KPIs) == 0 {
				t.Errorf("%d touchpoints and %d KPIs: nothing to compare", len(r.Inventory), len(r.KPIs))
			}
			t.Logf("%d touchpoints and %d KPIs agree", len(r.Inventory), len(r.KPIs))
			// The legend says what ▲ and ▼ mean in the reports' words.
			for _, k := range r.KPIs {
				if k.StatusKey() == "" {
					continue
				}
				term := i18n.T(lang, k.StatusKey())
				if mapL[name+"-legend-kpi-"+strings.TrimPrefix(k.StatusKey(), "kpi.")] != term {
					t.Errorf("map legend: %s is not %q", k.Mark(), term)
				}
			}
		})
	}
}
