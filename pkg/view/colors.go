package view

import (
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
)

// Colors are the colours of one map's channels and owners: distinct within
// the map as far as the palette allows (palette.Assign), the same in every
// view of the map.
type Colors struct {
	channels map[string]string
	owners   map[string]string
}

// NewColors assigns the colours of m's channels and owners.
func NewColors(m *journey.Map) *Colors {
	c := &Colors{channels: map[string]string{}, owners: map[string]string{}}
	ids, explicit := make([]string, len(m.Channels)), make([]string, len(m.Channels))
	for i, ch := range m.Channels {
		ids[i], explicit[i] = ch.ID, ch.Color
	}
	for i, col := range palette.Assign(ids, explicit) {
		if _, dup := c.channels[ids[i]]; !dup {
			c.channels[ids[i]] = col
		}
	}
	ids, explicit = make([]string, len(m.Owners)), make([]string, len(m.Owners))
	for i, o := range m.Owners {
		ids[i], explicit[i] = o.ID, o.Color
	}
	for i, col := range palette.Assign(ids, explicit) {
		if _, dup := c.owners[ids[i]]; !dup {
			c.owners[ids[i]] = col
		}
	}
	return c
}

// Channel returns the colour of a channel of the map.
func (c *Colors) Channel(ch *journey.Channel) string {
	if col, ok := c.channels[ch.ID]; ok {
		return col
	}
	return palette.Stable(ch.ID, ch.Color)
}

// Owner returns the colour of an owner of the map.
func (c *Colors) Owner(o *journey.Owner) string {
	if col, ok := c.owners[o.ID]; ok {
		return col
	}
	return palette.Stable(o.ID, o.Color)
}
