package templates

import (
	"bytes"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/udiff"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
)

// TestValidStrict proves every template is a valid map with zero findings,
// errors and warnings alike (what `cjm validate --strict` accepts).
func TestValidStrict(t *testing.T) {
	list := List()
	if want := len(Names) * 2; len(list) != want {
		t.Fatalf("List() has %d templates, want %d (every name in en and ru)", len(list), want)
	}
	for _, tpl := range list {
		t.Run(tpl.Name+"."+tpl.Lang, func(t *testing.T) {
			res := check.Bytes(tpl.Name+".yaml", tpl.Source, load.Options{Root: "."})
			for _, d := range res.Diags {
				t.Errorf("%v", d)
			}
			if res.Map == nil {
				t.Fatal("no map")
			}
			if res.Map.Lang != tpl.Lang {
				t.Errorf("lang = %q, want %q", res.Map.Lang, tpl.Lang)
			}
			if res.Map.Catalogue || len(res.Map.Stages) == 0 {
				t.Error("template is not a map with stages")
			}
		})
	}
}

// TestShape checks what the task promises of each template: the modeline,
// the stages of the funnel, a committee with per-persona emotion in abm.
func TestShape(t *testing.T) {
	wantStages := map[string][]string{
		"b2b-funnel": {"awareness", "research", "consideration", "evaluation", "decision", "after-sale"},
		"abm":        {"identify", "expand", "engage", "advocate"},
	}
	for _, tpl := range List() {
		t.Run(tpl.Name+"."+tpl.Lang, func(t *testing.T) {
			if first, _, _ := bytes.Cut(tpl.Source, []byte("\n")); string(first) != "# yaml-language-server: $schema=cjm.schema.json" {
				t.Errorf("first line is %q, want the schema modeline", first)
			}
			if n := bytes.Count(tpl.Source, []byte("\n#")) + bytes.Count(tpl.Source, []byte(" # ")); n < 10 {
				t.Errorf("only %d comments; the templates teach the format", n)
			}
			var doc struct {
				Personas []struct{ ID string }
				Stages   []struct {
					ID          string
					Touchpoints []struct {
						Emotion any
					}
				}
			}
			if err := yaml.Unmarshal(tpl.Source, &doc); err != nil {
				t.Fatal(err)
			}
			var ids []string
			perPersona := false
			for _, s := range doc.Stages {
				ids = append(ids, s.ID)
				for _, tp := range s.Touchpoints {
					if _, ok := tp.Emotion.(map[string]any); ok {
						perPersona = true
					}
				}
			}
			if want, ok := wantStages[tpl.Name]; ok && strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Errorf("stages %v, want %v", ids, want)
			}
			if tpl.Name == "abm" && (len(doc.Personas) < 3 || !perPersona) {
				t.Errorf("abm needs a buying committee (%d personas) with per-persona emotion (%v)", len(doc.Personas), perPersona)
			}
		})
	}
}

func TestGet(t *testing.T) {
	for _, tc := range []struct {
		name, lang, wantErr string
	}{
		{"b2b-funnel", "en", ""},
		{"abm", "ru", ""},
		{"saas-onboarding", "ru", ""},
		{"funnel", "en", `unknown template "funnel" (known: b2b-funnel, abm, saas-onboarding)`},
		{"abm", "de", `unknown language "de" (known: en, ru)`},
	} {
		t.Run(tc.name+"."+tc.lang, func(t *testing.T) {
			src, err := Get(tc.name, tc.lang)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || len(src) == 0 {
				t.Fatalf("Get: %v, %d bytes", err, len(src))
			}
		})
	}
}

// TestFormatted: every template is in fmt's canonical layout, so that a
// repository started with `cjm init` passes its first `cjm fmt -l` (issue
// 9 #27).
func TestFormatted(t *testing.T) {
	for _, tpl := range List() {
		t.Run(tpl.Name+"."+tpl.Lang, func(t *testing.T) {
			out, err := yamlfmt.Format(tpl.Source)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, tpl.Source) {
				t.Errorf("not formatted; run cjm fmt -w pkg/templates/files:\n%s",
					udiff.Unified(tpl.Name+".orig", tpl.Name, tpl.Source, out, 1))
			}
		})
	}
}
