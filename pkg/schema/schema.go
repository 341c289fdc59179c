package schema

import (
	"bytes"
	"encoding/json"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// FileName is the name the documentation and the templates' modeline use
// for the schema file: `cjm schema > cjm.schema.json`.
const FileName = "cjm.schema.json"

// Modeline is the comment that points yaml-language-server at the schema.
// The path is relative to the journey file, so it works offline and always
// matches the version of cjm that wrote it (docs/editors.md).
const Modeline = "# yaml-language-server: $schema=" + FileName

// IDPattern is the pattern every id must match (format.md).
const IDPattern = "^[a-z0-9][a-z0-9_-]{0,63}$"

// ColorPattern is the pattern of a channel's or owner's colour.
const ColorPattern = "^#[0-9a-fA-F]{6}$"

// JSON returns the schema as indented JSON with a final newline. The bytes
// are the same on every call and every machine.
func JSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(document()); err != nil {
		// The document is a fixed tree of strings, numbers and slices; it
		// always encodes.
		return nil
	}
	return buf.Bytes()
}

// object is a JSON object that keeps its keys in the order written.
type object []member

type member struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(m.value); err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func ref(name string) object { return object{{"$ref", "#/definitions/" + name}} }

func described(desc string, o object) object {
	return append(object{{"description", desc}}, o...)
}

func str(desc string) object {
	return object{{"description", desc}, {"type", "string"}}
}

func strs(desc string) object {
	return object{{"description", desc}, {"type", "array"}, {"items", object{{"type", "string"}}}}
}

func idRef(desc string) object { return described(desc, ref("id")) }

func enum(desc string, values []string) object {
	return object{{"description", desc}, {"type", "string"}, {"enum", values}}
}

// withDefault adds the value the loader fills in when the key is absent;
// editors offer it first.
func withDefault(o object, value string) object { return append(o, member{"default", value}) }

func listOf(desc, def string) object {
	return object{{"description", desc}, {"type", "array"}, {"items", ref(def)}}
}

// element is a mapping with the given required keys and properties, and no
// other keys.
func element(desc string, required []string, props object) object {
	return object{
		{"description", desc},
		{"type", "object"},
		{"required", required},
		{"additionalProperties", false},
		{"properties", props},
	}
}

func document() object {
	return object{
		{"$schema", "http://json-schema.org/draft-07/schema#"},
		{"title", "cjm journey map, format 1"},
		{"description", "A customer journey map kept as code (https://github.com/cjm-dev/cjm). A file with no `stages` key is a catalogue of personas, channels and owners for other maps to include."},
		{"type", "object"},
		{"required", []string{"cjm"}},
		{"additionalProperties", false},
		{"properties", object{
			{"cjm", object{{"description", "Format version; only 1 exists."}, {"type", "integer"}, {"enum", []int{journey.Version}}}},
			{"title", str("The map's title.")},
			{"description", str("Markdown, shown under the title in reports.")},
			{"lang", withDefault(enum("Language of the built-in labels (lane names, legends, report headings). Default en.", journey.Languages), "en")},
			{"scope", withDefault(enum("Which part of the path the map covers: the buyer journey (before the purchase), the customer journey (after it), or both. Default full.", journey.Scopes), "full")},
			{"include", object{
				{"description", "Other journey files whose personas, channels and owners are merged in. Paths are relative to this file and may not leave the root directory."},
				{"type", "array"},
				{"items", object{{"type", "string"}, {"minLength", 1}}},
			}},
			{"measurements", object{
				{"description", "Measurement files of dated metric values: CSV with the header metric,date,value (and optionally note), or a JSON array of {metric, date, value, note}. Paths are relative to this file and may not leave the root directory. A metric's latest measurement is its current value."},
				{"type", "array"},
				{"items", object{{"type", "string"}, {"minLength", 1}, {"pattern", `\.([cC][sS][vV]|[jJ][sS][oO][nN])$`}}},
			}},
			{"personas", listOf("Who travels the path. B2B maps often have several: a buying committee.", "persona")},
			{"channels", listOf("The catalogue of channels a touchpoint may use.", "channel")},
			{"owners", listOf("Teams that own touchpoints (marketing, sales, customer service …).", "owner")},
			{"stages", object{
				{"description", "The phases of the path, in order. Without this key the file is a catalogue."},
				{"type", "array"},
				{"minItems", 1},
				{"items", ref("stage")},
			}},
			{"transitions", listOf("Non-linear moves between stages (going back, skipping ahead).", "transition")},
		}},
		// A map (a file with stages) needs a title; a catalogue does not.
		{"if", object{{"required", []string{"stages"}}}},
		{"then", object{{"required", []string{"title"}}}},
		{"definitions", definitions()},
	}
}

