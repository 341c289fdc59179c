// Package palette picks the colours of the diagrams: a colour-blind-safe,
// print-safe set for channels, owners and personas, the emotion colours,
// and a text colour with enough contrast on any fill.
//
// Assign colours a map's channels, owners and personas in one pass, in
// source order, keeping a CIEDE2000 distance (DeltaE2000, on CIELAB from
// sRGB) of MinDeltaE between any two, and MinDeltaEDeutan as a
// deuteranope sees them (Machado et al. 2009), for up to MaxDistinct
// entries. A `color` in the file is kept; every coloured element also
// carries its name.
package palette
