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
	ids, explicit := make([]string, len(m.Channels)), make([]string, len(m.Channels))
	for i, ch := range m.Channels {
		ids[i], explicit[i] = ch.ID, ch.Color
	}
	channels := assign(ids, explicit)
	ids, explicit = make([]string, len(m.Owners)), make([]string, len(m.Owners))
	for i, o := range m.Owners {
		ids[i], explicit[i] = o.ID, o.Color
	}
	return &Colors{channels: channels, owners: assign(ids, explicit)}
}

// assign maps each id to its palette.Assign colour; when an id is declared
// twice, the first declaration's colour wins.
func assign(ids, explicit []string) map[string]string {
	out := make(map[string]string, len(ids))
	for i, col := range palette.Assign(ids, explicit) {
		if _, dup := out[ids[i]]; !dup {
			out[ids[i]] = col
		}
	}
	return out
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

// EvidenceMarks show the evidence levels as a scale of three dots, from
// fact (all full) to hypothesis (all empty): readable in grey, and both
// glyphs are in Liberation Sans.
var EvidenceMarks = map[string]string{
	"observed": "●●●",
	"reported": "●●○",
	"inferred": "●○○",
	"assumed":  "○○○",
}

// Badge is how the views show a touchpoint's channel and owner.
type Badge struct {
	ChannelColor string // the channel's colour, palette.Header for none
	ChannelInk   string // the colour of text on ChannelColor
	ChannelName  string // led by the touchpoint's evidence mark, if any
	OwnerColor   string // the owner's colour, "#FFFFFF" for none
	Owner        string // "■ name" for an owner of the map, the bare id for an unknown one, "" for none
}

// Badge returns the badge of t; noChannel names a touchpoint without a
// channel.
func (c *Colors) Badge(ix *journey.Index, t *journey.Touchpoint, noChannel string) Badge {
	bd := Badge{ChannelColor: palette.Header, ChannelName: noChannel, OwnerColor: "#FFFFFF"}
	if ch := ix.Channel(t.Channel); ch != nil {
		bd.ChannelColor, bd.ChannelName = c.Channel(ch), ch.Name
	} else if t.Channel != "" {
		bd.ChannelName = t.Channel
	}
	bd.ChannelInk = palette.TextOn(bd.ChannelColor)
	if e, ok := EvidenceMarks[t.Evidence]; ok {
		bd.ChannelName = e + "  " + bd.ChannelName
	}
	if o := ix.Owner(t.Owner); o != nil {
		bd.OwnerColor, bd.Owner = c.Owner(o), o.Name
	} else if t.Owner != "" {
		bd.Owner = t.Owner
	}
	if bd.Owner != "" && bd.OwnerColor != "#FFFFFF" {
		bd.Owner = "■ " + bd.Owner
	}
	return bd
}
