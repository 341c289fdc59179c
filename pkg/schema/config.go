package schema

import (
	"bytes"
	"encoding/json"

	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// ConfigFileName is the name the documentation uses for the schema of
// the project configuration: `cjm schema --config > cjm-config.schema.json`.
const ConfigFileName = "cjm-config.schema.json"

// ConfigJSON returns the JSON Schema (draft-07) of the project
// configuration, .cjm.yaml, as indented JSON with a final newline: the
// same bytes on every call.
func ConfigJSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(configDocument()); err != nil {
		return nil // a fixed tree of strings, numbers and slices
	}
	return buf.Bytes()
}

func configDocument() object {
	// Only the rules a configuration may change are allowed under rules.
	var rules object
	for _, r := range validate.Rules {
		if r.Adjustable() {
			rules = append(rules, member{r.Name, described(r.Description, ref("level"))})
		}
	}
	textList := func(desc string, values []string) object {
		item := object{{"type", "string"}}
		if values != nil {
			item = append(item, member{"enum", values})
		}
		return object{{"description", desc}, {"oneOf", []any{
			object{{"type", "array"}, {"items", item}},
			item,
		}}}
	}
	policy := object{
		{"type", "object"},
		{"additionalProperties", false},
		{"properties", object{
			{"preset", enum("A named set of policy rules and their levels (docs/config.md).", config.Presets)},
			{"max-assumed", object{{"description", "The largest share, in percent, of touchpoints with `evidence: assumed` or none; turns on too-many-assumed."}, {"type", "number"}, {"minimum", 0}, {"maximum", 100}}},
			{"max-evidence-age", object{{"description", "The largest age, in days, of a date in a touchpoint's `source`; turns on stale-evidence."}, {"type", "integer"}, {"minimum", 1}, {"maximum", 36500}}},
			{"persona-fields", textList("The persona keys every persona must have; turns on persona-missing-field.", validate.PersonaFields)},
			{"feedback-metrics", textList("The metric ids or names (whole words, any case) that make a touchpoint a feedback touchpoint; turns on no-feedback-touchpoint. Default csat, nps, ces.", nil)},
		}},
	}
	return object{
		{"$schema", "http://json-schema.org/draft-07/schema#"},
		{"title", "cjm project configuration (.cjm.yaml)"},
		{"description", "Rules, policy and render defaults for the journey maps in this directory and below it (https://github.com/cjm-dev/cjm/blob/main/docs/config.md)."},
		{"type", "object"},
		{"additionalProperties", false},
		{"properties", object{
			{"lang", enum("The language of maps that do not set `lang`.", journey.Languages)},
			{"rules", object{
				{"description", "The level of each warning and policy rule: off, warning or error. Errors of the loader and validator are fixed."},
				{"type", "object"},
				{"additionalProperties", false},
				{"properties", rules},
			}},
			{"policy", object{
				{"description", "A preset name (b2b), or the preset and the parameters of the policy rules."},
				{"oneOf", []any{enum("A preset.", config.Presets), policy}},
			}},
			{"render", object{
				{"description", "Defaults of `cjm render` and `render --check` for flags not given."},
				{"type", "object"},
				{"additionalProperties", false},
				{"properties", object{
					{"formats", textList("Output formats (-f).", config.Formats)},
					{"views", textList("Views (--view).", config.Views)},
					{"output", object{{"description", "Output directory (-o), relative to this file's directory."}, {"type", "string"}, {"minLength", 1}, {"not", object{{"const", "-"}}}}},
					{"page-size", enum("Paper of PNG and PDF (--page): auto, a4, a3, letter or tabloid, each but auto also -landscape.", pageSizes())},
					{"theme", object{{"description", "Theme (--theme): a built-in theme, or a theme file relative to this file (docs/themes.md)."}, {"oneOf", []any{
						enum("A built-in theme.", config.Themes),
						object{{"description", "A theme file."}, {"type", "string"}, {"pattern", `\.(yaml|yml|YAML|YML)$`}},
					}}}},
					{"font", textList("Font files (--font), relative to this file: fallback fonts for PNG and PDF.", nil)},
				}},
			}},
		}},
		{"definitions", object{
			{"level", enum("off, warning or error.", ruleset.Levels)},
		}},
	}
}

// pageSizes are the values of render.page-size: each size, and each but
// auto with -landscape.
func pageSizes() []string {
	var out []string
	for _, p := range config.PageSizes {
		out = append(out, p)
		if p != "auto" {
			out = append(out, p+"-landscape")
		}
	}
	return out
}
