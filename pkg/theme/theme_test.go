package theme

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/palette"
)

const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#0B3D91"/></svg>`

// dir returns a directory holding the files of a test theme.
func dir(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x00\x40\x08\x06\x00\x00\x00")
	for name, data := range map[string][]byte{
		"logo.svg":   []byte(logoSVG),
		"logo.png":   png,
		"nosize.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`),
		"html.svg":   []byte(`<html><body/></html>`),
		"fake.png":   []byte("GIF89a"),
		"huge.png":   []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x06\x00\x00\x00"),
	} {
		if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func findings(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d ", d.Range.Start.Line, d.Range.Start.Column)+d.Severity.String()+" "+d.Rule+": "+d.Message)
	}
	return out
}

// Every mistake in a theme file is reported at its line and column.
func TestErrors(t *testing.T) {
	d := dir(t)
	for _, tc := range []struct {
		name, src string
		want      []string // "line:col rule" and a part of the message
	}{
		{"unknown key", "colours: [\"#0B3D91\"]\n", []string{"1:1 error unknown-key: unknown key `colours` in a theme; did you mean `colors`?"}},
		{"repeated key", "footer: a\nfooter: b\n", []string{"2:1 error duplicate-key"}},
		{"not a mapping", "- a\n", []string{"1:1 error wrong-type: a theme must be a mapping"}},
		{"empty", "\n", []string{"1:1 error empty-file"}},
		{"syntax", "footer: [a\n", []string{"yaml-syntax"}},
		{"bad colour", "colors:\n  - \"#0B3D91\"\n  - navy\n", []string{"3:5 error bad-color: a brand colour must be a hex colour"}},
		{"colour not text", "colors: [[1]]\n", []string{"1:10 error wrong-type"}},
		{"bad base", "base: dark\n", []string{"1:7 error bad-enum: `base: dark` is not allowed; use one of `default`, `print`"}},
		{"print and brand", "base: print\ncolors: [\"#0B3D91\"]\n", []string{"2:10 error bad-enum: `colors` and `base: print`"}},
		{"logo missing", "logo: nope.svg\n", []string{"1:7 error read-error: the logo nope.svg: cannot read"}},
		{"logo type", "logo: logo.gif\n", []string{"1:7 error bad-enum: `logo: logo.gif` must be an .svg or a .png"}},
		{"logo no size", "logo: nosize.svg\n", []string{"1:7 error bad-enum: the logo nosize.svg: the SVG gives no size"}},
		{"logo not svg", "logo: html.svg\n", []string{"1:7 error bad-enum: the logo html.svg: not an SVG file (it starts with <html>)"}},
		{"logo not png", "logo: fake.png\n", []string{"1:7 error bad-enum: the logo fake.png: not a PNG file"}},
		{"logo too large", "logo: huge.png\n", []string{"1:7 error bad-enum: the logo huge.png: the PNG is 100000 × 100000 pixels"}},
		{"font characters", "font: 'Inter; x:expression()'\n", []string{"1:7 error bad-enum: `font` may hold letters"}},
		{"font empty", "font: ' '\n", []string{"1:7 error missing-key"}},
		{"footer not text", "footer: {a: 1}\n", []string{"1:9 error wrong-type: `footer` must be a text"}},
		{"alias", "footer: &a x\nconfidential: *a\n", []string{"1:9 error yaml-alias", "2:15 error yaml-alias"}},
		{"brand too light", "colors: [\"#0B3D91\", \"#FFEE00\"]\n", []string{"1:21 warning brand-color: brand colour left out of the palette: #FFEE00 stands out from the white page"}},
		{"brand too near", "colors:\n  - \"#0B3D91\"\n  - \"#0D4096\"\n", []string{"3:5 warning brand-color: brand colour left out of the palette: #0D4096 is 1 ΔE (CIEDE2000) from the brand colour #0B3D91"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th, ds := Bytes(filepath.Join(d, "t.yaml"), []byte(tc.src))
			got := findings(ds)
			if len(got) != len(tc.want) {
				t.Fatalf("findings:\n%s\nwant %d", strings.Join(got, "\n"), len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("finding %q\nwant it to hold %q", got[i], w)
				}
			}
			if ds.HasErrors() != (th == nil) {
				t.Errorf("errors %v but theme %v", ds.HasErrors(), th)
			}
		})
	}
}

// A full theme gives every field; the logo keeps its aspect at LogoHeight.
func TestFull(t *testing.T) {
	d := dir(t)
	src := "colors: [\"#0B3D91\", \"#B5121B\"]\nlogo: logo.svg\nfont: ' Inter ,  Arial'\nfooter: Prepared by N for A\nconfidential: Confidential\n"
	th, ds := Bytes(filepath.Join(d, "t.yaml"), []byte(src))
	if len(ds) > 0 || th == nil {
		t.Fatalf("findings %v", findings(ds))
	}
	if th.Font != "Inter,Arial" || th.Footer != "Prepared by N for A" || th.Confidential != "Confidential" {
		t.Errorf("theme %+v", th)
	}
	if th.Logo == nil || th.Logo.MIME != "image/svg+xml" || th.Logo.Width != 108 || th.Logo.Height != 36 || string(th.Logo.Data) != logoSVG {
		t.Errorf("logo %+v", th.Logo)
	}
	if !slices.Equal(th.Scheme.Set[:3], []string{"#0B3D91", "#B5121B", palette.Set[0]}) {
		t.Errorf("scheme starts %v", th.Scheme.Set[:3])
	}
	// A wide PNG is bounded by LogoMaxWidth: 256×64 gives 144×36.
	th, _ = Bytes(filepath.Join(d, "t.yaml"), []byte("logo: logo.png\n"))
	if th.Logo.MIME != "image/png" || th.Logo.Width != 144 || th.Logo.Height != 36 {
		t.Errorf("png logo %+v", th.Logo)
	}
}

// Load takes a built-in name or a file relative to dir.
func TestLoad(t *testing.T) {
	if th, ds, _ := Load("default", "", 0); th != nil || ds != nil {
		t.Errorf("default: %v %v", th, ds)
	}
	th, _, _ := Load("print", "", 0)
	if th == nil || !th.Scheme.Greyscale || !slices.Equal(th.Scheme.Set, palette.Print) {
		t.Errorf("print: %+v", th)
	}
	th, ds, _ := Load("../../examples/themes/acme.yaml", ".", 0)
	if th == nil || len(ds) > 0 || th.Logo == nil {
		t.Fatalf("acme: %+v %v", th, findings(ds))
	}
	if _, ds, _ := Load("missing.yaml", t.TempDir(), 0); !ds.HasErrors() {
		t.Error("a missing file loaded")
	}
}

// The configuration accepts the built-in names (and file paths).
func TestConfigNames(t *testing.T) {
	if !slices.Equal(config.Themes, Names) {
		t.Errorf("config.Themes %v, theme.Names %v", config.Themes, Names)
	}
}
