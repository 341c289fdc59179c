package palette

import (
	"hash/fnv"
	"math"
)

// Set is the ordered list the colours of channels, owners and personas
// are drawn from. Every colour of it takes black or white text at a WCAG
// contrast of 4.5 or more and stands out from white at 3 or more (a line
// or a marker on the page). Any two of its first 12 differ by a CIEDE2000
// ΔE of 20 or more, and by 10 or more as a deuteranope sees them (Machado
// et al. 2009); each is as far from white and from black.
// The first eight are from Paul Tol's and Okabe–Ito's schemes; the others
// were found by a max-min search over the sRGB cube around them. The
// order is part of the contract: changing it recolours every map.
var Set = []string{
	"#EE6677", // red
	"#009988", // teal
	"#006CD1", // blue
	"#994F00", // brown
	"#882255", // wine
	"#225522", // dark green
	"#332288", // indigo
	"#999933", // olive
	"#C35AFF", // violet
	"#005A69", // petrol
	"#876969", // taupe
	"#3C0000", // maroon
	// Beyond twelve, distances shrink (the next is the fallback order).
	"#8787B4", "#2D963C", "#78694B", "#96000F", "#2D002D", "#3C3C2D",
	// Twelve more, each at least ΔE 10 (5 as a deuteranope sees it) from
	// every colour before it and 20 from white and black, found by the
	// same max-min search: a map of more than twelve entries keeps the
	// bounds within a kind and half of them across kinds (six channels,
	// four owners and six personas did not with the eighteen above).
	"#3C3CFF", "#875A96", "#FF3CB4", "#788769", "#E10F00", "#870096",
	"#B48796", "#5A7878", "#5A5A69", "#5A2D00", "#D200C3", "#C30F3C",
}

// stableLen is the number of colours of Set that Stable hashes into: the
// set as it was before its last twelve were added, so that an element's
// stable colour did not change with them.
const stableLen = 18

// The bounds Assign keeps between any two colours of a map while it can.
const (
	MinDeltaE       = 20.0 // CIEDE2000, as drawn
	MinDeltaEDeutan = 10.0 // CIEDE2000, under the deuteranopia simulation
)

// MaxSearch is the number of entries past which Assign no longer searches
// (colours repeat long before): it hands the set out in turn.
const MaxSearch = 64

// MaxDistinct is the number of entries up to which Assign keeps the bounds
// between every two of them. Past it, it keeps them within each kind and
// half of them across kinds.
const MaxDistinct = 12

// Entry is one element of a map that gets a colour.
type Entry struct {
	// Kind groups the entries that are told apart from each other above
	// all: "channel", "owner", "persona".
	Kind string
	ID   string
	// Explicit is the map's `color`, used as is when it is a valid
	// "#rrggbb" or "#rgb".
	Explicit string
}

// Assign gives every entry its colour, in one pass over the map's
// channels, owners and personas together (in the order given: source
// order), so that no two of them look alike. An explicit colour is kept.
// Every other entry takes the first colour of Set that is at least
// MinDeltaE from every colour given so far (explicit ones first) and
// MinDeltaEDeutan from each as a deuteranope sees it; when none is, the
// one farthest from its nearest neighbour (the first of equals). With
// more than MaxDistinct entries, half the bounds are asked between entries
// of different kinds (a channel's bar and a persona's curve are told apart
// by where and how they are drawn, too). The
// colours are drawn as they are: a channel's as its bar (with TextOn
// text), an owner's as its ■ mark (the name is in the text colour), a
// persona's as its curve and markers. The result depends only on the entries and their order.
func Assign(entries []Entry) []string { return Scheme{}.Assign(entries) }

// Scheme is what Assign hands colours out from: a theme's (pkg/theme).
// The zero value is Set with the ΔE bounds.
type Scheme struct {
	// Set is the candidates in order; nil means Set. Brand puts a theme's
	// brand colours before Set.
	Set []string
	// Greyscale tells colours apart by their lightness alone (|ΔL*| of at
	// least MinDeltaL between two entries of a kind), for a deliverable
	// printed in black and white (the print theme, whose Set is Print).
	// Entries of different kinds are not compared: a channel's bar, an
	// owner's ■ and a persona's curve differ in shape. The map's explicit
	// colours are not used: they would not keep the distances. Only a
	// channel (a bar with its name written on it) takes a grey that stands
	// out from white at less than 3: an owner's mark and a persona's curve
	// on the page need that contrast.
	Greyscale bool
}

// Assign is the package's Assign, drawing from s.
func (s Scheme) Assign(entries []Entry) []string {
	cands := s.Set
	if cands == nil {
		cands = Set
	}
	out := make([]string, len(entries))
	if len(entries) > MaxSearch {
		// Colours repeat anyway; a search would cost the square of the
		// entries.
		k := 0
		for i, e := range entries {
			if c, ok := Parse(e.Explicit); ok && !s.Greyscale {
				out[i] = c.Hex()
				continue
			}
			out[i] = cands[k%len(cands)]
			k++
		}
		return out
	}
	type mark struct {
		lab, deutan Lab
		kind        string
		onWhite     bool // stands out from white at 3 or more
	}
	var drawn []mark
	for i, e := range entries {
		if c, ok := Parse(e.Explicit); ok && !s.Greyscale {
			out[i] = c.Hex()
			drawn = append(drawn, mark{lab: c.Lab(), deutan: c.Deuteranopia(), kind: e.Kind})
		}
	}
	cross := 1.0 // the share of the bounds kept between kinds
	if len(entries) > MaxDistinct {
		cross = 0.5
	}
	set := make([]mark, len(cands))
	white := RGB{255, 255, 255}
	for k, h := range cands {
		c, _ := Parse(h)
		set[k] = mark{c.Lab(), c.Deuteranopia(), "", Contrast(c, white) >= 3}
	}
	for i, e := range entries {
		if out[i] != "" {
			continue
		}
		best, bestScore := -1, -1.0
		for k, c := range set {
			if s.Greyscale && e.Kind != "channel" && !set[k].onWhite {
				continue
			}
			score := math.Inf(1)
			for _, d := range drawn {
				if s.Greyscale {
					if d.kind == e.Kind {
						score = math.Min(score, math.Abs(c.lab.L-d.lab.L)/MinDeltaL)
					}
					continue
				}
				f := 1.0
				if d.kind != e.Kind {
					f = cross
				}
				n := DeltaE2000(c.lab, d.lab) / (f * MinDeltaE)
				dd := DeltaE2000(c.deutan, d.deutan) / (f * MinDeltaEDeutan)
				score = math.Min(score, math.Min(n, dd))
			}
			if score >= 1 {
				best = k
				break
			}
			if score > bestScore {
				best, bestScore = k, score
			}
		}
		if best < 0 {
			best = 0 // no candidate stands out from white: the first
		}
		out[i] = cands[best]
		drawn = append(drawn, mark{lab: set[best].lab, deutan: set[best].deutan, kind: e.Kind})
	}
	return out
}

// Stable returns a colour for an element that is not part of a map's
// assignment: explicit when it is a valid "#rrggbb", else picked from Set
// by a hash (FNV-1a) of the id.
func Stable(id, explicit string) string {
	if c, ok := Parse(explicit); ok {
		return c.Hex()
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return Set[h.Sum32()%stableLen]
}
