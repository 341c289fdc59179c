// Package i18n holds the built-in labels of every output (lane names,
// legends, report headings) in the languages a map's `lang` may name.
//
// The terms both the diagrams and the reports use are one glossary
// (glossary.go: one term per concept per language); the labels only one
// kind of output shows live in a table of its own (view.go, report.go). T
// looks a key up in all of them. Numbers are written by Number and
// Quantity (number.go), one formatter per language for every output.
package i18n

// Default is the language used when a map names none, and the fallback for
// a key missing in another language.
const Default = "en"

// tables lists every label table: language -> key -> label.
var tables = []map[string]map[string]string{glossary, viewLabels, reportLabels, workbookLabels}

// T returns the label for key in lang, falling back to English and then to
// the key itself, so a missing label shows up plainly rather than as "".
func T(lang, key string) string {
	for _, t := range tables {
		if s, ok := t[lang][key]; ok {
			return s
		}
	}
	if lang != Default {
		return T(Default, key)
	}
	return key
}
