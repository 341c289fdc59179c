// Package html renders a journey map as one self-contained HTML file a
// consultant can email: the diagrams as inline SVG, inline CSS, no script,
// nothing fetched from anywhere (a Content-Security-Policy says so to the
// browser), cards in a grid that fills the page's width, a print
// stylesheet for a landscape PDF (the text on A4, each diagram on A3, a
// large map split across A3 pages as raster.LayOut splits it, through
// <use> of the one inlined drawing), and the same sections as the
// Markdown report.
//
// Every user string goes through html/template and is escaped for its
// context. The SVGs come from cjm's own renderer and are inlined as they
// are, without their XML prolog.
package html
