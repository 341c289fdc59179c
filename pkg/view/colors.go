package view

import (
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
)

// Colors are the colours of one map's channels, owners and personas,
// assigned in one pass over all three (palette.Assign: any two at least
// ΔE 20 apart while the palette allows), the same in every view of the
// map.
type Colors struct {
	channels map[string]string
	owners   map[string]string
	personas map[string]string
}

// NewColors assigns the colours of m's channels, owners and personas in
// one pass over what the views draw: the channels and owners some
// touchpoint uses, then the personas, in source order. A channel or owner
// no touchpoint uses (an included catalogue may hold many) is never drawn
// and takes no colour from the others: it gets palette.Stable's.
func NewColors(m *journey.Map) *Colors { return newColors(m, palette.Scheme{}) }

// newColors is NewColors with the colours drawn from scheme.
func newColors(m *journey.Map, scheme palette.Scheme) *Colors {
	usedCh, usedOw := map[string]bool{}, map[string]bool{}
	for _, t := range m.Touchpoints() {
		usedCh[t.Channel], usedOw[t.Owner] = true, true
	}
	c := &Colors{
		channels: make(map[string]string, len(m.Channels)),
		owners:   make(map[string]string, len(m.Owners)),
		personas: make(map[string]string, len(m.Personas)),
	}
	var es []palette.Entry
	var to []map[string]string
	add := func(dst map[string]string, kind, id, explicit string) {
		if _, dup := dst[id]; dup {
			return // declared twice: the first declaration's colour wins
		}
		dst[id] = palette.Stable(id, explicit)
		es = append(es, palette.Entry{Kind: kind, ID: id, Explicit: explicit})
		to = append(to, dst)
	}
	for _, ch := range m.Channels {
		if usedCh[ch.ID] {
			add(c.channels, "channel", ch.ID, ch.Color)
		}
	}
	for _, o := range m.Owners {
		if usedOw[o.ID] {
			add(c.owners, "owner", o.ID, o.Color)
		}
	}
	for _, p := range m.Personas {
		add(c.personas, "persona", p.ID, "")
	}
	for i, col := range scheme.Assign(es) {
		to[i][es[i].ID] = col
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

// Persona returns the colour of a persona of the map (its emotion curve,
// markers and chip).
func (c *Colors) Persona(p *journey.Persona) string {
	if col, ok := c.personas[p.ID]; ok {
		return col
	}
	return palette.Stable(p.ID, "")
}

// Drawn returns the colours the views draw, with their kinds ("channel",
// "owner", "persona"): of the channels and owners some touchpoint uses, and
// of every persona.
func (c *Colors) Drawn(m *journey.Map) (colors, kinds []string) {
	ix := journey.NewIndex(m)
	seen := map[string]bool{}
	for _, t := range m.Touchpoints() {
		if ch := ix.Channel(t.Channel); ch != nil && !seen["c"+ch.ID] {
			seen["c"+ch.ID] = true
			colors, kinds = append(colors, c.Channel(ch)), append(kinds, "channel")
		}
		if o := ix.Owner(t.Owner); o != nil && !seen["o"+o.ID] {
			seen["o"+o.ID] = true
			colors, kinds = append(colors, c.Owner(o)), append(kinds, "owner")
		}
	}
	for _, p := range m.Personas {
		colors, kinds = append(colors, c.Persona(p)), append(kinds, "persona")
	}
	return colors, kinds
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

// MomentBorder and MomentPen frame a moment of truth's card in both views:
// 1.5 pt of dark amber (contrast 6:1 on white) beside the ★, which carries
// the meaning in grey (issue 10: the heavy black frames drew the eye before
// the pains and opportunities).
const (
	MomentBorder = "#8A5A00"
	MomentPen    = "1.5"
)

// EvidenceLegendStyle is the style of the evidence dots in the legends of
// the map and flow views: 8.5 pt, so they stay at 7 pt or more on paper
// when an A3 page scales the drawing down to 0.85 (issue 10: at 6.5 pt they
// were the only text under 7 pt on the examples' A3 prints).
var EvidenceLegendStyle = Style{Size: 8.5, Color: palette.Text}

// OwnerMark is drawn in the owner's colour before the owner's name (the
// name itself is in the text colour, legible whatever the colour).
const OwnerMark = "■"

// Badge is how the views show a touchpoint's channel and owner.
type Badge struct {
	ChannelColor string // the channel's colour, palette.Header for none
	ChannelInk   string // the colour of text on ChannelColor
	ChannelName  string // led by the touchpoint's evidence mark, if any
	OwnerColor   string // the owner's colour (for its OwnerMark), "" for none or an unknown owner
	Owner        string // the owner's name, the bare id for an unknown one, "" for none
}

// Badge returns the badge of t; noChannel names a touchpoint without a
// channel.
func (c *Colors) Badge(ix *journey.Index, t *journey.Touchpoint, noChannel string) Badge {
	bd := Badge{ChannelColor: palette.Header, ChannelName: noChannel}
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
	return bd
}