func definitions() object {
	emotionValue := object{{"type", "number"}, {"minimum", -2}, {"maximum", 2}}
	return object{
		{"id", object{
			{"description", "An ASCII slug: lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters."},
			{"type", "string"},
			{"pattern", IDPattern},
		}},
		{"color", object{
			{"description", "A colour as #rrggbb; without it a stable colour from the palette is used."},
			{"type", "string"},
			{"pattern", ColorPattern},
		}},
		{"emotion", object{
			{"description", "-2 very negative … 0 neutral … +2 delight; or a mapping persona id → value, one per member of a buying committee."},
			{"oneOf", []any{
				emotionValue,
				object{
					{"type", "object"},
					{"minProperties", 1},
					{"propertyNames", ref("id")},
					{"additionalProperties", emotionValue},
				},
			}},
		}},
		{"persona", element("Someone who travels the path.", []string{"id", "name"}, object{
			{"id", idRef("Unique among personas.")},
			{"name", str("The persona's name.")},
			{"role", str("Decision maker, user, influencer …")},
			{"goals", strs("What the persona wants.")},
			{"needs", strs("What the persona needs.")},
			{"pains", strs("What troubles the persona.")},
			{"quote", str("A typical quote, in the persona's words.")},
		})},
		{"channel", element("Where a touchpoint happens.", []string{"id", "name"}, object{
			{"id", idRef("Unique among channels.")},
			{"name", str("The channel's name.")},
			{"kind", withDefault(enum("digital, human or physical. Default digital.", journey.ChannelKinds), "digital")},
			{"color", described("Colour of the channel in diagrams.", ref("color"))},
		})},
		{"owner", element("A team responsible for touchpoints.", []string{"id", "name"}, object{
			{"id", idRef("Unique among owners.")},
			{"name", str("The team's name.")},
			{"color", described("Colour of the owner in diagrams.", ref("color"))},
		})},
		{"stage", element("A phase of the path: a column of the map.", []string{"id", "name"}, object{
			{"id", idRef("Unique among stages.")},
			{"name", str("The stage's name.")},
			{"phase", enum("Which side of the purchase the stage is on: buying (buyer journey) or using (customer journey).", journey.Phases)},
			{"goal", str("What the customer wants to achieve in this stage.")},
			{"actions", strs("What the customer does.")},
			{"thoughts", strs("What the customer thinks, in their words.")},
			{"feelings", strs("What the customer feels.")},
			{"emotion", described("How the stage feels overall; when absent, the mean of its touchpoints' emotion.", ref("emotion"))},
			{"metrics", listOf("The KPIs watched in this stage.", "metric")},
			{"opportunities", strs("What could be improved.")},
			{"strategies", strs("The supplier's tactics for this stage.")},
			{"touchpoints", listOf("Moments of contact in this stage, in order.", "touchpoint")},
		})},
		{"touchpoint", element("A moment of contact between the customer and the company.", []string{"id", "name"}, object{
			{"id", idRef("Unique among touchpoints of the map.")},
			{"name", str("The touchpoint's name.")},
			{"channel", idRef("The id of the channel where the contact happens.")},
			{"owner", idRef("The id of the team responsible.")},
			{"personas", object{
				{"description", "Ids of the personas who meet this touchpoint; default: every persona."},
				{"type", "array"},
				{"items", ref("id")},
			}},
			{"interactions", strs("What the customer concretely does here.")},
			{"emotion", described("How the touchpoint feels: a number in [-2, 2], or persona id → number.", ref("emotion"))},
			{"pains", strs("What goes wrong here (pain points).")},
			{"delights", strs("What pleases here.")},
			{"moment_of_truth", object{
				{"description", "A moment that decides whether the customer stays or leaves: true, or a string that says why."},
				{"oneOf", []any{
					object{{"type", "boolean"}, {"enum", []bool{true}}},
					object{{"type", "string"}},
				}},
			}},
			{"next", object{
				{"description", "Ids of the touchpoints that can follow this one, in any stage, backwards too."},
				{"type", "array"},
				{"items", ref("id")},
			}},
			{"backstage", strs("What the company does out of the customer's sight to deliver this touchpoint.")},
			{"evidence", enum("How well the touchpoint is backed by research.", journey.EvidenceKinds)},
			{"source", str("Where the evidence comes from (interview, analytics report, URL).")},
			{"metrics", listOf("Measures of this touchpoint itself (CSAT, CES, response time …).", "metric")},
			{"notes", str("Free text.")},
		})},
		{"metric", element("A KPI or a measure.", []string{"id", "name"}, object{
			{"id", idRef("The metric's id.")},
			{"name", str("The metric's name.")},
			{"value", object{{"description", "The measured value."}, {"type", "number"}}},
			{"target", object{{"description", "The value aimed at."}, {"type", "number"}}},
			{"unit", str("The unit of value and target.")},
			{"better", withDefault(enum("Which direction is better: higher (default) or lower (a sales cycle's length).", journey.Directions), "higher")},
		})},
		{"transition", element("A non-linear move between stages; to an earlier stage it is a step back.", []string{"from", "to"}, object{
			{"from", idRef("The id of the stage the move starts from.")},
			{"to", idRef("The id of the stage the move goes to.")},
			{"label", str("Why the move happens.")},
		})},
	}
}
