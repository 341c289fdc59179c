package html

import (
	_ "embed"
	"encoding/base64"
	"html/template"
	"strings"
)

// Brand is a theme's marks on the report (docs/themes.md): pkg/render
// fills it from the theme. The logo goes in the header, the font family
// in front of the report's own, the footer and the confidentiality line at
// the bottom of the page.
type Brand struct {
	// LogoMIME is image/svg+xml or image/png; Logo the file, embedded as a
	// data: URI (the report's Content-Security-Policy allows img-src data:).
	LogoMIME string
	Logo     []byte
	// Font is a comma-separated list of font families (pkg/theme checks
	// it holds letters, digits, spaces and - _ . ' only).
	Font         string
	Footer       string
	Confidential string
}

//go:embed brand.html.tmpl
var brandSource string

var _ = template.Must(page.Parse(brandSource))

// brandData is Brand as the templates take it.
type brandData struct {
	Logo                 template.URL
	Font                 template.CSS
	Footer, Confidential string
}

func (b *Brand) data() *brandData {
	if b == nil {
		return nil
	}
	d := &brandData{Footer: b.Footer, Confidential: b.Confidential}
	if len(b.Logo) > 0 && (b.LogoMIME == "image/svg+xml" || b.LogoMIME == "image/png") {
		d.Logo = template.URL("data:" + b.LogoMIME + ";base64," + base64.StdEncoding.EncodeToString(b.Logo))
	}
	if b.Font != "" {
		var fams []string
		for _, f := range strings.Split(b.Font, ",") {
			if f = strings.TrimSpace(f); f != "" && !strings.ContainsAny(f, `'"\;{}<>`) {
				fams = append(fams, "'"+f+"'")
			}
		}
		if len(fams) > 0 {
			d.Font = template.CSS(strings.Join(fams, ", ") + `, "Liberation Sans", Arial, Helvetica, sans-serif`)
		}
	}
	return d
}
