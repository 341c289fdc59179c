package templates

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

//go:embed files/*.yaml
var files embed.FS

// Names of the templates, in the order `cjm init --help` lists them.
var Names = []string{"b2b-funnel", "abm", "saas-onboarding"}

// Template is one starting map in one language.
type Template struct {
	Name   string
	Lang   string
	Source []byte
}

// Get returns the template name in lang. An unknown name or language is an
// error that lists the known ones.
func Get(name, lang string) ([]byte, error) {
	if !slices.Contains(Names, name) {
		return nil, fmt.Errorf("unknown template %q (known: %s)", name, strings.Join(Names, ", "))
	}
	if !slices.Contains(journey.Languages, lang) {
		return nil, fmt.Errorf("unknown language %q (known: %s)", lang, strings.Join(journey.Languages, ", "))
	}
	src, err := files.ReadFile("files/" + name + "." + lang + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("template %s has no %s version", name, lang)
	}
	return src, nil
}

// List returns every template in every language, in Names order and then
// journey.Languages order.
func List() []Template {
	var out []Template
	for _, name := range Names {
		for _, lang := range journey.Languages {
			if src, err := Get(name, lang); err == nil {
				out = append(out, Template{Name: name, Lang: lang, Source: src})
			}
		}
	}
	return out
}
