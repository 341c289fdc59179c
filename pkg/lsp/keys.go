package lsp

import (
	"encoding/json"
	"sync"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/schema"
)

// element names the kinds of mapping a journey file holds, as the schema's
// definitions name them ("" is the top level).
var elementKeys = map[string][]string{
	"":             load.MapKeys,
	kindPersona:    load.PersonaKeys,
	kindChannel:    load.ChannelKeys,
	kindOwner:      load.OwnerKeys,
	kindStage:      load.StageKeys,
	kindTouchpoint: load.TouchpointKeys,
	kindMetric:     load.MetricKeys,
	"transition":   load.TransitionKeys,
}

// elementOf names the element the items of a list key hold.
func elementOf(listKey string) (string, bool) {
	switch listKey {
	case "personas":
		return kindPersona, true
	case "channels":
		return kindChannel, true
	case "owners":
		return kindOwner, true
	case "stages":
		return kindStage, true
	case "touchpoints":
		return kindTouchpoint, true
	case "metrics":
		return kindMetric, true
	case "transitions":
		return "transition", true
	}
	return "", false
}

// refKind is the kind of id the value of key names ("" none).
func refKind(key string) string {
	switch key {
	case "channel":
		return kindChannel
	case "owner":
		return kindOwner
	case "personas":
		return kindPersona
	case "next":
		return kindTouchpoint
	case "from", "to":
		return kindStage
	}
	return ""
}

// enumValues are the values a key allows, for completion.
func enumValues(element, key string) []string {
	switch key {
	case "lang":
		return journey.Languages
	case "scope":
		return journey.Scopes
	case "phase":
		return journey.Phases
	case "kind":
		return journey.ChannelKinds
	case "evidence":
		return journey.EvidenceKinds
	case "better":
		return journey.Directions
	case "cjm":
		return []string{"1"}
	case "moment_of_truth":
		return []string{"true"}
	case "emotion":
		return []string{"-2", "-1", "0", "1", "2"}
	}
	return nil
}

var (
	descOnce sync.Once
	descs    map[string]map[string]string // element -> key -> description
)

// describeKey returns the schema's description of key in element.
func describeKey(element, key string) string {
	descOnce.Do(func() {
		descs = map[string]map[string]string{}
		var doc struct {
			Properties  map[string]struct{ Description string }
			Definitions map[string]struct {
				Description string
				Properties  map[string]struct{ Description string }
			}
		}
		if json.Unmarshal(schema.JSON(), &doc) != nil {
			return
		}
		add := func(el string, props map[string]struct{ Description string }) {
			descs[el] = map[string]string{}
			for k, v := range props {
				descs[el][k] = v.Description
			}
		}
		add("", doc.Properties)
		for name, d := range doc.Definitions {
			add(name, d.Properties)
			if descs["$"+name] == nil {
				descs["$"+name] = map[string]string{"": d.Description}
			}
		}
	})
	return descs[element][key]
}

// definitionDescription is the schema's description of a definition
// ("emotion": the scale).
func definitionDescription(name string) string {
	describeKey("", "")
	return descs["$"+name][""]
}
