// Package outline computes, once, what the Markdown and HTML reports show
// of a journey map: personas, stages with their touchpoints resolved to
// names, the touchpoint inventory, pain points against opportunities, the
// KPIs with their status, the omnichannel and ownership matrices and the
// steps back. The renderers only lay it out; neither recomputes anything.
//
// Every string in a Report is the user's text, unescaped: escaping is the
// job of each output format.
package outline
