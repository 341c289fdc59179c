// Package mdtext moves text between Markdown and plain text. Escape makes
// plain text safe as Markdown, so that it shows as exactly the text in any
// CommonMark or GFM renderer (GitHub's and GitLab's included): the one rule
// every Markdown output of cjm uses (the report, `diff --format md`); it
// needs only the standard library. FirstParagraph goes the other way: the
// plain text of a description's first paragraph (parsed with goldmark, as
// the reports parse it), for the diagrams, which cannot draw Markdown.
package mdtext
