// Package flowview builds the flow diagram as DOT: the touchpoints as a
// graph grouped by stage, `next` links as edges, steps back drawn
// distinctly, pain and delight coloured, moments of truth emphasised, and a
// legend.
//
// Layout in two passes, because dot's layout explodes when a tenth of the
// edges point backwards (issue 3: 4 s at 1,000 touchpoints, over 120 s at
// 1,500). The first pass hands dot only the forward graph (every edge to a
// later touchpoint, clusters per stage) and reads the positions back in
// Graphviz's "plain" format. The second pass emits the final DOT with every
// node pinned, the forward edges on dot's routes and the steps back routed
// here: out of the touchpoint to the gap beside its rank, up above the
// graph along a lane of their own, and down the gap before the touchpoint
// they return to. Graphviz then only draws (layout nop2), and the whole is
// as fast as dot on a graph without cycles.
//
// A map with more touchpoints than Options.MaxFlowLayout is not given to
// dot at all: its touchpoints are placed on a grid, a column per stage,
// and the picture says so.
package flowview
