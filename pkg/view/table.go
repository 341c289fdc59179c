package view

import "strings"

// Table builds the HTML-like label of a fixed-size Graphviz table without
// borders, padding or spacing: every cell gets the exact size it was laid
// out with, so the label has the size the layout gave it.
type Table struct {
	W, H  float64
	Attrs string // extra TABLE attributes, e.g. BGCOLOR="#ffffff"
	rows  []string
}

// Cell is one TD of a Table row.
type Cell struct {
	W, H    float64
	Content string // escaped HTML-like text
	// Align is "LEFT" (the default: text starts at the left edge, where
	// it was measured) or "CENTER".
	Align string
	// VAlign is "TOP" (the default) or "MIDDLE" for left-aligned text.
	VAlign  string
	BG      string
	ColSpan int
	RowSpan int
}

// Row adds a row of cells.
func (t *Table) Row(cells ...Cell) {
	var b strings.Builder
	b.WriteString("<TR>")
	for _, c := range cells {
		b.WriteString(`<TD FIXEDSIZE="TRUE" WIDTH="`)
		b.WriteString(Num(Ceil(c.W)))
		b.WriteString(`" HEIGHT="`)
		b.WriteString(Num(Ceil(c.H)))
		b.WriteByte('"')
		if c.ColSpan > 1 {
			b.WriteString(` COLSPAN="` + Num(float64(c.ColSpan)) + `"`)
		}
		if c.RowSpan > 1 {
			b.WriteString(` ROWSPAN="` + Num(float64(c.RowSpan)) + `"`)
		}
		if c.BG != "" {
			b.WriteString(` BGCOLOR="` + c.BG + `"`)
		}
		if c.Content != "" {
			switch c.Align {
			case "CENTER":
				b.WriteString(` ALIGN="CENTER" VALIGN="MIDDLE"`)
			default:
				v := c.VAlign
				if v == "" {
					v = "TOP"
				}
				b.WriteString(` ALIGN="LEFT" VALIGN="` + v + `" BALIGN="LEFT"`)
			}
		}
		b.WriteByte('>')
		b.WriteString(c.Content)
		b.WriteString("</TD>")
	}
	b.WriteString("</TR>")
	t.rows = append(t.rows, b.String())
}

// HTML returns the table. A table with no rows gets one empty cell.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" WIDTH="`)
	b.WriteString(Num(Ceil(t.W)))
	b.WriteString(`" HEIGHT="`)
	b.WriteString(Num(Ceil(t.H)))
	b.WriteByte('"')
	if t.Attrs != "" {
		b.WriteByte(' ')
		b.WriteString(t.Attrs)
	}
	b.WriteByte('>')
	if len(t.rows) == 0 {
		b.WriteString(`<TR><TD FIXEDSIZE="TRUE" WIDTH="` + Num(Ceil(t.W)) + `" HEIGHT="` + Num(Ceil(t.H)) + `"></TD></TR>`)
	}
	for _, r := range t.rows {
		b.WriteString(r)
	}
	b.WriteString("</TABLE>")
	return b.String()
}

// TextBlock returns a one-cell table of the given size holding content.
func TextBlock(w, h float64, content, align string) string {
	t := Table{W: w, H: h}
	t.Row(Cell{W: w, H: h, Content: content, Align: align})
	return t.HTML()
}
