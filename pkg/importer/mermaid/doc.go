// Package mermaid imports a Mermaid `journey` diagram (the user journey
// of mermaid.js) as a journey map: `title` is the title, `accTitle` and
// `accDescr` (one line or the `accDescr { … }` block) the description,
// each `section` a stage, each task a touchpoint whose score 1…5 becomes
// the emotion −2…+2 and whose actors become personas.
//
// The lexer follows Mermaid's own grammar (journey.jison, Mermaid 11)
// rule for rule, after the same preprocessing (YAML front matter, `%%{…}%%`
// directives and `%%` comments removed, `#…;` entity codes kept), so that
// what Mermaid accepts imports and what it rejects is an error at the same
// place. Mermaid itself accepts any score; the import takes only the
// integers 1 to 5 that Mermaid draws, and reports others at their column.
package mermaid
