package view

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// ErrUnknownPersona is returned (wrapped, with the map's persona ids) for
// an Options.Personas id the map does not declare.
var ErrUnknownPersona = errors.New("unknown persona")

// CheckPersonas returns an error wrapping ErrUnknownPersona when some id
// is not a persona of m; the message names the ids m has.
func CheckPersonas(m *journey.Map, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	known := make([]string, 0, len(m.Personas))
	has := map[string]bool{}
	for _, p := range m.Personas {
		known = append(known, p.ID)
		has[p.ID] = true
	}
	var bad []string
	for _, id := range ids {
		if !has[id] {
			bad = append(bad, fmt.Sprintf("%q", id))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	if len(known) == 0 {
		return fmt.Errorf("%w %s: the map has no personas", ErrUnknownPersona, strings.Join(bad, ", "))
	}
	return fmt.Errorf("%w %s: the map's personas are %s", ErrUnknownPersona, strings.Join(bad, ", "), strings.Join(known, ", "))
}
