// Package mdtext escapes plain text for Markdown, so that it shows as
// exactly the text in any CommonMark or GFM renderer (GitHub's and
// GitLab's included): the one rule every Markdown output of cjm uses (the
// report, `diff --format md`). It has no dependencies beyond the standard
// library.
package mdtext
