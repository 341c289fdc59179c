// Package markdown renders a journey map as a Markdown report that reads
// well on GitHub and GitLab with no other file: the personas, a section per
// stage, the touchpoint inventory, pain points against opportunities, the
// KPIs, the omnichannel and ownership matrices, the steps back, and an
// inline ```mermaid journey diagram.
//
// Every user string is escaped (see Escape): a `|` never breaks a table,
// and HTML in a label reaches the page as text, never as markup. The map's
// description is Markdown by the format's definition: it is parsed with
// goldmark and re-emitted as escaped Markdown (Description), or rendered
// as HTML for the HTML report (DescriptionHTML), never with live HTML.
package markdown
