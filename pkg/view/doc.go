// Package view holds what the diagram builders share: their Options, the
// per-map id prefix, and a small writer for DOT with HTML-like labels that
// escapes every user string.
//
// The builders themselves live in the subpackages mapview (the journey
// map) and flowview (the touchpoint graph). They produce DOT bytes and
// know nothing of go-graphviz; a Layouter (which pkg/graphviz satisfies)
// turns DOT into positions or pictures.
//
// Every node of the DOT they emit carries an explicit position, size and
// pre-wrapped text measured with pkg/textmeasure, and the graph names its
// layout engine (layout="nop2": use the positions and edge routes as
// given), so Graphviz only draws what was laid out here, whatever engine
// the caller passes.
package view
