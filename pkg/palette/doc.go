// Package palette picks the colours of the diagrams: a colour-blind-safe,
// print-safe set for channels, owners and personas, the emotion colours,
// and a text colour with enough contrast on any fill.
//
// A channel or owner without a `color` gets a colour from its id's hash,
// not from its position in the file: adding, removing or reordering
// channels never recolours the others. Two ids may hash to the same colour;
// every coloured element also carries its name, and a `color` in the file
// settles a clash.
package palette
